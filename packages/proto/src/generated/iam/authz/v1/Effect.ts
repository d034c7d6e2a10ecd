// Original file: ../../protos/iam/authz/v1/decision.proto

/**
 * The effect of a statement.
 */
export const Effect = {
  EFFECT_UNSPECIFIED: 'EFFECT_UNSPECIFIED',
  EFFECT_ALLOW: 'EFFECT_ALLOW',
  EFFECT_DENY: 'EFFECT_DENY',
} as const;

/**
 * The effect of a statement.
 */
export type Effect =
  | 'EFFECT_UNSPECIFIED'
  | 0
  | 'EFFECT_ALLOW'
  | 1
  | 'EFFECT_DENY'
  | 2

/**
 * The effect of a statement.
 */
export type Effect__Output = typeof Effect[keyof typeof Effect]
