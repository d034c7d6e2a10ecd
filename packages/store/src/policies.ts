// Managed policies: customer managed identity policies with up to 5 versions, and SCPs/RCPs (one version each).

import type { Kysely } from 'kysely';
import type { Ctx } from './context.ts';
import type { DB } from './db/schema.ts';
import { checkDocument, checkSize, parseStored } from './documents.ts';
import { DeleteConflictError, EntityAlreadyExistsError, InvalidInputError, LimitExceededError, NoSuchEntityError } from './errors.ts';
import * as ids from './ids.ts';
import { requireOrg } from './org.ts';
import { hasPrefix, makePage, pageParams } from './pagination.ts';
import { count, defaultDocument, nameKey, policyRecord, requireAccount, requirePolicy } from './records.ts';
import { runWrite } from './tx.ts';
import { checkDescription, checkName, checkPath } from './validate.ts';
import type { PolicyUsage, PolicyVersionRecord, Store } from './types.ts';

type PolicyApi = Pick<Store, 'createPolicy' | 'getPolicy' | 'listPolicies' | 'deletePolicy' | 'getPolicyUsage' | 'createPolicyVersion' | 'getPolicyVersion' |
  'listPolicyVersions' | 'setDefaultPolicyVersion' | 'deletePolicyVersion' | 'createOrgPolicy' | 'updateOrgPolicy'>;

const versionId = (n: number) => `v${n}`;

function versionRecord(r: { version_id: string; document: string; created_at: string }, defaultId: string): PolicyVersionRecord {
  return { versionId: r.version_id, isDefault: r.version_id === defaultId, document: parseStored(r.document), createdAt: r.created_at };
}

async function requireVersion(db: Kysely<DB>, arn: string, vid: string) {
  const row = await db.selectFrom('policy_versions').selectAll().where('policy_arn', '=', arn).where('version_id', '=', String(vid)).executeTakeFirst();
  if (!row) throw new NoSuchEntityError(`policy \`${arn}\` has no version \`${vid}\``);
  return row;
}

async function checkUniqueName(db: Kysely<DB>, kind: string, accountId: string, name: string, exceptArn?: string): Promise<void> {
  const clash = await db.selectFrom('policies').select('arn').where('kind', '=', kind).where('account_id', '=', accountId).where('name_key', '=', nameKey(name)).executeTakeFirst();
  if (clash && clash.arn !== exceptArn) throw new EntityAlreadyExistsError(`policy \`${name}\` already exists`, { arn: clash.arn });
}

/** Where a policy is used (attachments, boundaries, org targets). */
async function usage(db: Kysely<DB>, arn: string): Promise<PolicyUsage> {
  const attached = await db.selectFrom('attachments').select('owner_arn').where('policy_arn', '=', arn).orderBy('owner_arn').execute();
  const users = await db.selectFrom('iam_users').select('arn').where('boundary', '=', arn).execute();
  const roles = await db.selectFrom('iam_roles').select('arn').where('boundary', '=', arn).execute();
  const targets = await db.selectFrom('org_attachments').select('target_id').where('policy_arn', '=', arn).orderBy('target_id').execute();
  return { attachedTo: attached.map((r) => r.owner_arn), boundaryOf: [...users, ...roles].map((r) => r.arn).sort(), targets: targets.map((r) => r.target_id) };
}

function versionWrites(ctx: Ctx): Pick<PolicyApi, 'createPolicyVersion' | 'setDefaultPolicyVersion' | 'deletePolicyVersion'> {
  const q = ctx.cfg.quotas;
  return {
    createPolicyVersion: (arn, input, opts) => runWrite(ctx, opts, async (tx) => {
      const p = await requirePolicy(tx.db, arn, ['identity']);
      const doc = checkDocument(input?.document, 'identity');
      checkSize('policy document', doc.size, q.managedPolicySize, 'managedPolicySize');
      if (await count(tx.db.selectFrom('policy_versions').where('policy_arn', '=', arn)) >= q.versionsPerPolicy) {
        throw new LimitExceededError(`policy \`${arn}\` already has ${q.versionsPerPolicy} versions; delete one first`, { quota: 'versionsPerPolicy', limit: q.versionsPerPolicy });
      }
      const vid = versionId(p.next_version);
      const isDefault = input.setAsDefault === true;
      await tx.db.insertInto('policy_versions').values({ policy_arn: arn, version_id: vid, version_num: p.next_version, document: doc.text, created_at: tx.now }).execute();
      await tx.db.updateTable('policies').set({ next_version: p.next_version + 1, updated_at: tx.now, ...(isDefault ? { default_version: vid } : {}) }).where('arn', '=', arn).execute();
      if (isDefault) tx.log('policy', arn);
      else tx.log('policy_version', `${arn}#${vid}`);
      return { versionId: vid, isDefault, document: doc.value, createdAt: tx.now };
    }),
    setDefaultPolicyVersion: (arn, vid, opts) => runWrite(ctx, opts, async (tx) => {
      await requirePolicy(tx.db, arn, ['identity']);
      await requireVersion(tx.db, arn, vid);
      await tx.db.updateTable('policies').set({ default_version: vid, updated_at: tx.now }).where('arn', '=', arn).execute();
      tx.log('policy', arn);
    }),
    deletePolicyVersion: (arn, vid, opts) => runWrite(ctx, opts, async (tx) => {
      const p = await requirePolicy(tx.db, arn, ['identity']);
      await requireVersion(tx.db, arn, vid);
      if (p.default_version === vid) throw new DeleteConflictError(`version \`${vid}\` is the default version of \`${arn}\``);
      await tx.db.deleteFrom('policy_versions').where('policy_arn', '=', arn).where('version_id', '=', vid).execute();
      tx.log('policy_version', `${arn}#${vid}`, 'delete');
    }),
  };
}

function policyWrites(ctx: Ctx): Pick<PolicyApi, 'createPolicy' | 'deletePolicy' | 'createOrgPolicy' | 'updateOrgPolicy'> {
  const q = ctx.cfg.quotas;
  return {
    createPolicy: (input, opts) => runWrite(ctx, opts, async (tx) => {
      const account = await requireAccount(tx.db, input?.accountId);
      const name = checkName('policy', input.name);
      const path = checkPath(input.path);
      const description = checkDescription(input.description) ?? null;
      const doc = checkDocument(input.document, 'identity');
      checkSize('policy document', doc.size, q.managedPolicySize, 'managedPolicySize');
      await checkUniqueName(tx.db, 'identity', account.id, name);
      if (await count(tx.db.selectFrom('policies').where('account_id', '=', account.id).where('kind', '=', 'identity')) >= q.policiesPerAccount) {
        throw new LimitExceededError(`account \`${account.id}\` already has ${q.policiesPerAccount} managed policies`, { quota: 'policiesPerAccount', limit: q.policiesPerAccount });
      }
      const arn = ids.iamArn(ctx.cfg.partition, account.id, 'policy', path, name);
      const row = { arn, policy_id: ids.iamId('ANPA'), kind: 'identity', account_id: account.id, name, name_key: nameKey(name), path, description,
        default_version: 'v1', next_version: 2, created_at: tx.now, updated_at: tx.now };
      await tx.db.insertInto('policies').values(row).execute();
      await tx.db.insertInto('policy_versions').values({ policy_arn: arn, version_id: 'v1', version_num: 1, document: doc.text, created_at: tx.now }).execute();
      tx.log('policy', arn);
      return policyRecord(row, doc.text);
    }),
    createOrgPolicy: (input, opts) => runWrite(ctx, opts, async (tx) => {
      const org = await requireOrg(tx.db);
      const kind = input?.kind;
      if (kind !== 'scp' && kind !== 'rcp') throw new InvalidInputError(`policy kind \`${String(kind)}\` must be \`scp\` or \`rcp\``);
      const name = checkName('policy', input.name);
      const description = checkDescription(input.description) ?? null;
      const doc = checkDocument(input.document, kind);
      checkSize('policy document', doc.rawSize, q.orgPolicySize, 'orgPolicySize');
      await checkUniqueName(tx.db, kind, org.management_account_id, name);
      const policyId = ids.orgIds.policy();
      const arn = ids.orgPolicyArn(ctx.cfg.partition, org.management_account_id, org.id, kind, policyId);
      const row = { arn, policy_id: policyId, kind, account_id: org.management_account_id, name, name_key: nameKey(name), path: '/', description,
        default_version: 'v1', next_version: 2, created_at: tx.now, updated_at: tx.now };
      await tx.db.insertInto('policies').values(row).execute();
      await tx.db.insertInto('policy_versions').values({ policy_arn: arn, version_id: 'v1', version_num: 1, document: doc.text, created_at: tx.now }).execute();
      tx.log('policy', arn);
      return policyRecord(row, doc.text);
    }),
    updateOrgPolicy: (arn, input, opts) => runWrite(ctx, opts, async (tx) => {
      const p = await requirePolicy(tx.db, arn, ['scp', 'rcp']);
      const name = input?.name === undefined ? p.name : checkName('policy', input.name);
      if (name !== p.name) await checkUniqueName(tx.db, p.kind, p.account_id, name, arn);
      const description = input.description === undefined ? p.description : (checkDescription(input.description) ?? null);
      let text = await defaultDocument(tx.db, p);
      if (input.document !== undefined) {
        const doc = checkDocument(input.document, p.kind as 'scp' | 'rcp');
        checkSize('policy document', doc.rawSize, q.orgPolicySize, 'orgPolicySize');
        text = doc.text;
        await tx.db.updateTable('policy_versions').set({ document: text }).where('policy_arn', '=', arn).where('version_id', '=', p.default_version).execute();
      }
      const patch = { name, name_key: nameKey(name), description, updated_at: tx.now };
      await tx.db.updateTable('policies').set(patch).where('arn', '=', arn).execute();
      tx.log('policy', arn);
      return policyRecord({ ...p, ...patch }, text);
    }),
    deletePolicy: (arn, opts) => runWrite(ctx, opts, async (tx) => {
      await requirePolicy(tx.db, arn);
      const used = await usage(tx.db, arn);
      if (used.attachedTo.length + used.boundaryOf.length + used.targets.length > 0) {
        throw new DeleteConflictError(`policy \`${arn}\` is still attached or used as a permissions boundary`, { ...used });
      }
      await tx.db.deleteFrom('policy_versions').where('policy_arn', '=', arn).execute();
      await tx.db.deleteFrom('policies').where('arn', '=', arn).execute();
      tx.log('policy', arn, 'delete');
    }),
  };
}

/** Managed policy methods of the store. */
export function policyApi(ctx: Ctx): PolicyApi {
  return {
    ...policyWrites(ctx),
    ...versionWrites(ctx),
    getPolicy: (arn) => ctx.driver.read(async (rdb) => {
      const p = await requirePolicy(rdb, arn);
      return policyRecord(p, await defaultDocument(rdb, p));
    }),
    listPolicies: (options) => ctx.driver.read(async (rdb) => {
      const { limit, after } = pageParams(options);
      let q = rdb.selectFrom('policies').innerJoin('policy_versions', (j) => j.onRef('policy_versions.policy_arn', '=', 'policies.arn').onRef('policy_versions.version_id', '=', 'policies.default_version'))
        .selectAll('policies').select('policy_versions.document');
      if (after !== undefined) q = q.where('policies.arn', '>', after);
      if (options?.accountId !== undefined) q = q.where('policies.account_id', '=', options.accountId);
      if (options?.kind !== undefined) q = q.where('policies.kind', '=', options.kind);
      if (options?.pathPrefix) q = q.where(hasPrefix('policies.path', options.pathPrefix));
      const rows = await q.orderBy('policies.arn').limit(limit + 1).execute();
      return makePage(rows, limit, (r) => r.arn, (r) => policyRecord(r, r.document));
    }),
    getPolicyUsage: (arn) => ctx.driver.read(async (rdb) => {
      await requirePolicy(rdb, arn);
      return usage(rdb, arn);
    }),
    getPolicyVersion: (arn, vid) => ctx.driver.read(async (rdb) => {
      const p = await requirePolicy(rdb, arn);
      return versionRecord(await requireVersion(rdb, arn, vid), p.default_version);
    }),
    listPolicyVersions: (arn) => ctx.driver.read(async (rdb) => {
      const p = await requirePolicy(rdb, arn);
      const rows = await rdb.selectFrom('policy_versions').selectAll().where('policy_arn', '=', arn).orderBy('version_num', 'desc').execute();
      return rows.map((r) => versionRecord(r, p.default_version));
    }),
  };
}
