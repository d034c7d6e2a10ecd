// Action and Resource values: `*` or `service:pattern`; `*` or an ARN with variables only in its resource part.

import type { ParseContext } from './context.ts';
import { variablesEnabled } from './context.ts';
import type { PathedValue, StatementRef } from './findings.ts';
import { hasVariables, scanVariables } from './variables.ts';

/** `service:pattern` with a service prefix of letters, digits and hyphens. */
const ACTION_PATTERN = /^[A-Za-z0-9-]+:[A-Za-z0-9_.*?-]+$/;
/** An ARN has six colon-separated parts: `arn:partition:service:region:account:resource`. */
const ARN_COLONS = 5;
const ARN_PREFIX = 'arn:';

/** Report `invalid_action` unless the value is `*` or `service:pattern`. */
export function checkAction(ctx: ParseContext, item: PathedValue, stmt: StatementRef): void {
  if (item.value === '*' || ACTION_PATTERN.test(item.value)) return;
  ctx.out.error(
    'invalid_action',
    `invalid action \`${item.value}\`: write \`*\` or \`service:action\` with a service prefix of letters, digits and hyphens`,
    item.path,
    stmt,
  );
}

/** Check one Resource/NotResource value: `*` or an ARN; variables well-formed and only after the fifth colon. */
export function checkResource(ctx: ParseContext, item: PathedValue, stmt: StatementRef): void {
  const text = item.value;
  if (text === '*') return;
  let colons = countColons(text);
  if (variablesEnabled(ctx)) {
    const scan = scanVariables(text);
    if (scan.error !== null) {
      ctx.out.error('malformed_variable', `malformed policy variable in \`${text}\`: ${scan.error}`, item.path, stmt);
      return;
    }
    colons = 0;
    let variableInPrefix = false;
    for (const segment of scan.segments) {
      if (segment.kind === 'variable' && colons < ARN_COLONS) variableInPrefix = true;
      if (segment.kind === 'literal' && !segment.escaped) colons += countColons(segment.text);
    }
    if (variableInPrefix) {
      ctx.out.error(
        'variable_in_arn_prefix',
        `policy variables may appear only in the resource part of an ARN (after the fifth colon) in \`${text}\``,
        item.path,
        stmt,
      );
      return;
    }
  } else {
    warnLegacyVariable(ctx, item, stmt);
  }
  if (!text.startsWith(ARN_PREFIX) || colons < ARN_COLONS) {
    ctx.out.error(
      'invalid_resource',
      `invalid resource \`${text}\`: write \`*\` or an ARN \`arn:partition:service:region:account:resource\``,
      item.path,
      stmt,
    );
  }
}

/** Under Version 2008-10-17 a `${...}` is literal text: warn where it looks like a variable. */
export function warnLegacyVariable(ctx: ParseContext, item: PathedValue, stmt: StatementRef): void {
  if (variablesEnabled(ctx) || !hasVariables(item.value)) return;
  ctx.out.warning(
    'variable_in_legacy_version',
    `\`${item.value}\` looks like a policy variable, but without \`"Version": "2012-10-17"\` it is literal text`,
    item.path,
    stmt,
  );
}

function countColons(text: string): number {
  let n = 0;
  for (const ch of text) if (ch === ':') n++;
  return n;
}
