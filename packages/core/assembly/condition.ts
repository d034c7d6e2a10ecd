// Condition operators: one condition (operator + key + values) against the request's values for the key,
// with IfExists, ForAnyValue / ForAllValues, negation and Null, as IAM defines them.

import { CF_CALLER_KEY, CF_FOR_ALL, CF_FOR_ANY, CF_IF_EXISTS, CF_NEGATED, CO_FLAGS, CO_KEY, CO_OP, CO_VALUES, ERR_NOT_BOOL, ERR_NOT_DATE, ERR_NOT_IP, ERR_NOT_NUMBER, EXK_MISSING, OP_ARN_LIKE, OP_BINARY, OP_BOOL, OP_DATE_EQ, OP_DATE_GE, OP_DATE_GT, OP_DATE_LE, OP_DATE_LT, OP_IP, OP_NULL, OP_NUMERIC_EQ, OP_NUMERIC_GE, OP_NUMERIC_GT, OP_NUMERIC_LE, OP_NUMERIC_LT, OP_STRING_EQUALS, OP_STRING_EQUALS_IC, OP_STRING_LIKE } from './layout';
import { VAL_PARTS, splitArn } from './arn';
import { callerValues, lookup } from './context';
import { globMatch, textEquals } from './glob';
import { resourcePatternMatches } from './match';
import { listAt, listLen, strData, strLen } from './mem';
import { explain, record, setStmtError } from './state';
import { render, renderedLen, renderedPtr, resetScratch } from './template';
import { IP_BUF, ipInNet, parseBool, parseDate, parseIp, parseNumber, parsedNumber } from './values';

/** Compare two numbers by a Numeric/Date operator. */
function compareBy(op: u32, a: f64, b: f64): bool {
  switch (op) {
    case OP_NUMERIC_EQ: case OP_DATE_EQ: return a == b;
    case OP_NUMERIC_LT: case OP_DATE_LT: return a < b;
    case OP_NUMERIC_LE: case OP_DATE_LE: return a <= b;
    case OP_NUMERIC_GT: case OP_DATE_GT: return a > b;
    case OP_NUMERIC_GE: case OP_DATE_GE: return a >= b;
  }
  return false;
}

/** Whether request value `v` (string ptr) matches any policy value of the condition (positive operator). */
function anyValueMatches(op: u32, key: u32, values: u32, v: u32): bool {
  const p = strData(v);
  const n = strLen(v);
  const count = listLen(values);
  if (op <= <u32>OP_STRING_LIKE) {
    for (let i: u32 = 0; i < count; i++) {
      resetScratch();
      if (!render(listAt(values, i))) continue;
      if (op == OP_STRING_LIKE) { if (globMatch(renderedPtr, renderedLen, p, n, false)) return true; }
      else if (textEquals(renderedPtr, renderedLen, p, n, op == OP_STRING_EQUALS_IC)) return true;
    }
    return false;
  }
  if (op <= <u32>OP_NUMERIC_GE) {
    if (!parseNumber(p, n)) { setStmtError(ERR_NOT_NUMBER | (key << 8)); return false; }
    const x = parsedNumber;
    for (let i: u32 = 0; i < count; i++) if (compareBy(op, x, load<f64>(listAt(values, i)))) return true;
    return false;
  }
  if (op <= <u32>OP_DATE_GE) {
    if (!parseDate(p, n)) { setStmtError(ERR_NOT_DATE | (key << 8)); return false; }
    const x = parsedNumber;
    for (let i: u32 = 0; i < count; i++) if (compareBy(op, x, load<f64>(listAt(values, i)))) return true;
    return false;
  }
  if (op == OP_BOOL) {
    const b = parseBool(p, n);
    if (b < 0) { setStmtError(ERR_NOT_BOOL | (key << 8)); return false; }
    for (let i: u32 = 0; i < count; i++) if (load<u32>(listAt(values, i)) == <u32>b) return true;
    return false;
  }
  if (op == OP_BINARY) {
    for (let i: u32 = 0; i < count; i++) {
      const pv = listAt(values, i);
      if (textEquals(strData(pv), strLen(pv), p, n, false)) return true;
    }
    return false;
  }
  if (op == OP_IP) {
    if (!parseIp(p, n)) { setStmtError(ERR_NOT_IP | (key << 8)); return false; }
    for (let i: u32 = 0; i < count; i++) {
      const net = listAt(values, i);
      if (ipInNet(net, load<u32>(net + 16))) return true;
    }
    return false;
  }
  if (op == OP_ARN_LIKE) {
    const isArn = splitArn(p, n, VAL_PARTS);
    if (!isArn) return false;
    for (let i: u32 = 0; i < count; i++) if (resourcePatternMatches(listAt(values, i), p, n, VAL_PARTS, true)) return true;
    return false;
  }
  return false;
}

/** Per-value truth for the set qualifiers: the positive match, or its negation for negated operators. */
@inline function valueHolds(op: u32, key: u32, values: u32, v: u32, negated: bool): bool {
  const m = anyValueMatches(op, key, values, v);
  return negated ? !m : m;
}

/** Evaluate one condition for the current request. */
export function evalCondition(c: u32): bool {
  const op = load<u32>(c + CO_OP);
  const flags = load<u32>(c + CO_FLAGS);
  const key = load<u32>(c + CO_KEY);
  const values = load<u32>(c + CO_VALUES);
  const got = (flags & CF_CALLER_KEY) != 0 ? callerValues(key) : lookup(key, 0);
  const n = listLen(got);
  if (op == OP_NULL) {
    // "true": the key must be absent; "false": present. Several policy values are ORed.
    const count = listLen(values);
    for (let i: u32 = 0; i < count; i++) {
      const want = load<u32>(listAt(values, i));
      if ((want == 1) == (n == 0)) return true;
    }
    return false;
  }
  const negated = (flags & CF_NEGATED) != 0;
  if (n == 0) {
    if ((flags & CF_FOR_ALL) != 0) return true;
    if ((flags & CF_IF_EXISTS) != 0) return true;
    if (explain) record(EXK_MISSING, key, 0);
    if ((flags & CF_FOR_ANY) != 0) return false;
    return negated;
  }
  if ((flags & CF_FOR_ALL) != 0) {
    for (let i: u32 = 0; i < n; i++) if (!valueHolds(op, key, values, listAt(got, i), negated)) return false;
    return true;
  }
  if ((flags & CF_FOR_ANY) != 0) {
    for (let i: u32 = 0; i < n; i++) if (valueHolds(op, key, values, listAt(got, i), negated)) return true;
    return false;
  }
  // no qualifier: positive operators need some value to match, negated ones need none to match
  for (let i: u32 = 0; i < n; i++) {
    if (anyValueMatches(op, key, values, listAt(got, i))) return !negated;
  }
  return negated;
}
