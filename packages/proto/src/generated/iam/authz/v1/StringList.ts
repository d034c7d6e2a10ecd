// Original file: ../../protos/iam/authz/v1/request.proto


/**
 * A list of strings, for multi-valued context keys.
 */
export interface StringList {
  'values'?: (string)[];
}

/**
 * A list of strings, for multi-valued context keys.
 */
export interface StringList__Output {
  'values': (string)[];
}
