// Name and path rules of the admin plane (iam-semantics.md §8); quotas themselves live in the store's `Quotas`.

/** Longest names, per entity kind; configurable (`names` in the config). */
export interface NameLimits {
  userNameMax: number;
  roleNameMax: number;
  groupNameMax: number;
  policyNameMax: number;
}

/** AWS's defaults (reference_iam-quotas.html). */
export const DEFAULT_NAME_LIMITS: Readonly<NameLimits> = Object.freeze({
  userNameMax: 64,
  roleNameMax: 64,
  groupNameMax: 128,
  policyNameMax: 128,
});

/** Characters allowed in user, group, role and policy names. */
export const NAME_PATTERN = '^[\\w+=,.@-]+$';
/** An IAM path: `/` or `/segments/` of printable ASCII. */
export const PATH_PATTERN = '^/([\\x21-\\x7E]*/)?$';
/** Longest IAM path. */
export const PATH_MAX = 512;
/** Longest tag key. */
export const TAG_KEY_MAX = 128;
/** Longest tag value. */
export const TAG_VALUE_MAX = 256;
/** A 12-digit account id. */
export const ACCOUNT_ID_PATTERN = '^[0-9]{12}$';
/** Longest account, OU or policy name given to Organizations. */
export const ORG_NAME_MAX = 128;
/** Longest description. */
export const DESCRIPTION_MAX = 1000;
/** Role session duration bounds in seconds. */
export const MAX_SESSION_DURATION_MIN = 3600;
/** Upper bound of a role's max session duration. */
export const MAX_SESSION_DURATION_MAX = 43200;
/** Longest ARN accepted in a request. */
export const ARN_MAX = 2048;
