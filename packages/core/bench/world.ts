// Deterministic synthetic worlds of realistic shape for benchmarks and tests: an organization,
// accounts, teams of users in groups, roles, customer managed policies and resource policies.

import { SNAPSHOT_FORMAT, SNAPSHOT_VERSION } from '../src/model/snapshot.ts';
import type { Group, InlinePolicy, ManagedPolicy, Resource, Role, User, WorldSnapshot } from '../src/model/snapshot.ts';
import { Rng } from './prng.ts';
import { ALLOWED_REGIONS, COST_CENTERS, ENVS, TEAMS } from './vocab.ts';
import { accountIds, generateOrg } from './world-org.ts';
import { boundaryDoc, bucketPolicy, doc, keyPolicy, ordersPolicy, queuePolicy, trustDoc } from './world-policies.ts';
import { identityStatements, type StatementScope } from './world-statements.ts';
import { countWorld } from './world-stats.ts';

export { generateRequests } from './requests.ts';
export { countWorld, type WorldCounts } from './world-stats.ts';

/** The three world sizes. */
export type WorldSize = 'small' | 'medium' | 'large';

/** Target counts per size (principals = users + roles; policies include inline, trust and resource policies). */
export const WORLD_TARGETS: Readonly<Record<WorldSize, { principals: number; policies: number; statements: number }>> = {
  small: { principals: 100, policies: 200, statements: 700 },
  medium: { principals: 2_000, policies: 4_000, statements: 14_000 },
  large: { principals: 20_000, policies: 40_000, statements: 140_000 },
};

/** Seed used when the caller gives none. */
export const DEFAULT_WORLD_SEED = 20240601;
const PRINCIPALS_PER_ACCOUNT = 100;
const MIN_ACCOUNTS = 3;
const USER_SHARE = 0.6;
const PRINCIPALS_PER_TEAM = 20;
const INLINE_SHARE = 0.3;
const GROUP_INLINE_SHARE = 0.2;
const BOUNDARY_SHARE = 0.25;
const DIRECT_POLICY_SHARE = 0.4;
const BOUNDARIES_PER_ACCOUNT = 2;
const HEX = '0123456789abcdef';
const UPPER_ALNUM = 'ABCDEFGHIJKLMNOPQRSTUVWXYZ234567';

/** One account under construction: its entities and the team-level names policies point at. */
interface AccountBuild {
  id: string;
  index: number;
  region: string;
  partner: string;
  teams: string[];
  users: User[];
  groups: Group[];
  roles: Role[];
  resources: Resource[];
  boundaries: ManagedPolicy[];
  /** Customer managed policies by team (filled once the budget is known). */
  teamPolicies: Map<string, string[]>;
}

/** Generates the world of the given size; the same size and seed always give identical JSON. */
export function generateWorld(size: WorldSize, seed: number = DEFAULT_WORLD_SEED): WorldSnapshot {
  const target = WORLD_TARGETS[size];
  const rng = new Rng(seed);
  const accountCount = Math.max(MIN_ACCOUNTS, Math.round(target.principals / PRINCIPALS_PER_ACCOUNT));
  const ids = accountIds(rng, accountCount);
  const org = generateOrg(rng, ids);
  const builds = ids.map((id, index) => {
    const share = Math.floor(target.principals / accountCount) + (index < target.principals % accountCount ? 1 : 0);
    return buildAccount(rng, id, index, ids[(index + 1) % ids.length], org.organization.id, share);
  });
  const skeleton: WorldSnapshot = {
    format: SNAPSHOT_FORMAT,
    version: SNAPSHOT_VERSION,
    revision: 0,
    organization: org.organization,
    accounts: org.accounts,
    policies: [...org.scps, ...builds.flatMap((b) => b.boundaries)],
    users: builds.flatMap((b) => b.users),
    groups: builds.flatMap((b) => b.groups),
    roles: builds.flatMap((b) => b.roles),
    resources: builds.flatMap((b) => b.resources),
  };
  const sofar = countWorld(skeleton);
  const managedCount = Math.max(builds.length, target.policies - sofar.policies);
  const meanStatements = Math.max(1, (target.statements - sofar.statements) / managedCount);
  const managed = builds.flatMap((b, i) => {
    const count = Math.floor(managedCount / builds.length) + (i < managedCount % builds.length ? 1 : 0);
    return managedPolicies(rng, b, count, meanStatements);
  });
  for (const b of builds) attachPolicies(rng, b);
  return { ...skeleton, policies: [...skeleton.policies!, ...managed] };
}

function buildAccount(rng: Rng, id: string, index: number, partner: string, orgId: string, principals: number): AccountBuild {
  const teamCount = Math.max(1, Math.round(principals / PRINCIPALS_PER_TEAM));
  const teams = Array.from({ length: teamCount }, (_, k) => TEAMS[k % TEAMS.length] + (k >= TEAMS.length ? String(Math.floor(k / TEAMS.length)) : ''));
  const b: AccountBuild = {
    id, index, partner, teams, region: rng.pick(ALLOWED_REGIONS),
    users: [], groups: [], roles: [], resources: [], boundaries: [], teamPolicies: new Map(),
  };
  for (let k = 0; k < BOUNDARIES_PER_ACCOUNT; k++) {
    b.boundaries.push({ arn: `arn:aws:iam::${id}:policy/boundaries/boundary-${k}`, kind: 'identity', name: `boundary-${k}`, document: boundaryDoc(rng, id) });
  }
  const userCount = Math.round(principals * USER_SHARE);
  for (const team of teams) {
    for (const suffix of ['developers', 'readers']) {
      const arn = `arn:aws:iam::${id}:group/${team}-${suffix}`;
      b.groups.push({ arn, groupId: `AGPA${rng.chars(16, UPPER_ALNUM)}`, managedPolicies: [], ...inline(rng, b, team, GROUP_INLINE_SHARE) });
    }
  }
  b.groups.push({ arn: `arn:aws:iam::${id}:group/all-staff`, groupId: `AGPA${rng.chars(16, UPPER_ALNUM)}`, managedPolicies: [] });
  for (let i = 0; i < userCount; i++) b.users.push(makeUser(rng, b, teams[i % teams.length], i));
  const userArns = b.users.map((u) => u.arn);
  for (let i = 0; i < principals - userCount; i++) b.roles.push(makeRole(rng, b, teams[i % teams.length], i, userArns));
  for (const team of teams) b.resources.push(...teamResources(rng, b, team, orgId));
  const keyRole = b.roles.length > 0 ? rng.pick(b.roles).arn : undefined;
  b.resources.push({ arn: `arn:aws:kms:${b.region}:${id}:key/${uuid(rng)}`, policy: keyPolicy(id, keyRole), tags: { env: 'prod' } });
  return b;
}

function scopeOf(rng: Rng, b: AccountBuild, team: string): StatementScope {
  const bucketTeam = rng.chance(0.8) ? team : rng.pick(b.teams);
  return { account: b.id, region: b.region, team, bucket: `acct${b.index}-${bucketTeam}-data` };
}

function inline(rng: Rng, b: AccountBuild, team: string, share: number): { inlinePolicies?: InlinePolicy[] } {
  if (!rng.chance(share)) return {};
  const statements = identityStatements(rng, scopeOf(rng, b, team), rng.int(1, 2));
  return { inlinePolicies: [{ name: `${team}-inline`, document: doc(statements) }] };
}

function makeUser(rng: Rng, b: AccountBuild, team: string, i: number): User {
  const name = `${team}-user${i}`;
  const groups = [`arn:aws:iam::${b.id}:group/${team}-${rng.chance(0.7) ? 'developers' : 'readers'}`];
  if (rng.chance(0.5)) groups.push(`arn:aws:iam::${b.id}:group/all-staff`);
  if (rng.chance(0.25)) groups.push(`arn:aws:iam::${b.id}:group/${rng.pick(b.teams)}-readers`);
  const tags: Record<string, string> = { team, costCenter: rng.pick(COST_CENTERS) };
  if (rng.chance(0.05)) tags.access = 'power';
  return {
    arn: `arn:aws:iam::${b.id}:user/${team}/${name}`,
    userId: `AIDA${rng.chars(16, UPPER_ALNUM)}`,
    groups: [...new Set(groups)],
    managedPolicies: [],
    ...(rng.chance(BOUNDARY_SHARE) ? { permissionsBoundary: rng.pick(b.boundaries).arn } : {}),
    tags,
    ...inline(rng, b, team, INLINE_SHARE),
  };
}

function makeRole(rng: Rng, b: AccountBuild, team: string, i: number, users: readonly string[]): Role {
  const name = i === 0 ? 'break-glass-admin' : i % 7 === 1 ? `${team}-deployer-${i}` : `${team}-service-${i}`;
  return {
    arn: `arn:aws:iam::${b.id}:role/${name}`,
    roleId: `AROA${rng.chars(16, UPPER_ALNUM)}`,
    trustPolicy: trustDoc(rng, b.id, b.partner, users),
    maxSessionDuration: rng.pick([3600, 3600, 7200, 43200]),
    managedPolicies: [],
    ...(rng.chance(BOUNDARY_SHARE) ? { permissionsBoundary: rng.pick(b.boundaries).arn } : {}),
    tags: { team, env: rng.pick(ENVS) },
    ...inline(rng, b, team, INLINE_SHARE),
  };
}

function teamResources(rng: Rng, b: AccountBuild, team: string, orgId: string): Resource[] {
  const env = rng.pick(ENVS);
  const tags = { team, env };
  const teamRole = b.roles.find((r) => r.tags?.team === team)?.arn;
  const bucket = `acct${b.index}-${team}-data`;
  const orders = `arn:aws:orders:${b.region}:${b.id}:order/${team}`;
  const queue = `arn:aws:sqs:${b.region}:${b.id}:${team}-events`;
  const out: Resource[] = [
    { arn: `arn:aws:s3:::${bucket}`, accountId: b.id, tags, ...(rng.chance(0.6) ? { policy: bucketPolicy(bucket, b.partner, teamRole, orgId) } : {}) },
    { arn: orders, tags, ...(rng.chance(0.3) ? { policy: ordersPolicy(orders, b.partner) } : {}) },
    { arn: queue, tags, ...(rng.chance(0.5) ? { policy: queuePolicy(queue, b.id, b.region, team) } : {}) },
    { arn: `arn:aws:invoices:${b.region}:${b.id}:invoice/${team}`, tags },
    { arn: `arn:aws:dynamodb:${b.region}:${b.id}:table/${team}-orders`, tags },
  ];
  for (let k = 0; k < 2; k++) {
    out.push({ arn: `arn:aws:ec2:${b.region}:${b.id}:instance/i-${rng.chars(17, HEX)}`, tags: { team, env: rng.pick(ENVS) } });
  }
  return out;
}

function managedPolicies(rng: Rng, b: AccountBuild, count: number, meanStatements: number): ManagedPolicy[] {
  const out: ManagedPolicy[] = [];
  const base = Math.floor(meanStatements);
  for (let k = 0; k < count; k++) {
    const team = b.teams[k % b.teams.length];
    const name = `${team}-policy-${k}`;
    const arn = `arn:aws:iam::${b.id}:policy/teams/${name}`;
    // Spread of +-2 around the mean, with the fraction carried by a coin so the mean holds.
    const n = Math.max(1, base + (rng.chance(meanStatements - base) ? 1 : 0) + rng.int(-2, 2));
    out.push({ arn, kind: 'identity', name, document: doc(identityStatements(rng, scopeOf(rng, b, team), n)) });
    const forTeam = b.teamPolicies.get(team);
    if (forTeam) forTeam.push(arn);
    else b.teamPolicies.set(team, [arn]);
  }
  return out;
}

function attachPolicies(rng: Rng, b: AccountBuild): void {
  const all = [...b.teamPolicies.values()].flat();
  const forTeam = (team: string | undefined): string[] => b.teamPolicies.get(team ?? '') ?? all;
  for (const g of b.groups) {
    const team = g.arn.split('/').pop()!.replace(/-(developers|readers)$/, '');
    g.managedPolicies = rng.sample(forTeam(team), rng.int(1, 3));
  }
  for (const u of b.users) {
    if (rng.chance(DIRECT_POLICY_SHARE)) u.managedPolicies = rng.sample(forTeam(u.tags?.team), rng.int(1, 2));
  }
  for (const r of b.roles) r.managedPolicies = rng.sample(forTeam(r.tags?.team), rng.int(1, 3));
}

function uuid(rng: Rng): string {
  return [8, 4, 4, 4, 12].map((n) => rng.chars(n, HEX)).join('-');
}
