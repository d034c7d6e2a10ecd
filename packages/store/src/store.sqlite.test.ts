// Runs the shared store contract against the SQLite driver (temp files; two instances share a file in concurrency tests),
// plus what only SQLite needs: several processes opening a new file at once, and which migration failures are retried.

import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import Database from 'better-sqlite3';
import { describe, expect, it, vi } from 'vitest';
import { openStore } from './index.ts';
import { describeStoreContract } from '../test/contract.ts';
import { sqliteFactory, TEST_KEY } from '../test/harness.ts';

/** Instances opening one new file together. */
const OPENERS = 4;

/** Runs `fn` with a new temporary folder, removed afterwards. */
async function withTempDir(prefix: string, fn: (dir: string) => Promise<void>): Promise<void> {
  const dir = mkdtempSync(join(tmpdir(), prefix));
  try {
    await fn(dir);
  } finally {
    rmSync(dir, { recursive: true, force: true });
  }
}

/** One turn of the event loop (setImmediate is left real while setTimeout is faked). */
const turn = () => new Promise<void>((r) => setImmediate(r));

describeStoreContract('sqlite', sqliteFactory);

describe('sqlite driver', () => {
  it('opens a new file from several instances at once (they race for the first migration)', () => withTempDir('iam-store-race-', async (dir) => {
    const file = join(dir, 'race.db');
    const opened = await Promise.allSettled(Array.from({ length: OPENERS }, () => openStore({ driver: 'sqlite', file, encryptionKey: TEST_KEY })));
    const stores = opened.flatMap((o) => (o.status === 'fulfilled' ? [o.value] : []));
    try {
      expect(opened.filter((o) => o.status === 'rejected')).toEqual([]);
      await stores[0].createAccount({ id: '111111111111' });
      for (const s of stores) expect(await s.currentRevision()).toBe(1);
    } finally {
      await Promise.all(stores.map((s) => s.close()));
    }
  }));

  it('does not try again a migration that failed for another reason than the race', () => withTempDir('iam-store-migrate-', async (dir) => {
    const file = join(dir, 'broken.db');
    const raw = new Database(file);
    // Kysely's migration table without its columns: every attempt fails reading it (`no such column`). Each attempt
    // first inserts the migration lock row when it is missing; the trigger counts that and removes the row again.
    raw.exec(`
      create table kysely_migration (unrelated text);
      create table kysely_migration_lock (id varchar(255) primary key, is_locked integer not null default 0);
      create table attempts (n integer);
      create trigger count_attempts after insert on kysely_migration_lock begin
        insert into attempts values (1);
        delete from kysely_migration_lock;
      end;`);
    raw.close();
    await expect(openStore({ driver: 'sqlite', file, encryptionKey: TEST_KEY })).rejects.toThrow(/no such column/);
    const check = new Database(file, { readonly: true });
    try {
      expect(check.prepare('select count(*) as n from attempts').get()).toEqual({ n: 1 });
    } finally {
      check.close();
    }
  }));

  it('waits for the write lock another connection holds while it migrates a new file', () => withTempDir('iam-store-busy-', async (dir) => {
    const file = join(dir, 'busy.db');
    const holder = new Database(file);
    holder.pragma('journal_mode = WAL');
    holder.exec('begin immediate');
    // Fake timers: the store's pause between two attempts at the lock (a setTimeout) shows it met the held lock, and
    // stays pending until the test moves the clock on, so nothing depends on how fast this machine is.
    vi.useFakeTimers({ toFake: ['setTimeout', 'clearTimeout', 'Date'] });
    let settled = false;
    let opening: Promise<Awaited<ReturnType<typeof openStore>>> | undefined;
    try {
      opening = openStore({ driver: 'sqlite', file, encryptionKey: TEST_KEY });
      opening.then(() => { settled = true; }, () => { settled = true; });
      while (!settled && vi.getTimerCount() === 0) await turn();
      // the store is pausing after SQLITE_BUSY, not done: only now is the lock given up
      expect(settled).toBe(false);
      holder.exec('commit');
      holder.close();
      while (!settled) {
        await vi.advanceTimersToNextTimerAsync();
        await turn();
      }
    } finally {
      if (holder.open) holder.close();
      vi.useRealTimers();
    }
    const store = await opening;
    try {
      expect(await store.currentRevision()).toBe(0);
    } finally {
      await store.close();
    }
  }));
});
