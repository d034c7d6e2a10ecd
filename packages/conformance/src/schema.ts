// Validates case files against schema/case-file.schema.json (JSON Schema 2020-12, ajv); its `world` is core's world-snapshot schema.

import { readFileSync } from 'node:fs';
import { fileURLToPath } from 'node:url';
import { Ajv2020, type ErrorObject, type ValidateFunction } from 'ajv/dist/2020.js';
import { worldSnapshotSchema } from '@iam/core';

/** Where the case-file schema lives. */
export const CASE_FILE_SCHEMA_PATH = fileURLToPath(new URL('../schema/case-file.schema.json', import.meta.url));

let compiled: ValidateFunction | undefined;

/** The compiled validator, built once. */
function validator(): ValidateFunction {
  if (compiled === undefined) {
    const schema = JSON.parse(readFileSync(CASE_FILE_SCHEMA_PATH, 'utf8')) as object;
    // strictRequired is off: the principal's `oneOf` of `required` lists names properties declared beside it.
    const ajv = new Ajv2020({ allErrors: true, strict: true, strictRequired: false, allowUnionTypes: true });
    // The case-file schema `$ref`s core's world schema by its `$id`: one definition of a world, the one the engine enforces.
    ajv.addSchema(worldSnapshotSchema() as Record<string, unknown>);
    compiled = ajv.compile(schema);
  }
  return compiled as ValidateFunction;
}

/** One schema error as a line: `/cases/3/expect/deniedBy must be equal to one of the allowed values`. */
function describe(e: ErrorObject): string {
  const where = e.instancePath === '' ? '(root)' : e.instancePath;
  const extra =
    e.keyword === 'additionalProperties'
      ? ` (\`${String((e.params as { additionalProperty: string }).additionalProperty)}\`)`
      : e.keyword === 'enum'
        ? ` (${JSON.stringify((e.params as { allowedValues: unknown[] }).allowedValues)})`
        : '';
  return `${where} ${e.message ?? 'is invalid'}${extra}`;
}

/** Schema problems of one parsed case file (empty when it conforms). */
export function validateCaseFile(file: unknown): string[] {
  const validate = validator();
  return validate(file) ? [] : (validate.errors ?? []).map(describe);
}
