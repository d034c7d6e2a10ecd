// Shape validation of world snapshots and world changes against the published JSON Schemas (ajv, draft 2020-12).

import { readFileSync } from 'node:fs';
import { fileURLToPath } from 'node:url';
import { Ajv2020 } from 'ajv/dist/2020.js';
import type { ErrorObject, ValidateFunction } from 'ajv/dist/2020.js';

/** Where the world snapshot schema lives (packages/core/schema/world-snapshot.schema.json). */
export const WORLD_SNAPSHOT_SCHEMA_PATH = fileURLToPath(new URL('../../schema/world-snapshot.schema.json', import.meta.url));
/** Where the world change schema lives (packages/core/schema/world-change.schema.json). */
export const WORLD_CHANGE_SCHEMA_PATH = fileURLToPath(new URL('../../schema/world-change.schema.json', import.meta.url));

/** At most this many errors are reported per value; a final line counts the rest. */
export const MAX_SHAPE_ERRORS = 100;
/** Offending values are quoted up to this many characters. */
const MAX_QUOTED_CHARS = 60;
/** A property name that JSONPath may write as `.name` rather than `["name"]`. */
const PLAIN_NAME = /^[A-Za-z_][A-Za-z0-9_]*$/;

/** A parsed JSON Schema document. */
export type JsonSchema = Readonly<Record<string, unknown>>;

let snapshotSchema: JsonSchema | undefined;
let changeSchema: JsonSchema | undefined;
let validators: { snapshot: ValidateFunction; change: ValidateFunction } | undefined;

/** The world snapshot schema, read once; treat it as read-only. */
export function worldSnapshotSchema(): JsonSchema {
  snapshotSchema ??= JSON.parse(readFileSync(WORLD_SNAPSHOT_SCHEMA_PATH, 'utf8')) as JsonSchema;
  return snapshotSchema;
}

/** The world change schema (it `$ref`s the snapshot schema's definitions), read once; treat it as read-only. */
export function worldChangeSchema(): JsonSchema {
  changeSchema ??= JSON.parse(readFileSync(WORLD_CHANGE_SCHEMA_PATH, 'utf8')) as JsonSchema;
  return changeSchema;
}

/** Both validators, compiled on first use by one ajv instance (the change schema refers into the snapshot's). */
function compiled(): { snapshot: ValidateFunction; change: ValidateFunction } {
  if (!validators) {
    // verbose: errors carry the failing value and the schema holding the keyword (for its title).
    const ajv = new Ajv2020({ allErrors: true, verbose: true, strict: true, allowUnionTypes: true });
    ajv.addSchema(worldSnapshotSchema() as Record<string, unknown>);
    const snapshot = ajv.getSchema(String(worldSnapshotSchema().$id));
    if (!snapshot) throw new Error('world snapshot schema failed to register');
    validators = { snapshot, change: ajv.compile(worldChangeSchema() as Record<string, unknown>) };
  }
  return validators;
}

/** Shape problems of a world snapshot, one line each with its JSON path (empty when it conforms). */
export function validateSnapshotShape(value: unknown): string[] {
  return run(compiled().snapshot, value);
}

/** Shape problems of one world change, one line each with its JSON path (empty when it conforms). */
export function validateChangeShape(value: unknown): string[] {
  return run(compiled().change, value);
}

function run(validate: ValidateFunction, value: unknown): string[] {
  if (validate(value)) return [];
  const lines = [...new Set((validate.errors ?? []).map((e) => describe(value, e)).filter((l): l is string => l !== null))];
  if (lines.length <= MAX_SHAPE_ERRORS) return lines;
  return [...lines.slice(0, MAX_SHAPE_ERRORS), `and ${lines.length - MAX_SHAPE_ERRORS} more errors`];
}

/** JSONPath of an ajv instance pointer (`/users/0/tags/a.b` -> `$.users[0].tags["a.b"]`), walking the value to tell arrays from objects. */
function jsonPath(root: unknown, pointer: string, child?: string): string {
  const segments = pointer === '' ? [] : pointer.slice(1).split('/').map((s) => s.replace(/~1/g, '/').replace(/~0/g, '~'));
  if (child !== undefined) segments.push(child);
  let path = '$';
  let node: unknown = root;
  for (const seg of segments) {
    if (Array.isArray(node)) {
      path += `[${seg}]`;
      node = node[Number(seg)];
    } else {
      path += PLAIN_NAME.test(seg) ? `.${seg}` : `[${JSON.stringify(seg)}]`;
      node = node !== null && typeof node === 'object' ? (node as Record<string, unknown>)[seg] : undefined;
    }
  }
  return path;
}

/** A value for a message: strings as they are, the rest as JSON, cut to a readable length, in backticks. */
function quote(value: unknown): string {
  const text = typeof value === 'string' ? value : (JSON.stringify(value) ?? String(value));
  return `\`${text.length > MAX_QUOTED_CHARS ? `${text.slice(0, MAX_QUOTED_CHARS)}...` : text}\``;
}

/** `a string`, `an object`, `null`: the JSON type of a value, with its article. */
function kindOf(value: unknown): string {
  if (value === null) return 'null';
  if (Array.isArray(value)) return 'an array';
  if (Number.isInteger(value)) return 'an integer';
  return withArticle(typeof value);
}

/** `1 character`, `128 characters`. */
function plural(n: number, noun: string): string {
  return `${n} ${noun}${n === 1 ? '' : 's'}`;
}

function withArticle(type: string): string {
  return type === 'null' ? 'null' : `${/^[aeiou]/.test(type) ? 'an' : 'a'} ${type}`;
}

/** One ajv error as a line `PATH: problem`, or null for errors that only repeat another (`if`, outer `propertyNames`). */
function describe(root: unknown, e: ErrorObject): string | null {
  const p = e.params as Record<string, unknown>;
  const title = typeof e.parentSchema?.title === 'string' ? e.parentSchema.title : undefined;
  const at = jsonPath(root, e.instancePath);
  // Errors raised inside `propertyNames` are about a key of the object at instancePath.
  const keyName = (e as ErrorObject & { propertyName?: string }).propertyName;
  const subject = keyName !== undefined ? `key ${quote(keyName)}` : undefined;
  switch (e.keyword) {
    case 'if':
    case 'propertyNames':
      return null;
    case 'required':
      return `${jsonPath(root, e.instancePath, String(p.missingProperty))}: required field is missing`;
    case 'additionalProperties': {
      const allowed = Object.keys((e.parentSchema?.properties as object | undefined) ?? {});
      const hint = allowed.length > 0 ? ` (expected one of ${allowed.join(', ')})` : '';
      return `${jsonPath(root, e.instancePath, String(p.additionalProperty))}: unknown field${hint}`;
    }
    case 'type': {
      const types = Array.isArray(p.type) ? (p.type as string[]) : String(p.type).split(',');
      return `${at}: must be ${types.map(withArticle).join(' or ')}, not ${kindOf(e.data)}`;
    }
    case 'const':
      return `${at}: must be ${quote(p.allowedValue)}, not ${quote(e.data)}`;
    case 'enum':
      return `${at}: must be one of ${(p.allowedValues as unknown[]).map(quote).join(', ')}, not ${quote(e.data)}`;
    case 'pattern':
      return `${at}: ${quote(keyName ?? e.data)} is not a valid ${title ?? `value (pattern \`${String(p.pattern)}\`)`}`;
    case 'minLength':
    case 'maxLength': {
      const bound = e.keyword === 'minLength' ? 'at least' : 'at most';
      return `${at}: ${subject ?? quote(e.data)} must be ${bound} ${plural(Number(p.limit), 'character')} long`;
    }
    case 'minProperties':
    case 'maxProperties': {
      const bound = e.keyword === 'minProperties' ? 'at least' : 'at most';
      const count = e.data !== null && typeof e.data === 'object' ? Object.keys(e.data).length : 0;
      return `${at}: must have ${bound} ${String(p.limit)} ${title ?? 'entries'}, has ${count}`;
    }
    case 'minimum':
    case 'maximum':
      return `${at}: must be ${e.keyword === 'minimum' ? 'at least' : 'at most'} ${String(p.limit)}, not ${quote(e.data)}`;
    default:
      return `${at}: ${subject ? `${subject} ` : ''}${e.message ?? 'is invalid'}`;
  }
}
