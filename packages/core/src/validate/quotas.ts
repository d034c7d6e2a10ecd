// Policy size quotas per policy type, and the size check (iam-semantics.md §8).

import type { PolicyType } from '../model/policy.ts';
import type { FindingCollector } from '../parse/findings.ts';
import type { PolicyParseDetail } from '../parse/parse-policy.ts';

/** Maximum policy size in characters, per policy type. */
export type PolicyQuotas = Record<PolicyType, number>;

/** AWS's defaults: managed/identity/boundary 6,144; trust and session 2,048; SCP and RCP 5,120; S3 bucket policy 20,480. */
export const DEFAULT_POLICY_QUOTAS: Readonly<PolicyQuotas> = Object.freeze({
  identity: 6_144,
  boundary: 6_144,
  trust: 2_048,
  session: 2_048,
  scp: 5_120,
  rcp: 5_120,
  resource: 20_480,
});

/** Types whose size counts every character as written, whitespace included (AWS Organizations policies). */
const WHITESPACE_COUNTING_TYPES: ReadonlySet<PolicyType> = new Set<PolicyType>(['scp', 'rcp']);

/** Merge overrides into the defaults; every quota must be a positive integer. */
export function resolveQuotas(overrides: Partial<PolicyQuotas> = {}): PolicyQuotas {
  const quotas: PolicyQuotas = { ...DEFAULT_POLICY_QUOTAS };
  for (const [type, value] of Object.entries(overrides) as [PolicyType, number | undefined][]) {
    if (value === undefined) continue;
    if (!(type in DEFAULT_POLICY_QUOTAS)) throw new TypeError(`unknown policy type \`${type}\` in quotas`);
    if (!Number.isInteger(value) || value <= 0) throw new TypeError(`quota for \`${type}\` must be a positive integer, got \`${value}\``);
    quotas[type] = value;
  }
  return quotas;
}

/**
 * Size of a policy as AWS measures it: SCPs and RCPs count the text as written (whitespace
 * included; an object document has none), the others count the minified JSON. Characters are
 * Unicode code points.
 */
export function policySize(detail: PolicyParseDetail, type: PolicyType): number {
  const text = WHITESPACE_COUNTING_TYPES.has(type) && detail.sourceText !== null ? detail.sourceText : JSON.stringify(detail.root);
  let count = 0;
  for (const _ of text) count++;
  return count;
}

/** Report `policy_size_exceeded` when the policy is larger than its type's quota. */
export function checkPolicySize(detail: PolicyParseDetail, type: PolicyType, quotas: PolicyQuotas, out: FindingCollector): void {
  if (detail.root === null) return;
  const size = policySize(detail, type);
  const limit = quotas[type];
  if (size <= limit) return;
  const how = WHITESPACE_COUNTING_TYPES.has(type) ? 'including whitespace' : 'not counting whitespace';
  out.error('policy_size_exceeded', `policy is ${size} characters (${how}); the limit for this policy type is ${limit}`, '');
}
