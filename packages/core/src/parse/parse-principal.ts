// Normalizes Principal / NotPrincipal into PrincipalEntry[]: `"*"`, {"AWS": ...}, {"Service": ...}, ...

import type { PrincipalEntry } from '../model/policy.ts';
import type { ParseContext } from './context.ts';
import {
  childPath,
  isJsonObject,
  jsonTypeName,
  readStringList,
  type PathedValue,
  type StatementRef,
} from './findings.ts';

type NamedPrincipalType = Exclude<PrincipalEntry['type'], '*'>;

/** The principal types a Principal object may name. */
export const PRINCIPAL_TYPES: readonly NamedPrincipalType[] = ['AWS', 'Service', 'Federated', 'CanonicalUser'];

/** `*`, a 12-digit account id, or an IAM/STS ARN with an account (user, role, root, assumed-role session, ...). */
const AWS_PRINCIPAL = /^(?:\d{12}|arn:[a-z0-9-]+:(?:iam|sts)::\d{12}:\S+)$/;
const WILDCARD = /[*?]/;

/** True for `"*"` and `{"AWS": "*"}`: everyone. */
export function isEveryone(entry: PrincipalEntry): boolean {
  return entry.value === '*' && (entry.type === '*' || entry.type === 'AWS');
}

/** Parse a Principal or NotPrincipal element; undefined when it has the wrong type. */
export function parsePrincipalElement(
  ctx: ParseContext,
  value: unknown,
  name: 'Principal' | 'NotPrincipal',
  path: string,
  stmt: StatementRef,
): PrincipalEntry[] | undefined {
  if (typeof value === 'string') {
    if (value === '*') return [{ type: '*', value: '*' }];
    ctx.out.error(
      'invalid_principal',
      `\`${name}\` as a string must be \`*\`; name principals as {"AWS": ["${value}"]} or another principal type`,
      path,
      stmt,
    );
    return undefined;
  }
  if (!isJsonObject(value)) {
    ctx.out.error('invalid_type', `\`${name}\` must be \`*\` or an object, not ${jsonTypeName(value)}`, path, stmt);
    return undefined;
  }
  const keys = Object.keys(value);
  if (keys.length === 0) ctx.out.suggestion('empty_object', `\`${name}\` is empty and matches no one`, path, stmt);
  const entries: PrincipalEntry[] = [];
  for (const key of keys) {
    const keyPath = childPath(path, key);
    const type = PRINCIPAL_TYPES.find((t) => t === key);
    if (!type) {
      const hint = PRINCIPAL_TYPES.find((t) => t.toLowerCase() === key.toLowerCase());
      const advice = hint ? `did you mean \`${hint}\`` : `use one of ${PRINCIPAL_TYPES.map((t) => `\`${t}\``).join(', ')}`;
      ctx.out.error('invalid_principal', `unknown principal type \`${key}\`; ${advice}`, keyPath, stmt);
      continue;
    }
    const items = readStringList(value[key], `${name}.${key}`, keyPath, ctx.out, stmt) ?? [];
    for (const item of items) {
      checkPrincipalValue(ctx, type, item, stmt);
      entries.push({ type, value: item.value });
    }
  }
  return entries;
}

function checkPrincipalValue(ctx: ParseContext, type: NamedPrincipalType, item: PathedValue, stmt: StatementRef): void {
  const text = item.value;
  if (text === '*') return;
  if (text === '') {
    ctx.out.error('invalid_principal', `empty \`${type}\` principal`, item.path, stmt);
  } else if (WILDCARD.test(text)) {
    ctx.out.error(
      'principal_partial_wildcard',
      `principals take no partial wildcards: \`${text}\`; use \`*\` alone and narrow it with a condition such as \`aws:PrincipalArn\``,
      item.path,
      stmt,
    );
  } else if (text.includes('${')) {
    ctx.out.error('invalid_principal', `policy variables are not supported in principals: \`${text}\``, item.path, stmt);
  } else if (type === 'AWS' && !AWS_PRINCIPAL.test(text)) {
    ctx.out.error(
      'invalid_principal',
      `\`${text}\` is not an AWS principal: use \`*\`, a 12-digit account id or an IAM or STS ARN`,
      item.path,
      stmt,
    );
  }
}
