// Original file: ../../protos/iam/authz/v1/decision.proto

import type { Decision as _iam_authz_v1_Decision, Decision__Output as _iam_authz_v1_Decision__Output } from '../../../iam/authz/v1/Decision.ts';
import type { Reason as _iam_authz_v1_Reason, Reason__Output as _iam_authz_v1_Reason__Output } from '../../../iam/authz/v1/Reason.ts';
import type { Layer as _iam_authz_v1_Layer, Layer__Output as _iam_authz_v1_Layer__Output } from '../../../iam/authz/v1/Layer.ts';
import type { EvaluationError as _iam_authz_v1_EvaluationError, EvaluationError__Output as _iam_authz_v1_EvaluationError__Output } from '../../../iam/authz/v1/EvaluationError.ts';
import type { Long } from '@grpc/proto-loader';

/**
 * The answer to one AuthorizeRequest.
 */
export interface AuthorizeResponse {
  'decision'?: (_iam_authz_v1_Decision);
  /**
   * The deciding statements (only when `explain` was set).
   */
  'reasons'?: (_iam_authz_v1_Reason)[];
  /**
   * The layer that denied (only when `explain` was set and the decision is a deny).
   */
  'denied_by'?: (_iam_authz_v1_Layer);
  /**
   * Context keys a condition needed but the request did not carry (only when `explain` was set).
   */
  'missing_context_keys'?: (string)[];
  /**
   * Statements that could not be evaluated.
   */
  'errors'?: (_iam_authz_v1_EvaluationError)[];
  /**
   * The store revision the decision reflects.
   */
  'revision'?: (number | string | Long);
}

/**
 * The answer to one AuthorizeRequest.
 */
export interface AuthorizeResponse__Output {
  'decision': (_iam_authz_v1_Decision__Output);
  /**
   * The deciding statements (only when `explain` was set).
   */
  'reasons': (_iam_authz_v1_Reason__Output)[];
  /**
   * The layer that denied (only when `explain` was set and the decision is a deny).
   */
  'denied_by': (_iam_authz_v1_Layer__Output);
  /**
   * Context keys a condition needed but the request did not carry (only when `explain` was set).
   */
  'missing_context_keys': (string)[];
  /**
   * Statements that could not be evaluated.
   */
  'errors': (_iam_authz_v1_EvaluationError__Output)[];
  /**
   * The store revision the decision reflects.
   */
  'revision': (number);
}
