// Policies on principals: inline policies, managed policy attachments, permissions boundaries and principal tags.

import type { Kysely } from 'kysely';
import type { Ctx } from './context.ts';
import type { DB } from './db/schema.ts';
import { checkDocument, checkSize, parseStored } from './documents.ts';
import { InvalidInputError, LimitExceededError, NoSuchEntityError } from './errors.ts';
import { checkBoundary } from './principals.ts';
import { count, requirePolicy, requirePrincipal, requireRole, requireUser } from './records.ts';
import { runWrite } from './tx.ts';
import { checkName, checkTagKeys, checkTags, mergeTags, sortedTags } from './validate.ts';
import type { PrincipalRef, Quotas, Store, TaggablePrincipalRef } from './types.ts';

type AttachmentApi = Pick<Store, 'putInlinePolicy' | 'getInlinePolicy' | 'listInlinePolicies' | 'deleteInlinePolicy' | 'attachPolicy' | 'detachPolicy' |
  'listAttachedPolicies' | 'setPermissionsBoundary' | 'tagPrincipal' | 'untagPrincipal'>;

const INLINE_QUOTA = { user: 'inlineUserSize', group: 'inlineGroupSize', role: 'inlineRoleSize' } as const;
const ATTACH_QUOTA = { user: 'attachedPoliciesPerUser', group: 'attachedPoliciesPerGroup', role: 'attachedPoliciesPerRole' } as const;

/** The user or role row behind a taggable ref. */
async function requireTaggable(db: Kysely<DB>, ref: TaggablePrincipalRef) {
  if (ref?.kind === 'user') return { table: 'iam_users' as const, row: await requireUser(db, ref.accountId, ref.name) };
  if (ref?.kind === 'role') return { table: 'iam_roles' as const, row: await requireRole(db, ref.accountId, ref.name) };
  throw new InvalidInputError('only users and roles take tags and permissions boundaries');
}

function inlineWrites(ctx: Ctx): Pick<AttachmentApi, 'putInlinePolicy' | 'deleteInlinePolicy'> {
  return {
    putInlinePolicy: (ref, policyName, document, opts) => runWrite(ctx, opts, async (tx) => {
      const owner = await requirePrincipal(tx.db, ref);
      const name = checkName('inline policy', policyName);
      const doc = checkDocument(document, 'identity');
      const others = await tx.db.selectFrom('inline_policies').select(['name', 'size']).where('owner_arn', '=', owner).execute();
      const total = others.filter((o) => o.name !== name).reduce((n, o) => n + o.size, doc.size);
      const quota: keyof Quotas = INLINE_QUOTA[ref.kind];
      checkSize(`inline policies of ${ref.kind} \`${ref.name}\` together`, total, ctx.cfg.quotas[quota], quota);
      await tx.db.deleteFrom('inline_policies').where('owner_arn', '=', owner).where('name', '=', name).execute();
      await tx.db.insertInto('inline_policies').values({ owner_arn: owner, name, document: doc.text, size: doc.size }).execute();
      tx.log(ref.kind, owner);
    }),
    deleteInlinePolicy: (ref, policyName, opts) => runWrite(ctx, opts, async (tx) => {
      const owner = await requirePrincipal(tx.db, ref);
      const res = await tx.db.deleteFrom('inline_policies').where('owner_arn', '=', owner).where('name', '=', String(policyName)).executeTakeFirst();
      if (Number(res.numDeletedRows) === 0) throw new NoSuchEntityError(`${ref.kind} \`${ref.name}\` has no inline policy \`${policyName}\``);
      tx.log(ref.kind, owner);
    }),
  };
}

function managedWrites(ctx: Ctx): Pick<AttachmentApi, 'attachPolicy' | 'detachPolicy' | 'setPermissionsBoundary'> {
  return {
    attachPolicy: (ref, policyArn, opts) => runWrite(ctx, opts, async (tx) => {
      const owner = await requirePrincipal(tx.db, ref);
      await requirePolicy(tx.db, policyArn, ['identity']);
      const mine = tx.db.selectFrom('attachments').where('owner_arn', '=', owner);
      if (await mine.select('policy_arn').where('policy_arn', '=', policyArn).executeTakeFirst()) return; // attached already: nothing to change
      const quota: keyof Quotas = ATTACH_QUOTA[ref.kind];
      const limit = ctx.cfg.quotas[quota];
      if (await count(mine) >= limit) throw new LimitExceededError(`${ref.kind} \`${ref.name}\` already has ${limit} managed policies attached`, { quota, limit });
      await tx.db.insertInto('attachments').values({ owner_arn: owner, policy_arn: policyArn }).execute();
      tx.log(ref.kind, owner);
    }),
    detachPolicy: (ref, policyArn, opts) => runWrite(ctx, opts, async (tx) => {
      const owner = await requirePrincipal(tx.db, ref);
      const res = await tx.db.deleteFrom('attachments').where('owner_arn', '=', owner).where('policy_arn', '=', String(policyArn)).executeTakeFirst();
      if (Number(res.numDeletedRows) === 0) throw new NoSuchEntityError(`policy \`${policyArn}\` is not attached to ${ref.kind} \`${ref.name}\``);
      tx.log(ref.kind, owner);
    }),
    setPermissionsBoundary: (ref, policyArn, opts) => runWrite(ctx, opts, async (tx) => {
      const { table, row } = await requireTaggable(tx.db, ref);
      const boundary = await checkBoundary(tx.db, policyArn);
      await tx.db.updateTable(table).set({ boundary }).where('arn', '=', row.arn).execute();
      tx.log(ref.kind, row.arn);
    }),
  };
}

function tagWrites(ctx: Ctx): Pick<AttachmentApi, 'tagPrincipal' | 'untagPrincipal'> {
  return {
    tagPrincipal: (ref, tags, opts) => runWrite(ctx, opts, async (tx) => {
      const { table, row } = await requireTaggable(tx.db, ref);
      const merged = mergeTags(JSON.parse(row.tags), checkTags(tags), ctx.cfg.quotas.tagsPerPrincipal, `${ref.kind} \`${ref.name}\``);
      await tx.db.updateTable(table).set({ tags: JSON.stringify(sortedTags(merged)) }).where('arn', '=', row.arn).execute();
      tx.log(ref.kind, row.arn);
    }),
    untagPrincipal: (ref, keys, opts) => runWrite(ctx, opts, async (tx) => {
      const { table, row } = await requireTaggable(tx.db, ref);
      const tags = JSON.parse(row.tags) as Record<string, string>;
      for (const k of checkTagKeys(keys)) delete tags[k];
      await tx.db.updateTable(table).set({ tags: JSON.stringify(tags) }).where('arn', '=', row.arn).execute();
      tx.log(ref.kind, row.arn);
    }),
  };
}

/** Inline policy, attachment, boundary and tag methods of the store. */
export function attachmentApi(ctx: Ctx): AttachmentApi {
  const read = ctx.driver.read.bind(ctx.driver);
  return {
    ...inlineWrites(ctx),
    ...managedWrites(ctx),
    ...tagWrites(ctx),
    getInlinePolicy: (ref, policyName) => read(async (db) => {
      const owner = await requirePrincipal(db, ref);
      const row = await db.selectFrom('inline_policies').selectAll().where('owner_arn', '=', owner).where('name', '=', String(policyName)).executeTakeFirst();
      if (!row) throw new NoSuchEntityError(`${ref.kind} \`${ref.name}\` has no inline policy \`${policyName}\``);
      return { name: row.name, document: parseStored(row.document) };
    }),
    listInlinePolicies: (ref) => read(async (db) => {
      const owner = await requirePrincipal(db, ref);
      const rows = await db.selectFrom('inline_policies').selectAll().where('owner_arn', '=', owner).orderBy('name').execute();
      return rows.map((r) => ({ name: r.name, document: parseStored(r.document) }));
    }),
    listAttachedPolicies: (ref) => read(async (db) => {
      const owner = await requirePrincipal(db, ref);
      const rows = await db.selectFrom('attachments').select('policy_arn').where('owner_arn', '=', owner).execute();
      return rows.map((r) => r.policy_arn).sort();
    }),
  };
}
