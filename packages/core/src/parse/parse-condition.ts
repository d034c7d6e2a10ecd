// Normalizes a Condition block into one ConditionEntry per (operator, key), reporting grammar problems.

import type { ConditionEntry } from '../model/policy.ts';
import type { ParseContext } from './context.ts';
import { checkConditionValue } from './condition-values.ts';
import {
  childPath,
  indexPath,
  isJsonObject,
  jsonTypeName,
  type PathedValue,
  type StatementRef,
} from './findings.ts';
import { splitOperator, suggestOperator } from './operators.ts';

/** Parse a statement's `Condition` element. Entries of unknown operators are kept (with an ERROR reported). */
export function parseConditionBlock(ctx: ParseContext, block: unknown, path: string, stmt: StatementRef): ConditionEntry[] {
  if (!isJsonObject(block)) {
    ctx.out.error('invalid_type', `\`Condition\` must be an object, not ${jsonTypeName(block)}`, path, stmt);
    return [];
  }
  const operators = Object.keys(block);
  if (operators.length === 0) ctx.out.suggestion('empty_object', '`Condition` is empty; remove it', path, stmt);
  return operators.flatMap((op) => parseOperator(ctx, op, block[op], childPath(path, op), stmt));
}

function parseOperator(ctx: ParseContext, operatorText: string, body: unknown, path: string, stmt: StatementRef): ConditionEntry[] {
  const parts = splitOperator(operatorText);
  const known = parts.kind !== null && parts.badQualifier === undefined;
  if (!known) reportUnknownOperator(ctx, operatorText, parts.badQualifier, path, stmt);
  else if (parts.base === 'Null' && parts.ifExists) {
    ctx.out.error('null_with_if_exists', '`Null` cannot take the `IfExists` suffix; use `Null` alone', path, stmt);
  }
  if (!isJsonObject(body)) {
    ctx.out.error('invalid_type', `\`${operatorText}\` must map condition keys to values, not be ${jsonTypeName(body)}`, path, stmt);
    return [];
  }
  const keys = Object.keys(body);
  if (keys.length === 0) ctx.out.suggestion('empty_object', `\`${operatorText}\` has no condition keys; remove it`, path, stmt);
  reportDuplicateKeys(ctx, keys, operatorText, path, stmt);
  return keys.map((key) => {
    const keyPath = childPath(path, key);
    if (!/^[^:]+:./.test(key)) {
      ctx.out.warning('condition_key_without_prefix', `condition key \`${key}\` has no \`prefix:\` (such as \`aws:\`)`, keyPath, stmt);
    }
    const values = readConditionValues(ctx, body[key], keyPath, stmt);
    if (known && parts.kind !== null) {
      for (const item of values) checkConditionValue(ctx, parts.kind, parts.base, item, stmt);
      if (parts.kind === 'bool' && values.length > 1) {
        ctx.out.error('bool_multiple_values', `\`${key}\` under \`${operatorText}\` takes a single boolean value`, keyPath, stmt);
      }
    }
    return {
      operatorText,
      operator: parts.base,
      qualifier: parts.qualifier,
      ifExists: parts.ifExists,
      key,
      values: values.map((v) => v.value),
    };
  });
}

function reportUnknownOperator(
  ctx: ParseContext,
  operatorText: string,
  badQualifier: string | undefined,
  path: string,
  stmt: StatementRef,
): void {
  const suggestion = suggestOperator(operatorText);
  let message = `unknown condition operator \`${operatorText}\``;
  if (suggestion) message += `; did you mean \`${suggestion}\``;
  else if (badQualifier !== undefined) message += `: the set qualifier must be \`ForAnyValue\` or \`ForAllValues\``;
  ctx.out.error('unknown_operator', message, path, stmt);
}

/** Condition key names are case-insensitive: the same key twice under one operator is ambiguous. */
function reportDuplicateKeys(ctx: ParseContext, keys: string[], operatorText: string, path: string, stmt: StatementRef): void {
  const seen = new Map<string, string>();
  for (const key of keys) {
    const lower = key.toLowerCase();
    const first = seen.get(lower);
    if (first === undefined) {
      seen.set(lower, key);
      continue;
    }
    ctx.out.error(
      'duplicate_condition_key',
      `condition key \`${key}\` repeats \`${first}\` under \`${operatorText}\` (key names ignore case); merge their values`,
      childPath(path, key),
      stmt,
    );
  }
}

/** Values as IAM reads them: a scalar or an array of scalars, booleans and numbers stringified. */
function readConditionValues(ctx: ParseContext, raw: unknown, path: string, stmt: StatementRef): PathedValue[] {
  const scalar = (value: unknown, at: string): PathedValue | null => {
    if (typeof value === 'string') return { value, path: at };
    if (typeof value === 'boolean' || (typeof value === 'number' && Number.isFinite(value))) return { value: String(value), path: at };
    ctx.out.error('invalid_type', `condition values must be strings, numbers or booleans, not ${jsonTypeName(value)}`, at, stmt);
    return null;
  };
  if (!Array.isArray(raw)) {
    const item = scalar(raw, path);
    return item ? [item] : [];
  }
  if (raw.length === 0) ctx.out.suggestion('empty_array', 'condition key has no values; add values or remove it', path, stmt);
  return raw.flatMap((value, i) => scalar(value, indexPath(path, i)) ?? []);
}
