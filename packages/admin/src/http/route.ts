// The declarative route table's types: one RouteSpec drives registration, validation, authorization, audit, metrics and OpenAPI.

import type { ContextValue, PrincipalInput } from '@iam/core';
import type { WriteOptions } from '@iam/store';
import type { ErrorCode } from '../errors.ts';
import type { Schema } from './schemas.ts';

/** HTTP methods the API uses. */
export type Method = 'get' | 'post' | 'put' | 'patch' | 'delete';

/** The authenticated operator (or the role session it acts as). */
export interface Caller {
  /** Principal ARN for the audit log: a user ARN, an account root, or an assumed-role session ARN. */
  arn: string;
  accountId: string;
  accessKeyId: string;
  /** The principal as the engine sees it. */
  principal: PrincipalInput;
}

/** A validated request as a handler sees it. */
export interface RouteInput {
  params: Record<string, string>;
  query: Record<string, any>;
  body: any;
  /** Absent on public routes only. */
  caller: Caller;
  sourceIp: string;
  /**
   * Runs one store write with this request's audit entry (`fn(opts)` passes `opts` to the store): the write and
   * its audit record commit together, and a refused write is recorded by the store.
   */
  write<T>(fn: (opts: WriteOptions) => Promise<T>): Promise<T>;
}

/** What a handler returns; `revision` (writes) is added to the body and the `X-Iam-Revision` header. */
export interface RouteResult {
  status?: number;
  body: Record<string, unknown>;
  revision?: number;
}

/** One REST operation. */
export interface RouteSpec {
  method: Method;
  /** Express path below `/v1`, e.g. `/accounts/:accountId/users/:userName`. */
  path: string;
  /** The operation name, e.g. `CreateUser` (OpenAPI operationId). */
  operationId: string;
  /** OpenAPI tag (the resource family). */
  tag: string;
  summary: string;
  /** The IAM action this request is authorized as; absent on public routes (no authentication either). */
  action?: string;
  /** The resource ARN the action is authorized on (may read the store to find an entity's path). */
  resource?: (input: RouteInput) => string | Promise<string>;
  /** Extra request context keys (`iam:PolicyARN`, `aws:RequestTag/...`, ...). */
  context?: (input: RouteInput) => Record<string, ContextValue>;
  /** Schemas of path parameters, query parameters and the JSON body. */
  params?: Record<string, Schema>;
  query?: Record<string, Schema>;
  /** Query parameters that must be present. */
  queryRequired?: string[];
  body?: Schema;
  /** The success answer: status (default 200) and body schema (writes get `revision` added). */
  response: { status?: number; schema: Schema; description?: string };
  /** A write: answers with its revision and is audited. */
  write?: boolean;
  /** What the audit entry records of the body (default: the body's fields); for bodies too large to keep, like snapshots. */
  auditBody?: (body: unknown) => Record<string, unknown>;
  /** Error codes this route documents beyond the defaults (see openapi.ts). */
  errors?: ErrorCode[];
  handler: (input: RouteInput) => Promise<RouteResult>;
}

/** Header carrying the revision a write produced. */
export const REVISION_HEADER = 'X-Iam-Revision';

/** `/a/:b/c` -> `/a/{b}/c` (OpenAPI and metrics route template). */
export function templateOf(path: string): string {
  return path.replace(/:([A-Za-z0-9_]+)/g, '{$1}');
}
