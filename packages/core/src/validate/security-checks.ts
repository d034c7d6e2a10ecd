// Security warnings: grants broader than they look (NotAction/NotResource with Allow, `*` on `*`, public principals).

import type { PolicyType } from '../model/policy.ts';
import type { FindingCollector } from '../parse/findings.ts';
import { childPath } from '../parse/findings.ts';
import type { StatementSource } from '../parse/parse-policy.ts';
import { isEveryone } from '../parse/parse-principal.ts';
import { GRANTING_TYPES } from '../parse/policy-types.ts';

/** Types whose Principal names who gets access. */
const PRINCIPAL_GRANTING_TYPES: ReadonlySet<PolicyType> = new Set<PolicyType>(['resource', 'trust']);

/**
 * Flag Allow statements that grant more than intended. Only for types whose Allow grants access
 * (identity, resource, trust): in SCPs, RCPs, boundaries and session policies an Allow is a ceiling,
 * and `Allow *` on `*` there is the usual "limit nothing" statement.
 */
export function checkSecurity(sources: readonly StatementSource[], type: PolicyType, out: FindingCollector): void {
  if (!GRANTING_TYPES.has(type)) return;
  for (const { statement, ref } of sources) {
    if (statement.effect !== 'Allow') continue;
    if (statement.notActions) {
      out.security(
        'allow_with_not_action',
        '`Allow` with `NotAction` grants every action not listed, including actions added later; list the actions to allow',
        childPath(ref.path, 'NotAction'),
        ref,
      );
    }
    if (statement.notResources) {
      out.security(
        'allow_with_not_resource',
        '`Allow` with `NotResource` grants every resource not listed, including resources created later; list the resources to allow',
        childPath(ref.path, 'NotResource'),
        ref,
      );
    }
    const allResources = statement.resources ? statement.resources.includes('*') : !statement.notResources;
    if (statement.actions?.includes('*') && allResources) {
      out.security('allow_all_actions_all_resources', 'statement allows every action on every resource (`*` on `*`)', ref.path, ref);
    }
    if (PRINCIPAL_GRANTING_TYPES.has(type) && statement.principals?.some(isEveryone) && statement.conditions.length === 0) {
      out.security(
        'public_principal_without_condition',
        'statement allows any principal (`*`) without a condition; anyone, in any account, gets this access',
        childPath(ref.path, 'Principal'),
        ref,
      );
    }
  }
}
