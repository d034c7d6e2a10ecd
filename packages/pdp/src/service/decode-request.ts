// Decodes AuthorizeRequest / BatchAuthorizeRequest bytes straight into the core's request shape, validating as it goes.
// Field numbers follow protos/iam/authz/v1/request.proto and service.proto; a test checks it against proto-loader.

import { status } from '@grpc/grpc-js';
import type { AuthzRequest, ContextValue, PrincipalInput } from '../core.ts';
import type { Limits } from '../config.ts';
import { expectType, mapKey, PROTO_KEY, timestamp, wrongType } from './decode-fields.ts';
import { principal } from './decode-principal.ts';
import { checkString, invalid, quote, RequestError } from './request-checks.ts';
import { MalformedError, WIRE_FIXED64, WIRE_LEN, WIRE_VARINT, WireReader } from './wire-reader.ts';

/** Batch modes by their enum number (BatchMode in service.proto). */
export const BATCH_MODES = ['execute_all', 'execute_all', 'deny_on_first_deny', 'permit_on_first_permit'] as const;
/** A batch mode by name. */
export type BatchModeName = (typeof BATCH_MODES)[number];

/** One decoded Authorize call. */
export interface DecodedUnary {
  request: AuthzRequest;
  /** Whether the caller asked for an explanation (the request may carry one forced for the decision log). */
  explain: boolean;
  minRevision: number;
}

/** One decoded BatchAuthorize call. */
export interface DecodedBatch {
  requests: AuthzRequest[];
  explain: boolean[];
  mode: BatchModeName;
  /** The largest of the batch's and each request's min_revision. */
  minRevision: number;
}

const ACCOUNT_ID = /^\d{12}$/;

/** Where a context value sits, for messages (built only when one is needed). */
function contextField(key: string): string {
  return `context.${quote(key)}`;
}

/** Reads a context string: the common case is accepted at once, anything else goes through checkString. */
function contextString(r: WireReader, index: number, key: string, limits: Limits): string {
  const value = r.string();
  if (value !== null && value.length * 3 <= limits.maxContextValueBytes) return value;
  return checkString(value, index, contextField(key), limits.maxContextValueBytes, false);
}

function stringList(r: WireReader, index: number, key: string, limits: Limits): string[] {
  const outer = r.enter();
  const values: string[] = [];
  while (r.more()) {
    const tag = r.varint();
    if (tag >>> 3 !== 1) { r.skip(tag & 7); continue; }
    if ((tag & 7) !== WIRE_LEN) wrongType(index, contextField(key));
    if (values.length >= limits.maxContextListItems) invalid(index, contextField(key), `has more than ${limits.maxContextListItems} values`);
    values.push(contextString(r, index, key, limits));
  }
  r.leave(outer);
  return values;
}

/** Reads the ContextValue at `r.mark` (found by mapKey), then returns the reader to where it was. */
function contextValue(r: WireReader, index: number, key: string, limits: Limits): ContextValue {
  const resume = r.pos;
  r.pos = r.mark;
  const outer = r.enter();
  let value: ContextValue | undefined;
  while (r.more()) {
    const tag = r.varint();
    const wt = tag & 7;
    switch (tag >>> 3) {
      case 1: if (wt !== WIRE_LEN) wrongType(index, contextField(key)); value = contextString(r, index, key, limits); break;
      case 2: {
        if (wt !== WIRE_FIXED64) wrongType(index, contextField(key));
        const n = r.double();
        if (!Number.isFinite(n)) invalid(index, contextField(key), 'must be a finite number');
        value = n;
        break;
      }
      case 3: if (wt !== WIRE_VARINT) wrongType(index, contextField(key)); value = r.varint() !== 0; break;
      case 4: if (wt !== WIRE_LEN) wrongType(index, contextField(key)); value = stringList(r, index, key, limits); break;
      default: r.skip(wt);
    }
  }
  r.leave(outer);
  r.pos = resume;
  if (value === undefined) invalid(index, contextField(key), 'must set one of `string_value`, `number_value`, `bool_value`, `string_list`');
  return value;
}

/** What the caller asked besides the request itself (reused across the items of a batch). */
interface ItemFlags {
  explain: boolean;
  minRevision: number;
}

/** Decodes one AuthorizeRequest spanning `[start, end)` of `buf`; `index` is its batch position (-1 for unary). */
export function decodeAuthorize(buf: Buffer, start: number, end: number, index: number, limits: Limits, forceExplain: boolean): DecodedUnary {
  const flags: ItemFlags = { explain: false, minRevision: 0 };
  const request = readAuthorize(new WireReader(buf, start, end), index, limits, forceExplain, flags);
  return { request, explain: flags.explain, minRevision: flags.minRevision };
}

/** Reads an AuthorizeRequest up to the reader's end into the core shape; the caller's flags go to `flags`. */
function readAuthorize(r: WireReader, index: number, limits: Limits, forceExplain: boolean, flags: ItemFlags): AuthzRequest {
  let p: PrincipalInput | undefined;
  let action = '';
  let resource = '';
  let resourceAccount: string | undefined;
  let context: Record<string, ContextValue> | undefined;
  let contextKeys = 0;
  let explain = false;
  let minRevision = 0;
  let time: number | undefined;
  while (r.more()) {
    const tag = r.varint();
    const wt = tag & 7;
    switch (tag >>> 3) {
      case 1: expectType(wt, WIRE_LEN, index, 'principal'); p = principal(r, index, limits); break;
      case 2: expectType(wt, WIRE_LEN, index, 'action'); action = checkString(r.key(), index, 'action', limits.maxNameBytes, false); break;
      case 3: expectType(wt, WIRE_LEN, index, 'resource'); resource = checkString(r.string(), index, 'resource', limits.maxArnBytes, false); break;
      case 4: expectType(wt, WIRE_LEN, index, 'resource_account'); resourceAccount = checkString(r.string(), index, 'resource_account', limits.maxNameBytes, false); break;
      case 5: {
        expectType(wt, WIRE_LEN, index, 'context');
        const key = mapKey(r, index, 'context');
        checkString(key, index, 'context key', limits.maxContextKeyBytes, true);
        const value = r.mark < 0 ? undefined : contextValue(r, index, key, limits);
        if (key === PROTO_KEY) invalid(index, 'context', `has a key that is not allowed: \`${PROTO_KEY}\``);
        context ??= {};
        if (!Object.hasOwn(context, key) && ++contextKeys > limits.maxContextKeys) invalid(index, 'context', `has more than ${limits.maxContextKeys} keys`);
        if (value === undefined) invalid(index, contextField(key), 'must set one of `string_value`, `number_value`, `bool_value`, `string_list`');
        context[key] = value;
        break;
      }
      case 6: expectType(wt, WIRE_VARINT, index, 'explain'); explain = r.varint() !== 0; break;
      case 7: expectType(wt, WIRE_VARINT, index, 'min_revision'); minRevision = r.varint(); break;
      case 8: expectType(wt, WIRE_LEN, index, 'time'); time = timestamp(r, index, 'time'); break;
      default: r.skip(wt);
    }
  }
  if (!p) invalid(index, 'principal', 'is required');
  if (!action) invalid(index, 'action', 'is required');
  if (!resource) invalid(index, 'resource', 'is required');
  const request: AuthzRequest = { principal: p, action, resource };
  if (resourceAccount !== undefined) {
    if (!ACCOUNT_ID.test(resourceAccount)) invalid(index, 'resource_account', `must be a 12-digit account id, got \`${quote(resourceAccount)}\``);
    request.resourceAccount = resourceAccount;
  }
  if (context) request.context = context;
  if (time !== undefined) request.time = time;
  if (explain || forceExplain) request.explain = true;
  flags.explain = explain;
  flags.minRevision = minRevision;
  return request;
}

/** Decodes a BatchAuthorizeRequest; refuses empty batches and batches over `limits.maxBatchSize`. */
export function decodeBatch(buf: Buffer, limits: Limits, forceExplain: boolean): DecodedBatch {
  const r = new WireReader(buf, 0, buf.length);
  const requests: AuthzRequest[] = [];
  const explain: boolean[] = [];
  const flags: ItemFlags = { explain: false, minRevision: 0 };
  let mode: BatchModeName = 'execute_all';
  let minRevision = 0;
  while (r.more()) {
    const tag = r.varint();
    const wt = tag & 7;
    switch (tag >>> 3) {
      case 1: {
        expectType(wt, WIRE_LEN, -1, 'requests');
        if (requests.length >= limits.maxBatchSize) invalid(-1, 'requests', `has more than ${limits.maxBatchSize} items`);
        const outer = r.enter();
        requests.push(readAuthorize(r, requests.length, limits, forceExplain, flags));
        r.leave(outer);
        explain.push(flags.explain);
        if (flags.minRevision > minRevision) minRevision = flags.minRevision;
        break;
      }
      case 2: {
        expectType(wt, WIRE_VARINT, -1, 'mode');
        const m = r.varint();
        if (m >= BATCH_MODES.length) invalid(-1, 'mode', `is not a known batch mode: \`${m}\``);
        mode = BATCH_MODES[m];
        break;
      }
      case 3: {
        expectType(wt, WIRE_VARINT, -1, 'min_revision');
        const rev = r.varint();
        if (rev > minRevision) minRevision = rev;
        break;
      }
      default: r.skip(wt);
    }
  }
  if (requests.length === 0) invalid(-1, 'requests', 'is required');
  return { requests, explain, mode, minRevision };
}

/** Runs a decoder, turning malformed protobuf into INVALID_ARGUMENT naming the message type. */
export function decoding<T>(what: string, decode: () => T): T {
  try {
    return decode();
  } catch (err) {
    if (err instanceof MalformedError) throw new RequestError(status.INVALID_ARGUMENT, `request is not a valid ${what} message`);
    throw err;
  }
}
