// Original file: ../../protos/iam/authz/v1/request.proto

import type { Timestamp as _google_protobuf_Timestamp, Timestamp__Output as _google_protobuf_Timestamp__Output } from '../../../google/protobuf/Timestamp.ts';

/**
 * A role session: the principal after sts:AssumeRole.
 */
export interface RoleSession {
  /**
   * ARN of the assumed role, `arn:aws:iam::ACCOUNT:role/NAME`.
   */
  'role_arn'?: (string);
  'session_name'?: (string);
  /**
   * Inline session policy documents as JSON text (they narrow the session, never grant).
   */
  'policies'?: (string)[];
  /**
   * Managed policy ARNs passed as session policies.
   */
  'policy_arns'?: (string)[];
  /**
   * Session tags: they override the role's tags of the same key as `aws:PrincipalTag/*`.
   */
  'tags'?: ({[key: string]: string});
  'source_identity'?: (string);
  /**
   * When the session was issued (`aws:TokenIssueTime`).
   */
  'issued_at'?: (_google_protobuf_Timestamp | null);
}

/**
 * A role session: the principal after sts:AssumeRole.
 */
export interface RoleSession__Output {
  /**
   * ARN of the assumed role, `arn:aws:iam::ACCOUNT:role/NAME`.
   */
  'role_arn': (string);
  'session_name': (string);
  /**
   * Inline session policy documents as JSON text (they narrow the session, never grant).
   */
  'policies': (string)[];
  /**
   * Managed policy ARNs passed as session policies.
   */
  'policy_arns': (string)[];
  /**
   * Session tags: they override the role's tags of the same key as `aws:PrincipalTag/*`.
   */
  'tags': ({[key: string]: string});
  'source_identity': (string);
  /**
   * When the session was issued (`aws:TokenIssueTime`).
   */
  'issued_at': (_google_protobuf_Timestamp__Output | null);
}
