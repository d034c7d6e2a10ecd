// The wire contract in TypeScript: generated message types, the one shared loader-options constant, and the package loader.

import { fileURLToPath } from 'node:url';
import * as protoLoader from '@grpc/proto-loader';
import * as grpc from '@grpc/grpc-js';
import type { ProtoGrpcType } from './generated/service.ts';
import type { AuthzServiceDefinition } from './generated/iam/authz/v1/AuthzService.ts';

/** Folder holding `iam/<area>/v1/*.proto` (the include root for protoc and proto-loader). */
export const PROTO_ROOT = fileURLToPath(new URL('../../../protos', import.meta.url));

/** The authz entry file, relative to PROTO_ROOT. */
export const AUTHZ_PROTO_FILE = 'iam/authz/v1/service.proto';

/** Fully qualified name of the decision service (the name health checks and reflection use). */
export const AUTHZ_SERVICE_NAME = 'iam.authz.v1.AuthzService';

/**
 * The one set of proto-loader options for server, client and tests. The `gen` target of this
 * project passes the same choices to proto-loader-gen-types (a test keeps them in step):
 * snake_case field names, 64-bit integers as JS numbers, enums as their names, defaults filled in,
 * and a virtual field naming the member set in each oneof.
 */
export const LOADER_OPTIONS: protoLoader.Options = Object.freeze({
  keepCase: true,
  longs: Number,
  enums: String,
  defaults: true,
  oneofs: true,
  includeDirs: [PROTO_ROOT],
});

/** The loaded authz package: the raw definition (for reflection) and the typed gRPC object. */
export interface AuthzPackage {
  /** proto-loader's package definition, with file descriptors (what `@grpc/reflection` takes). */
  definition: protoLoader.PackageDefinition;
  /** Typed constructors and definitions, as `grpc.loadPackageDefinition` returns them. */
  grpc: ProtoGrpcType;
  /** The AuthzService method definitions (serializers included). */
  service: AuthzServiceDefinition;
}

let loaded: AuthzPackage | undefined;

/** Loads (once per thread) and returns the authz package with LOADER_OPTIONS. */
export function loadAuthzPackage(): AuthzPackage {
  if (loaded) return loaded;
  const definition = protoLoader.loadSync(AUTHZ_PROTO_FILE, LOADER_OPTIONS);
  const typed = grpc.loadPackageDefinition(definition) as unknown as ProtoGrpcType;
  loaded = { definition, grpc: typed, service: typed.iam.authz.v1.AuthzService.service };
  return loaded;
}

/** The generated message and service types. */
export type { ProtoGrpcType } from './generated/service.ts';
export type { AuthzServiceClient, AuthzServiceDefinition, AuthzServiceHandlers } from './generated/iam/authz/v1/AuthzService.ts';
export type { AuthorizeRequest, AuthorizeRequest__Output } from './generated/iam/authz/v1/AuthorizeRequest.ts';
export type { AuthorizeResponse, AuthorizeResponse__Output } from './generated/iam/authz/v1/AuthorizeResponse.ts';
export type { BatchAuthorizeRequest, BatchAuthorizeRequest__Output } from './generated/iam/authz/v1/BatchAuthorizeRequest.ts';
export type { BatchAuthorizeResponse, BatchAuthorizeResponse__Output } from './generated/iam/authz/v1/BatchAuthorizeResponse.ts';
export type { Principal, Principal__Output } from './generated/iam/authz/v1/Principal.ts';
export type { RoleSession, RoleSession__Output } from './generated/iam/authz/v1/RoleSession.ts';
export type { ContextValue, ContextValue__Output } from './generated/iam/authz/v1/ContextValue.ts';
export type { StringList, StringList__Output } from './generated/iam/authz/v1/StringList.ts';
export type { Reason, Reason__Output } from './generated/iam/authz/v1/Reason.ts';
export type { EvaluationError, EvaluationError__Output } from './generated/iam/authz/v1/EvaluationError.ts';
export type { Timestamp, Timestamp__Output } from './generated/google/protobuf/Timestamp.ts';
/** Enum value tables (as proto-loader-gen-types emits them). */
export { Decision } from './generated/iam/authz/v1/Decision.ts';
export { Effect } from './generated/iam/authz/v1/Effect.ts';
export { Layer } from './generated/iam/authz/v1/Layer.ts';
export { BatchMode } from './generated/iam/authz/v1/BatchMode.ts';
