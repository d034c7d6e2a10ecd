// The organization of a synthetic world: root, three levels of OUs, accounts placed in them, SCPs.

import type { Account, ManagedPolicy, Organization, OrganizationalUnit } from '../src/model/snapshot.ts';
import type { Rng } from './prng.ts';
import { DENY_SCPS, fullAccessScp } from './world-policies.ts';
import { FULL_ACCESS_SCP_ARN } from './vocab.ts';

const LOWER_ALNUM = 'abcdefghijklmnopqrstuvwxyz0123456789';

/** The OU tree: name, parent name (`root` for the root), deny SCPs attached besides FullAWSAccess. */
const OU_TREE: ReadonlyArray<readonly [string, string, readonly string[]]> = [
  ['Security', 'root', []],
  ['Infrastructure', 'root', []],
  ['Workloads', 'root', ['RequireOrgPrincipals']],
  ['Sandbox', 'root', ['SandboxLimits']],
  ['Shared', 'Infrastructure', []],
  ['Prod', 'Workloads', ['ProtectProduction']],
  ['NonProd', 'Workloads', ['DenyAfterSunset']],
  ['ProdEU', 'Prod', []],
  ['ProdUS', 'Prod', []],
  ['Dev', 'NonProd', []],
  ['Staging', 'NonProd', []],
];
/** Deny SCPs on the root. */
const ROOT_DENY_SCPS = ['DenyLeaveOrganization', 'DenyOutsideRegions'];
/** OUs that hold member accounts (the rest only structure the tree). */
const ACCOUNT_OUS = ['Security', 'Shared', 'ProdEU', 'ProdUS', 'Dev', 'Staging', 'Sandbox', 'Workloads'];
/** Share of member accounts with one extra deny SCP attached directly. */
const ACCOUNT_DENY_SHARE = 0.2;

/** The generated organization, its accounts and its SCPs. */
export interface OrgParts {
  organization: Organization;
  accounts: Account[];
  scps: ManagedPolicy[];
}

/** Distinct 12-digit account ids. */
export function accountIds(rng: Rng, count: number): string[] {
  const ids = new Set<string>();
  while (ids.size < count) ids.add(String(rng.int(100_000_000_000, 999_999_999_999)));
  return [...ids];
}

/** Builds the organization over `ids`; the first id is the management account, placed under the root. */
export function generateOrg(rng: Rng, ids: readonly string[]): OrgParts {
  const orgId = `o-${rng.chars(10, LOWER_ALNUM)}`;
  const rootSuffix = rng.chars(4, LOWER_ALNUM);
  const management = ids[0];
  const scpArn = new Map<string, string>();
  const scps: ManagedPolicy[] = [{ arn: FULL_ACCESS_SCP_ARN, kind: 'scp', name: 'FullAWSAccess', document: fullAccessScp() }];
  for (const [name, make] of Object.entries(DENY_SCPS)) {
    const arn = `arn:aws:organizations::${management}:policy/${orgId}/service_control_policy/p-${rng.chars(8, LOWER_ALNUM)}`;
    scpArn.set(name, arn);
    scps.push({ arn, kind: 'scp', name, document: make(orgId) });
  }
  const attach = (names: readonly string[]): string[] => [FULL_ACCESS_SCP_ARN, ...names.map((n) => scpArn.get(n)!)];

  const root = { id: `r-${rootSuffix}`, scps: attach(ROOT_DENY_SCPS) };
  const ouIds = new Map<string, string>([['root', root.id]]);
  const units: OrganizationalUnit[] = [];
  for (const [name, parent, denies] of OU_TREE) {
    const id = `ou-${rootSuffix}-${rng.chars(8, LOWER_ALNUM)}`;
    ouIds.set(name, id);
    units.push({ id, name, parentId: ouIds.get(parent)!, scps: attach(denies) });
  }

  const denyNames = Object.keys(DENY_SCPS);
  const accounts: Account[] = ids.map((id, i) => {
    const placement = i === 0 ? 'root' : ACCOUNT_OUS[(i - 1) % ACCOUNT_OUS.length];
    const extra = i > 0 && rng.chance(ACCOUNT_DENY_SHARE) ? [rng.pick(denyNames)] : [];
    return { id, name: i === 0 ? 'management' : `acct-${i}`, parentId: ouIds.get(placement)!, scps: attach(extra) };
  });
  return { organization: { id: orgId, managementAccountId: management, root, units }, accounts, scps };
}
