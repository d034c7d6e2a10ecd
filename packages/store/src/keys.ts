// Access keys: at most 2 per user, Active/Inactive, secrets encrypted at rest with AES-256-GCM, last use recorded.

import { createCipheriv, createDecipheriv, randomBytes } from 'node:crypto';
import type { Selectable } from 'kysely';
import type { Ctx } from './context.ts';
import type { AccessKeysTable } from './db/schema.ts';
import { InvalidInputError, LimitExceededError, NoSuchEntityError } from './errors.ts';
import * as ids from './ids.ts';
import { count, requireUser } from './records.ts';
import { runSideWrite, runWrite } from './tx.ts';
import type { AccessKeyRecord, AccessKeyStatus, Store } from './types.ts';

type KeyApi = Pick<Store, 'createAccessKey' | 'listAccessKeys' | 'getAccessKey' | 'updateAccessKey' | 'deleteAccessKey' | 'resolveAccessKey' | 'recordAccessKeyUse'>;

/** Format tag of stored ciphertexts: `v1:` + base64(iv | tag | ciphertext). */
const CIPHER_PREFIX = 'v1:';
const IV_BYTES = 12;
const TAG_BYTES = 16;

/** Encrypts a secret; the access key id is bound as associated data so a ciphertext cannot be moved to another key. */
export function encryptSecret(key: Buffer, accessKeyId: string, secret: string): string {
  const iv = randomBytes(IV_BYTES);
  const cipher = createCipheriv('aes-256-gcm', key, iv);
  cipher.setAAD(Buffer.from(accessKeyId));
  const body = Buffer.concat([cipher.update(secret, 'utf8'), cipher.final()]);
  return CIPHER_PREFIX + Buffer.concat([iv, cipher.getAuthTag(), body]).toString('base64');
}

/** Decrypts a stored secret; throws when the key is wrong or the data was altered. */
export function decryptSecret(key: Buffer, accessKeyId: string, stored: string): string {
  if (!stored.startsWith(CIPHER_PREFIX)) throw new Error(`access key \`${accessKeyId}\` has an unknown secret format`);
  const raw = Buffer.from(stored.slice(CIPHER_PREFIX.length), 'base64');
  const decipher = createDecipheriv('aes-256-gcm', key, raw.subarray(0, IV_BYTES));
  decipher.setAAD(Buffer.from(accessKeyId));
  decipher.setAuthTag(raw.subarray(IV_BYTES, IV_BYTES + TAG_BYTES));
  return Buffer.concat([decipher.update(raw.subarray(IV_BYTES + TAG_BYTES)), decipher.final()]).toString('utf8');
}

/** Row -> public record (never the secret). */
export function keyRecord(r: Selectable<AccessKeysTable>): AccessKeyRecord {
  const rec: AccessKeyRecord = { accessKeyId: r.access_key_id, accountId: r.account_id, userName: r.user_name, userArn: r.user_arn, status: r.status as AccessKeyStatus, createdAt: r.created_at };
  if (r.last_used_at !== null) rec.lastUsedAt = r.last_used_at;
  if (r.last_used_service !== null) rec.lastUsedService = r.last_used_service;
  return rec;
}

function checkStatus(status: unknown): AccessKeyStatus {
  if (status !== 'Active' && status !== 'Inactive') throw new InvalidInputError(`access key status \`${String(status)}\` must be \`Active\` or \`Inactive\``);
  return status;
}

/** Access key methods of the store. */
export function keyApi(ctx: Ctx): KeyApi {
  const db = ctx.driver.db;
  const encryptionKey = () => {
    if (!ctx.cfg.encryptionKey) throw new Error('access keys need `encryptionKey` in the store config');
    return ctx.cfg.encryptionKey;
  };
  const requireKey = async (id: string) => {
    const row = await db.selectFrom('access_keys').selectAll().where('access_key_id', '=', String(id)).executeTakeFirst();
    if (!row) throw new NoSuchEntityError(`access key \`${id}\` does not exist`);
    return row;
  };
  return {
    createAccessKey: (accountId, userName, opts) => runWrite(ctx, opts, async (tx) => {
      const key = encryptionKey();
      const u = await requireUser(tx.db, accountId, userName);
      const limit = ctx.cfg.quotas.accessKeysPerUser;
      if (await count(tx.db.selectFrom('access_keys').where('user_arn', '=', u.arn)) >= limit) {
        throw new LimitExceededError(`user \`${u.name}\` already has ${limit} access keys`, { quota: 'accessKeysPerUser', limit });
      }
      const id = ids.accessKeyId();
      const secret = ids.secretAccessKey();
      const row = { access_key_id: id, user_arn: u.arn, account_id: u.account_id, user_name: u.name, status: 'Active', secret_enc: encryptSecret(key, id, secret),
        created_at: tx.now, last_used_at: null, last_used_service: null };
      await tx.db.insertInto('access_keys').values(row).execute();
      tx.log('access_key', id);
      return { ...keyRecord(row), secretAccessKey: secret };
    }),
    updateAccessKey: (id, status, opts) => runWrite(ctx, opts, async (tx) => {
      const s = checkStatus(status);
      const row = await tx.db.selectFrom('access_keys').selectAll().where('access_key_id', '=', String(id)).executeTakeFirst();
      if (!row) throw new NoSuchEntityError(`access key \`${id}\` does not exist`);
      await tx.db.updateTable('access_keys').set({ status: s }).where('access_key_id', '=', id).execute();
      tx.log('access_key', id);
      return keyRecord({ ...row, status: s });
    }),
    deleteAccessKey: (id, opts) => runWrite(ctx, opts, async (tx) => {
      const res = await tx.db.deleteFrom('access_keys').where('access_key_id', '=', String(id)).executeTakeFirst();
      if (Number(res.numDeletedRows) === 0) throw new NoSuchEntityError(`access key \`${id}\` does not exist`);
      tx.log('access_key', id, 'delete');
    }),
    listAccessKeys: (accountId, userName) => ctx.driver.read(async (rdb) => {
      const u = await requireUser(rdb, accountId, userName);
      const rows = await rdb.selectFrom('access_keys').selectAll().where('user_arn', '=', u.arn).orderBy('created_at').orderBy('access_key_id').execute();
      return rows.map(keyRecord);
    }),
    getAccessKey: async (id) => keyRecord(await requireKey(id)),
    async resolveAccessKey(id) {
      const row = await db.selectFrom('access_keys').selectAll().where('access_key_id', '=', String(id)).executeTakeFirst();
      if (!row) return null;
      return { ...keyRecord(row), secretAccessKey: decryptSecret(encryptionKey(), row.access_key_id, row.secret_enc) };
    },
    async recordAccessKeyUse(id, service, at) {
      if (typeof service !== 'string' || service === '') throw new InvalidInputError('service is required');
      const when = at ?? ctx.cfg.now().toISOString();
      const res = await runSideWrite(ctx, (wdb) => wdb.updateTable('access_keys').set({ last_used_at: when, last_used_service: service })
        .where('access_key_id', '=', String(id)).executeTakeFirst());
      if (Number(res.numUpdatedRows) === 0) throw new NoSuchEntityError(`access key \`${id}\` does not exist`);
    },
  };
}
