// The OpenAPI 3.1 document, generated from the same RouteSpecs that Express serves (so it cannot drift from the routes).

import { ERROR_STATUS, type ErrorCode } from '../errors.ts';
import { AUTH_SCHEME } from '../auth/credentials.ts';
import { ASSUME_ROLE_HEADER } from '../auth/assume.ts';
import { REVISION_HEADER, templateOf, type RouteSpec } from './route.ts';
import { COMPONENTS, type Schema } from './schemas.ts';

/** API version in `info.version`. */
export const API_VERSION = '1.0.0';

/** Errors every authenticated route may answer with. */
const AUTHENTICATED_ERRORS: ErrorCode[] = ['invalid_input', 'unauthenticated', 'access_denied', 'internal_error', 'service_unavailable'];
/** Errors every route may answer with. */
const PUBLIC_ERRORS: ErrorCode[] = ['internal_error', 'service_unavailable'];

/** The optional header that makes an authenticated request act as a role session. */
const ASSUME_ROLE_PARAMETER = {
  name: ASSUME_ROLE_HEADER, in: 'header', required: false,
  schema: { type: 'string', pattern: '^arn:[a-z-]+:iam::[0-9]{12}:role/' },
  description: 'act as a session of this role (after `sts:AssumeRole` is allowed for the caller): how operators manage member accounts',
};

/** The error codes a route documents: the defaults, 404 when it names entities, 409 for writes, plus its own. */
export function routeErrors(spec: RouteSpec): ErrorCode[] {
  const codes = new Set<ErrorCode>(spec.action ? AUTHENTICATED_ERRORS : PUBLIC_ERRORS);
  if (spec.action && (spec.params || spec.write)) codes.add('no_such_entity');
  if (spec.write) for (const c of ['entity_already_exists', 'delete_conflict', 'limit_exceeded'] as const) codes.add(c);
  for (const c of spec.errors ?? []) codes.add(c);
  return [...codes];
}

/** The success body schema: a write's gets `revision`. */
function successSchema(spec: RouteSpec): Schema {
  const schema = spec.response.schema;
  if (!spec.write) return schema;
  const props = (schema.properties ?? {}) as Record<string, Schema>;
  const required = (schema.required ?? []) as string[];
  return { ...schema, properties: { ...props, revision: { type: 'integer', description: 'store revision this write committed' } }, required: [...required, 'revision'] };
}

function operation(spec: RouteSpec): Record<string, unknown> {
  const parameters = [
    ...(spec.action ? [ASSUME_ROLE_PARAMETER] : []),
    ...Object.entries(spec.params ?? {}).map(([name, schema]) => ({ name, in: 'path', required: true, schema })),
    ...Object.entries(spec.query ?? {}).map(([name, schema]) => ({ name, in: 'query', required: (spec.queryRequired ?? []).includes(name), schema })),
  ];
  const responses: Record<string, unknown> = {
    [String(spec.response.status ?? 200)]: {
      description: spec.response.description ?? 'success',
      ...(spec.write ? { headers: { [REVISION_HEADER]: { description: 'store revision this write committed', schema: { type: 'integer' } } } } : {}),
      content: { 'application/json': { schema: successSchema(spec) } },
    },
  };
  const byStatus = new Map<number, ErrorCode[]>();
  for (const code of routeErrors(spec)) byStatus.set(ERROR_STATUS[code], [...(byStatus.get(ERROR_STATUS[code]) ?? []), code]);
  for (const [status, codes] of byStatus) {
    responses[String(status)] = {
      description: codes.join(', '),
      content: { 'application/json': { schema: { allOf: [{ $ref: '#/components/schemas/Error' }, { properties: { code: { enum: codes } } }] } } },
    };
  }
  return {
    operationId: spec.operationId,
    tags: [spec.tag],
    summary: spec.summary,
    ...(spec.action ? { description: `Authorized as \`${spec.action}\`.`, 'x-iam-action': spec.action } : { security: [] }),
    ...(parameters.length ? { parameters } : {}),
    ...(spec.body ? { requestBody: { required: true, content: { 'application/json': { schema: spec.body } } } } : {}),
    responses,
  };
}

/** Builds the OpenAPI 3.1 document of `specs` (mounted under `/v1`). */
export function buildOpenApi(specs: readonly RouteSpec[]): Record<string, unknown> {
  const paths: Record<string, Record<string, unknown>> = {};
  for (const spec of specs) {
    const path = '/v1' + templateOf(spec.path);
    (paths[path] ??= {})[spec.method] = operation(spec);
  }
  return {
    openapi: '3.1.0',
    jsonSchemaDialect: 'https://json-schema.org/draft/2020-12/schema',
    info: {
      title: 'IAM admin plane',
      version: API_VERSION,
      description: 'Manage accounts, the organization, SCPs, users, groups, roles, policies, resources and access keys. '
        + `Every write answers with the store revision it committed (body \`revision\`, header \`${REVISION_HEADER}\`). `
        + 'Errors use one envelope `{ code, message, details? }`.',
    },
    servers: [{ url: '/' }],
    security: [{ accessKey: [] }],
    tags: [...new Set(specs.map((s) => s.tag))].map((name) => ({ name })),
    paths,
    components: {
      schemas: COMPONENTS,
      securitySchemes: {
        accessKey: {
          type: 'apiKey', in: 'header', name: 'Authorization',
          description: `\`${AUTH_SCHEME} <accessKeyId>:<secretAccessKey>\` (SigV4 comes later)`,
        },
      },
    },
  };
}
