// Per policy type: which elements a statement must, may or must not have.

import type { PolicyType } from '../model/policy.ts';

/** How a policy type treats Principal: required, forbidden, or required and only `"*"` (RCPs). */
export type PrincipalRule = 'required' | 'forbidden' | 'everyone';

/** Principal rules per type (reference_policies_elements_principal, orgs_manage_policies_rcps_syntax). */
export const PRINCIPAL_RULES: Readonly<Record<PolicyType, PrincipalRule>> = {
  identity: 'forbidden',
  boundary: 'forbidden',
  session: 'forbidden',
  scp: 'forbidden',
  resource: 'required',
  trust: 'required',
  rcp: 'everyone',
};

/** Types whose statements may omit both Resource and NotResource (the role is the resource). */
export const RESOURCE_OPTIONAL_TYPES: ReadonlySet<PolicyType> = new Set<PolicyType>(['trust']);

/** Types stored by IAM itself, where a Sid must be alphanumeric. */
export const ALPHANUMERIC_SID_TYPES: ReadonlySet<PolicyType> = new Set<PolicyType>(['identity', 'boundary', 'trust']);

/** Elements a statement of this type may not use at all (RCPs support neither NotPrincipal nor NotAction). */
export const UNSUPPORTED_ELEMENTS: Readonly<Partial<Record<PolicyType, readonly string[]>>> = {
  rcp: ['NotPrincipal', 'NotAction'],
};

/** Types whose Allow statements grant access (the others are ceilings that only limit it). */
export const GRANTING_TYPES: ReadonlySet<PolicyType> = new Set<PolicyType>(['identity', 'resource', 'trust']);

/** Human name of each type, for messages. */
export const TYPE_NAMES: Readonly<Record<PolicyType, string>> = {
  identity: 'identity policies',
  boundary: 'permissions boundaries',
  session: 'session policies',
  scp: 'service control policies',
  rcp: 'resource control policies',
  resource: 'resource-based policies',
  trust: 'role trust policies',
};
