// Original file: ../../protos/iam/authz/v1/request.proto

import type { Principal as _iam_authz_v1_Principal, Principal__Output as _iam_authz_v1_Principal__Output } from '../../../iam/authz/v1/Principal.ts';
import type { ContextValue as _iam_authz_v1_ContextValue, ContextValue__Output as _iam_authz_v1_ContextValue__Output } from '../../../iam/authz/v1/ContextValue.ts';
import type { Timestamp as _google_protobuf_Timestamp, Timestamp__Output as _google_protobuf_Timestamp__Output } from '../../../google/protobuf/Timestamp.ts';
import type { Long } from '@grpc/proto-loader';

/**
 * One authorization question.
 */
export interface AuthorizeRequest {
  'principal'?: (_iam_authz_v1_Principal | null);
  /**
   * `service:Action`, matched case-insensitively.
   */
  'action'?: (string);
  /**
   * The resource ARN (or `*`).
   */
  'resource'?: (string);
  /**
   * Account that owns the resource when neither its ARN nor the store says.
   */
  'resource_account'?: (string);
  /**
   * Caller-supplied context keys; keys the engine derives (aws:Principal*, aws:ResourceTag/*, ...) are ignored.
   */
  'context'?: ({[key: string]: _iam_authz_v1_ContextValue});
  /**
   * Return reasons, the denying layer and missing context keys.
   */
  'explain'?: (boolean);
  /**
   * Wait (within the call's deadline) until the PDP reflects at least this store revision; 0: any.
   */
  'min_revision'?: (number | string | Long);
  /**
   * Time of the request (default: when the PDP receives it).
   */
  'time'?: (_google_protobuf_Timestamp | null);
  '_resource_account'?: "resource_account";
}

/**
 * One authorization question.
 */
export interface AuthorizeRequest__Output {
  'principal': (_iam_authz_v1_Principal__Output | null);
  /**
   * `service:Action`, matched case-insensitively.
   */
  'action': (string);
  /**
   * The resource ARN (or `*`).
   */
  'resource': (string);
  /**
   * Account that owns the resource when neither its ARN nor the store says.
   */
  'resource_account'?: (string);
  /**
   * Caller-supplied context keys; keys the engine derives (aws:Principal*, aws:ResourceTag/*, ...) are ignored.
   */
  'context': ({[key: string]: _iam_authz_v1_ContextValue__Output});
  /**
   * Return reasons, the denying layer and missing context keys.
   */
  'explain': (boolean);
  /**
   * Wait (within the call's deadline) until the PDP reflects at least this store revision; 0: any.
   */
  'min_revision': (number);
  /**
   * Time of the request (default: when the PDP receives it).
   */
  'time': (_google_protobuf_Timestamp__Output | null);
  '_resource_account'?: "resource_account";
}
