// Decodes the Principal and RoleSession messages of a request into the core's principal shape.

import type { PrincipalInput, RoleSession } from '../core.ts';
import type { Limits } from '../config.ts';
import { expectType, mapKey, PROTO_KEY, stringAtMark, timestamp, wrongType } from './decode-fields.ts';
import { checkString, invalid } from './request-checks.ts';
import { WIRE_LEN, WIRE_VARINT, WireReader } from './wire-reader.ts';

/** Field paths of a RoleSession, for messages. */
const F = 'principal.session';
const ROLE_ARN = `${F}.role_arn`;
const SESSION_NAME = `${F}.session_name`;
const TAGS = `${F}.tags`;
const SOURCE_IDENTITY = `${F}.source_identity`;
const ISSUED_AT = `${F}.issued_at`;

function session(r: WireReader, index: number, limits: Limits): RoleSession {
  const outer = r.enter();
  const s: RoleSession = { roleArn: '', sessionName: '' };
  let tagCount = 0; // distinct tag keys so far (Object.keys per tag would make the check quadratic)
  while (r.more()) {
    const tag = r.varint();
    const wt = tag & 7;
    const n = tag >>> 3;
    if (n >= 1 && n <= 7 && wt !== WIRE_LEN) wrongType(index, F);
    switch (n) {
      case 1: s.roleArn = checkString(r.string(), index, ROLE_ARN, limits.maxArnBytes, false); break;
      case 2: s.sessionName = checkString(r.string(), index, SESSION_NAME, limits.maxNameBytes, false); break;
      case 3: {
        const policies = (s.policies ??= []);
        const field = `${F}.policies[${policies.length}]`;
        if (policies.length >= limits.maxSessionPolicies) invalid(index, `${F}.policies`, `has more than ${limits.maxSessionPolicies} items`);
        const text = checkString(r.string(), index, field, limits.maxSessionPolicyBytes, true);
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
        arns.push(checkString(r.string(), index, `${F}.policy_arns[${arns.length}]`, limits.maxArnBytes, true));
        break;
      }
      case 5: {
        const tags = (s.tags ??= {});
        const key = mapKey(r, index, TAGS);
        const value = r.mark < 0 ? '' : checkString(stringAtMark(r), index, TAGS, limits.maxTagValueBytes, false);
        checkString(key, index, TAGS, limits.maxTagKeyBytes, true);
        if (key === PROTO_KEY) invalid(index, TAGS, `has a key that is not allowed: \`${PROTO_KEY}\``);
        if (!Object.hasOwn(tags, key) && ++tagCount > limits.maxSessionTags) invalid(index, TAGS, `has more than ${limits.maxSessionTags} entries`);
        tags[key] = value;
        break;
      }
      case 6: s.sourceIdentity = checkString(r.string(), index, SOURCE_IDENTITY, limits.maxNameBytes, false) || undefined; break;
      case 7: s.issuedAt = timestamp(r, index, ISSUED_AT); break;
      default: r.skip(wt);
    }
  }
  r.leave(outer);
  if (!s.roleArn) invalid(index, ROLE_ARN, 'is required');
  if (!s.sessionName) invalid(index, SESSION_NAME, 'is required');
  if (s.sourceIdentity === undefined) delete s.sourceIdentity;
  return s;
}

/** Decodes a Principal message (exactly one of arn, session, service, federated). */
export function principal(r: WireReader, index: number, limits: Limits): PrincipalInput {
  const outer = r.enter();
  let p: PrincipalInput | undefined;
  let mfaPresent: boolean | undefined;
  let mfaAt: number | undefined;
  while (r.more()) {
    const tag = r.varint();
    const wt = tag & 7;
    const n = tag >>> 3;
    if (n >= 1 && n <= 4 && wt !== WIRE_LEN) wrongType(index, 'principal');
    switch (n) {
      case 1: p = { arn: checkString(r.string(), index, 'principal.arn', limits.maxArnBytes, true) }; break;
      case 2: p = { session: session(r, index, limits) }; break;
      case 3: p = { service: checkString(r.string(), index, 'principal.service', limits.maxNameBytes, true) }; break;
      case 4: p = { federated: checkString(r.string(), index, 'principal.federated', limits.maxArnBytes, true) }; break;
      case 5: expectType(wt, WIRE_VARINT, index, 'principal.mfa_present'); mfaPresent = r.varint() !== 0; break;
      case 6: expectType(wt, WIRE_LEN, index, 'principal.mfa_authenticated_at'); mfaAt = timestamp(r, index, 'principal.mfa_authenticated_at'); break;
      default: r.skip(wt);
    }
  }
  r.leave(outer);
  if (!p) return invalid(index, 'principal', 'must set one of `arn`, `session`, `service`, `federated`');
  if (mfaPresent !== undefined) p.mfaPresent = mfaPresent;
  if (mfaAt !== undefined) p.mfaAuthenticatedAt = mfaAt;
  return p;
}
