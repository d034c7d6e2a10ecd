// The seam to the core's policy validator: the only place that decides whether a document is well formed.

import { hasErrors, validatePolicy, type Finding, type PolicyType } from './core.ts';

/** Validator findings the store enforces itself, with its own configurable quotas (as limit_exceeded). */
const STORE_ENFORCED = new Set(['policy_size_exceeded']);

/** Error findings of `document` used as `type` (empty when valid), from the core's `validatePolicy`. */
export function findPolicyErrors(document: Record<string, unknown>, type: PolicyType): Finding[] {
  const findings = validatePolicy(document, type).filter((f) => !STORE_ENFORCED.has(f.code));
  return hasErrors(findings) ? findings.filter((f) => f.severity === 'ERROR') : [];
}
