// Original file: ../../protos/iam/authz/v1/service.proto

import type { AuthorizeResponse as _iam_authz_v1_AuthorizeResponse, AuthorizeResponse__Output as _iam_authz_v1_AuthorizeResponse__Output } from '../../../iam/authz/v1/AuthorizeResponse.ts';
import type { Long } from '@grpc/proto-loader';

/**
 * The answers, in request order. With a stopping mode, only up to (and including) the request that stopped it.
 */
export interface BatchAuthorizeResponse {
  'results'?: (_iam_authz_v1_AuthorizeResponse)[];
  /**
   * The store revision all decisions reflect.
   */
  'revision'?: (number | string | Long);
}

/**
 * The answers, in request order. With a stopping mode, only up to (and including) the request that stopped it.
 */
export interface BatchAuthorizeResponse__Output {
  'results': (_iam_authz_v1_AuthorizeResponse__Output)[];
  /**
   * The store revision all decisions reflect.
   */
  'revision': (number);
}
