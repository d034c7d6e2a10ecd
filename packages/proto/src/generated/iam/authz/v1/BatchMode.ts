// Original file: ../../protos/iam/authz/v1/service.proto

/**
 * How BatchAuthorize walks its requests (the AuthZEN evaluations semantics).
 */
export const BatchMode = {
  /**
   * Same as BATCH_MODE_EXECUTE_ALL.
   */
  BATCH_MODE_UNSPECIFIED: 'BATCH_MODE_UNSPECIFIED',
  /**
   * Decide every request.
   */
  BATCH_MODE_EXECUTE_ALL: 'BATCH_MODE_EXECUTE_ALL',
  /**
   * Stop after the first request that is not allowed.
   */
  BATCH_MODE_DENY_ON_FIRST_DENY: 'BATCH_MODE_DENY_ON_FIRST_DENY',
  /**
   * Stop after the first request that is allowed.
   */
  BATCH_MODE_PERMIT_ON_FIRST_PERMIT: 'BATCH_MODE_PERMIT_ON_FIRST_PERMIT',
} as const;

/**
 * How BatchAuthorize walks its requests (the AuthZEN evaluations semantics).
 */
export type BatchMode =
  /**
   * Same as BATCH_MODE_EXECUTE_ALL.
   */
  | 'BATCH_MODE_UNSPECIFIED'
  | 0
  /**
   * Decide every request.
   */
  | 'BATCH_MODE_EXECUTE_ALL'
  | 1
  /**
   * Stop after the first request that is not allowed.
   */
  | 'BATCH_MODE_DENY_ON_FIRST_DENY'
  | 2
  /**
   * Stop after the first request that is allowed.
   */
  | 'BATCH_MODE_PERMIT_ON_FIRST_PERMIT'
  | 3

/**
 * How BatchAuthorize walks its requests (the AuthZEN evaluations semantics).
 */
export type BatchMode__Output = typeof BatchMode[keyof typeof BatchMode]
