// Export of the whole store as a WorldSnapshot at one revision, with an optional lossless extension.

import { SNAPSHOT_FORMAT, SNAPSHOT_VERSION } from './core.ts';
import type { Kysely } from 'kysely';
import type { Ctx } from './context.ts';
import type { DB } from './db/schema.ts';
import { parseStored } from './documents.ts';
import { keyRecord } from './keys.ts';
import type { StoreSnapshot, StoreSnapshotExtension } from './types.ts';
import { loadWorld, readMeta } from './world.ts';

/** Name of the extension that makes an export lossless. */
export const EXTENSION_NAME = 'iam-store';

const byKey = <T>(m: Map<string, T>): T[] => [...m.entries()].sort((a, b) => (a[0] < b[0] ? -1 : a[0] > b[0] ? 1 : 0)).map((e) => e[1]);

/** Store-only data: all policy versions, creation times, role descriptions, access keys (secrets still encrypted). */
async function extension(db: Kysely<DB>): Promise<StoreSnapshotExtension> {
  const ext: StoreSnapshotExtension = { policies: {}, entities: {}, accessKeys: [] };
  const versions = await db.selectFrom('policy_versions').selectAll().orderBy('policy_arn').orderBy('version_num').execute();
  const byPolicy = new Map<string, typeof versions>();
  for (const v of versions) byPolicy.set(v.policy_arn, [...(byPolicy.get(v.policy_arn) ?? []), v]);
  for (const p of await db.selectFrom('policies').selectAll().orderBy('arn').execute()) {
    ext.policies[p.arn] = {
      policyId: p.policy_id, ...(p.description !== null ? { description: p.description } : {}), defaultVersionId: p.default_version, nextVersion: p.next_version,
      createdAt: p.created_at, updatedAt: p.updated_at,
      versions: (byPolicy.get(p.arn) ?? []).map((v) => ({ versionId: v.version_id, isDefault: v.version_id === p.default_version, document: parseStored(v.document), createdAt: v.created_at })),
    };
  }
  const created: Array<{ key: string; createdAt: string; description?: string | null }> = [
    ...(await db.selectFrom('accounts').select(['id as key', 'created_at as createdAt']).execute()),
    ...(await db.selectFrom('organization').select(['id as key', 'created_at as createdAt']).execute()),
    ...(await db.selectFrom('ous').select(['id as key', 'created_at as createdAt']).execute()),
    ...(await db.selectFrom('iam_users').select(['arn as key', 'created_at as createdAt']).execute()),
    ...(await db.selectFrom('iam_groups').select(['arn as key', 'created_at as createdAt']).execute()),
    ...(await db.selectFrom('iam_roles').select(['arn as key', 'created_at as createdAt', 'description']).execute()),
  ];
  created.sort((a, b) => (a.key < b.key ? -1 : 1));
  for (const c of created) ext.entities[c.key] = { createdAt: c.createdAt, ...(c.description ? { description: c.description } : {}) };
  const keys = await db.selectFrom('access_keys').selectAll().orderBy('access_key_id').execute();
  ext.accessKeys = keys.map((k) => ({ ...keyRecord(k), secretEncrypted: k.secret_enc }));
  return ext;
}

/** The whole store at one revision (one read transaction), sorted by key; with the extension when `lossless`. */
export function exportSnapshot(ctx: Ctx, lossless: boolean): Promise<StoreSnapshot> {
  return ctx.driver.read(async (db) => {
    const { revision } = await readMeta(db);
    const world = await loadWorld(db, { organization: 'all', ou: 'all', account: 'all', policy: 'all', user: 'all', group: 'all', role: 'all', resource: 'all' });
    const snap: StoreSnapshot = { format: SNAPSHOT_FORMAT, version: SNAPSHOT_VERSION, revision };
    if (world.organization) snap.organization = world.organization;
    snap.accounts = byKey(world.accounts);
    snap.policies = byKey(world.policies);
    snap.users = byKey(world.users);
    snap.groups = byKey(world.groups);
    snap.roles = byKey(world.roles);
    snap.resources = byKey(world.resources);
    if (lossless) snap.extensions = { [EXTENSION_NAME]: await extension(db) };
    return snap;
  });
}
