// Original file: ../../protos/iam/authz/v1/request.proto

import type { StringList as _iam_authz_v1_StringList, StringList__Output as _iam_authz_v1_StringList__Output } from '../../../iam/authz/v1/StringList.ts';

/**
 * A typed context value. Numbers and booleans compare as IAM does (as their text).
 */
export interface ContextValue {
  'string_value'?: (string);
  'number_value'?: (number | string);
  'bool_value'?: (boolean);
  'string_list'?: (_iam_authz_v1_StringList | null);
  'kind'?: "string_value"|"number_value"|"bool_value"|"string_list";
}

/**
 * A typed context value. Numbers and booleans compare as IAM does (as their text).
 */
export interface ContextValue__Output {
  'string_value'?: (string);
  'number_value'?: (number);
  'bool_value'?: (boolean);
  'string_list'?: (_iam_authz_v1_StringList__Output | null);
  'kind'?: "string_value"|"number_value"|"bool_value"|"string_list";
}
