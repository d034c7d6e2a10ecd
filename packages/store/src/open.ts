// The factory: opens the configured driver, runs migrations and assembles the Store from the entity modules.

import { queryAudit, recordAuditEntry } from './audit.ts';
import { entityApi, runBatch } from './batch.ts';
import { resolveConfig } from './config.ts';
import type { Ctx } from './context.ts';
import { openPostgres, openSqlite, type Driver } from './db/driver.ts';
import { Feed, feedApi } from './feed.ts';
import { importSnapshot } from './import.ts';
import { restoreSnapshot } from './restore.ts';
import { exportSnapshot } from './snapshot.ts';
import type { Store, StoreConfig } from './types.ts';

/** Opens (and migrates) the store named by `config`: `{ driver: 'sqlite', file }` or `{ driver: 'postgres', url }`. */
export async function openStore(config: StoreConfig): Promise<Store> {
  const cfg = resolveConfig(config);
  const driver: Driver = config.driver === 'sqlite' ? await openSqlite(config) : await openPostgres(config);
  const hub = { committed: (revision: number) => feed.committed(revision) };
  const ctx: Ctx = { driver, cfg, hub };
  const feed = new Feed(ctx);
  let closed: Promise<void> | undefined;
  return {
    driver: driver.kind,
    quotas: Object.freeze({ ...cfg.quotas }),
    ...entityApi(ctx),
    ...feedApi(ctx, feed),
    recordAudit: (entry) => recordAuditEntry(ctx, entry),
    queryAudit: (query) => queryAudit(ctx, query),
    snapshot: () => exportSnapshot(ctx, false),
    exportSnapshot: (options) => exportSnapshot(ctx, options?.lossless ?? true),
    importSnapshot: (snap, opts) => importSnapshot(ctx, snap, opts),
    restoreSnapshot: (snap, opts) => restoreSnapshot(ctx, snap, opts),
    batch: (fn, opts) => runBatch(ctx, fn, opts),
    close() {
      closed ??= feed.close().then(() => driver.close());
      return closed;
    },
  };
}
