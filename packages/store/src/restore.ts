// Restore of a live store from a snapshot: validate everything, then replace the whole content in one transaction at a
// new revision, and cut the change log there so followers reload instead of applying changes across the restore.

import type { Ctx } from './context.ts';
import { InvalidInputError } from './errors.ts';
import { checkFormat, insertChunks, INSERT_ORDER, plan } from './import.ts';
import { decryptSecret } from './keys.ts';
import { runWrite } from './tx.ts';
import type { StoreSnapshot, WriteOptions, WriteResult } from './types.ts';

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

/**
 * Replaces the store's content with `snap` (see Store.restoreSnapshot): one write at revision current + 1 that
 * empties every entity table, inserts the snapshot keeping ids, logs every restored entity at the new revision
 * and moves the change log's floor there (older log rows are dropped; `changesSince` below it is a gap).
 */
export function restoreSnapshot(ctx: Ctx, snap: StoreSnapshot, opts?: WriteOptions): Promise<WriteResult> {
  const refused = checkFormat(snap);
  if (refused) return Promise.reject(refused);
  return runWrite(ctx, opts, async (tx) => {
    const { rows, log } = plan(ctx, snap, tx.now);
    checkKeys(ctx, rows.access_keys as Array<{ access_key_id: string; secret_enc: string }>);
    for (const table of [...INSERT_ORDER].reverse()) await tx.db.deleteFrom(table).execute();
    await tx.db.deleteFrom('change_log').execute();
    await tx.db.updateTable('store_meta').set({ log_floor: tx.revision }).where('id', '=', 1).execute();
    for (const table of INSERT_ORDER) await insertChunks(tx.db, table, rows[table] as never);
    for (const e of log) tx.log(e.kind, e.key);
  }, { always: true });
}
