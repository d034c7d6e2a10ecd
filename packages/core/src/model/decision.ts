// Requests and decisions: the one decision shape shared by the core, the proto, REST and the logs.

import type { PolicyDocument } from './policy.ts';
import type { Tags } from './snapshot.ts';

/** The three outcomes of an IAM decision. */
export type Decision = 'Allow' | 'ExplicitDeny' | 'ImplicitDeny';

/** The policy layer a statement or a denial belongs to. */
export type Layer = 'scp' | 'rcp' | 'resource' | 'trust' | 'identity' | 'boundary' | 'session';

/** A scalar context value; numbers and booleans are compared as IAM does (as their text). */
export type ContextScalar = string | number | boolean;
/** A context value: one scalar, or a list for multi-valued keys. */
export type ContextValue = ContextScalar | ContextScalar[];

/** A time: epoch milliseconds or an ISO 8601 string. */
export type TimeInput = number | string;

/** A role session: the principal after sts:AssumeRole. */
export interface RoleSession {
  /** ARN of the assumed role. */
  roleArn: string;
  sessionName: string;
  /** Inline session policy documents (they narrow the session, never grant). */
  policies?: PolicyDocument[];
  /** Managed policy ARNs passed as session policies. */
  policyArns?: string[];
  /** Session tags: override the role's tags of the same key as `aws:PrincipalTag/*`. */
  tags?: Tags;
  sourceIdentity?: string;
  issuedAt?: TimeInput;
}

/**
 * Who asks. Exactly one of `arn`, `session`, `service`, `federated`:
 * `arn` is an IAM user ARN, a role ARN (a session without session policies), an assumed-role
 * session ARN, or an account root `arn:aws:iam::ACCOUNT:root`.
 */
export interface PrincipalInput {
  arn?: string;
  session?: RoleSession;
  /** An AWS-service principal such as `ec2.amazonaws.com`. */
  service?: string;
  /** A federated principal (OIDC provider ARN or name) before it assumes a role. */
  federated?: string;
  /** Whether the credentials were MFA-authenticated (`aws:MultiFactorAuthPresent`). */
  mfaPresent?: boolean;
  /** When MFA authentication happened (`aws:MultiFactorAuthAge` is measured from it). */
  mfaAuthenticatedAt?: TimeInput;
}

/** One authorization question. */
export interface AuthzRequest {
  principal: PrincipalInput;
  /** `service:Action`, matched case-insensitively. */
  action: string;
  /** The resource ARN (or `*`). */
  resource: string;
  /** Account that owns the resource when neither its ARN nor the store says. */
  resourceAccount?: string;
  /** Caller-supplied context keys (a null value is an absent key); keys the core derives (aws:Principal*, aws:ResourceTag/*, ...) are ignored. */
  context?: Record<string, ContextValue>;
  /** Time of the request (default: now, taken by the facade; the evaluator never reads the clock). */
  time?: TimeInput;
  /** Return reasons, the denying layer, missing context keys and errors. */
  explain?: boolean;
}

/** A statement that decided (or took part in) a decision. */
export interface Reason {
  /** Managed policy ARN, or `<owner ARN>#inline/<name>`, `<resource ARN>#resource`, `<role ARN>#trust`, `session#<n>`. */
  policyId: string;
  statementIndex: number;
  sid?: string;
  effect: 'Allow' | 'Deny';
  layer: Layer;
}

/** A statement that could not be evaluated; it is skipped and never produces an Allow. */
export interface EvaluationError {
  policyId: string;
  statementIndex: number;
  message: string;
}

/** The answer. `reasons`, `deniedBy`, `missingContextKeys` are filled only when `explain` was set. */
export interface DecisionResult {
  decision: Decision;
  reasons: Reason[];
  /** The layer that denied: for ExplicitDeny the layer of a denying statement, for ImplicitDeny the layer that lacked an Allow. */
  deniedBy?: Layer;
  /** Context keys a condition needed but the request did not carry (like the simulator's MissingContextValues). */
  missingContextKeys: string[];
  errors: EvaluationError[];
}
