// Compiling Condition entries: operator families, qualifiers and pre-parsed values.

import { CF_CALLER_KEY, CF_FOR_ALL, CF_FOR_ANY, CF_IF_EXISTS, CF_NEGATED, CO_FLAGS, CO_KEY, CO_OP, CO_SIZE, CO_VALUES, OP_ARN_LIKE, OP_BINARY, OP_BOOL, OP_DATE_EQ, OP_DATE_GE, OP_DATE_GT, OP_DATE_LE, OP_DATE_LT, OP_IP, OP_NULL, OP_NUMERIC_EQ, OP_NUMERIC_GE, OP_NUMERIC_GT, OP_NUMERIC_LE, OP_NUMERIC_LT, OP_STRING_EQUALS, OP_STRING_EQUALS_IC, OP_STRING_LIKE } from '../../assembly/layout.ts';
import type { ConditionEntry } from '../model/policy.ts';
import { parseCidr, parseIamDate, parseIamNumber } from '../parse/index.ts';
import type { BlockWriter } from '../wasm/heap.ts';
import type { KeyTable } from './keys.ts';
import { writePattern, writeResourcePattern } from './patterns.ts';

/** Base operator -> (evaluator operator, negated). */
const OPERATORS: ReadonlyMap<string, [number, boolean]> = new Map([
  ['StringEquals', [OP_STRING_EQUALS, false]],
  ['StringNotEquals', [OP_STRING_EQUALS, true]],
  ['StringEqualsIgnoreCase', [OP_STRING_EQUALS_IC, false]],
  ['StringNotEqualsIgnoreCase', [OP_STRING_EQUALS_IC, true]],
  ['StringLike', [OP_STRING_LIKE, false]],
  ['StringNotLike', [OP_STRING_LIKE, true]],
  ['NumericEquals', [OP_NUMERIC_EQ, false]],
  ['NumericNotEquals', [OP_NUMERIC_EQ, true]],
  ['NumericLessThan', [OP_NUMERIC_LT, false]],
  ['NumericLessThanEquals', [OP_NUMERIC_LE, false]],
  ['NumericGreaterThan', [OP_NUMERIC_GT, false]],
  ['NumericGreaterThanEquals', [OP_NUMERIC_GE, false]],
  ['DateEquals', [OP_DATE_EQ, false]],
  ['DateNotEquals', [OP_DATE_EQ, true]],
  ['DateLessThan', [OP_DATE_LT, false]],
  ['DateLessThanEquals', [OP_DATE_LE, false]],
  ['DateGreaterThan', [OP_DATE_GT, false]],
  ['DateGreaterThanEquals', [OP_DATE_GE, false]],
  ['Bool', [OP_BOOL, false]],
  ['BinaryEquals', [OP_BINARY, false]],
  ['IpAddress', [OP_IP, false]],
  ['NotIpAddress', [OP_IP, true]],
  ['ArnEquals', [OP_ARN_LIKE, false]],
  ['ArnLike', [OP_ARN_LIKE, false]],
  ['ArnNotEquals', [OP_ARN_LIKE, true]],
  ['ArnNotLike', [OP_ARN_LIKE, true]],
  ['Null', [OP_NULL, false]],
]);

/** A condition value the validator should have refused; compiling stops with this error. */
export class CompileError extends Error {}

function need<T>(value: T | null, what: string, text: string): T {
  if (value === null) throw new CompileError(`${what} \`${text}\` is not valid`);
  return value;
}

/** Write one value of an operator; returns its offset. */
function writeValue(w: BlockWriter, op: number, text: string, variables: boolean, keys: KeyTable): number {
  switch (op) {
    case OP_STRING_EQUALS:
      return writePattern(w, text, { wildcards: false, lowercase: false, variables }, keys);
    case OP_STRING_EQUALS_IC:
      return writePattern(w, text, { wildcards: false, lowercase: true, variables }, keys);
    case OP_STRING_LIKE:
      return writePattern(w, text, { wildcards: true, lowercase: false, variables }, keys);
    case OP_ARN_LIKE:
      return writeResourcePattern(w, text, variables, keys);
    case OP_BINARY:
      return w.string(text);
    case OP_BOOL:
    case OP_NULL: {
      const t = text.toLowerCase();
      if (t !== 'true' && t !== 'false') throw new CompileError(`boolean value \`${text}\` is not valid`);
      return w.u32(t === 'true' ? 1 : 0);
    }
    case OP_IP: {
      const cidr = need(parseCidr(text), 'CIDR', text);
      const off = w.reserve(20);
      // 16 address bytes in memory order, written as little-endian u32 words
      for (let i = 0; i < 16; i += 4) {
        w.u32At(off + i, (cidr.bytes[i] | (cidr.bytes[i + 1] << 8) | (cidr.bytes[i + 2] << 16) | (cidr.bytes[i + 3] << 24)) >>> 0);
      }
      w.u32At(off + 16, cidr.prefix);
      return off;
    }
    default:
      if (op >= OP_NUMERIC_EQ && op <= OP_NUMERIC_GE) return w.f64(need(parseIamNumber(text), 'number', text));
      return w.f64(need(parseIamDate(text), 'date', text));
  }
}

/** Write one condition; returns its offset. */
export function writeCondition(w: BlockWriter, c: ConditionEntry, variables: boolean, keys: KeyTable): number {
  const entry = OPERATORS.get(c.operator);
  if (!entry) throw new CompileError(`unknown condition operator \`${c.operatorText}\``);
  const [op, negated] = entry;
  const off = w.reserve(CO_SIZE);
  let flags = negated ? CF_NEGATED : 0;
  if (c.ifExists) flags |= CF_IF_EXISTS;
  if (c.qualifier === 'ForAnyValue') flags |= CF_FOR_ANY;
  if (c.qualifier === 'ForAllValues') flags |= CF_FOR_ALL;
  const key = keys.intern(c.key);
  if (keys.isCallerKey(key)) flags |= CF_CALLER_KEY;
  w.u32At(off + CO_OP, op);
  w.u32At(off + CO_FLAGS, flags);
  w.u32At(off + CO_KEY, key);
  const values = c.values.map((v) => writeValue(w, op, v, variables, keys));
  w.ptrAt(off + CO_VALUES, w.ptrList(values));
  return off;
}
