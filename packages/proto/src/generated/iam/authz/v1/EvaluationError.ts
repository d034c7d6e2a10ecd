// Original file: ../../protos/iam/authz/v1/decision.proto


/**
 * A statement that could not be evaluated; it is skipped and never produces an Allow.
 */
export interface EvaluationError {
  'policy_id'?: (string);
  'statement_index'?: (number);
  'message'?: (string);
}

/**
 * A statement that could not be evaluated; it is skipped and never produces an Allow.
 */
export interface EvaluationError__Output {
  'policy_id': (string);
  'statement_index': (number);
  'message': (string);
}
