// Checks one condition value against its operator: formats, policy variables, wildcards.

import type { ParseContext } from './context.ts';
import { variablesEnabled } from './context.ts';
import { warnLegacyVariable } from './elements.ts';
import type { PathedValue, StatementRef } from './findings.ts';
import { LITERAL_STRING_OPERATORS, type ValueKind } from './operators.ts';
import { parseIamNumber } from './number.ts';
import { parseIamDate } from './date.ts';
import { parseCidrDetail } from './cidr.ts';
import { isValidBase64 } from './base64.ts';
import { scanVariables } from './variables.ts';

/** Bool and Null values: `true` or `false` in any letter case (compare lower-cased). */
const BOOLEAN_TEXT = /^(?:true|false)$/i;
const WILDCARD = /[*?]/;

/** What a malformed value of each kind is reported as, and what the kind expects. */
const FORMAT_RULES: Record<Exclude<ValueKind, 'string' | 'arn'>, { code: string; valid: (v: string) => boolean; expects: string }> = {
  numeric: { code: 'invalid_number', valid: (v) => parseIamNumber(v) !== null, expects: 'a decimal number such as `10` or `-2.5`' },
  date: {
    code: 'invalid_date',
    valid: (v) => parseIamDate(v) !== null,
    expects: 'an ISO 8601 date such as `2024-01-31` or `2024-01-31T12:00:00Z`, or epoch seconds',
  },
  bool: { code: 'invalid_bool', valid: (v) => BOOLEAN_TEXT.test(v), expects: '`true` or `false`' },
  null: { code: 'invalid_bool', valid: (v) => BOOLEAN_TEXT.test(v), expects: '`true` (key absent) or `false` (key present)' },
  binary: { code: 'invalid_base64', valid: isValidBase64, expects: 'base64 text such as `QmluYXJ5`' },
  ip: { code: 'invalid_cidr', valid: (v) => parseCidrDetail(v) !== null, expects: 'an IPv4 or IPv6 address or CIDR block such as `203.0.113.0/24`' },
};

/** Report every problem of one value of a known operator. */
export function checkConditionValue(
  ctx: ParseContext,
  kind: ValueKind,
  operator: string,
  item: PathedValue,
  stmt: StatementRef,
): void {
  if (kind === 'string' || kind === 'arn') {
    checkStringValue(ctx, operator, item, stmt);
    return;
  }
  if (variablesEnabled(ctx) && item.value.includes('${')) {
    ctx.out.error(
      'variable_not_supported',
      `policy variables are not supported by \`${operator}\` (only by String and Arn operators): \`${item.value}\``,
      item.path,
      stmt,
    );
    return;
  }
  const rule = FORMAT_RULES[kind];
  if (!rule.valid(item.value)) {
    ctx.out.error(rule.code, `\`${item.value}\` is not valid for \`${operator}\`: expected ${rule.expects}`, item.path, stmt);
    return;
  }
  if (kind === 'ip' && parseCidrDetail(item.value)?.hostBitsSet) {
    ctx.out.suggestion(
      'cidr_host_bits_set',
      `\`${item.value}\` has bits set past its prefix; they are ignored, write the network address`,
      item.path,
      stmt,
    );
  }
}

/** String and Arn values: well-formed variables, and no wildcards where the operator compares literally. */
function checkStringValue(ctx: ParseContext, operator: string, item: PathedValue, stmt: StatementRef): void {
  let literalText = item.value;
  if (variablesEnabled(ctx)) {
    const scan = scanVariables(item.value);
    if (scan.error !== null) {
      ctx.out.error('malformed_variable', `malformed policy variable in \`${item.value}\`: ${scan.error}`, item.path, stmt);
      return;
    }
    literalText = scan.segments.map((s) => (s.kind === 'literal' && !s.escaped ? s.text : '')).join('');
  } else {
    warnLegacyVariable(ctx, item, stmt);
  }
  if (LITERAL_STRING_OPERATORS.has(operator) && WILDCARD.test(literalText)) {
    ctx.out.warning(
      'wildcard_in_literal_operator',
      `\`${operator}\` compares \`${item.value}\` literally, so \`*\` and \`?\` are not wildcards there; use \`StringLike\` for patterns`,
      item.path,
      stmt,
    );
  }
}
