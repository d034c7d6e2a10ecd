// Warnings that depend on the policy type: trust policies that name non-STS actions, RCPs that allow.

import type { PolicyType } from '../model/policy.ts';
import type { FindingCollector } from '../parse/findings.ts';
import { childPath } from '../parse/findings.ts';
import type { StatementSource } from '../parse/parse-policy.ts';

const STS_PREFIX = 'sts:';

/** Run the checks of `type` on every statement. */
export function checkTypeRules(sources: readonly StatementSource[], type: PolicyType, out: FindingCollector): void {
  if (type === 'trust') sources.forEach((s) => checkTrustStatement(s, out));
  if (type === 'rcp') sources.forEach((s) => checkRcpStatement(s, out));
}

/** A trust policy governs assuming the role: its actions are `sts:` actions and the role is the resource. */
function checkTrustStatement(source: StatementSource, out: FindingCollector): void {
  const { statement, ref } = source;
  for (const action of statement.actions ?? []) {
    if (action === '*' || action.toLowerCase().startsWith(STS_PREFIX)) continue;
    out.warning(
      'trust_policy_action',
      `role trust policies control \`sts:\` actions such as \`sts:AssumeRole\`; \`${action}\` never applies here`,
      childPath(ref.path, 'Action'),
      ref,
    );
  }
  if (statement.resources || statement.notResources) {
    const name = statement.resources ? 'Resource' : 'NotResource';
    out.warning('trust_policy_resource', `role trust policies take no \`${name}\` (AWS rejects it; the role is the resource); remove it`, childPath(ref.path, name), ref);
  }
}

/** RCPs you write deny; only the built-in full-access RCP allows, with `*` everywhere and no condition. */
function checkRcpStatement(source: StatementSource, out: FindingCollector): void {
  const { statement, ref } = source;
  if (statement.effect === 'Allow') {
    const fullAccess =
      statement.conditions.length === 0 && sameList(statement.actions, ['*']) && sameList(statement.resources, ['*']);
    if (!fullAccess) {
      out.warning(
        'rcp_allow_statement',
        'resource control policies restrict with `Deny`; an `Allow` grants nothing and only the full-access RCP (`*` on `*`) uses it',
        childPath(ref.path, 'Effect'),
        ref,
      );
    }
    return;
  }
  if (statement.actions?.includes('*')) {
    out.warning(
      'rcp_action_wildcard',
      'resource control policies you write may not use `"Action": "*"` (AWS rejects it); name the service, as in `s3:*`',
      childPath(ref.path, 'Action'),
      ref,
    );
  }
}

function sameList(list: readonly string[] | undefined, expected: readonly string[]): boolean {
  return list !== undefined && list.length === expected.length && list.every((v, i) => v === expected[i]);
}
