// Access-Analyzer-style validation: the parser's grammar findings plus size, security, condition and redundancy checks.

import type { Finding, PolicyDocument, PolicyType } from '../model/policy.ts';
import { FindingCollector } from '../parse/findings.ts';
import { parsePolicyDetail } from '../parse/parse-policy.ts';
import { checkConditions } from './condition-checks.ts';
import { checkPolicySize, resolveQuotas, type PolicyQuotas } from './quotas.ts';
import { checkListValues, checkRedundantStatements } from './redundancy.ts';
import { checkSecurity } from './security-checks.ts';
import { checkTypeRules } from './type-checks.ts';

/** Options of `validatePolicy`. */
export interface ValidatePolicyOptions {
  /** Size limits per policy type, overriding `DEFAULT_POLICY_QUOTAS`. */
  quotas?: Partial<PolicyQuotas>;
}

/**
 * Validate a policy for a given use, as IAM Access Analyzer does. Returns findings of severity
 * ERROR (the policy is rejected), SECURITY_WARNING, WARNING and SUGGESTION, ordered with
 * document-level findings first and then by statement. Throws only for invalid `options`.
 */
export function validatePolicy(document: PolicyDocument, type: PolicyType, options: ValidatePolicyOptions = {}): Finding[] {
  const quotas = resolveQuotas(options.quotas);
  const detail = parsePolicyDetail(document, type);
  const out = new FindingCollector();
  out.findings.push(...detail.findings);
  checkPolicySize(detail, type, quotas, out);
  if (detail.policy) {
    checkSecurity(detail.sources, type, out);
    checkTypeRules(detail.sources, type, out);
    checkConditions(detail.sources, out);
    checkListValues(detail.sources, out);
    checkRedundantStatements(detail.sources, out);
  }
  return orderFindings(out.findings);
}

/** True when any finding is an ERROR, i.e. the policy must be rejected. */
export function hasErrors(findings: readonly Finding[]): boolean {
  return findings.some((f) => f.severity === 'ERROR');
}

/** Document-level findings first, then by statement index; the order within each stays as found. */
function orderFindings(findings: Finding[]): Finding[] {
  return findings
    .map((finding, order) => ({ finding, order }))
    .sort((a, b) => (a.finding.statementIndex ?? -1) - (b.finding.statementIndex ?? -1) || a.order - b.order)
    .map((x) => x.finding);
}
