// Original file: ../../protos/iam/authz/v1/request.proto

import type { RoleSession as _iam_authz_v1_RoleSession, RoleSession__Output as _iam_authz_v1_RoleSession__Output } from '../../../iam/authz/v1/RoleSession.ts';
import type { Timestamp as _google_protobuf_Timestamp, Timestamp__Output as _google_protobuf_Timestamp__Output } from '../../../google/protobuf/Timestamp.ts';

/**
 * Who asks: exactly one of `arn`, `session`, `service`, `federated`.
 */
export interface Principal {
  /**
   * An IAM user ARN, a role ARN, an assumed-role session ARN or an account root ARN.
   */
  'arn'?: (string);
  'session'?: (_iam_authz_v1_RoleSession | null);
  /**
   * An AWS-service principal such as `ec2.amazonaws.com`.
   */
  'service'?: (string);
  /**
   * A federated principal (OIDC provider ARN or name) before it assumes a role.
   */
  'federated'?: (string);
  /**
   * Whether the credentials were MFA-authenticated (`aws:MultiFactorAuthPresent`); absent for
   * long-term credentials, where the key is missing from the context.
   */
  'mfa_present'?: (boolean);
  /**
   * When MFA authentication happened (`aws:MultiFactorAuthAge` is measured from it).
   */
  'mfa_authenticated_at'?: (_google_protobuf_Timestamp | null);
  'kind'?: "arn"|"session"|"service"|"federated";
  '_mfa_present'?: "mfa_present";
}

/**
 * Who asks: exactly one of `arn`, `session`, `service`, `federated`.
 */
export interface Principal__Output {
  /**
   * An IAM user ARN, a role ARN, an assumed-role session ARN or an account root ARN.
   */
  'arn'?: (string);
  'session'?: (_iam_authz_v1_RoleSession__Output | null);
  /**
   * An AWS-service principal such as `ec2.amazonaws.com`.
   */
  'service'?: (string);
  /**
   * A federated principal (OIDC provider ARN or name) before it assumes a role.
   */
  'federated'?: (string);
  /**
   * Whether the credentials were MFA-authenticated (`aws:MultiFactorAuthPresent`); absent for
   * long-term credentials, where the key is missing from the context.
   */
  'mfa_present'?: (boolean);
  /**
   * When MFA authentication happened (`aws:MultiFactorAuthAge` is measured from it).
   */
  'mfa_authenticated_at': (_google_protobuf_Timestamp__Output | null);
  'kind'?: "arn"|"session"|"service"|"federated";
  '_mfa_present'?: "mfa_present";
}
