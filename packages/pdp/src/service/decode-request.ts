// Decodes AuthorizeRequest / BatchAuthorizeRequest bytes straight into the core's request shape, validating as it goes.
// Field numbers follow protos/iam/authz/v1/request.proto and service.proto; a test checks it against proto-loader.

import { status } from '@grpc/grpc-js';
import type { AuthzRequest, ContextValue, PrincipalInput, RoleSession } from '../core.ts';
import type { Limits } from '../config.ts';
import { checkString, invalid, quote, RequestError, toMillis } from './request-checks.ts';
import { MalformedError, WIRE_FIXED64, WIRE_LEN, WIRE_VARINT, WireReader } from './wire-reader.ts';

/** Batch modes by their enum number (BatchMode in service.proto). */
export const BATCH_MODES = ['execute_all', 'execute_all', 'deny_on_first_deny', 'permit_on_first_permit'] as const;
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
/** A key that would reach an object's prototype instead of becoming a property. */
const PROTO_KEY = '__proto__';

/** Reads the next tag; checks the wire type of known fields. */
function wrongType(index: number, field: string): never {
  return invalid(index, field, 'has the wrong wire type');
}

function expect(r: WireReader, wireType: number, want: number, index: number, field: string): void {
  if (wireType !== want) wrongType(index, field);
}

function timestamp(r: WireReader, index: number, field: string): number {
  const end = r.lengthDelimited();
  const sub = new WireReader(r.buf, r.pos, end);
  let seconds = 0;
  let nanos = 0;
  while (sub.more()) {
    const tag = sub.varint();
    const wt = tag & 7;
    if (tag >>> 3 === 1 && wt === WIRE_VARINT) seconds = sub.int64();
    else if (tag >>> 3 === 2 && wt === WIRE_VARINT) nanos = sub.int64();
    else sub.skip(wt);
  }
  r.pos = end;
  return toMillis(seconds, nanos, index, field);
}

function stringList(r: WireReader, index: number, field: string, limits: Limits): string[] {
  const end = r.lengthDelimited();
  const sub = new WireReader(r.buf, r.pos, end);
  const values: string[] = [];
  while (sub.more()) {
    const tag = sub.varint();
    if (tag >>> 3 !== 1) { sub.skip(tag & 7); continue; }
    expect(sub, tag & 7, WIRE_LEN, index, field);
    if (values.length >= limits.maxContextListItems) invalid(index, field, `has more than ${limits.maxContextListItems} values`);
    values.push(checkString(sub.string(), index, field, limits.maxContextValueBytes, false));
  }
  r.pos = end;
  return values;
}

function contextValue(r: WireReader, index: number, key: string, limits: Limits): ContextValue {
  const field = `context.${quote(key)}`;
  const end = r.lengthDelimited();
  const sub = new WireReader(r.buf, r.pos, end);
  let value: ContextValue | undefined;
  while (sub.more()) {
    const tag = sub.varint();
    const wt = tag & 7;
    switch (tag >>> 3) {
      case 1: expect(sub, wt, WIRE_LEN, index, field); value = checkString(sub.string(), index, field, limits.maxContextValueBytes, false); break;
      case 2: {
        expect(sub, wt, WIRE_FIXED64, index, field);
        const n = sub.double();
        if (!Number.isFinite(n)) invalid(index, field, 'must be a finite number');
        value = n;
        break;
      }
      case 3: expect(sub, wt, WIRE_VARINT, index, field); value = sub.varint() !== 0; break;
      case 4: expect(sub, wt, WIRE_LEN, index, field); value = stringList(sub, index, field, limits); break;
      default: sub.skip(wt);
    }
  }
  r.pos = end;
  if (value === undefined) invalid(index, field, 'must set one of `string_value`, `number_value`, `bool_value`, `string_list`');
  return value;
}

/** One map entry (key = field 1, value = field 2), values read by `readValue`. */
function mapEntry<T>(r: WireReader, index: number, field: string, readValue: (sub: WireReader, key: string) => T): [string, T | undefined] {
  const end = r.lengthDelimited();
  const sub = new WireReader(r.buf, r.pos, end);
  let key = '';
  let value: T | undefined;
  let valueAt = -1;
  while (sub.more()) {
    const tag = sub.varint();
    const wt = tag & 7;
    if (tag >>> 3 === 1) {
      expect(sub, wt, WIRE_LEN, index, field);
      const k = sub.string();
      if (k === null) invalid(index, field, 'has a key that is not valid UTF-8');
      key = k;
    } else if (tag >>> 3 === 2) {
      expect(sub, wt, WIRE_LEN, index, field);
      valueAt = sub.pos;
      sub.skip(WIRE_LEN);
    } else sub.skip(wt);
  }
  // The value is read after the key so that errors can name it, whatever order the fields came in.
  if (valueAt >= 0) {
    const at = new WireReader(r.buf, valueAt, end);
    value = readValue(at, key);
  }
  r.pos = end;
  return [key, value];
}

function session(r: WireReader, index: number, limits: Limits): RoleSession {
  const end = r.lengthDelimited();
  const sub = new WireReader(r.buf, r.pos, end);
  const s: RoleSession = { roleArn: '', sessionName: '' };
  const F = 'principal.session';
  while (sub.more()) {
    const tag = sub.varint();
    const wt = tag & 7;
    const n = tag >>> 3;
    if (n >= 1 && n <= 7 && wt !== WIRE_LEN) wrongType(index, F);
    switch (n) {
      case 1: s.roleArn = checkString(sub.string(), index, `${F}.role_arn`, limits.maxArnBytes, false); break;
      case 2: s.sessionName = checkString(sub.string(), index, `${F}.session_name`, limits.maxNameBytes, false); break;
      case 3: {
        const policies = (s.policies ??= []);
        const field = `${F}.policies[${policies.length}]`;
        if (policies.length >= limits.maxSessionPolicies) invalid(index, `${F}.policies`, `has more than ${limits.maxSessionPolicies} items`);
        const text = checkString(sub.string(), index, field, limits.maxSessionPolicyBytes, true);
        let doc: unknown;
        try {
          doc = JSON.parse(text);
        } catch {
          invalid(index, field, 'is not valid JSON');
        }
        if (typeof doc !== 'object' || doc === null || Array.isArray(doc)) invalid(index, field, 'must be a JSON object');
        policies.push(doc as Record<string, unknown>);
        break;
      }
      case 4: {
        const arns = (s.policyArns ??= []);
        if (arns.length >= limits.maxSessionPolicyArns) invalid(index, `${F}.policy_arns`, `has more than ${limits.maxSessionPolicyArns} items`);
        arns.push(checkString(sub.string(), index, `${F}.policy_arns[${arns.length}]`, limits.maxArnBytes, true));
        break;
      }
      case 5: {
        const tags = (s.tags ??= {});
        const [key, value] = mapEntry(sub, index, `${F}.tags`, (v) => checkString(v.string(), index, `${F}.tags`, limits.maxTagValueBytes, false));
        checkString(key, index, `${F}.tags`, limits.maxTagKeyBytes, true);
        if (key === PROTO_KEY) invalid(index, `${F}.tags`, `has a key that is not allowed: \`${PROTO_KEY}\``);
        if (!Object.hasOwn(tags, key) && Object.keys(tags).length >= limits.maxSessionTags) invalid(index, `${F}.tags`, `has more than ${limits.maxSessionTags} entries`);
        tags[key] = value ?? '';
        break;
      }
      case 6: s.sourceIdentity = checkString(sub.string(), index, `${F}.source_identity`, limits.maxNameBytes, false) || undefined; break;
      case 7: s.issuedAt = timestamp(sub, index, `${F}.issued_at`); break;
      default: sub.skip(wt);
    }
  }
  r.pos = end;
  if (!s.roleArn) invalid(index, `${F}.role_arn`, 'is required');
  if (!s.sessionName) invalid(index, `${F}.session_name`, 'is required');
  if (s.sourceIdentity === undefined) delete s.sourceIdentity;
  return s;
}

function principal(r: WireReader, index: number, limits: Limits): PrincipalInput {
  const end = r.lengthDelimited();
  const sub = new WireReader(r.buf, r.pos, end);
  let p: PrincipalInput | undefined;
  let mfaPresent: boolean | undefined;
  let mfaAt: number | undefined;
  while (sub.more()) {
    const tag = sub.varint();
    const wt = tag & 7;
    const n = tag >>> 3;
    if (n >= 1 && n <= 4 && wt !== WIRE_LEN) wrongType(index, 'principal');
    switch (n) {
      case 1: p = { arn: checkString(sub.string(), index, 'principal.arn', limits.maxArnBytes, true) }; break;
      case 2: p = { session: session(sub, index, limits) }; break;
      case 3: p = { service: checkString(sub.string(), index, 'principal.service', limits.maxNameBytes, true) }; break;
      case 4: p = { federated: checkString(sub.string(), index, 'principal.federated', limits.maxArnBytes, true) }; break;
      case 5: expect(sub, wt, WIRE_VARINT, index, 'principal.mfa_present'); mfaPresent = sub.varint() !== 0; break;
      case 6: expect(sub, wt, WIRE_LEN, index, 'principal.mfa_authenticated_at'); mfaAt = timestamp(sub, index, 'principal.mfa_authenticated_at'); break;
      default: sub.skip(wt);
    }
  }
  r.pos = end;
  if (!p) return invalid(index, 'principal', 'must set one of `arn`, `session`, `service`, `federated`');
  if (mfaPresent !== undefined) p.mfaPresent = mfaPresent;
  if (mfaAt !== undefined) p.mfaAuthenticatedAt = mfaAt;
  return p;
}

/** Decodes one AuthorizeRequest spanning `[start, end)` of `buf`; `index` is its batch position (-1 for unary). */
export function decodeAuthorize(buf: Buffer, start: number, end: number, index: number, limits: Limits, forceExplain: boolean): DecodedUnary {
  const r = new WireReader(buf, start, end);
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
      case 1: expect(r, wt, WIRE_LEN, index, 'principal'); p = principal(r, index, limits); break;
      case 2: expect(r, wt, WIRE_LEN, index, 'action'); action = checkString(r.string(), index, 'action', limits.maxNameBytes, false); break;
      case 3: expect(r, wt, WIRE_LEN, index, 'resource'); resource = checkString(r.string(), index, 'resource', limits.maxArnBytes, false); break;
      case 4: expect(r, wt, WIRE_LEN, index, 'resource_account'); resourceAccount = checkString(r.string(), index, 'resource_account', limits.maxNameBytes, false); break;
      case 5: {
        expect(r, wt, WIRE_LEN, index, 'context');
        const [key, value] = mapEntry(r, index, 'context', (v, k) => contextValue(v, index, k, limits));
        checkString(key, index, 'context key', limits.maxContextKeyBytes, true);
        if (key === PROTO_KEY) invalid(index, 'context', `has a key that is not allowed: \`${PROTO_KEY}\``);
        context ??= {};
        if (!Object.hasOwn(context, key) && ++contextKeys > limits.maxContextKeys) invalid(index, 'context', `has more than ${limits.maxContextKeys} keys`);
        if (value === undefined) invalid(index, `context.${quote(key)}`, 'must set one of `string_value`, `number_value`, `bool_value`, `string_list`');
        context[key] = value;
        break;
      }
      case 6: expect(r, wt, WIRE_VARINT, index, 'explain'); explain = r.varint() !== 0; break;
      case 7: expect(r, wt, WIRE_VARINT, index, 'min_revision'); minRevision = r.varint(); break;
      case 8: expect(r, wt, WIRE_LEN, index, 'time'); time = timestamp(r, index, 'time'); break;
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
  return { request, explain, minRevision };
}

/** Decodes a BatchAuthorizeRequest; refuses empty batches and batches over `limits.maxBatchSize`. */
export function decodeBatch(buf: Buffer, limits: Limits, forceExplain: boolean): DecodedBatch {
  const r = new WireReader(buf, 0, buf.length);
  const requests: AuthzRequest[] = [];
  const explain: boolean[] = [];
  let mode: BatchModeName = 'execute_all';
  let minRevision = 0;
  while (r.more()) {
    const tag = r.varint();
    const wt = tag & 7;
    switch (tag >>> 3) {
      case 1: {
        expect(r, wt, WIRE_LEN, -1, 'requests');
        if (requests.length >= limits.maxBatchSize) invalid(-1, 'requests', `has more than ${limits.maxBatchSize} items`);
        const end = r.lengthDelimited();
        const item = decodeAuthorize(buf, r.pos, end, requests.length, limits, forceExplain);
        r.pos = end;
        requests.push(item.request);
        explain.push(item.explain);
        if (item.minRevision > minRevision) minRevision = item.minRevision;
        break;
      }
      case 2: {
        expect(r, wt, WIRE_VARINT, -1, 'mode');
        const m = r.varint();
        if (m >= BATCH_MODES.length) invalid(-1, 'mode', `is not a known batch mode: \`${m}\``);
        mode = BATCH_MODES[m];
        break;
      }
      case 3: {
        expect(r, wt, WIRE_VARINT, -1, 'min_revision');
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
