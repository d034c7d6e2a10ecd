// Resource-based policies and resource tags, by resource ARN (a row exists while it has a policy or tags).

import type { Kysely, Selectable } from 'kysely';
import type { Ctx } from './context.ts';
import type { DB, ResourcesTable } from './db/schema.ts';
import { checkDocument, parseStored } from './documents.ts';
import { NoSuchEntityError } from './errors.ts';
import { hasPrefix, makePage, pageParams } from './pagination.ts';
import type { WriteTx } from './tx.ts';
import { runWrite } from './tx.ts';
import { checkAccountId, checkArn, checkTagKeys, checkTags, mergeTags, sortedTags } from './validate.ts';
import type { ResourceRecord, Store } from './types.ts';

type ResourceApi = Pick<Store, 'putResourcePolicy' | 'deleteResourcePolicy' | 'tagResource' | 'untagResource' | 'getResource' | 'listResources'>;
type Row = Selectable<ResourcesTable>;

function resourceRecord(r: Row): ResourceRecord {
  const rec: ResourceRecord = { arn: r.arn, tags: JSON.parse(r.tags) };
  if (r.account_id !== null) rec.accountId = r.account_id;
  if (r.policy !== null) rec.policy = parseStored(r.policy);
  return rec;
}

async function findRow(db: Kysely<DB>, arn: string): Promise<Row | undefined> {
  return db.selectFrom('resources').selectAll().where('arn', '=', arn).executeTakeFirst();
}

async function requireRow(db: Kysely<DB>, arn: string): Promise<Row> {
  const row = await findRow(db, String(arn));
  if (!row) throw new NoSuchEntityError(`resource \`${arn}\` has no policy or tags`);
  return row;
}

/** Writes `row`, or deletes it when it has neither policy nor tags; logs the change. */
async function save(tx: WriteTx, row: Row, existed: boolean): Promise<void> {
  const empty = row.policy === null && row.tags === '{}';
  if (existed) await tx.db.deleteFrom('resources').where('arn', '=', row.arn).execute();
  if (!empty) await tx.db.insertInto('resources').values(row).execute();
  tx.log('resource', row.arn, empty ? 'delete' : 'put');
}

/** Resource policy and tag methods of the store. */
export function resourceApi(ctx: Ctx): ResourceApi {
  const db = ctx.driver.db;
  const start = async (tx: WriteTx, arn: string, accountId: string | undefined) => {
    checkArn(arn, 'resource arn');
    const existing = await findRow(tx.db, arn);
    const account = accountId === undefined ? (existing?.account_id ?? null) : checkAccountId(accountId);
    return { existing, row: { arn, account_id: account, policy: existing?.policy ?? null, tags: existing?.tags ?? '{}' } };
  };
  return {
    putResourcePolicy: (arn, document, options, opts) => runWrite(ctx, opts, async (tx) => {
      const { existing, row } = await start(tx, arn, options?.accountId);
      row.policy = checkDocument(document, 'resource').text;
      await save(tx, row, existing !== undefined);
      return resourceRecord(row);
    }),
    deleteResourcePolicy: (arn, opts) => runWrite(ctx, opts, async (tx) => {
      const row = await requireRow(tx.db, arn);
      if (row.policy === null) throw new NoSuchEntityError(`resource \`${arn}\` has no policy`);
      await save(tx, { ...row, policy: null }, true);
    }),
    tagResource: (arn, tags, options, opts) => runWrite(ctx, opts, async (tx) => {
      const { existing, row } = await start(tx, arn, options?.accountId);
      const merged = mergeTags(JSON.parse(row.tags), checkTags(tags), ctx.cfg.quotas.tagsPerResource, `resource \`${arn}\``);
      row.tags = JSON.stringify(sortedTags(merged));
      await save(tx, row, existing !== undefined);
      return resourceRecord(row);
    }),
    untagResource: (arn, keys, opts) => runWrite(ctx, opts, async (tx) => {
      const row = await requireRow(tx.db, arn);
      const tags = JSON.parse(row.tags) as Record<string, string>;
      for (const k of checkTagKeys(keys)) delete tags[k];
      await save(tx, { ...row, tags: JSON.stringify(tags) }, true);
    }),
    getResource: async (arn) => resourceRecord(await requireRow(db, arn)),
    async listResources(options) {
      const { limit, after } = pageParams(options);
      let q = db.selectFrom('resources').selectAll();
      if (after !== undefined) q = q.where('arn', '>', after);
      if (options?.accountId !== undefined) q = q.where('account_id', '=', options.accountId);
      if (options?.pathPrefix) q = q.where(hasPrefix('arn', options.pathPrefix));
      return makePage(await q.orderBy('arn').limit(limit + 1).execute(), limit, (r) => r.arn, resourceRecord);
    },
  };
}
