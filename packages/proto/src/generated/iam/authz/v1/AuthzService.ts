// Original file: ../../protos/iam/authz/v1/service.proto

import type * as grpc from '@grpc/grpc-js'
import type { MethodDefinition } from '@grpc/proto-loader'
import type { AuthorizeRequest as _iam_authz_v1_AuthorizeRequest, AuthorizeRequest__Output as _iam_authz_v1_AuthorizeRequest__Output } from '../../../iam/authz/v1/AuthorizeRequest.ts';
import type { AuthorizeResponse as _iam_authz_v1_AuthorizeResponse, AuthorizeResponse__Output as _iam_authz_v1_AuthorizeResponse__Output } from '../../../iam/authz/v1/AuthorizeResponse.ts';
import type { BatchAuthorizeRequest as _iam_authz_v1_BatchAuthorizeRequest, BatchAuthorizeRequest__Output as _iam_authz_v1_BatchAuthorizeRequest__Output } from '../../../iam/authz/v1/BatchAuthorizeRequest.ts';
import type { BatchAuthorizeResponse as _iam_authz_v1_BatchAuthorizeResponse, BatchAuthorizeResponse__Output as _iam_authz_v1_BatchAuthorizeResponse__Output } from '../../../iam/authz/v1/BatchAuthorizeResponse.ts';

/**
 * Decides whether a principal may perform an action on a resource.
 */
export interface AuthzServiceClient extends grpc.Client {
  Authorize(argument: _iam_authz_v1_AuthorizeRequest, metadata: grpc.Metadata, options: grpc.CallOptions, callback: grpc.requestCallback<_iam_authz_v1_AuthorizeResponse__Output>): grpc.ClientUnaryCall;
  Authorize(argument: _iam_authz_v1_AuthorizeRequest, metadata: grpc.Metadata, callback: grpc.requestCallback<_iam_authz_v1_AuthorizeResponse__Output>): grpc.ClientUnaryCall;
  Authorize(argument: _iam_authz_v1_AuthorizeRequest, options: grpc.CallOptions, callback: grpc.requestCallback<_iam_authz_v1_AuthorizeResponse__Output>): grpc.ClientUnaryCall;
  Authorize(argument: _iam_authz_v1_AuthorizeRequest, callback: grpc.requestCallback<_iam_authz_v1_AuthorizeResponse__Output>): grpc.ClientUnaryCall;
  authorize(argument: _iam_authz_v1_AuthorizeRequest, metadata: grpc.Metadata, options: grpc.CallOptions, callback: grpc.requestCallback<_iam_authz_v1_AuthorizeResponse__Output>): grpc.ClientUnaryCall;
  authorize(argument: _iam_authz_v1_AuthorizeRequest, metadata: grpc.Metadata, callback: grpc.requestCallback<_iam_authz_v1_AuthorizeResponse__Output>): grpc.ClientUnaryCall;
  authorize(argument: _iam_authz_v1_AuthorizeRequest, options: grpc.CallOptions, callback: grpc.requestCallback<_iam_authz_v1_AuthorizeResponse__Output>): grpc.ClientUnaryCall;
  authorize(argument: _iam_authz_v1_AuthorizeRequest, callback: grpc.requestCallback<_iam_authz_v1_AuthorizeResponse__Output>): grpc.ClientUnaryCall;
  
  BatchAuthorize(argument: _iam_authz_v1_BatchAuthorizeRequest, metadata: grpc.Metadata, options: grpc.CallOptions, callback: grpc.requestCallback<_iam_authz_v1_BatchAuthorizeResponse__Output>): grpc.ClientUnaryCall;
  BatchAuthorize(argument: _iam_authz_v1_BatchAuthorizeRequest, metadata: grpc.Metadata, callback: grpc.requestCallback<_iam_authz_v1_BatchAuthorizeResponse__Output>): grpc.ClientUnaryCall;
  BatchAuthorize(argument: _iam_authz_v1_BatchAuthorizeRequest, options: grpc.CallOptions, callback: grpc.requestCallback<_iam_authz_v1_BatchAuthorizeResponse__Output>): grpc.ClientUnaryCall;
  BatchAuthorize(argument: _iam_authz_v1_BatchAuthorizeRequest, callback: grpc.requestCallback<_iam_authz_v1_BatchAuthorizeResponse__Output>): grpc.ClientUnaryCall;
  batchAuthorize(argument: _iam_authz_v1_BatchAuthorizeRequest, metadata: grpc.Metadata, options: grpc.CallOptions, callback: grpc.requestCallback<_iam_authz_v1_BatchAuthorizeResponse__Output>): grpc.ClientUnaryCall;
  batchAuthorize(argument: _iam_authz_v1_BatchAuthorizeRequest, metadata: grpc.Metadata, callback: grpc.requestCallback<_iam_authz_v1_BatchAuthorizeResponse__Output>): grpc.ClientUnaryCall;
  batchAuthorize(argument: _iam_authz_v1_BatchAuthorizeRequest, options: grpc.CallOptions, callback: grpc.requestCallback<_iam_authz_v1_BatchAuthorizeResponse__Output>): grpc.ClientUnaryCall;
  batchAuthorize(argument: _iam_authz_v1_BatchAuthorizeRequest, callback: grpc.requestCallback<_iam_authz_v1_BatchAuthorizeResponse__Output>): grpc.ClientUnaryCall;
  
}

/**
 * Decides whether a principal may perform an action on a resource.
 */
export interface AuthzServiceHandlers extends grpc.UntypedServiceImplementation {
  Authorize: grpc.handleUnaryCall<_iam_authz_v1_AuthorizeRequest__Output, _iam_authz_v1_AuthorizeResponse>;
  
  BatchAuthorize: grpc.handleUnaryCall<_iam_authz_v1_BatchAuthorizeRequest__Output, _iam_authz_v1_BatchAuthorizeResponse>;
  
}

export interface AuthzServiceDefinition extends grpc.ServiceDefinition {
  Authorize: MethodDefinition<_iam_authz_v1_AuthorizeRequest, _iam_authz_v1_AuthorizeResponse, _iam_authz_v1_AuthorizeRequest__Output, _iam_authz_v1_AuthorizeResponse__Output>
  BatchAuthorize: MethodDefinition<_iam_authz_v1_BatchAuthorizeRequest, _iam_authz_v1_BatchAuthorizeResponse, _iam_authz_v1_BatchAuthorizeRequest__Output, _iam_authz_v1_BatchAuthorizeResponse__Output>
}
