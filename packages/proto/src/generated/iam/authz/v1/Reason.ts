// Original file: ../../protos/iam/authz/v1/decision.proto

import type { Effect as _iam_authz_v1_Effect, Effect__Output as _iam_authz_v1_Effect__Output } from '../../../iam/authz/v1/Effect.ts';
import type { Layer as _iam_authz_v1_Layer, Layer__Output as _iam_authz_v1_Layer__Output } from '../../../iam/authz/v1/Layer.ts';

/**
 * A statement that decided (or took part in) a decision.
 */
export interface Reason {
  /**
   * Managed policy ARN, or `<owner ARN>#inline/<name>`, `<resource ARN>#resource`, `<role ARN>#trust`, `session#<n>`.
   */
  'policy_id'?: (string);
  'statement_index'?: (number);
  'sid'?: (string);
  'effect'?: (_iam_authz_v1_Effect);
  'layer'?: (_iam_authz_v1_Layer);
}

/**
 * A statement that decided (or took part in) a decision.
 */
export interface Reason__Output {
  /**
   * Managed policy ARN, or `<owner ARN>#inline/<name>`, `<resource ARN>#resource`, `<role ARN>#trust`, `session#<n>`.
   */
  'policy_id': (string);
  'statement_index': (number);
  'sid': (string);
  'effect': (_iam_authz_v1_Effect__Output);
  'layer': (_iam_authz_v1_Layer__Output);
}
