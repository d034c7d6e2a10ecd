// Roles: trust policy, max session duration, boundary and tags.

import type { Ctx } from './context.ts';
import { checkDocument, checkSize } from './documents.ts';
import { DeleteConflictError, InvalidInputError } from './errors.ts';
import * as ids from './ids.ts';
import { hasPrefix, makePage, pageParams } from './pagination.ts';
import { checkAccountQuota, checkBoundary, checkFreeName } from './principals.ts';
import { count, nameKey, requireAccount, requireRole, roleRecord } from './records.ts';
import { runWrite } from './tx.ts';
import { checkDescription, checkName, checkPath, checkSessionDuration, checkTags, mergeTags, sortedTags } from './validate.ts';
import type { Store } from './types.ts';

type RoleApi = Pick<Store, 'createRole' | 'getRole' | 'listRoles' | 'updateRole' | 'updateTrustPolicy' | 'deleteRole'>;

/** Role methods of the store. */
export function roleApi(ctx: Ctx): RoleApi {
  const q = ctx.cfg.quotas;
  const db = ctx.driver.db;
  const trust = (doc: unknown) => {
    const checked = checkDocument(doc, 'trust');
    checkSize('trust policy', checked.size, q.trustPolicySize, 'trustPolicySize');
    return checked;
  };
  return {
    createRole: (input, opts) => runWrite(ctx, opts, async (tx) => {
      const account = await requireAccount(tx.db, input?.accountId);
      const name = checkName('role', input.name);
      const path = checkPath(input.path);
      const description = checkDescription(input.description) ?? null;
      const doc = trust(input.trustPolicy);
      const maxSession = checkSessionDuration(input.maxSessionDuration);
      if (input.serviceLinked !== undefined && typeof input.serviceLinked !== 'boolean') throw new InvalidInputError('`serviceLinked` must be a boolean');
      const tags = sortedTags(mergeTags({}, checkTags(input.tags), q.tagsPerPrincipal, `role \`${name}\``));
      const boundary = await checkBoundary(tx.db, input.permissionsBoundary);
      await checkFreeName(tx.db, 'iam_roles', account.id, name, 'role');
      await checkAccountQuota(tx.db, 'iam_roles', account.id, q.rolesPerAccount, 'rolesPerAccount', 'roles');
      const row = { arn: ids.iamArn(ctx.cfg.partition, account.id, 'role', path, name), role_id: ids.iamId('AROA'), account_id: account.id, name,
        name_key: nameKey(name), path, description, trust_policy: doc.text, max_session: maxSession, boundary,
        service_linked: input.serviceLinked ? 1 : 0, tags: JSON.stringify(tags), created_at: tx.now };
      await tx.db.insertInto('iam_roles').values(row).execute();
      tx.log('role', row.arn);
      return roleRecord(row);
    }),
    updateRole: (accountId, name, input, opts) => runWrite(ctx, opts, async (tx) => {
      const r = await requireRole(tx.db, accountId, name);
      const patch = {
        description: input?.description === undefined ? r.description : (checkDescription(input.description) ?? null),
        max_session: input?.maxSessionDuration === undefined ? r.max_session : checkSessionDuration(input.maxSessionDuration),
      };
      await tx.db.updateTable('iam_roles').set(patch).where('arn', '=', r.arn).execute();
      tx.log('role', r.arn);
      return roleRecord({ ...r, ...patch });
    }),
    updateTrustPolicy: (accountId, name, document, opts) => runWrite(ctx, opts, async (tx) => {
      const r = await requireRole(tx.db, accountId, name);
      const doc = trust(document);
      await tx.db.updateTable('iam_roles').set({ trust_policy: doc.text }).where('arn', '=', r.arn).execute();
      tx.log('role', r.arn);
      return roleRecord({ ...r, trust_policy: doc.text });
    }),
    deleteRole: (accountId, name, opts) => runWrite(ctx, opts, async (tx) => {
      const r = await requireRole(tx.db, accountId, name);
      const deps = {
        attachedPolicies: await count(tx.db.selectFrom('attachments').where('owner_arn', '=', r.arn)),
        inlinePolicies: await count(tx.db.selectFrom('inline_policies').where('owner_arn', '=', r.arn)),
      };
      if (deps.attachedPolicies + deps.inlinePolicies > 0) throw new DeleteConflictError(`role \`${name}\` still has policies`, deps);
      await tx.db.deleteFrom('iam_roles').where('arn', '=', r.arn).execute();
      tx.log('role', r.arn, 'delete');
    }),
    getRole: async (accountId, name) => roleRecord(await requireRole(db, accountId, name)),
    async listRoles(accountId, options) {
      const { limit, after } = pageParams(options);
      let sel = db.selectFrom('iam_roles').selectAll().where('account_id', '=', accountId);
      if (after !== undefined) sel = sel.where('name_key', '>', after);
      if (options?.pathPrefix) sel = sel.where(hasPrefix('path', options.pathPrefix));
      return makePage(await sel.orderBy('name_key').limit(limit + 1).execute(), limit, (r) => r.name_key, roleRecord);
    },
  };
}
