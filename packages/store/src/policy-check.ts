// The seam to the core's policy validator: the only place that decides whether a document is well formed.
// When `@iam/core` exports `validatePolicy`/`hasErrors`, `findPolicyErrors` becomes a one-line call to them.

import type { Finding, PolicyType } from './core.ts';

const EFFECTS = new Set(['Allow', 'Deny']);
const VERSIONS = new Set(['2012-10-17', '2008-10-17']);

/** Error findings of `document` used as `type` (empty when valid). */
export function findPolicyErrors(document: Record<string, unknown>, type: PolicyType): Finding[] {
  return structuralErrors(document, type);
}

/** Interim structural check until the core's validator is wired: Version, Statement, Effect, Action, Resource. */
function structuralErrors(doc: Record<string, unknown>, type: PolicyType): Finding[] {
  const out: Finding[] = [];
  const err = (code: string, message: string, path: string, statementIndex?: number) =>
    out.push({ severity: 'ERROR', code, message, path, ...(statementIndex === undefined ? {} : { statementIndex }) });
  if (doc.Version !== undefined && !VERSIONS.has(doc.Version as string)) err('invalid_version', `unknown policy version \`${String(doc.Version)}\``, 'Version');
  const st = doc.Statement;
  const list = Array.isArray(st) ? st : st === undefined ? [] : [st];
  if (list.length === 0) err('missing_statement', 'policy has no statement', 'Statement');
  list.forEach((s, i) => {
    const path = `Statement[${i}]`;
    if (typeof s !== 'object' || s === null || Array.isArray(s)) return err('invalid_statement', 'statement must be an object', path, i);
    const o = s as Record<string, unknown>;
    if (!EFFECTS.has(o.Effect as string)) err('invalid_effect', 'effect must be `Allow` or `Deny`', `${path}.Effect`, i);
    if ((o.Action === undefined) === (o.NotAction === undefined)) err('action_required', 'statement needs exactly one of `Action` and `NotAction`', path, i);
    const resourceOptional = type === 'trust';
    if (o.Resource !== undefined && o.NotResource !== undefined) err('resource_conflict', 'statement has both `Resource` and `NotResource`', path, i);
    else if (!resourceOptional && o.Resource === undefined && o.NotResource === undefined) err('resource_required', 'statement needs `Resource` or `NotResource`', path, i);
    const hasPrincipal = o.Principal !== undefined || o.NotPrincipal !== undefined;
    const principalRequired = type === 'resource' || type === 'trust';
    if (principalRequired && !hasPrincipal) err('principal_required', 'statement needs `Principal` or `NotPrincipal`', path, i);
    if (!principalRequired && hasPrincipal) err('principal_not_allowed', `\`Principal\` is not allowed in ${type} policies`, path, i);
  });
  return out;
}
