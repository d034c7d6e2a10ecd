// The IAM condition operators: their value kinds and how an operator name splits into parts.

import type { SetQualifier } from '../model/policy.ts';

/** What a base operator compares, which decides how its values must look. */
export type ValueKind = 'string' | 'arn' | 'numeric' | 'date' | 'bool' | 'binary' | 'ip' | 'null';

const COMPARISONS = ['Equals', 'NotEquals', 'LessThan', 'LessThanEquals', 'GreaterThan', 'GreaterThanEquals'];

/** Every base operator (no qualifier, no IfExists) with its value kind. */
export const OPERATOR_KINDS: ReadonlyMap<string, ValueKind> = new Map<string, ValueKind>([
  ...['Equals', 'NotEquals', 'EqualsIgnoreCase', 'NotEqualsIgnoreCase', 'Like', 'NotLike'].map(
    (s) => [`String${s}`, 'string'] as [string, ValueKind],
  ),
  ...COMPARISONS.map((s) => [`Numeric${s}`, 'numeric'] as [string, ValueKind]),
  ...COMPARISONS.map((s) => [`Date${s}`, 'date'] as [string, ValueKind]),
  ['Bool', 'bool'],
  ['BinaryEquals', 'binary'],
  ['IpAddress', 'ip'],
  ['NotIpAddress', 'ip'],
  ...['Equals', 'Like', 'NotEquals', 'NotLike'].map((s) => [`Arn${s}`, 'arn'] as [string, ValueKind]),
  ['Null', 'null'],
]);

/** String operators whose values are compared literally (a `*` there is just a character). */
export const LITERAL_STRING_OPERATORS: ReadonlySet<string> = new Set([
  'StringEquals',
  'StringNotEquals',
  'StringEqualsIgnoreCase',
  'StringNotEqualsIgnoreCase',
]);

const QUALIFIERS: readonly Exclude<SetQualifier, null>[] = ['ForAnyValue', 'ForAllValues'];
const IF_EXISTS = 'IfExists';

/** An operator name split into its parts; `kind` is null when the base operator is unknown. */
export interface OperatorParts {
  qualifier: SetQualifier;
  base: string;
  ifExists: boolean;
  kind: ValueKind | null;
  /** Set when the text has an unknown `Prefix:` (neither ForAnyValue nor ForAllValues). */
  badQualifier?: string;
}

/** Split `ForAnyValue:StringLikeIfExists` into qualifier, base operator and IfExists. Never throws. */
export function splitOperator(text: string): OperatorParts {
  let rest = text;
  let qualifier: SetQualifier = null;
  let badQualifier: string | undefined;
  const colon = text.indexOf(':');
  if (colon >= 0) {
    const prefix = text.slice(0, colon);
    rest = text.slice(colon + 1);
    const known = QUALIFIERS.find((q) => q === prefix);
    if (known) qualifier = known;
    else badQualifier = prefix;
  }
  let ifExists = false;
  let base = rest;
  if (rest.endsWith(IF_EXISTS) && rest.length > IF_EXISTS.length) {
    ifExists = true;
    base = rest.slice(0, -IF_EXISTS.length);
  }
  const kind = OPERATOR_KINDS.get(base) ?? null;
  return badQualifier === undefined ? { qualifier, base, ifExists, kind } : { qualifier, base, ifExists, kind, badQualifier };
}

/** The known operator spelled like `text` apart from letter case, to suggest a fix; or null. */
export function suggestOperator(text: string): string | null {
  let rest = text;
  let qualifier = '';
  const colon = text.indexOf(':');
  if (colon >= 0) {
    const lower = text.slice(0, colon).toLowerCase();
    const known = QUALIFIERS.find((q) => q.toLowerCase() === lower);
    if (!known) return null;
    qualifier = `${known}:`;
    rest = text.slice(colon + 1);
  }
  let suffix = '';
  if (rest.toLowerCase().endsWith(IF_EXISTS.toLowerCase()) && rest.length > IF_EXISTS.length) {
    suffix = IF_EXISTS;
    rest = rest.slice(0, -IF_EXISTS.length);
  }
  const lowerBase = rest.toLowerCase();
  const base = [...OPERATOR_KINDS.keys()].find((k) => k.toLowerCase() === lowerBase);
  if (!base) return null;
  const suggestion = `${qualifier}${base}${suffix}`;
  return suggestion === text ? null : suggestion;
}
