// Original file: ../../protos/iam/authz/v1/service.proto

import type { AuthorizeRequest as _iam_authz_v1_AuthorizeRequest, AuthorizeRequest__Output as _iam_authz_v1_AuthorizeRequest__Output } from '../../../iam/authz/v1/AuthorizeRequest.ts';
import type { BatchMode as _iam_authz_v1_BatchMode, BatchMode__Output as _iam_authz_v1_BatchMode__Output } from '../../../iam/authz/v1/BatchMode.ts';
import type { Long } from '@grpc/proto-loader';

/**
 * Many authorization questions decided against one world revision.
 */
export interface BatchAuthorizeRequest {
  /**
   * At most the PDP's configured batch limit (1,000 by default).
   */
  'requests'?: (_iam_authz_v1_AuthorizeRequest)[];
  'mode'?: (_iam_authz_v1_BatchMode);
  /**
   * Wait until the PDP reflects at least this revision (the largest of this and each request's own).
   */
  'min_revision'?: (number | string | Long);
}

/**
 * Many authorization questions decided against one world revision.
 */
export interface BatchAuthorizeRequest__Output {
  /**
   * At most the PDP's configured batch limit (1,000 by default).
   */
  'requests': (_iam_authz_v1_AuthorizeRequest__Output)[];
  'mode': (_iam_authz_v1_BatchMode__Output);
  /**
   * Wait until the PDP reflects at least this revision (the largest of this and each request's own).
   */
  'min_revision': (number);
}
