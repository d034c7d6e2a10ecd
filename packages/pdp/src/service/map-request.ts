// Validates a decoded AuthorizeRequest against the limits and maps it straight into the core's request shape.

import { status } from '@grpc/grpc-js';
import type { AuthorizeRequest__Output, ContextValue__Output, Principal__Output, RoleSession__Output, Timestamp__Output } from '@iam/proto';
import type { AuthzRequest, ContextValue, PrincipalInput, RoleSession } from '../core.ts';
import type { Limits } from '../config.ts';

/** Longest piece of user input quoted back in an error message. */
export const MAX_QUOTED_CHARS = 64;
/** Range of a google.protobuf.Timestamp (0001-01-01 to 9999-12-31). */
export const MIN_TIMESTAMP_SECONDS = -62_135_596_800;
export const MAX_TIMESTAMP_SECONDS = 253_402_300_799;

const REPLACEMENT_CHAR = '\uFFFD';
const ACCOUNT_ID = /^\d{12}$/;

/** A request the PDP refuses; `code` is the gRPC status, the message names the field. */
export class RequestError extends Error {
  constructor(readonly code: number, message: string) {
    super(message);
    this.name = 'RequestError';
  }
}

/** Where a field sits: `requests[3].` inside a batch, nothing for a unary call. */
function path(index: number, field: string): string {
  return index < 0 ? field : `requests[${index}].${field}`;
}

function invalid(index: number, field: string, problem: string): never {
  throw new RequestError(status.INVALID_ARGUMENT, `\`${path(index, field)}\` ${problem}`);
}

/** Quotes user input for an error message, cut to MAX_QUOTED_CHARS. */
export function quote(text: string): string {
  return text.length > MAX_QUOTED_CHARS ? `${text.slice(0, MAX_QUOTED_CHARS)}...` : text;
}

/** Checks a string's presence, length in UTF-8 bytes and encoding (the decoder turns invalid UTF-8 into U+FFFD). */
function checkString(value: string | undefined, index: number, field: string, maxBytes: number, required: boolean): void {
  if (value === undefined || value.length === 0) {
    if (required) invalid(index, field, 'is required');
    return;
  }
  if (value.length > maxBytes || (value.length * 3 > maxBytes && Buffer.byteLength(value) > maxBytes)) {
    invalid(index, field, `is longer than ${maxBytes} bytes`);
  }
  if (value.includes(REPLACEMENT_CHAR)) invalid(index, field, 'is not valid UTF-8');
}

function toMillis(ts: Timestamp__Output, index: number, field: string): number {
  const { seconds, nanos } = ts;
  if (!Number.isSafeInteger(seconds) || seconds < MIN_TIMESTAMP_SECONDS || seconds > MAX_TIMESTAMP_SECONDS) invalid(index, `${field}.seconds`, 'is out of range');
  if (!Number.isInteger(nanos) || nanos < 0 || nanos > 999_999_999) invalid(index, `${field}.nanos`, 'must be from 0 to 999999999');
  return seconds * 1000 + Math.floor(nanos / 1_000_000);
}

function mapSession(s: RoleSession__Output, index: number, limits: Limits): RoleSession {
  checkString(s.role_arn, index, 'principal.session.role_arn', limits.maxArnBytes, true);
  checkString(s.session_name, index, 'principal.session.session_name', limits.maxNameBytes, true);
  const session: RoleSession = { roleArn: s.role_arn, sessionName: s.session_name };
  if (s.policies.length > 0) {
    if (s.policies.length > limits.maxSessionPolicies) invalid(index, 'principal.session.policies', `has more than ${limits.maxSessionPolicies} items`);
    session.policies = s.policies.map((text, i) => {
      const field = `principal.session.policies[${i}]`;
      checkString(text, index, field, limits.maxSessionPolicyBytes, true);
      let doc: unknown;
      try {
        doc = JSON.parse(text);
      } catch {
        invalid(index, field, 'is not valid JSON');
      }
      if (typeof doc !== 'object' || doc === null || Array.isArray(doc)) invalid(index, field, 'must be a JSON object');
      return doc as Record<string, unknown>;
    });
  }
  if (s.policy_arns.length > 0) {
    if (s.policy_arns.length > limits.maxSessionPolicyArns) invalid(index, 'principal.session.policy_arns', `has more than ${limits.maxSessionPolicyArns} items`);
    s.policy_arns.forEach((arn, i) => checkString(arn, index, `principal.session.policy_arns[${i}]`, limits.maxArnBytes, true));
    session.policyArns = s.policy_arns;
  }
  const tagKeys = Object.keys(s.tags);
  if (tagKeys.length > 0) {
    if (tagKeys.length > limits.maxSessionTags) invalid(index, 'principal.session.tags', `has more than ${limits.maxSessionTags} entries`);
    for (const key of tagKeys) {
      checkString(key, index, 'principal.session.tags', limits.maxTagKeyBytes, true);
      checkString(s.tags[key], index, `principal.session.tags.${quote(key)}`, limits.maxTagValueBytes, false);
    }
    session.tags = s.tags;
  }
  if (s.source_identity) {
    checkString(s.source_identity, index, 'principal.session.source_identity', limits.maxNameBytes, false);
    session.sourceIdentity = s.source_identity;
  }
  if (s.issued_at) session.issuedAt = toMillis(s.issued_at, index, 'principal.session.issued_at');
  return session;
}

function mapPrincipal(p: Principal__Output | null, index: number, limits: Limits): PrincipalInput {
  if (p === null) return invalid(index, 'principal', 'is required');
  let principal: PrincipalInput;
  switch (p.kind) {
    case 'arn':
      checkString(p.arn, index, 'principal.arn', limits.maxArnBytes, true);
      principal = { arn: p.arn };
      break;
    case 'session':
      if (!p.session) invalid(index, 'principal.session', 'is required');
      principal = { session: mapSession(p.session, index, limits) };
      break;
    case 'service':
      checkString(p.service, index, 'principal.service', limits.maxNameBytes, true);
      principal = { service: p.service };
      break;
    case 'federated':
      checkString(p.federated, index, 'principal.federated', limits.maxArnBytes, true);
      principal = { federated: p.federated };
      break;
    default:
      return invalid(index, 'principal', 'must set one of `arn`, `session`, `service`, `federated`');
  }
  if (p.mfa_present !== undefined) principal.mfaPresent = p.mfa_present;
  if (p.mfa_authenticated_at) principal.mfaAuthenticatedAt = toMillis(p.mfa_authenticated_at, index, 'principal.mfa_authenticated_at');
  return principal;
}

function mapContextValue(v: ContextValue__Output, index: number, key: string, limits: Limits): ContextValue {
  switch (v.kind) {
    case 'string_value':
      checkString(v.string_value, index, `context.${quote(key)}`, limits.maxContextValueBytes, false);
      return v.string_value!;
    case 'number_value':
      if (!Number.isFinite(v.number_value)) invalid(index, `context.${quote(key)}`, 'must be a finite number');
      return v.number_value!;
    case 'bool_value':
      return v.bool_value!;
    case 'string_list': {
      const values = v.string_list?.values ?? [];
      if (values.length > limits.maxContextListItems) invalid(index, `context.${quote(key)}`, `has more than ${limits.maxContextListItems} values`);
      for (const item of values) checkString(item, index, `context.${quote(key)}`, limits.maxContextValueBytes, false);
      return values;
    }
    default:
      return invalid(index, `context.${quote(key)}`, 'must set one of `string_value`, `number_value`, `bool_value`, `string_list`');
  }
}

function mapContext(raw: AuthorizeRequest__Output['context'], index: number, limits: Limits): Record<string, ContextValue> | undefined {
  const keys = Object.keys(raw);
  if (keys.length === 0) return undefined;
  if (keys.length > limits.maxContextKeys) invalid(index, 'context', `has ${keys.length} keys, at most ${limits.maxContextKeys} are allowed`);
  const context: Record<string, ContextValue> = {};
  for (const key of keys) {
    checkString(key, index, 'context key', limits.maxContextKeyBytes, true);
    context[key] = mapContextValue(raw[key], index, key, limits);
  }
  return context;
}

/**
 * Maps one decoded request into the core's shape, or throws a RequestError naming the field.
 * `index` is the position inside a batch (-1 for a unary call); `explain` forces explanations (for the decision log).
 */
export function mapRequest(msg: AuthorizeRequest__Output, index: number, limits: Limits, forceExplain: boolean): AuthzRequest {
  const principal = mapPrincipal(msg.principal, index, limits);
  checkString(msg.action, index, 'action', limits.maxNameBytes, true);
  checkString(msg.resource, index, 'resource', limits.maxArnBytes, true);
  const request: AuthzRequest = { principal, action: msg.action, resource: msg.resource };
  if (msg.resource_account !== undefined) {
    if (!ACCOUNT_ID.test(msg.resource_account)) invalid(index, 'resource_account', `must be a 12-digit account id, got \`${quote(msg.resource_account)}\``);
    request.resourceAccount = msg.resource_account;
  }
  const context = mapContext(msg.context, index, limits);
  if (context) request.context = context;
  if (msg.time) request.time = toMillis(msg.time, index, 'time');
  if (msg.explain || forceExplain) request.explain = true;
  return request;
}
