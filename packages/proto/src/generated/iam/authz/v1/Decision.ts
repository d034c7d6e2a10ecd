// Original file: ../../protos/iam/authz/v1/decision.proto

/**
 * The three outcomes of an IAM decision. (Effect and Layer values carry their enum's prefix because
 * proto3 enum values share the package scope; the decision keeps the plain names clients test for.)
 */
export const Decision = {
  DECISION_UNSPECIFIED: 'DECISION_UNSPECIFIED',
  ALLOW: 'ALLOW',
  EXPLICIT_DENY: 'EXPLICIT_DENY',
  IMPLICIT_DENY: 'IMPLICIT_DENY',
} as const;

/**
 * The three outcomes of an IAM decision. (Effect and Layer values carry their enum's prefix because
 * proto3 enum values share the package scope; the decision keeps the plain names clients test for.)
 */
export type Decision =
  | 'DECISION_UNSPECIFIED'
  | 0
  | 'ALLOW'
  | 1
  | 'EXPLICIT_DENY'
  | 2
  | 'IMPLICIT_DENY'
  | 3

/**
 * The three outcomes of an IAM decision. (Effect and Layer values carry their enum's prefix because
 * proto3 enum values share the package scope; the decision keeps the plain names clients test for.)
 */
export type Decision__Output = typeof Decision[keyof typeof Decision]
