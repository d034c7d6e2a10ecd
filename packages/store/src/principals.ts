// Users, groups (no nesting) and group memberships.

import type { Kysely } from 'kysely';
import type { Ctx } from './context.ts';
import type { DB } from './db/schema.ts';
import { DeleteConflictError, EntityAlreadyExistsError, LimitExceededError, NoSuchEntityError } from './errors.ts';
import * as ids from './ids.ts';
import { hasPrefix, makePage, pageParams } from './pagination.ts';
import { count, groupRecord, nameKey, requireAccount, requireGroup, requirePolicy, requireUser, userRecord } from './records.ts';
import { runWrite } from './tx.ts';
import { checkName, checkPath, checkTags, mergeTags, sortedTags } from './validate.ts';
import type { Store } from './types.ts';

type PrincipalApi = Pick<Store, 'createUser' | 'getUser' | 'listUsers' | 'deleteUser' | 'createGroup' | 'getGroup' | 'listGroups' | 'deleteGroup' |
  'addUserToGroup' | 'removeUserFromGroup' | 'listGroupsForUser' | 'listGroupMembers'>;

/** Refuses a name already taken in the account (users, groups and roles each have their own namespace). */
export async function checkFreeName(db: Kysely<DB>, table: 'iam_users' | 'iam_groups' | 'iam_roles', accountId: string, name: string, what: string): Promise<void> {
  const clash = await db.selectFrom(table).select('arn').where('account_id', '=', accountId).where('name_key', '=', nameKey(name)).executeTakeFirst();
  if (clash) throw new EntityAlreadyExistsError(`${what} \`${name}\` already exists in account \`${accountId}\``, { arn: clash.arn });
}

/** Refuses a new entity when the account is at its quota. */
export async function checkAccountQuota(db: Kysely<DB>, table: 'iam_users' | 'iam_groups' | 'iam_roles', accountId: string, limit: number, quota: string, what: string): Promise<void> {
  if (await count(db.selectFrom(table).where('account_id', '=', accountId)) >= limit) {
    throw new LimitExceededError(`account \`${accountId}\` already has ${limit} ${what}`, { quota, limit });
  }
}

/** Checks a permissions boundary ARN names an identity managed policy. */
export async function checkBoundary(db: Kysely<DB>, arn: string | undefined | null): Promise<string | null> {
  if (arn === undefined || arn === null) return null;
  return (await requirePolicy(db, arn, ['identity'])).arn;
}

function userWrites(ctx: Ctx): Pick<PrincipalApi, 'createUser' | 'deleteUser'> {
  const q = ctx.cfg.quotas;
  return {
    createUser: (input, opts) => runWrite(ctx, opts, async (tx) => {
      const account = await requireAccount(tx.db, input?.accountId);
      const name = checkName('user', input.name);
      const path = checkPath(input.path);
      const tags = sortedTags(mergeTags({}, checkTags(input.tags), q.tagsPerPrincipal, `user \`${name}\``));
      const boundary = await checkBoundary(tx.db, input.permissionsBoundary);
      await checkFreeName(tx.db, 'iam_users', account.id, name, 'user');
      await checkAccountQuota(tx.db, 'iam_users', account.id, q.usersPerAccount, 'usersPerAccount', 'users');
      const row = { arn: ids.iamArn(ctx.cfg.partition, account.id, 'user', path, name), user_id: ids.iamId('AIDA'), account_id: account.id, name,
        name_key: nameKey(name), path, boundary, tags: JSON.stringify(tags), created_at: tx.now };
      await tx.db.insertInto('iam_users').values(row).execute();
      tx.log('user', row.arn);
      return userRecord(row);
    }),
    deleteUser: (accountId, name, opts) => runWrite(ctx, opts, async (tx) => {
      const u = await requireUser(tx.db, accountId, name);
      const deps = {
        accessKeys: await count(tx.db.selectFrom('access_keys').where('user_arn', '=', u.arn)),
        groups: await count(tx.db.selectFrom('memberships').where('user_arn', '=', u.arn)),
        attachedPolicies: await count(tx.db.selectFrom('attachments').where('owner_arn', '=', u.arn)),
        inlinePolicies: await count(tx.db.selectFrom('inline_policies').where('owner_arn', '=', u.arn)),
      };
      if (Object.values(deps).some((n) => n > 0)) {
        throw new DeleteConflictError(`user \`${name}\` still has access keys, group memberships or policies`, deps);
      }
      await tx.db.deleteFrom('iam_users').where('arn', '=', u.arn).execute();
      tx.log('user', u.arn, 'delete');
    }),
  };
}

function groupWrites(ctx: Ctx): Pick<PrincipalApi, 'createGroup' | 'deleteGroup' | 'addUserToGroup' | 'removeUserFromGroup'> {
  const q = ctx.cfg.quotas;
  return {
    createGroup: (input, opts) => runWrite(ctx, opts, async (tx) => {
      const account = await requireAccount(tx.db, input?.accountId);
      const name = checkName('group', input.name);
      const path = checkPath(input.path);
      await checkFreeName(tx.db, 'iam_groups', account.id, name, 'group');
      await checkAccountQuota(tx.db, 'iam_groups', account.id, q.groupsPerAccount, 'groupsPerAccount', 'groups');
      const row = { arn: ids.iamArn(ctx.cfg.partition, account.id, 'group', path, name), group_id: ids.iamId('AGPA'), account_id: account.id, name,
        name_key: nameKey(name), path, created_at: tx.now };
      await tx.db.insertInto('iam_groups').values(row).execute();
      tx.log('group', row.arn);
      return groupRecord(row);
    }),
    deleteGroup: (accountId, name, opts) => runWrite(ctx, opts, async (tx) => {
      const g = await requireGroup(tx.db, accountId, name);
      const deps = {
        members: await count(tx.db.selectFrom('memberships').where('group_arn', '=', g.arn)),
        attachedPolicies: await count(tx.db.selectFrom('attachments').where('owner_arn', '=', g.arn)),
        inlinePolicies: await count(tx.db.selectFrom('inline_policies').where('owner_arn', '=', g.arn)),
      };
      if (Object.values(deps).some((n) => n > 0)) throw new DeleteConflictError(`group \`${name}\` still has members or policies`, deps);
      await tx.db.deleteFrom('iam_groups').where('arn', '=', g.arn).execute();
      tx.log('group', g.arn, 'delete');
    }),
    addUserToGroup: (accountId, userName, groupName, opts) => runWrite(ctx, opts, async (tx) => {
      const u = await requireUser(tx.db, accountId, userName);
      const g = await requireGroup(tx.db, accountId, groupName);
      const mine = tx.db.selectFrom('memberships').where('user_arn', '=', u.arn);
      if (await mine.select('group_arn').where('group_arn', '=', g.arn).executeTakeFirst()) return; // already a member: nothing to change
      if (await count(mine) >= q.groupsPerUser) {
        throw new LimitExceededError(`user \`${userName}\` is already in ${q.groupsPerUser} groups`, { quota: 'groupsPerUser', limit: q.groupsPerUser });
      }
      await tx.db.insertInto('memberships').values({ user_arn: u.arn, group_arn: g.arn }).execute();
      tx.log('user', u.arn);
    }),
    removeUserFromGroup: (accountId, userName, groupName, opts) => runWrite(ctx, opts, async (tx) => {
      const u = await requireUser(tx.db, accountId, userName);
      const g = await requireGroup(tx.db, accountId, groupName);
      const res = await tx.db.deleteFrom('memberships').where('user_arn', '=', u.arn).where('group_arn', '=', g.arn).executeTakeFirst();
      if (Number(res.numDeletedRows) === 0) throw new NoSuchEntityError(`user \`${userName}\` is not in group \`${groupName}\``);
      tx.log('user', u.arn);
    }),
  };
}

/** User, group and membership methods of the store. */
export function principalApi(ctx: Ctx): PrincipalApi {
  const db = ctx.driver.db;
  return {
    ...userWrites(ctx),
    ...groupWrites(ctx),
    getUser: async (accountId, name) => userRecord(await requireUser(db, accountId, name)),
    async listUsers(accountId, options) {
      const { limit, after } = pageParams(options);
      let q = db.selectFrom('iam_users').selectAll().where('account_id', '=', accountId);
      if (after !== undefined) q = q.where('name_key', '>', after);
      if (options?.pathPrefix) q = q.where(hasPrefix('path', options.pathPrefix));
      return makePage(await q.orderBy('name_key').limit(limit + 1).execute(), limit, (r) => r.name_key, userRecord);
    },
    getGroup: async (accountId, name) => groupRecord(await requireGroup(db, accountId, name)),
    async listGroups(accountId, options) {
      const { limit, after } = pageParams(options);
      let q = db.selectFrom('iam_groups').selectAll().where('account_id', '=', accountId);
      if (after !== undefined) q = q.where('name_key', '>', after);
      if (options?.pathPrefix) q = q.where(hasPrefix('path', options.pathPrefix));
      return makePage(await q.orderBy('name_key').limit(limit + 1).execute(), limit, (r) => r.name_key, groupRecord);
    },
    listGroupsForUser: (accountId, userName) => ctx.driver.read(async (rdb) => {
      const u = await requireUser(rdb, accountId, userName);
      const rows = await rdb.selectFrom('memberships').innerJoin('iam_groups', 'iam_groups.arn', 'memberships.group_arn')
        .selectAll('iam_groups').where('memberships.user_arn', '=', u.arn).orderBy('iam_groups.name_key').execute();
      return rows.map(groupRecord);
    }),
    listGroupMembers: (accountId, groupName, options) => ctx.driver.read(async (rdb) => {
      const g = await requireGroup(rdb, accountId, groupName);
      const { limit, after } = pageParams(options);
      let q = rdb.selectFrom('memberships').innerJoin('iam_users', 'iam_users.arn', 'memberships.user_arn').selectAll('iam_users').where('memberships.group_arn', '=', g.arn);
      if (after !== undefined) q = q.where('iam_users.name_key', '>', after);
      if (options?.pathPrefix) q = q.where(hasPrefix('iam_users.path', options.pathPrefix));
      return makePage(await q.orderBy('iam_users.name_key').limit(limit + 1).execute(), limit, (r) => r.name_key, userRecord);
    }),
  };
}
