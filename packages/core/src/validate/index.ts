// Public surface of the policy validator.

export { validatePolicy, hasErrors } from './validate-policy.ts';
export type { ValidatePolicyOptions } from './validate-policy.ts';
export { DEFAULT_POLICY_QUOTAS, policySize } from './quotas.ts';
export type { PolicyQuotas } from './quotas.ts';
