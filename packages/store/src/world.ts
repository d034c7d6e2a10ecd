// Bulk loaders that assemble world entities (the core's snapshot types) from the tables, for export and the feed.

import type { Kysely } from 'kysely';
import type { Account, Group, InlinePolicy, ManagedPolicy, ManagedPolicyKind, Organization, OrganizationalUnit, Resource, Role, Tags, User } from './core.ts';
import type { DB } from './db/schema.ts';
import { parseStored } from './documents.ts';

/** Entity kinds of the world (what WorldChange carries). */
export type WorldKind = 'organization' | 'ou' | 'account' | 'policy' | 'user' | 'group' | 'role' | 'resource';
/** World kinds in dependency order: an entity only refers to kinds before it (puts go in this order, deletes in reverse). */
export const WORLD_KINDS: readonly WorldKind[] = ['organization', 'ou', 'account', 'policy', 'group', 'role', 'user', 'resource'];

/** Which entities to load per kind: `all`, a list of keys, or (kind absent) none. */
export type Selection = Partial<Record<WorldKind, 'all' | string[]>>;

/** Loaded entities by key; OUs carry their depth for ordering. */
export interface LoadedWorld {
  organization?: Organization;
  ous: Map<string, { depth: number; value: OrganizationalUnit }>;
  accounts: Map<string, Account>;
  policies: Map<string, ManagedPolicy>;
  users: Map<string, User>;
  groups: Map<string, Group>;
  roles: Map<string, Role>;
  resources: Map<string, Resource>;
}

/** Keys per IN (...) query. */
const IN_CHUNK = 500;

/** Runs `run` over all rows (null) or over chunks of `keys`. */
async function byKeys<R>(keys: 'all' | string[] | undefined, run: (chunk: string[] | null) => Promise<R[]>): Promise<R[]> {
  if (keys === undefined) return [];
  if (keys === 'all') return run(null);
  const out: R[] = [];
  for (let i = 0; i < keys.length; i += IN_CHUNK) out.push(...(await run(keys.slice(i, i + IN_CHUNK))));
  return out;
}

function groupBy<R>(rows: R[], key: (r: R) => string): Map<string, R[]> {
  const m = new Map<string, R[]>();
  for (const r of rows) {
    const k = key(r);
    const list = m.get(k);
    if (list) list.push(r);
    else m.set(k, [r]);
  }
  return m;
}

const sortedStrings = (xs: string[] | undefined) => (xs && xs.length > 0 ? [...xs].sort() : undefined);
const nonEmptyTags = (json: string): Tags | undefined => (json === '{}' ? undefined : (JSON.parse(json) as Tags));

/** Attachments of policies to org targets, split into sorted SCP and RCP lists. */
async function orgPoliciesOf(db: Kysely<DB>, targets: 'all' | string[]): Promise<Map<string, { scps?: string[]; rcps?: string[] }>> {
  const rows = await byKeys(targets, (c) => (c ? db.selectFrom('org_attachments').selectAll().where('target_id', 'in', c) : db.selectFrom('org_attachments').selectAll()).execute());
  const out = new Map<string, { scps?: string[]; rcps?: string[] }>();
  for (const [target, list] of groupBy(rows, (r) => r.target_id)) {
    out.set(target, {
      scps: sortedStrings(list.filter((r) => r.kind === 'scp').map((r) => r.policy_arn)),
      rcps: sortedStrings(list.filter((r) => r.kind === 'rcp').map((r) => r.policy_arn)),
    });
  }
  return out;
}

function withPolicies<T extends object>(base: T, p: { scps?: string[]; rcps?: string[] } | undefined): T {
  return { ...base, ...(p?.scps ? { scps: p.scps } : {}), ...(p?.rcps ? { rcps: p.rcps } : {}) };
}

async function loadOrg(db: Kysely<DB>, sel: Selection, world: LoadedWorld): Promise<void> {
  const org = sel.organization ? await db.selectFrom('organization').selectAll().executeTakeFirst() : undefined;
  const ouKeys = org ? 'all' : sel.ou;
  const ous = await byKeys(ouKeys, (c) => (c ? db.selectFrom('ous').selectAll().where('id', 'in', c) : db.selectFrom('ous').selectAll()).execute());
  const attached = await orgPoliciesOf(db, org ? 'all' : ous.map((o) => o.id));
  for (const o of ous) {
    world.ous.set(o.id, { depth: o.depth, value: withPolicies({ id: o.id, name: o.name, parentId: o.parent_id }, attached.get(o.id)) });
  }
  if (!org) return;
  const units = [...world.ous.values()].sort((a, b) => (a.value.id < b.value.id ? -1 : 1)).map((u) => u.value);
  world.organization = { id: org.id, managementAccountId: org.management_account_id, root: withPolicies({ id: org.root_id }, attached.get(org.root_id)), ...(units.length ? { units } : {}) };
  if (sel.ou !== 'all') {
    const wanted = new Set(sel.ou ?? []);
    for (const k of [...world.ous.keys()]) if (!wanted.has(k)) world.ous.delete(k);
  }
}

async function loadAccounts(db: Kysely<DB>, keys: 'all' | string[] | undefined, world: LoadedWorld): Promise<void> {
  const rows = await byKeys(keys, (c) => (c ? db.selectFrom('accounts').selectAll().where('id', 'in', c) : db.selectFrom('accounts').selectAll()).execute());
  const attached = await orgPoliciesOf(db, keys === 'all' ? 'all' : rows.map((r) => r.id));
  for (const r of rows) {
    const a: Account = { id: r.id, ...(r.name !== null ? { name: r.name } : {}), ...(r.parent_id !== null ? { parentId: r.parent_id } : {}) };
    world.accounts.set(r.id, withPolicies(a, attached.get(r.id)));
  }
}

async function loadPolicies(db: Kysely<DB>, keys: 'all' | string[] | undefined, world: LoadedWorld): Promise<void> {
  const rows = await byKeys(keys, (c) => {
    let q = db.selectFrom('policies').innerJoin('policy_versions', (j) => j.onRef('policy_versions.policy_arn', '=', 'policies.arn').onRef('policy_versions.version_id', '=', 'policies.default_version'))
      .select(['policies.arn', 'policies.kind', 'policies.name', 'policy_versions.document']);
    if (c) q = q.where('policies.arn', 'in', c);
    return q.execute();
  });
  for (const r of rows) world.policies.set(r.arn, { arn: r.arn, kind: r.kind as ManagedPolicyKind, name: r.name, document: parseStored(r.document) });
}

/** Managed attachments and inline policies of the given owners. */
async function ownedPolicies(db: Kysely<DB>, owners: 'all' | string[]) {
  const att = await byKeys(owners, (c) => (c ? db.selectFrom('attachments').selectAll().where('owner_arn', 'in', c) : db.selectFrom('attachments').selectAll()).execute());
  const inl = await byKeys(owners, (c) => (c ? db.selectFrom('inline_policies').selectAll().where('owner_arn', 'in', c) : db.selectFrom('inline_policies').selectAll()).execute());
  const managed = groupBy(att, (r) => r.owner_arn);
  const inline = groupBy(inl, (r) => r.owner_arn);
  return (arn: string) => {
    const m = sortedStrings(managed.get(arn)?.map((r) => r.policy_arn));
    const i: InlinePolicy[] | undefined = inline.get(arn)?.sort((a, b) => (a.name < b.name ? -1 : 1)).map((r) => ({ name: r.name, document: parseStored(r.document) }));
    return { ...(m ? { managedPolicies: m } : {}), ...(i && i.length ? { inlinePolicies: i } : {}) };
  };
}

async function loadPrincipals(db: Kysely<DB>, sel: Selection, world: LoadedWorld): Promise<void> {
  const users = await byKeys(sel.user, (c) => (c ? db.selectFrom('iam_users').selectAll().where('arn', 'in', c) : db.selectFrom('iam_users').selectAll()).execute());
  const groups = await byKeys(sel.group, (c) => (c ? db.selectFrom('iam_groups').selectAll().where('arn', 'in', c) : db.selectFrom('iam_groups').selectAll()).execute());
  const roles = await byKeys(sel.role, (c) => (c ? db.selectFrom('iam_roles').selectAll().where('arn', 'in', c) : db.selectFrom('iam_roles').selectAll()).execute());
  const all = sel.user === 'all' && sel.group === 'all' && sel.role === 'all';
  const policiesOf = await ownedPolicies(db, all ? 'all' : [...users, ...groups, ...roles].map((r) => r.arn));
  const mem = await byKeys(sel.user === 'all' ? 'all' : users.map((u) => u.arn), (c) =>
    (c ? db.selectFrom('memberships').selectAll().where('user_arn', 'in', c) : db.selectFrom('memberships').selectAll()).execute());
  const groupsOf = groupBy(mem, (r) => r.user_arn);
  for (const u of users) {
    const tags = nonEmptyTags(u.tags);
    const g = sortedStrings(groupsOf.get(u.arn)?.map((r) => r.group_arn));
    world.users.set(u.arn, { arn: u.arn, userId: u.user_id, ...(g ? { groups: g } : {}), ...policiesOf(u.arn),
      ...(u.boundary !== null ? { permissionsBoundary: u.boundary } : {}), ...(tags ? { tags } : {}) });
  }
  for (const g of groups) world.groups.set(g.arn, { arn: g.arn, groupId: g.group_id, ...policiesOf(g.arn) });
  for (const r of roles) {
    const tags = nonEmptyTags(r.tags);
    world.roles.set(r.arn, { arn: r.arn, roleId: r.role_id, trustPolicy: parseStored(r.trust_policy), maxSessionDuration: r.max_session,
      ...(r.service_linked ? { serviceLinked: true } : {}), ...policiesOf(r.arn), ...(r.boundary !== null ? { permissionsBoundary: r.boundary } : {}), ...(tags ? { tags } : {}) });
  }
}

async function loadResources(db: Kysely<DB>, keys: 'all' | string[] | undefined, world: LoadedWorld): Promise<void> {
  const rows = await byKeys(keys, (c) => (c ? db.selectFrom('resources').selectAll().where('arn', 'in', c) : db.selectFrom('resources').selectAll()).execute());
  for (const r of rows) {
    const tags = nonEmptyTags(r.tags);
    world.resources.set(r.arn, { arn: r.arn, ...(r.account_id !== null ? { accountId: r.account_id } : {}), ...(r.policy !== null ? { policy: parseStored(r.policy) } : {}), ...(tags ? { tags } : {}) });
  }
}

/** Loads the selected world entities (call inside a read or write transaction for a consistent view). */
export async function loadWorld(db: Kysely<DB>, sel: Selection): Promise<LoadedWorld> {
  const world: LoadedWorld = { ous: new Map(), accounts: new Map(), policies: new Map(), users: new Map(), groups: new Map(), roles: new Map(), resources: new Map() };
  await loadOrg(db, sel, world);
  await loadAccounts(db, sel.account, world);
  await loadPolicies(db, sel.policy, world);
  await loadPrincipals(db, sel, world);
  await loadResources(db, sel.resource, world);
  return world;
}

/** The current store revision and change log floor. */
export async function readMeta(db: Kysely<DB>): Promise<{ revision: number; logFloor: number }> {
  const m = await db.selectFrom('store_meta').selectAll().where('id', '=', 1).executeTakeFirstOrThrow();
  return { revision: Number(m.revision), logFloor: Number(m.log_floor) };
}
