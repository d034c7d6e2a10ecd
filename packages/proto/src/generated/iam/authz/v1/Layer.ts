// Original file: ../../protos/iam/authz/v1/decision.proto

/**
 * The policy layer a statement or a denial belongs to.
 */
export const Layer = {
  LAYER_UNSPECIFIED: 'LAYER_UNSPECIFIED',
  LAYER_SCP: 'LAYER_SCP',
  LAYER_RCP: 'LAYER_RCP',
  LAYER_RESOURCE: 'LAYER_RESOURCE',
  LAYER_TRUST: 'LAYER_TRUST',
  LAYER_IDENTITY: 'LAYER_IDENTITY',
  LAYER_BOUNDARY: 'LAYER_BOUNDARY',
  LAYER_SESSION: 'LAYER_SESSION',
} as const;

/**
 * The policy layer a statement or a denial belongs to.
 */
export type Layer =
  | 'LAYER_UNSPECIFIED'
  | 0
  | 'LAYER_SCP'
  | 1
  | 'LAYER_RCP'
  | 2
  | 'LAYER_RESOURCE'
  | 3
  | 'LAYER_TRUST'
  | 4
  | 'LAYER_IDENTITY'
  | 5
  | 'LAYER_BOUNDARY'
  | 6
  | 'LAYER_SESSION'
  | 7

/**
 * The policy layer a statement or a denial belongs to.
 */
export type Layer__Output = typeof Layer[keyof typeof Layer]
