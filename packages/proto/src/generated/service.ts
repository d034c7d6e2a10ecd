import type * as grpc from '@grpc/grpc-js';
import type { EnumTypeDefinition, MessageTypeDefinition } from '@grpc/proto-loader';

import type { Timestamp as _google_protobuf_Timestamp, Timestamp__Output as _google_protobuf_Timestamp__Output } from './google/protobuf/Timestamp.ts';
import type { AuthorizeRequest as _iam_authz_v1_AuthorizeRequest, AuthorizeRequest__Output as _iam_authz_v1_AuthorizeRequest__Output } from './iam/authz/v1/AuthorizeRequest.ts';
import type { AuthorizeResponse as _iam_authz_v1_AuthorizeResponse, AuthorizeResponse__Output as _iam_authz_v1_AuthorizeResponse__Output } from './iam/authz/v1/AuthorizeResponse.ts';
import type { AuthzServiceClient as _iam_authz_v1_AuthzServiceClient, AuthzServiceDefinition as _iam_authz_v1_AuthzServiceDefinition } from './iam/authz/v1/AuthzService.ts';
import type { BatchAuthorizeRequest as _iam_authz_v1_BatchAuthorizeRequest, BatchAuthorizeRequest__Output as _iam_authz_v1_BatchAuthorizeRequest__Output } from './iam/authz/v1/BatchAuthorizeRequest.ts';
import type { BatchAuthorizeResponse as _iam_authz_v1_BatchAuthorizeResponse, BatchAuthorizeResponse__Output as _iam_authz_v1_BatchAuthorizeResponse__Output } from './iam/authz/v1/BatchAuthorizeResponse.ts';
import type { ContextValue as _iam_authz_v1_ContextValue, ContextValue__Output as _iam_authz_v1_ContextValue__Output } from './iam/authz/v1/ContextValue.ts';
import type { EvaluationError as _iam_authz_v1_EvaluationError, EvaluationError__Output as _iam_authz_v1_EvaluationError__Output } from './iam/authz/v1/EvaluationError.ts';
import type { Principal as _iam_authz_v1_Principal, Principal__Output as _iam_authz_v1_Principal__Output } from './iam/authz/v1/Principal.ts';
import type { Reason as _iam_authz_v1_Reason, Reason__Output as _iam_authz_v1_Reason__Output } from './iam/authz/v1/Reason.ts';
import type { RoleSession as _iam_authz_v1_RoleSession, RoleSession__Output as _iam_authz_v1_RoleSession__Output } from './iam/authz/v1/RoleSession.ts';
import type { StringList as _iam_authz_v1_StringList, StringList__Output as _iam_authz_v1_StringList__Output } from './iam/authz/v1/StringList.ts';

type SubtypeConstructor<Constructor extends new (...args: any) => any, Subtype> = {
  new(...args: ConstructorParameters<Constructor>): Subtype;
};

export interface ProtoGrpcType {
  google: {
    protobuf: {
      Timestamp: MessageTypeDefinition<_google_protobuf_Timestamp, _google_protobuf_Timestamp__Output>
    }
  }
  iam: {
    authz: {
      v1: {
        AuthorizeRequest: MessageTypeDefinition<_iam_authz_v1_AuthorizeRequest, _iam_authz_v1_AuthorizeRequest__Output>
        AuthorizeResponse: MessageTypeDefinition<_iam_authz_v1_AuthorizeResponse, _iam_authz_v1_AuthorizeResponse__Output>
        /**
         * Decides whether a principal may perform an action on a resource.
         */
        AuthzService: SubtypeConstructor<typeof grpc.Client, _iam_authz_v1_AuthzServiceClient> & { service: _iam_authz_v1_AuthzServiceDefinition }
        BatchAuthorizeRequest: MessageTypeDefinition<_iam_authz_v1_BatchAuthorizeRequest, _iam_authz_v1_BatchAuthorizeRequest__Output>
        BatchAuthorizeResponse: MessageTypeDefinition<_iam_authz_v1_BatchAuthorizeResponse, _iam_authz_v1_BatchAuthorizeResponse__Output>
        BatchMode: EnumTypeDefinition
        ContextValue: MessageTypeDefinition<_iam_authz_v1_ContextValue, _iam_authz_v1_ContextValue__Output>
        Decision: EnumTypeDefinition
        Effect: EnumTypeDefinition
        EvaluationError: MessageTypeDefinition<_iam_authz_v1_EvaluationError, _iam_authz_v1_EvaluationError__Output>
        Layer: EnumTypeDefinition
        Principal: MessageTypeDefinition<_iam_authz_v1_Principal, _iam_authz_v1_Principal__Output>
        Reason: MessageTypeDefinition<_iam_authz_v1_Reason, _iam_authz_v1_Reason__Output>
        RoleSession: MessageTypeDefinition<_iam_authz_v1_RoleSession, _iam_authz_v1_RoleSession__Output>
        StringList: MessageTypeDefinition<_iam_authz_v1_StringList, _iam_authz_v1_StringList__Output>
      }
    }
  }
}

