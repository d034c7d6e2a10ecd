// Access keys: at most 2 per user, Active/Inactive, secrets encrypted at rest with AES-256-GCM, last use recorded.

import { createCipheriv, createDecipheriv, randomBytes } from 'node:crypto';
import type { Selectable } from 'kysely';
import type { Ctx } from './context.ts';
import type { AccessKeysTable } from './db/schema.ts';
import { EntityAlreadyExistsError, InvalidInputError, LimitExceededError, NoSuchEntityError } from './errors.ts';
import * as ids from './ids.ts';
import { count, requireAccount, requireUser } from './records.ts';
import { runSideWrite, runWrite, type WriteTx } from './tx.ts';
import type { AccessKeyRecord, AccessKeyStatus, NewAccessKey, NewRootAccessKeyInput, Store } from './types.ts';

type KeyApi = Pick<Store, 'createAccessKey' | 'listAccessKeys' | 'createRootAccessKey' | 'listRootAccessKeys' | 'getAccessKey' | 'updateAccessKey' |
  'deleteAccessKey' | 'resolveAccessKey' | 'recordAccessKeyUse'>;

/** Access key ids the store accepts when given one (generated ones are `AKIA` + 16 of `A-Z2-7`). */
export const ACCESS_KEY_ID_PATTERN = /^[A-Z0-9]{16,128}$/;
/** Secrets the store accepts when given one: 32 to 128 printable ASCII characters, no spaces (generated ones have 40). */
export const SECRET_ACCESS_KEY_PATTERN = /^[\x21-\x7E]{32,128}$/;
/** The user name recorded on keys of an account root. */
const ROOT_USER_NAME = 'root';

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
  if (ids.ROOT_ARN.test(r.user_arn)) rec.root = true;
  return rec;
}

/** How a caller names the two fields of a root key in problem texts (the store's own names by default). */
export interface RootKeyFieldNames {
  accessKeyId: string;
  secretAccessKey: string;
}

/**
 * What is wrong with a root key given as `id` and `secret`, or undefined when nothing is: each must match its pattern
 * (ACCESS_KEY_ID_PATTERN, SECRET_ACCESS_KEY_PATTERN) and one needs the other. An absent field is `undefined`; the
 * text names the fields as `names` does and quotes the id, never the secret.
 */
export function rootKeyProblem(id: unknown, secret: unknown, names: RootKeyFieldNames = { accessKeyId: 'accessKeyId', secretAccessKey: 'secretAccessKey' }): string | undefined {
  if (id !== undefined && (typeof id !== 'string' || !ACCESS_KEY_ID_PATTERN.test(id))) {
    return `\`${names.accessKeyId}\` must be 16 to 128 uppercase letters or digits, got \`${String(id)}\``;
  }
  if (secret !== undefined && (typeof secret !== 'string' || !SECRET_ACCESS_KEY_PATTERN.test(secret))) {
    return `\`${names.secretAccessKey}\` must be 32 to 128 printable ASCII characters without spaces`;
  }
  if (id === undefined && secret !== undefined) return `\`${names.accessKeyId}\` is required when \`${names.secretAccessKey}\` is set`;
  if (secret === undefined && id !== undefined) return `\`${names.secretAccessKey}\` is required when \`${names.accessKeyId}\` is set`;
  return undefined;
}

/** The id and secret of a new root key: both given (and valid) or both generated. */
function rootKeyMaterial(input: NewRootAccessKeyInput | undefined): { id: string; secret: string } {
  const id = input?.accessKeyId;
  const secret = input?.secretAccessKey;
  const problem = rootKeyProblem(id, secret);
  if (problem) throw new InvalidInputError(problem);
  return id === undefined || secret === undefined ? { id: ids.accessKeyId(), secret: ids.secretAccessKey() } : { id, secret };
}

/** Inserts an Active key for `owner` after checking the per-owner quota and the id; returns it with its secret. */
async function insertKey(tx: WriteTx, key: Buffer, limit: number, owner: { arn: string; accountId: string; name: string; what: string }, material: { id: string; secret: string }): Promise<NewAccessKey> {
  if (await count(tx.db.selectFrom('access_keys').where('user_arn', '=', owner.arn)) >= limit) {
    throw new LimitExceededError(`${owner.what} already has ${limit} access keys`, { quota: 'accessKeysPerUser', limit });
  }
  if (await tx.db.selectFrom('access_keys').select('access_key_id').where('access_key_id', '=', material.id).executeTakeFirst()) {
    throw new EntityAlreadyExistsError(`access key \`${material.id}\` already exists`);
  }
  const row = { access_key_id: material.id, user_arn: owner.arn, account_id: owner.accountId, user_name: owner.name, status: 'Active',
    secret_enc: encryptSecret(key, material.id, material.secret), created_at: tx.now, last_used_at: null, last_used_service: null };
  await tx.db.insertInto('access_keys').values(row).execute();
  tx.log('access_key', material.id);
  return { ...keyRecord(row), secretAccessKey: material.secret };
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
      const owner = { arn: u.arn, accountId: u.account_id, name: u.name, what: `user \`${u.name}\`` };
      return insertKey(tx, key, ctx.cfg.quotas.accessKeysPerUser, owner, { id: ids.accessKeyId(), secret: ids.secretAccessKey() });
    }),
    createRootAccessKey: (accountId, input, opts) => runWrite(ctx, opts, async (tx) => {
      const key = encryptionKey();
      const material = rootKeyMaterial(input);
      const account = await requireAccount(tx.db, accountId);
      const owner = { arn: ids.rootArn(ctx.cfg.partition, account.id), accountId: account.id, name: ROOT_USER_NAME, what: `the root of account \`${account.id}\`` };
      return insertKey(tx, key, ctx.cfg.quotas.accessKeysPerUser, owner, material);
    }),
    listRootAccessKeys: (accountId) => ctx.driver.read(async (rdb) => {
      const account = await requireAccount(rdb, accountId);
      const rows = await rdb.selectFrom('access_keys').selectAll().where('user_arn', '=', ids.rootArn(ctx.cfg.partition, account.id))
        .orderBy('created_at').orderBy('access_key_id').execute();
      return rows.map(keyRecord);
    }),
    updateAccessKey: (id, status, opts) => runWrite(ctx, opts, async (tx) => {
      const s = checkStatus(status);
      // the updated row comes back from the update itself: a caller that read the key to check it reads it once
      const row = await tx.db.updateTable('access_keys').set({ status: s }).where('access_key_id', '=', String(id)).returningAll().executeTakeFirst();
      if (!row) throw new NoSuchEntityError(`access key \`${id}\` does not exist`);
      tx.log('access_key', id);
      return keyRecord(row);
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
