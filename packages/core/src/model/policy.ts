// Policy documents as written (JSON) and as parsed (normalized statements) for the compiler.

/** A policy document as JSON; validated by `validatePolicy`, parsed by `parsePolicy`. */
export type PolicyDocument = Record<string, unknown> | string;

/** Where a policy is used; decides which elements are required or forbidden and which quotas apply. */
export type PolicyType = 'identity' | 'resource' | 'trust' | 'scp' | 'rcp' | 'boundary' | 'session';

export type Effect = 'Allow' | 'Deny';

/** One entry of a Principal/NotPrincipal element. `type` `*` is the bare `"Principal": "*"`. */
export interface PrincipalEntry {
  type: 'AWS' | 'Service' | 'Federated' | 'CanonicalUser' | '*';
  value: string;
}

/** Set qualifier of a condition operator. */
export type SetQualifier = 'ForAnyValue' | 'ForAllValues' | null;

/** One key of one operator of a Condition block, normalized. */
export interface ConditionEntry {
  /** The operator as written, e.g. `ForAnyValue:StringLikeIfExists`. */
  operatorText: string;
  /** Base operator without qualifier or IfExists, e.g. `StringLike`. */
  operator: string;
  qualifier: SetQualifier;
  ifExists: boolean;
  /** Condition key as written (matching is case-insensitive). */
  key: string;
  /** Values as strings (booleans and numbers are stringified as IAM does). */
  values: string[];
}

/** A statement after parsing: each list element normalized to an array. */
export interface ParsedStatement {
  index: number;
  sid?: string;
  effect: Effect;
  actions?: string[];
  notActions?: string[];
  /** Absent in trust policies that omit Resource. */
  resources?: string[];
  notResources?: string[];
  principals?: PrincipalEntry[];
  notPrincipals?: PrincipalEntry[];
  conditions: ConditionEntry[];
}

export interface ParsedPolicy {
  /** `2012-10-17` or `2008-10-17` (also when Version is missing: 2008 rules, no variables). */
  version: '2012-10-17' | '2008-10-17';
  id?: string;
  statements: ParsedStatement[];
}

/** Severity of a validation finding, as Access Analyzer names them. */
export type FindingSeverity = 'ERROR' | 'SECURITY_WARNING' | 'WARNING' | 'SUGGESTION';

/** One validation finding; `path` is the element path, e.g. `Statement[1].Condition.IpAddress.aws:SourceIp`. */
export interface Finding {
  severity: FindingSeverity;
  /** Stable snake_case code, e.g. `unknown_element`. */
  code: string;
  message: string;
  path: string;
  statementIndex?: number;
  sid?: string;
}
