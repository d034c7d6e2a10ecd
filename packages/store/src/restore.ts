// Restore of a live store from a snapshot: replace the whole content in one transaction at a new revision (a snapshot
// that fails validation rolls it all back), and cut the change log there so followers reload instead of applying
// changes across the restore.

import type { Ctx } from './context.ts';
import { checkFormat, INSERT_ORDER, writeSnapshot } from './import.ts';
import { runWrite } from './tx.ts';
import type { StoreSnapshot, WriteOptions, WriteResult } from './types.ts';

/**
 * Replaces the store's content with `snap` (see Store.restoreSnapshot): one write at revision current + 1 that
 * empties every entity table, inserts the snapshot keeping ids, logs every restored entity at the new revision
 * and moves the change log's floor there (older log rows are dropped; `changesSince` below it is a gap).
 */
export function restoreSnapshot(ctx: Ctx, snap: StoreSnapshot, opts?: WriteOptions): Promise<WriteResult> {
  const refused = checkFormat(snap);
  if (refused) return Promise.reject(refused);
  return runWrite(ctx, opts, async (tx) => {
    // The snapshot is validated before the clearing, so a refused one deletes nothing.
    await writeSnapshot(ctx, tx, snap, async () => {
      for (const table of [...INSERT_ORDER].reverse()) await tx.db.deleteFrom(table).execute();
      await tx.db.deleteFrom('change_log').execute();
      await tx.db.updateTable('store_meta').set({ log_floor: tx.revision }).where('id', '=', 1).execute();
    });
  }, { always: true });
}
