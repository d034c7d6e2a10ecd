// Suggestions about redundancy: repeated or covered values in a list, statements covered by another.

import type { ParsedStatement, PrincipalEntry } from '../model/policy.ts';
import type { FindingCollector } from '../parse/findings.ts';
import { childPath, indexPath } from '../parse/findings.ts';
import type { StatementSource } from '../parse/parse-policy.ts';
import { isEveryone } from '../parse/parse-principal.ts';
import { listCovers, patternCovers } from './pattern-cover.ts';

/** List elements checked for repeats, and whether they compare ignoring case (actions do). */
const LIST_ELEMENTS: readonly { name: string; ignoreCase: boolean }[] = [
  { name: 'Action', ignoreCase: true },
  { name: 'NotAction', ignoreCase: true },
  { name: 'Resource', ignoreCase: false },
  { name: 'NotResource', ignoreCase: false },
];

/** Report repeated values and values covered by a wider one in the same list. */
export function checkListValues(sources: readonly StatementSource[], out: FindingCollector): void {
  for (const source of sources) {
    for (const { name, ignoreCase } of LIST_ELEMENTS) {
      const raw = source.raw[name];
      if (!Array.isArray(raw)) continue;
      const items = raw.flatMap((v, i) => (typeof v === 'string' ? [{ value: v, path: indexPath(childPath(source.ref.path, name), i) }] : []));
      const norm = (v: string): string => (ignoreCase ? v.toLowerCase() : v);
      items.forEach((item, k) => {
        const key = norm(item.value);
        if (items.findIndex((o) => norm(o.value) === key) < k) {
          out.suggestion('duplicate_value', `\`${item.value}\` appears more than once in \`${name}\`; remove the repeat`, item.path, source.ref);
          return;
        }
        const wider = items.find((o, m) => {
          if (m === k || norm(o.value) === key || !patternCovers(o.value, item.value, ignoreCase)) return false;
          // Two different patterns that cover each other: report only the later one.
          return m < k || !patternCovers(item.value, o.value, ignoreCase);
        });
        if (wider) {
          out.suggestion('redundant_value', `\`${item.value}\` is already covered by \`${wider.value}\` in \`${name}\`; remove it`, item.path, source.ref);
        }
      });
    }
  }
}

/**
 * Report statements whose every request is already decided by another statement of the same
 * effect that has no conditions and whose actions, resources and principals cover them.
 * Conservative: only Action/Resource statements, coverage by equal or wider wildcard patterns.
 */
export function checkRedundantStatements(sources: readonly StatementSource[], out: FindingCollector): void {
  sources.forEach((narrow, i) => {
    const coverer = sources.find((wide, j) => {
      if (j === i || !statementCovers(wide.statement, narrow.statement)) return false;
      // Two statements that cover each other: keep the first, report the later one.
      return j < i || !statementCovers(narrow.statement, wide.statement);
    });
    if (!coverer) return;
    out.suggestion(
      'redundant_statement',
      `statement is redundant: ${coverer.ref.path}${coverer.ref.sid ? ` (\`${coverer.ref.sid}\`)` : ''} already ${narrow.statement.effect === 'Allow' ? 'allows' : 'denies'} everything it does; remove it`,
      narrow.ref.path,
      narrow.ref,
    );
  });
}

function statementCovers(wide: ParsedStatement, narrow: ParsedStatement): boolean {
  if (wide.effect !== narrow.effect || wide.conditions.length > 0) return false;
  if (!wide.actions || !narrow.actions || wide.notResources || narrow.notResources) return false;
  if (wide.notPrincipals || narrow.notPrincipals || !principalsCover(wide.principals, narrow.principals)) return false;
  if (!listCovers(wide.actions, narrow.actions, true)) return false;
  return listCovers(wide.resources ?? ['*'], narrow.resources ?? ['*'], false);
}

function principalsCover(wide: PrincipalEntry[] | undefined, narrow: PrincipalEntry[] | undefined): boolean {
  if (!wide || !narrow) return !wide && !narrow;
  if (wide.some(isEveryone)) return true;
  return narrow.every((n) => wide.some((w) => w.type === n.type && w.value === n.value));
}
