// Runs the shared store contract against the SQLite driver (temp files; two instances share a file in concurrency tests),
// plus what only SQLite needs: several processes opening a new file at once.

import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
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
});
