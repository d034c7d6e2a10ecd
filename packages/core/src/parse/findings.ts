// Collecting findings with their statement and element path, shared by the parser and the validator.

import type { Finding, FindingSeverity } from '../model/policy.ts';

/** The statement a finding belongs to: its index in `Statement`, its Sid and its path (`Statement[2]`). */
export interface StatementRef {
  index: number;
  sid?: string;
  path: string;
}

/** Appends findings in the order they are found. */
export class FindingCollector {
  readonly findings: Finding[] = [];

  add(severity: FindingSeverity, code: string, message: string, path: string, stmt?: StatementRef): void {
    const finding: Finding = { severity, code, message, path };
    if (stmt) {
      finding.statementIndex = stmt.index;
      if (stmt.sid !== undefined) finding.sid = stmt.sid;
    }
    this.findings.push(finding);
  }

  error(code: string, message: string, path: string, stmt?: StatementRef): void {
    this.add('ERROR', code, message, path, stmt);
  }

  security(code: string, message: string, path: string, stmt?: StatementRef): void {
    this.add('SECURITY_WARNING', code, message, path, stmt);
  }

  warning(code: string, message: string, path: string, stmt?: StatementRef): void {
    this.add('WARNING', code, message, path, stmt);
  }

  suggestion(code: string, message: string, path: string, stmt?: StatementRef): void {
    this.add('SUGGESTION', code, message, path, stmt);
  }
}

/** `base.name`, or `name` at the top level. */
export function childPath(base: string, name: string): string {
  return base === '' ? name : `${base}.${name}`;
}

/** `base[index]`. */
export function indexPath(base: string, index: number): string {
  return `${base}[${index}]`;
}

/** A JSON value's type as a user reads it: `string`, `number`, `boolean`, `null`, `array`, `object`. */
export function jsonTypeName(value: unknown): string {
  if (value === null) return 'null';
  if (Array.isArray(value)) return 'array';
  return typeof value;
}

/** True for a plain JSON object (not null, not an array). */
export function isJsonObject(value: unknown): value is Record<string, unknown> {
  return typeof value === 'object' && value !== null && !Array.isArray(value);
}

/** One item of a string-or-list element with the path that points at it. */
export interface PathedValue {
  value: string;
  path: string;
}

/**
 * Read an element that is a string or an array of strings (Action, Resource, a principal list).
 * Non-string items and other types are reported as `invalid_type` and left out.
 */
export function readStringList(
  value: unknown,
  name: string,
  path: string,
  out: FindingCollector,
  stmt?: StatementRef,
): PathedValue[] | undefined {
  if (typeof value === 'string') return [{ value, path }];
  if (!Array.isArray(value)) {
    out.error('invalid_type', `\`${name}\` must be a string or an array of strings, not ${jsonTypeName(value)}`, path, stmt);
    return undefined;
  }
  const items: PathedValue[] = [];
  value.forEach((item, i) => {
    const itemPath = indexPath(path, i);
    if (typeof item === 'string') items.push({ value: item, path: itemPath });
    else out.error('invalid_type', `each \`${name}\` value must be a string, not ${jsonTypeName(item)}`, itemPath, stmt);
  });
  if (value.length === 0) out.suggestion('empty_array', `\`${name}\` is an empty array; add values or remove it`, path, stmt);
  return items;
}
