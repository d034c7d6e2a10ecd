// Import of a snapshot into an empty store: validated up front, then written in one transaction keeping ids.

import type { Insertable, Kysely } from 'kysely';
import type { Ctx } from './context.ts';
import type { ManagedPolicy, ManagedPolicyKind, PolicyType } from './core.ts';
import { SNAPSHOT_FORMAT, SNAPSHOT_VERSION } from './core.ts';
import type { DB } from './db/schema.ts';
import { checkDocument } from './documents.ts';
import { EntityAlreadyExistsError, InvalidInputError } from './errors.ts';
import * as ids from './ids.ts';
import { decryptSecret } from './keys.ts';
import { count, nameKey } from './records.ts';
import { EXTENSION_NAME } from './snapshot.ts';
import { runWrite, type WriteTx } from './tx.ts';
import { checkAccountId, checkArn, checkName, checkPath, checkSessionDuration, checkTags, sortedTags } from './validate.ts';
import type { StoreSnapshot, StoreSnapshotExtension, WriteOptions, WriteResult } from './types.ts';

/** Rows per multi-row insert. */
const INSERT_CHUNK = 200;

type Rows = { [T in keyof DB]: Insertable<DB[T]>[] };
type LogEntry = { kind: Parameters<WriteTx['log']>[0]; key: string };

/** Everything to insert, validated. */
interface Plan { rows: Rows; log: LogEntry[] }

function emptyRows(): Rows {
  return { store_meta: [], accounts: [], organization: [], ous: [], org_attachments: [], policies: [], policy_versions: [], iam_users: [], iam_groups: [], iam_roles: [],
    memberships: [], inline_policies: [], attachments: [], resources: [], access_keys: [], change_log: [], audit_log: [] };
}

function unique<T>(items: T[], key: (t: T) => string, what: string): void {
  const seen = new Set<string>();
  for (const it of items) {
    const k = key(it);
    if (seen.has(k)) throw new InvalidInputError(`snapshot has ${what} \`${k}\` twice`);
    seen.add(k);
  }
}

/** Refuses access keys this store could not use: their secrets must decrypt with its encryption key. */
function checkKeys(ctx: Ctx, keys: Array<{ access_key_id: string; secret_enc: string }>): void {
  if (keys.length === 0) return;
  const key = ctx.cfg.encryptionKey;
  if (!key) throw new InvalidInputError('the snapshot holds access keys but the store has no `encryptionKey` to read them');
  for (const k of keys) {
    try {
      decryptSecret(key, k.access_key_id, k.secret_enc);
    } catch {
      throw new InvalidInputError(`access key \`${k.access_key_id}\` in the snapshot was not encrypted with this store's encryption key`, { accessKeyId: k.access_key_id });
    }
  }
}

/** Builds and validates every row of an import or restore (nothing is written). */
function plan(ctx: Ctx, snap: StoreSnapshot, now: string): Plan {
  const ext: StoreSnapshotExtension = snap.extensions?.[EXTENSION_NAME] ?? { policies: {}, entities: {}, accessKeys: [] };
  const created = (key: string) => ext.entities?.[key]?.createdAt ?? now;
  const rows = emptyRows();
  const log: LogEntry[] = [];
  const accounts = new Map<string, { name: string | null; parent: string | null }>();
  for (const a of snap.accounts ?? []) {
    if (accounts.has(checkAccountId(a.id))) throw new InvalidInputError(`snapshot has account \`${a.id}\` twice`);
    accounts.set(a.id, { name: a.name ?? null, parent: a.parentId ?? null });
  }
  const needAccount = (id: string) => { if (!accounts.has(checkAccountId(id))) accounts.set(id, { name: null, parent: null }); };
  // organization and OUs
  const org = snap.organization;
  const depth = new Map<string, number>();
  const targets = new Map<string, { scps?: string[]; rcps?: string[] }>();
  if (org) {
    needAccount(org.managementAccountId);
    rows.organization.push({ id: org.id, management_account_id: org.managementAccountId, root_id: org.root.id, created_at: created(org.id) });
    depth.set(org.root.id, 0);
    targets.set(org.root.id, org.root);
    const units = new Map((org.units ?? []).map((u) => [u.id, u]));
    unique(org.units ?? [], (u) => u.id, 'organizational unit');
    const depthOf = (id: string, seen: Set<string>): number => {
      const known = depth.get(id);
      if (known !== undefined) return known;
      const u = units.get(id);
      if (!u || seen.has(id)) throw new InvalidInputError(`organizational unit \`${id}\` has no valid parent chain to the root`);
      seen.add(id);
      const d = depthOf(u.parentId, seen) + 1;
      if (d > ctx.cfg.quotas.ouDepth) throw new InvalidInputError(`organizational unit \`${id}\` nests deeper than ${ctx.cfg.quotas.ouDepth}`);
      depth.set(id, d);
      return d;
    };
    for (const u of units.values()) {
      const name = u.name ?? u.id;
      rows.ous.push({ id: u.id, name, name_key: nameKey(name), parent_id: u.parentId, depth: depthOf(u.id, new Set()), created_at: created(u.id) });
      targets.set(u.id, u);
      log.push({ kind: 'ou', key: u.id });
    }
    unique(rows.ous as Array<{ parent_id: string; name_key: string }>, (o) => `${o.parent_id}/${o.name_key}`, 'organizational unit name');
    log.push({ kind: 'organization', key: org.id });
  }
  planPolicies(snap.policies ?? [], ext, now, rows, log, needAccount);
  const policyKind = new Map(rows.policies.map((p) => [p.arn, p.kind]));
  planPrincipals(snap, ext, created, rows, log, needAccount, policyKind);
  for (const [id, a] of accounts) {
    if (a.parent !== null && !depth.has(a.parent)) throw new InvalidInputError(`account \`${id}\` is placed under \`${a.parent}\`, which is not in the organization`);
    rows.accounts.push({ id, name: a.name, parent_id: a.parent, created_at: created(id) });
    log.push({ kind: 'account', key: id });
  }
  for (const a of snap.accounts ?? []) targets.set(a.id, a);
  for (const [target, t] of targets) {
    for (const [kind, list] of [['scp', t.scps], ['rcp', t.rcps]] as const) {
      for (const arn of list ?? []) {
        if (policyKind.get(arn) !== kind) throw new InvalidInputError(`\`${target}\` has ${kind} \`${arn}\` attached, which is not a ${kind} in the snapshot`);
        rows.org_attachments.push({ target_id: target, policy_arn: arn, kind });
      }
    }
  }
  for (const r of snap.resources ?? []) {
    checkArn(r.arn, 'resource arn');
    const tags = sortedTags(checkTags(r.tags));
    rows.resources.push({ arn: r.arn, account_id: r.accountId === undefined ? null : checkAccountId(r.accountId), policy: r.policy === undefined ? null : checkDocument(r.policy, 'resource').text, tags: JSON.stringify(tags) });
    log.push({ kind: 'resource', key: r.arn });
  }
  unique(rows.resources, (r) => r.arn, 'resource');
  checkKeys(ctx, rows.access_keys as Array<{ access_key_id: string; secret_enc: string }>);
  return { rows, log };
}

function planPolicies(policies: ManagedPolicy[], ext: StoreSnapshotExtension, now: string, rows: Rows, log: LogEntry[], needAccount: (id: string) => void): void {
  unique(policies, (p) => p.arn, 'policy');
  for (const p of policies) {
    const kind: ManagedPolicyKind = p.kind ?? 'identity';
    checkArn(p.arn, 'policy arn');
    const account = ids.arnAccount(p.arn);
    const parsed = kind === 'identity' ? ids.parseIamArn(p.arn, 'policy') : { path: '/', name: p.name ?? p.arn.slice(p.arn.lastIndexOf('/') + 1) };
    const name = checkName('policy', p.name ?? parsed.name);
    if (/^\d{12}$/.test(account)) needAccount(account);
    const meta = ext.policies?.[p.arn];
    const type: PolicyType = kind === 'identity' ? 'identity' : kind;
    const versions = meta?.versions?.length ? meta.versions : [{ versionId: 'v1', isDefault: true, document: p.document, createdAt: now }];
    const defaultId = meta?.defaultVersionId ?? 'v1';
    if (!versions.some((v) => v.versionId === defaultId)) throw new InvalidInputError(`policy \`${p.arn}\` has no default version \`${defaultId}\``);
    let maxNum = 0;
    for (const v of versions) {
      const num = Number(/^v(\d+)$/.exec(v.versionId)?.[1] ?? NaN);
      if (!Number.isInteger(num)) throw new InvalidInputError(`policy \`${p.arn}\` has a version id \`${v.versionId}\` that is not \`v\` and a number`);
      maxNum = Math.max(maxNum, num);
      const doc = checkDocument(v.versionId === defaultId ? p.document : v.document, type);
      rows.policy_versions.push({ policy_arn: p.arn, version_id: v.versionId, version_num: num, document: doc.text, created_at: v.createdAt ?? now });
    }
    rows.policies.push({ arn: p.arn, policy_id: meta?.policyId ?? (kind === 'identity' ? ids.iamId('ANPA') : ids.orgIds.policy()), kind, account_id: account, name,
      name_key: nameKey(name), path: checkPath(parsed.path), description: meta?.description ?? null, default_version: defaultId,
      next_version: Math.max(meta?.nextVersion ?? 0, maxNum + 1), created_at: meta?.createdAt ?? now, updated_at: meta?.updatedAt ?? now });
    log.push({ kind: 'policy', key: p.arn });
  }
  unique(rows.policies, (p) => `${p.kind} ${p.account_id} ${p.name_key}`, 'policy name');
}

function planPrincipals(snap: StoreSnapshot, ext: StoreSnapshotExtension, created: (k: string) => string, rows: Rows, log: LogEntry[],
  needAccount: (id: string) => void, policyKind: Map<string, string>): void {
  const identity = (arn: string, owner: string) => {
    if (policyKind.get(arn) !== 'identity') throw new InvalidInputError(`\`${owner}\` refers to \`${arn}\`, which is not an identity policy in the snapshot`);
    return arn;
  };
  const owned = (arn: string, managed: string[] | undefined, inline: Array<{ name: string; document: unknown }> | undefined) => {
    for (const m of managed ?? []) rows.attachments.push({ owner_arn: arn, policy_arn: identity(m, arn) });
    for (const i of inline ?? []) {
      const doc = checkDocument(i.document, 'identity');
      rows.inline_policies.push({ owner_arn: arn, name: checkName('inline policy', i.name), document: doc.text, size: doc.size });
    }
  };
  const groupArns = new Set((snap.groups ?? []).map((g) => g.arn));
  for (const g of snap.groups ?? []) {
    const a = ids.parseIamArn(g.arn, 'group');
    needAccount(a.accountId);
    const name = checkName('group', a.name);
    rows.iam_groups.push({ arn: g.arn, group_id: g.groupId ?? ids.iamId('AGPA'), account_id: a.accountId, name, name_key: nameKey(name), path: checkPath(a.path), created_at: created(g.arn) });
    owned(g.arn, g.managedPolicies, g.inlinePolicies);
    log.push({ kind: 'group', key: g.arn });
  }
  for (const u of snap.users ?? []) {
    const a = ids.parseIamArn(u.arn, 'user');
    needAccount(a.accountId);
    const name = checkName('user', a.name);
    rows.iam_users.push({ arn: u.arn, user_id: u.userId ?? ids.iamId('AIDA'), account_id: a.accountId, name, name_key: nameKey(name), path: checkPath(a.path),
      boundary: u.permissionsBoundary === undefined ? null : identity(u.permissionsBoundary, u.arn), tags: JSON.stringify(sortedTags(checkTags(u.tags))), created_at: created(u.arn) });
    for (const g of u.groups ?? []) {
      if (!groupArns.has(g)) throw new InvalidInputError(`user \`${u.arn}\` is in group \`${g}\`, which is not in the snapshot`);
      rows.memberships.push({ user_arn: u.arn, group_arn: g });
    }
    owned(u.arn, u.managedPolicies, u.inlinePolicies);
    log.push({ kind: 'user', key: u.arn });
  }
  for (const r of snap.roles ?? []) {
    const a = ids.parseIamArn(r.arn, 'role');
    needAccount(a.accountId);
    const name = checkName('role', a.name);
    rows.iam_roles.push({ arn: r.arn, role_id: r.roleId ?? ids.iamId('AROA'), account_id: a.accountId, name, name_key: nameKey(name), path: checkPath(a.path),
      description: ext.entities?.[r.arn]?.description ?? null, trust_policy: checkDocument(r.trustPolicy, 'trust').text, max_session: checkSessionDuration(r.maxSessionDuration),
      boundary: r.permissionsBoundary === undefined ? null : identity(r.permissionsBoundary, r.arn), service_linked: r.serviceLinked ? 1 : 0,
      tags: JSON.stringify(sortedTags(checkTags(r.tags))), created_at: created(r.arn) });
    owned(r.arn, r.managedPolicies, r.inlinePolicies);
    log.push({ kind: 'role', key: r.arn });
  }
  for (const [table, what] of [['iam_users', 'user'], ['iam_groups', 'group'], ['iam_roles', 'role']] as const) {
    unique(rows[table] as Array<{ account_id: string; name_key: string }>, (r) => `${r.account_id}/${r.name_key}`, `${what} name`);
  }
  const userArns = new Set(rows.iam_users.map((u) => u.arn));
  for (const k of ext.accessKeys ?? []) {
    const root = ids.ROOT_ARN.exec(k.userArn);
    if (root) needAccount(root[1]);
    else if (!userArns.has(k.userArn)) throw new InvalidInputError(`access key \`${k.accessKeyId}\` belongs to \`${k.userArn}\`, which is not in the snapshot`);
    rows.access_keys.push({ access_key_id: k.accessKeyId, user_arn: k.userArn, account_id: k.accountId, user_name: k.userName, status: k.status, secret_enc: k.secretEncrypted,
      created_at: k.createdAt, last_used_at: k.lastUsedAt ?? null, last_used_service: k.lastUsedService ?? null });
    log.push({ kind: 'access_key', key: k.accessKeyId });
  }
}

/** Inserts rows in chunks. */
async function insertChunks<T extends keyof DB>(db: Kysely<DB>, table: T, rows: Insertable<DB[T]>[]): Promise<void> {
  for (let i = 0; i < rows.length; i += INSERT_CHUNK) {
    await db.insertInto(table).values(rows.slice(i, i + INSERT_CHUNK) as never).execute();
  }
}

/** Tables that must be empty for an import (one row in any of them means the store holds something). */
const ENTITY_TABLES = ['accounts', 'organization', 'ous', 'policies', 'iam_users', 'iam_groups', 'iam_roles', 'resources', 'access_keys'] as const;
/** Insert order (parents first); a restore empties these tables in the reverse order. */
export const INSERT_ORDER = ['accounts', 'organization', 'ous', 'policies', 'policy_versions', 'org_attachments', 'iam_groups', 'iam_users', 'iam_roles', 'memberships',
  'attachments', 'inline_policies', 'resources', 'access_keys'] as const;

/** The error for a value that is not a snapshot of our format and version, else undefined. */
export function checkFormat(snap: StoreSnapshot): InvalidInputError | undefined {
  if (snap && snap.format === SNAPSHOT_FORMAT && snap.version === SNAPSHOT_VERSION) return undefined;
  return new InvalidInputError(`snapshot must have format \`${SNAPSHOT_FORMAT}\` and version ${SNAPSHOT_VERSION}`);
}

/** Imports `snap` into an empty store in one transaction; the revision becomes the snapshot's when it is ahead. */
export function importSnapshot(ctx: Ctx, snap: StoreSnapshot, opts?: WriteOptions): Promise<WriteResult> {
  const refused = checkFormat(snap);
  if (refused) return Promise.reject(refused);
  const target = Number.isInteger(snap.revision) && (snap.revision as number) > 0 ? (snap.revision as number) : 0;
  return runWrite(ctx, opts, async (tx) => {
    for (const table of ENTITY_TABLES) {
      if (await count(tx.db.selectFrom(table)) > 0) throw new EntityAlreadyExistsError('the store is not empty; import needs an empty store', { table });
    }
    await writeSnapshot(ctx, tx, snap);
  }, { pickRevision: (next) => Math.max(next, target) });
}

/**
 * The write of an import or a restore into tables that hold none of its rows: validates all of `snap` (a refusal
 * throws, rolling the write back), then runs `clear` if given (a restore empties the tables there, so a refused
 * snapshot deletes nothing), inserts its rows keeping ids, and logs every entity at the write's revision.
 */
export async function writeSnapshot(ctx: Ctx, tx: WriteTx, snap: StoreSnapshot, clear?: () => Promise<void>): Promise<void> {
  const { rows, log } = plan(ctx, snap, tx.now);
  if (clear) await clear();
  for (const table of INSERT_ORDER) await insertChunks(tx.db, table, rows[table] as never);
  for (const e of log) tx.log(e.kind, e.key);
}
