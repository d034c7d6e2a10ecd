// Accounts, the organization (root, nested OUs, account placement) and SCP/RCP attachments.

import type { Kysely } from 'kysely';
import type { Ctx } from './context.ts';
import type { DB } from './db/schema.ts';
import { DeleteConflictError, EntityAlreadyExistsError, InvalidInputError, LimitExceededError, NoSuchEntityError } from './errors.ts';
import * as ids from './ids.ts';
import { makePage, pageParams } from './pagination.ts';
import { accountRecord, count, nameKey, ouRecord, policyRecord, requireAccount, requirePolicy } from './records.ts';
import { runWrite, type WriteTx } from './tx.ts';
import { checkAccountId, checkLabel } from './validate.ts';
import type { OrganizationRecord, Store } from './types.ts';

type OrgApi = Pick<Store, 'createAccount' | 'getAccount' | 'listAccounts' | 'updateAccount' | 'deleteAccount' | 'createOrganization' | 'getOrganization' |
  'deleteOrganization' | 'createOu' | 'getOu' | 'listOus' | 'updateOu' | 'deleteOu' | 'moveAccount' | 'attachOrgPolicy' | 'detachOrgPolicy' | 'listTargetPolicies'>;

/** The organization row, or no_such_entity. */
export async function requireOrg(db: Kysely<DB>) {
  const org = await db.selectFrom('organization').selectAll().executeTakeFirst();
  if (!org) throw new NoSuchEntityError('no organization exists');
  return org;
}

function orgRecord(r: { id: string; management_account_id: string; root_id: string; created_at: string }): OrganizationRecord {
  return { id: r.id, managementAccountId: r.management_account_id, rootId: r.root_id, createdAt: r.created_at };
}

async function requireOu(db: Kysely<DB>, id: string) {
  const row = await db.selectFrom('ous').selectAll().where('id', '=', String(id)).executeTakeFirst();
  if (!row) throw new NoSuchEntityError(`organizational unit \`${id}\` does not exist`);
  return row;
}

/** A policy target (root, OU or member account) and how a change to it is logged. */
interface Target { id: string; depth: number; logKind: 'organization' | 'ou' | 'account'; logKey: string }

/** Resolves a root, OU or member-account id; `forPlacement` refuses accounts (they are not parents). */
async function requireTarget(db: Kysely<DB>, id: string, forPlacement = false): Promise<Target> {
  const org = await requireOrg(db);
  if (id === org.root_id) return { id, depth: 0, logKind: 'organization', logKey: org.id };
  if (typeof id === 'string' && id.startsWith('ou-')) {
    const ou = await requireOu(db, id);
    return { id, depth: ou.depth, logKind: 'ou', logKey: id };
  }
  if (forPlacement) throw new InvalidInputError(`parent \`${id}\` must be the root or an organizational unit`);
  const acct = await requireAccount(db, checkAccountId(id));
  if (acct.parent_id === null) throw new InvalidInputError(`account \`${id}\` is not in the organization`);
  return { id, depth: -1, logKind: 'account', logKey: id };
}

async function checkSiblingName(db: Kysely<DB>, parentId: string, name: string, exceptId?: string): Promise<void> {
  const clash = await db.selectFrom('ous').select('id').where('parent_id', '=', parentId).where('name_key', '=', nameKey(name)).executeTakeFirst();
  if (clash && clash.id !== exceptId) throw new EntityAlreadyExistsError(`organizational unit \`${name}\` already exists under \`${parentId}\``);
}

function accountWrites(ctx: Ctx): Pick<OrgApi, 'createAccount' | 'updateAccount' | 'deleteAccount' | 'moveAccount'> {
  return {
    createAccount: (input, opts) => runWrite(ctx, opts, async (tx) => {
      const id = input?.id === undefined ? ids.accountId() : checkAccountId(input.id);
      const name = input?.name === undefined ? null : checkLabel('account name', input.name);
      if (await tx.db.selectFrom('accounts').select('id').where('id', '=', id).executeTakeFirst()) throw new EntityAlreadyExistsError(`account \`${id}\` already exists`);
      const row = { id, name, parent_id: null, created_at: tx.now };
      await tx.db.insertInto('accounts').values(row).execute();
      tx.log('account', id);
      return accountRecord(row);
    }),
    updateAccount: (id, input, opts) => runWrite(ctx, opts, async (tx) => {
      const row = await requireAccount(tx.db, id);
      const name = input?.name === undefined ? row.name : checkLabel('account name', input.name);
      await tx.db.updateTable('accounts').set({ name }).where('id', '=', id).execute();
      tx.log('account', id);
      return accountRecord({ ...row, name });
    }),
    deleteAccount: (id, opts) => runWrite(ctx, opts, async (tx) => {
      const row = await requireAccount(tx.db, id);
      const org = await tx.db.selectFrom('organization').selectAll().executeTakeFirst();
      if (org?.management_account_id === id) throw new DeleteConflictError(`account \`${id}\` is the organization's management account`);
      if (row.parent_id !== null) throw new DeleteConflictError(`account \`${id}\` is in the organization; move it out first`);
      const owned = { users: await count(tx.db.selectFrom('iam_users').where('account_id', '=', id)), groups: await count(tx.db.selectFrom('iam_groups').where('account_id', '=', id)),
        roles: await count(tx.db.selectFrom('iam_roles').where('account_id', '=', id)), policies: await count(tx.db.selectFrom('policies').where('account_id', '=', id).where('kind', '=', 'identity')),
        rootAccessKeys: await count(tx.db.selectFrom('access_keys').where('user_arn', '=', ids.rootArn(ctx.cfg.partition, id))) };
      if (Object.values(owned).some((n) => n > 0)) throw new DeleteConflictError(`account \`${id}\` still owns users, groups, roles, policies or root access keys`, owned);
      await tx.db.deleteFrom('accounts').where('id', '=', id).execute();
      tx.log('account', id, 'delete');
    }),
    moveAccount: (accountId, parentId, opts) => runWrite(ctx, opts, async (tx) => {
      const row = await requireAccount(tx.db, accountId);
      if (parentId === null) {
        const org = await tx.db.selectFrom('organization').selectAll().executeTakeFirst();
        if (org?.management_account_id === accountId) throw new InvalidInputError(`the management account \`${accountId}\` cannot leave the organization`);
        await tx.db.deleteFrom('org_attachments').where('target_id', '=', accountId).execute();
      } else {
        await requireTarget(tx.db, parentId, true);
      }
      await tx.db.updateTable('accounts').set({ parent_id: parentId }).where('id', '=', accountId).execute();
      tx.log('account', accountId);
      return accountRecord({ ...row, parent_id: parentId });
    }),
  };
}

function organizationWrites(ctx: Ctx): Pick<OrgApi, 'createOrganization' | 'deleteOrganization' | 'createOu' | 'updateOu' | 'deleteOu'> {
  return {
    createOrganization: (input, opts) => runWrite(ctx, opts, async (tx) => {
      if (await tx.db.selectFrom('organization').select('id').executeTakeFirst()) throw new EntityAlreadyExistsError('an organization already exists');
      const mgmt = checkAccountId(input?.managementAccountId);
      await requireAccount(tx.db, mgmt);
      const id = input.id ?? ids.orgIds.organization();
      if (!/^o-[a-z0-9]{10,32}$/.test(id)) throw new InvalidInputError(`organization id \`${id}\` must be \`o-\` and 10 to 32 lowercase letters or digits`);
      const row = { id, management_account_id: mgmt, root_id: ids.orgIds.root(), created_at: tx.now };
      await tx.db.insertInto('organization').values(row).execute();
      await tx.db.updateTable('accounts').set({ parent_id: row.root_id }).where('id', '=', mgmt).execute();
      tx.log('organization', id);
      tx.log('account', mgmt);
      return orgRecord(row);
    }),
    deleteOrganization: (opts) => runWrite(ctx, opts, async (tx) => {
      const org = await requireOrg(tx.db);
      const ous = await count(tx.db.selectFrom('ous'));
      const members = await count(tx.db.selectFrom('accounts').where('parent_id', 'is not', null).where('id', '!=', org.management_account_id));
      const policies = await count(tx.db.selectFrom('policies').where('kind', 'in', ['scp', 'rcp']));
      if (ous + members + policies > 0) throw new DeleteConflictError('the organization still has organizational units, member accounts or policies', { ous, members, policies });
      await tx.db.deleteFrom('org_attachments').execute();
      await tx.db.updateTable('accounts').set({ parent_id: null }).where('id', '=', org.management_account_id).execute();
      await tx.db.deleteFrom('organization').execute();
      tx.log('organization', org.id, 'delete');
      tx.log('account', org.management_account_id);
    }),
    createOu: (input, opts) => runWrite(ctx, opts, async (tx) => {
      const org = await requireOrg(tx.db);
      const name = checkLabel('organizational unit name', input?.name);
      const parent = await requireTarget(tx.db, input.parentId, true);
      const depth = parent.depth + 1;
      const limit = ctx.cfg.quotas.ouDepth;
      if (depth > limit) throw new LimitExceededError(`organizational units nest at most ${limit} deep`, { quota: 'ouDepth', limit });
      await checkSiblingName(tx.db, parent.id, name);
      const row = { id: ids.orgIds.ou(org.root_id), name, name_key: nameKey(name), parent_id: parent.id, depth, created_at: tx.now };
      await tx.db.insertInto('ous').values(row).execute();
      tx.log('ou', row.id);
      return ouRecord(row);
    }),
    updateOu: (id, input, opts) => runWrite(ctx, opts, async (tx) => {
      const row = await requireOu(tx.db, id);
      const name = checkLabel('organizational unit name', input?.name);
      await checkSiblingName(tx.db, row.parent_id, name, id);
      await tx.db.updateTable('ous').set({ name, name_key: nameKey(name) }).where('id', '=', id).execute();
      tx.log('ou', id);
      return ouRecord({ ...row, name, name_key: nameKey(name) });
    }),
    deleteOu: (id, opts) => runWrite(ctx, opts, async (tx) => {
      await requireOu(tx.db, id);
      const children = await count(tx.db.selectFrom('ous').where('parent_id', '=', id));
      const accounts = await count(tx.db.selectFrom('accounts').where('parent_id', '=', id));
      if (children + accounts > 0) throw new DeleteConflictError(`organizational unit \`${id}\` still has child units or accounts`, { children, accounts });
      await tx.db.deleteFrom('org_attachments').where('target_id', '=', id).execute();
      await tx.db.deleteFrom('ous').where('id', '=', id).execute();
      tx.log('ou', id, 'delete');
    }),
  };
}

function attachmentWrites(ctx: Ctx): Pick<OrgApi, 'attachOrgPolicy' | 'detachOrgPolicy'> {
  const logTarget = (tx: WriteTx, t: Target) => tx.log(t.logKind, t.logKey);
  return {
    attachOrgPolicy: (arn, targetId, opts) => runWrite(ctx, opts, async (tx) => {
      const policy = await requirePolicy(tx.db, arn, ['scp', 'rcp']);
      const target = await requireTarget(tx.db, targetId);
      const existing = tx.db.selectFrom('org_attachments').where('target_id', '=', target.id);
      if (await existing.select('policy_arn').where('policy_arn', '=', arn).executeTakeFirst()) {
        throw new EntityAlreadyExistsError(`policy \`${arn}\` is already attached to \`${targetId}\``);
      }
      const limit = ctx.cfg.quotas.orgPoliciesPerTarget;
      if (await count(existing.where('kind', '=', policy.kind)) >= limit) {
        throw new LimitExceededError(`\`${targetId}\` already has ${limit} ${policy.kind} policies attached`, { quota: 'orgPoliciesPerTarget', limit });
      }
      await tx.db.insertInto('org_attachments').values({ target_id: target.id, policy_arn: arn, kind: policy.kind }).execute();
      logTarget(tx, target);
    }),
    detachOrgPolicy: (arn, targetId, opts) => runWrite(ctx, opts, async (tx) => {
      const target = await requireTarget(tx.db, targetId);
      const att = await tx.db.selectFrom('org_attachments').selectAll().where('target_id', '=', target.id).where('policy_arn', '=', String(arn)).executeTakeFirst();
      if (!att) throw new NoSuchEntityError(`policy \`${arn}\` is not attached to \`${targetId}\``);
      if (att.kind === 'scp' && (await count(tx.db.selectFrom('org_attachments').where('target_id', '=', target.id).where('kind', '=', 'scp'))) === 1) {
        throw new DeleteConflictError(`\`${targetId}\` must keep at least one service control policy`);
      }
      await tx.db.deleteFrom('org_attachments').where('target_id', '=', target.id).where('policy_arn', '=', arn).execute();
      logTarget(tx, target);
    }),
  };
}

/** Account and organization methods of the store. */
export function orgApi(ctx: Ctx): OrgApi {
  const db = ctx.driver.db;
  return {
    ...accountWrites(ctx),
    ...organizationWrites(ctx),
    ...attachmentWrites(ctx),
    getAccount: async (id) => accountRecord(await requireAccount(db, id)),
    async listAccounts(options) {
      const { limit, after } = pageParams(options);
      let q = db.selectFrom('accounts').selectAll();
      if (after !== undefined) q = q.where('id', '>', after);
      if (options?.parentId !== undefined) q = q.where('parent_id', '=', options.parentId);
      return makePage(await q.orderBy('id').limit(limit + 1).execute(), limit, (r) => r.id, accountRecord);
    },
    getOrganization: async () => orgRecord(await requireOrg(db)),
    getOu: async (id) => ouRecord(await requireOu(db, id)),
    async listOus(options) {
      const { limit, after } = pageParams(options);
      let q = db.selectFrom('ous').selectAll();
      if (after !== undefined) q = q.where('id', '>', after);
      if (options?.parentId !== undefined) q = q.where('parent_id', '=', options.parentId);
      return makePage(await q.orderBy('id').limit(limit + 1).execute(), limit, (r) => r.id, ouRecord);
    },
    async listTargetPolicies(targetId, kind) {
      return ctx.driver.read(async (rdb) => {
        const target = await requireTarget(rdb, targetId);
        // one query: each policy comes with its default version's document (no lookup per attachment)
        const rows = await rdb.selectFrom('org_attachments').innerJoin('policies', 'policies.arn', 'org_attachments.policy_arn')
          .innerJoin('policy_versions', (j) => j.onRef('policy_versions.policy_arn', '=', 'policies.arn').onRef('policy_versions.version_id', '=', 'policies.default_version'))
          .selectAll('policies').select('policy_versions.document')
          .where('org_attachments.target_id', '=', target.id).where('org_attachments.kind', '=', kind).orderBy('policies.arn').execute();
        return rows.map((r) => policyRecord(r, r.document));
      });
    },
  };
}
