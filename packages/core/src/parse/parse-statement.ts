// Parses one statement: element names, Effect, Action, Resource, Principal and Condition, with type rules.

import type { Effect, ParsedStatement, PrincipalEntry } from '../model/policy.ts';
import type { ParseContext } from './context.ts';
import { checkAction, checkResource } from './elements.ts';
import {
  childPath,
  isJsonObject,
  jsonTypeName,
  readStringList,
  type PathedValue,
  type StatementRef,
} from './findings.ts';
import { parseConditionBlock } from './parse-condition.ts';
import { parsePrincipalElement } from './parse-principal.ts';
import {
  ALPHANUMERIC_SID_TYPES,
  PRINCIPAL_RULES,
  RESOURCE_OPTIONAL_TYPES,
  TYPE_NAMES,
  UNSUPPORTED_ELEMENTS,
} from './policy-types.ts';

/** Elements a statement may contain. */
export const STATEMENT_ELEMENTS: readonly string[] = [
  'Sid', 'Effect', 'Principal', 'NotPrincipal', 'Action', 'NotAction', 'Resource', 'NotResource', 'Condition',
];
const EFFECTS: readonly Effect[] = ['Allow', 'Deny'];
const ALPHANUMERIC = /^[A-Za-z0-9]*$/;

/** Parse one statement; null when it is not an object or its Effect is unusable (findings say why). */
export function parseStatement(ctx: ParseContext, raw: unknown, ref: StatementRef): ParsedStatement | null {
  if (!isJsonObject(raw)) {
    ctx.out.error('invalid_type', `each statement must be an object, not ${jsonTypeName(raw)}`, ref.path, ref);
    return null;
  }
  checkSid(ctx, raw, ref);
  checkElementNames(ctx, raw, ref);
  const effect = readEffect(ctx, raw, ref);
  const actions = readList(ctx, raw, 'Action', ref);
  const notActions = readList(ctx, raw, 'NotAction', ref);
  checkPair(ctx, raw, 'Action', 'NotAction', true, ref);
  for (const item of [...(actions ?? []), ...(notActions ?? [])]) checkAction(ctx, item, ref);
  const resources = readList(ctx, raw, 'Resource', ref);
  const notResources = readList(ctx, raw, 'NotResource', ref);
  checkPair(ctx, raw, 'Resource', 'NotResource', !RESOURCE_OPTIONAL_TYPES.has(ctx.type), ref);
  for (const item of [...(resources ?? []), ...(notResources ?? [])]) checkResource(ctx, item, ref);
  const principals = readPrincipal(ctx, raw, 'Principal', ref);
  const notPrincipals = readPrincipal(ctx, raw, 'NotPrincipal', ref);
  checkPrincipalRules(ctx, raw, effect, ref);
  const conditions = raw.Condition === undefined ? [] : parseConditionBlock(ctx, raw.Condition, childPath(ref.path, 'Condition'), ref);
  if (effect === null) return null;
  const statement: ParsedStatement = ref.sid === undefined ? { index: ref.index, effect, conditions } : { index: ref.index, sid: ref.sid, effect, conditions };
  if (actions) statement.actions = values(actions);
  if (notActions) statement.notActions = values(notActions);
  if (resources) statement.resources = values(resources);
  if (notResources) statement.notResources = values(notResources);
  if (principals) statement.principals = principals;
  if (notPrincipals) statement.notPrincipals = notPrincipals;
  return statement;
}

function values(items: PathedValue[]): string[] {
  return items.map((i) => i.value);
}

function readList(ctx: ParseContext, raw: Record<string, unknown>, name: string, ref: StatementRef): PathedValue[] | undefined {
  if (raw[name] === undefined) return undefined;
  return readStringList(raw[name], name, childPath(ref.path, name), ctx.out, ref);
}

function readPrincipal(
  ctx: ParseContext,
  raw: Record<string, unknown>,
  name: 'Principal' | 'NotPrincipal',
  ref: StatementRef,
): PrincipalEntry[] | undefined {
  if (raw[name] === undefined) return undefined;
  return parsePrincipalElement(ctx, raw[name], name, childPath(ref.path, name), ref);
}

function checkSid(ctx: ParseContext, raw: Record<string, unknown>, ref: StatementRef): void {
  if (raw.Sid === undefined) return;
  const path = childPath(ref.path, 'Sid');
  if (typeof raw.Sid !== 'string') {
    ctx.out.error('invalid_type', `\`Sid\` must be a string, not ${jsonTypeName(raw.Sid)}`, path, ref);
  } else if (ALPHANUMERIC_SID_TYPES.has(ctx.type) && !ALPHANUMERIC.test(raw.Sid)) {
    ctx.out.error('invalid_sid', `\`Sid\` \`${raw.Sid}\` may contain only letters and digits in ${TYPE_NAMES[ctx.type]}`, path, ref);
  }
}

function checkElementNames(ctx: ParseContext, raw: Record<string, unknown>, ref: StatementRef): void {
  for (const key of Object.keys(raw)) {
    const path = childPath(ref.path, key);
    if (!STATEMENT_ELEMENTS.includes(key)) {
      const hint = STATEMENT_ELEMENTS.find((e) => e.toLowerCase() === key.toLowerCase());
      ctx.out.error('unknown_element', `unknown statement element \`${key}\`${hint ? `; did you mean \`${hint}\`` : ''}`, path, ref);
    } else if (UNSUPPORTED_ELEMENTS[ctx.type]?.includes(key)) {
      ctx.out.error('unsupported_element', `\`${key}\` is not supported in ${TYPE_NAMES[ctx.type]}`, path, ref);
    }
  }
}

function readEffect(ctx: ParseContext, raw: Record<string, unknown>, ref: StatementRef): Effect | null {
  const path = childPath(ref.path, 'Effect');
  const value = raw.Effect;
  if (value === undefined) {
    ctx.out.error('missing_effect', 'statement has no `Effect`; add `"Effect": "Allow"` or `"Effect": "Deny"`', path, ref);
    return null;
  }
  const effect = EFFECTS.find((e) => e === value);
  if (effect) return effect;
  const shown = typeof value === 'string' ? `\`${value}\`` : jsonTypeName(value);
  ctx.out.error('invalid_effect', `invalid \`Effect\` ${shown}; use \`Allow\` or \`Deny\``, path, ref);
  return null;
}

/** Exactly one of `name` / `notName`; `required` says whether one must be present. */
function checkPair(
  ctx: ParseContext,
  raw: Record<string, unknown>,
  name: string,
  notName: string,
  required: boolean,
  ref: StatementRef,
): void {
  const has = raw[name] !== undefined;
  const hasNot = raw[notName] !== undefined;
  const code = name.toLowerCase();
  if (has && hasNot) {
    ctx.out.error(`${code}_and_not_${code}`, `statement has both \`${name}\` and \`${notName}\`; keep one`, ref.path, ref);
  } else if (!has && !hasNot && required) {
    ctx.out.error(`missing_${code}`, `statement needs \`${name}\` or \`${notName}\``, ref.path, ref);
  }
}

function checkPrincipalRules(ctx: ParseContext, raw: Record<string, unknown>, effect: Effect | null, ref: StatementRef): void {
  const rule = PRINCIPAL_RULES[ctx.type];
  const typeName = TYPE_NAMES[ctx.type];
  if (rule === 'forbidden') {
    for (const name of ['Principal', 'NotPrincipal'] as const) {
      if (raw[name] === undefined) continue;
      ctx.out.error('principal_not_allowed', `\`${name}\` is not allowed in ${typeName}: the principal is whoever the policy applies to`, childPath(ref.path, name), ref);
    }
    return;
  }
  if (rule === 'everyone') {
    if (raw.Principal === undefined) {
      ctx.out.error('missing_principal', `${typeName} need \`"Principal": "*"\` in every statement`, ref.path, ref);
    } else if (raw.Principal !== '*') {
      ctx.out.error('rcp_principal_not_wildcard', `${typeName} accept only \`"Principal": "*"\`; narrow principals with conditions`, childPath(ref.path, 'Principal'), ref);
    }
    return;
  }
  checkPair(ctx, raw, 'Principal', 'NotPrincipal', true, ref);
  if (raw.NotPrincipal !== undefined && effect === 'Allow') {
    ctx.out.error('not_principal_with_allow', '`NotPrincipal` cannot be used with `"Effect": "Allow"`', childPath(ref.path, 'NotPrincipal'), ref);
  }
}
