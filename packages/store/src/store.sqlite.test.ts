// Runs the shared store contract against the SQLite driver (temp files; two instances share a file in concurrency tests),
// plus what only SQLite needs: several processes opening a new file at once, and which migration failures are retried.

import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import Database from 'better-sqlite3';
import { describe, expect, it } from 'vitest';
import { openStore } from './index.ts';
import { describeStoreContract } from '../test/contract.ts';
import { sqliteFactory, TEST_KEY } from '../test/harness.ts';

/** Instances opening one new file together. */
const OPENERS = 4;

describeStoreContract('sqlite', sqliteFactory);

describe('sqlite driver', () => {
  it('opens a new file from several instances at once (they race for the first migration)', async () => {
    const dir = mkdtempSync(join(tmpdir(), 'iam-store-race-'));
    try {
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
    } finally {
      rmSync(dir, { recursive: true, force: true });
    }
  });

  it('does not try again a migration that failed for another reason than the race', async () => {
    const dir = mkdtempSync(join(tmpdir(), 'iam-store-migrate-'));
    try {
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
    } finally {
      rmSync(dir, { recursive: true, force: true });
    }
  });

  it('waits for the write lock another connection holds while it migrates a new file', async () => {
    const dir = mkdtempSync(join(tmpdir(), 'iam-store-busy-'));
    try {
      const file = join(dir, 'busy.db');
      const holder = new Database(file);
      holder.pragma('journal_mode = WAL');
      holder.exec('begin immediate');
      // the first migration's first write finds the file locked; the lock is given up while the store waits for it
      const opening = openStore({ driver: 'sqlite', file, encryptionKey: TEST_KEY });
      setTimeout(() => { holder.exec('commit'); holder.close(); }, 50);
      const store = await opening;
      try {
        expect(await store.currentRevision()).toBe(0);
      } finally {
        await store.close();
      }
    } finally {
      rmSync(dir, { recursive: true, force: true });
    }
  });
});
