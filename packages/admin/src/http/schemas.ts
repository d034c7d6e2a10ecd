// JSON Schemas (2020-12) of the API's entities, shared by the OpenAPI document and request validation.

import { ERROR_CODES } from '../errors.ts';
import {
  ACCOUNT_ID_PATTERN, ARN_MAX, DESCRIPTION_MAX, NAME_PATTERN, PATH_MAX, PATH_PATTERN, TAG_KEY_MAX, TAG_VALUE_MAX,
} from '../limits.ts';

/** A JSON Schema object. */
export type Schema = Record<string, unknown>;

/** A `$ref` to a component schema of the OpenAPI document. */
export function ref(name: keyof typeof COMPONENTS): Schema {
  return { $ref: `#/components/schemas/${name}` };
}

const str: Schema = { type: 'string' };
const time: Schema = { type: 'string', description: 'ISO 8601 time (UTC)' };
const int: Schema = { type: 'integer' };

/** A closed object schema: every listed property, `required` ones mandatory, nothing else. */
export function object(properties: Record<string, Schema>, required: string[] = [], description?: string): Schema {
  return { type: 'object', properties, required, additionalProperties: false, ...(description ? { description } : {}) };
}

/** A string of at most `max` characters matching `pattern` (when given). */
export function text(max: number, pattern?: string, min = 1): Schema {
  return { type: 'string', minLength: min, maxLength: max, ...(pattern ? { pattern } : {}) };
}

/** A user, group, role or policy name of at most `max` characters. */
export function iamName(max: number): Schema {
  return text(max, NAME_PATTERN);
}

/** An IAM path. */
export const pathSchema: Schema = text(PATH_MAX, PATH_PATTERN);
/** A 12-digit account id. */
export const accountIdSchema: Schema = text(12, ACCOUNT_ID_PATTERN);
/** An ARN. */
export const arnSchema: Schema = text(ARN_MAX, '^arn:');
/** A description. */
export const descriptionSchema: Schema = text(DESCRIPTION_MAX, undefined, 0);
/** A policy document: a JSON object, or its text. */
export const policyDocumentSchema: Schema = { oneOf: [{ type: 'object' }, { type: 'string' }], description: 'a policy document (JSON object or its text)' };
/** Tags as a key/value map; keys may not start with `aws:`. */
export const tagsSchema: Schema = {
  type: 'object',
  propertyNames: { minLength: 1, maxLength: TAG_KEY_MAX, pattern: '^(?![aA][wW][sS]:)[\\p{L}\\p{Z}\\p{N}_.:/=+\\-@]+$' },
  additionalProperties: { type: 'string', maxLength: TAG_VALUE_MAX, pattern: '^[\\p{L}\\p{Z}\\p{N}_.:/=+\\-@]*$' },
};

const policyKind: Schema = { enum: ['identity', 'scp', 'rcp'] };
const tags: Schema = { type: 'object', additionalProperties: { type: 'string' } };
/** Present (true) on keys of an account root, whose `userArn` is `arn:aws:iam::ACCT:root`. */
const rootFlag: Schema = { const: true, description: 'a key of the account root' };
const layer: Schema = { enum: ['scp', 'rcp', 'resource', 'trust', 'identity', 'boundary', 'session'] };

/** The component schemas of the OpenAPI document: every response entity. */
export const COMPONENTS = {
  Error: object({ code: { enum: ERROR_CODES }, message: str, details: {} }, ['code', 'message'], 'the error envelope'),
  Account: object({ id: str, name: str, parentId: str, createdAt: time }, ['id', 'createdAt']),
  Organization: object({ id: str, managementAccountId: str, rootId: str, createdAt: time, arn: str }, ['id', 'managementAccountId', 'rootId', 'createdAt']),
  OrganizationalUnit: object({ id: str, name: str, parentId: str, depth: int, createdAt: time }, ['id', 'name', 'parentId', 'depth', 'createdAt']),
  Policy: object({
    arn: str, policyId: str, kind: policyKind, accountId: str, name: str, path: str, description: str,
    defaultVersionId: str, document: policyDocumentSchema, createdAt: time, updatedAt: time,
  }, ['arn', 'policyId', 'kind', 'accountId', 'name', 'path', 'defaultVersionId', 'document', 'createdAt', 'updatedAt']),
  PolicyVersion: object({ versionId: str, isDefault: { type: 'boolean' }, document: policyDocumentSchema, createdAt: time }, ['versionId', 'isDefault', 'document', 'createdAt']),
  PolicyUsage: object({ attachedTo: { type: 'array', items: str }, boundaryOf: { type: 'array', items: str }, targets: { type: 'array', items: str } }, ['attachedTo', 'boundaryOf', 'targets']),
  User: object({ arn: str, userId: str, accountId: str, name: str, path: str, permissionsBoundary: str, tags, createdAt: time }, ['arn', 'userId', 'accountId', 'name', 'path', 'tags', 'createdAt']),
  Group: object({ arn: str, groupId: str, accountId: str, name: str, path: str, createdAt: time }, ['arn', 'groupId', 'accountId', 'name', 'path', 'createdAt']),
  Role: object({
    arn: str, roleId: str, accountId: str, name: str, path: str, description: str, trustPolicy: policyDocumentSchema,
    maxSessionDuration: int, permissionsBoundary: str, serviceLinked: { type: 'boolean' }, tags, createdAt: time,
  }, ['arn', 'roleId', 'accountId', 'name', 'path', 'trustPolicy', 'maxSessionDuration', 'serviceLinked', 'tags', 'createdAt']),
  InlinePolicy: object({ name: str, document: policyDocumentSchema }, ['name', 'document']),
  Resource: object({ arn: str, accountId: str, policy: policyDocumentSchema, tags }, ['arn', 'tags']),
  AccessKey: object({
    accessKeyId: str, accountId: str, userName: str, userArn: str, status: { enum: ['Active', 'Inactive'] },
    createdAt: time, lastUsedAt: time, lastUsedService: str, root: rootFlag,
  }, ['accessKeyId', 'accountId', 'userName', 'userArn', 'status', 'createdAt']),
  NewAccessKey: object({
    accessKeyId: str, accountId: str, userName: str, userArn: str, status: { enum: ['Active', 'Inactive'] },
    createdAt: time, lastUsedAt: time, lastUsedService: str, root: rootFlag, secretAccessKey: str,
  }, ['accessKeyId', 'accountId', 'userName', 'userArn', 'status', 'createdAt', 'secretAccessKey'], 'the secret is returned here only'),
  AuditEvent: object({
    id: str, time, caller: str, action: str, target: str, sourceIp: str, outcome: { enum: ['success', 'failure'] },
    errorCode: str, revision: int, parameters: { type: 'object' },
  }, ['id', 'time', 'caller', 'action', 'outcome']),
  Finding: object({
    severity: { enum: ['ERROR', 'SECURITY_WARNING', 'WARNING', 'SUGGESTION'] }, code: str, message: str, path: str,
    statementIndex: int, sid: str,
  }, ['severity', 'code', 'message', 'path']),
  Reason: object({ policyId: str, statementIndex: int, sid: str, effect: { enum: ['Allow', 'Deny'] }, layer }, ['policyId', 'statementIndex', 'effect', 'layer']),
  EvaluationError: object({ policyId: str, statementIndex: int, message: str }, ['policyId', 'statementIndex', 'message']),
  SimulationResult: object({
    action: str, resource: str, decision: { enum: ['Allow', 'ExplicitDeny', 'ImplicitDeny'] },
    reasons: { type: 'array', items: { $ref: '#/components/schemas/Reason' } }, deniedBy: layer,
    missingContextKeys: { type: 'array', items: str }, errors: { type: 'array', items: { $ref: '#/components/schemas/EvaluationError' } },
  }, ['action', 'resource', 'decision', 'reasons', 'missingContextKeys', 'errors']),
  Snapshot: { type: 'object', required: ['format', 'version'], properties: { format: { const: 'iam-world-snapshot' }, version: int, revision: int } },
} satisfies Record<string, Schema>;

/** Name of a component schema. */
export type ComponentName = keyof typeof COMPONENTS;

/** `{ items: [Component], nextCursor? }`: one page of a list. */
export function pageOf(name: ComponentName): Schema {
  return object({ items: { type: 'array', items: ref(name) }, nextCursor: str }, ['items']);
}

/** `{ items: [Component] }`: a complete (unpaginated) list. */
export function listOf(name: ComponentName | Schema): Schema {
  return object({ items: { type: 'array', items: typeof name === 'string' ? ref(name) : name } }, ['items']);
}

/** `{ [key]: Component }`: one entity under its key. */
export function entity(key: string, name: ComponentName): Schema {
  return object({ [key]: ref(name) }, [key]);
}

/** Query parameters of paginated lists. */
export function pageQuery(maxPageSize: number): Record<string, Schema> {
  return {
    cursor: { type: 'string', maxLength: 1024, description: 'opaque cursor from the previous page' },
    limit: { type: 'integer', minimum: 1, maximum: maxPageSize, description: 'page size' },
  };
}

/** Query parameters of lists filtered by IAM path prefix. */
export function pathPageQuery(maxPageSize: number): Record<string, Schema> {
  return { ...pageQuery(maxPageSize), pathPrefix: text(PATH_MAX, '^/') };
}
