// The demo seed is all-or-nothing: a seed refused part way leaves no trace, and the next start seeds the whole demo.

import { randomBytes } from 'node:crypto';
import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterEach, expect, it } from 'vitest';
import { bootstrap } from '@iam/admin';
import { silentLogger } from '@iam/pdp';
import { isStoreError, openStore, type Quotas, type Store } from '@iam/store';
import { DEMO, DEMO_CALLER, seedDemo } from './demo.ts';

const MANAGEMENT = '999999999999';
const KEY = randomBytes(32);
const cleanups: Array<() => Promise<void>> = [];

afterEach(async () => {
  for (const c of cleanups.splice(0).reverse()) await c();
});

/** Opens (a start of) the store in `file`; `quotas` are how a test makes a later demo write invalid. */
async function open(file: string, quotas?: Partial<Quotas>): Promise<Store> {
  const store = await openStore({ driver: 'sqlite', file, encryptionKey: KEY, ...(quotas ? { quotas } : {}) });
  cleanups.push(() => store.close());
  return store;
}

it('a seed refused part way writes nothing (not even the member account), and the next start seeds it all', async () => {
  const dir = mkdtempSync(join(tmpdir(), 'iam-demo-atomic-'));
  const file = join(dir, 'iam.db');
  cleanups.push(async () => rmSync(dir, { recursive: true, force: true }));
  // The role's inline policy, the second-to-last write, exceeds its quota: the account, the policy, the group,
  // alice, bob and the role come before it.
  const first = await open(file, { inlineRoleSize: 10 });
  await bootstrap(first, { managementAccountId: MANAGEMENT, managementAccountName: 'management' }, silentLogger);
  const before = await first.currentRevision();
  const failure = await seedDemo(first).then(() => undefined, (err: unknown) => err);
  expect(isStoreError(failure, 'limit_exceeded')).toBe(true);
  expect(await first.currentRevision()).toBe(before);
  expect((await first.listAccounts()).items.map((a) => a.id)).toEqual([MANAGEMENT]);
  expect((await first.queryAudit({ caller: DEMO_CALLER, limit: 100 })).items).toEqual([]);
  await first.close();

  // A restart with ordinary quotas: the demo is seeded in full, as one revision, and only once.
  const second = await open(file);
  const seeded = await seedDemo(second);
  expect(seeded).toEqual({ seeded: true, accountId: DEMO.accountId, revision: before + 1 });
  expect((await second.listUsers(DEMO.accountId)).items.map((u) => u.name)).toEqual([DEMO.users.alice, DEMO.users.bob]);
  expect((await second.listInlinePolicies({ kind: 'role', accountId: DEMO.accountId, name: DEMO.role })).map((p) => p.name)).toEqual(['ReadOnly']);
  expect((await second.getResource(DEMO.sharedOrder)).arn).toBe(DEMO.sharedOrder);
  expect(await seedDemo(second)).toEqual({ seeded: false, accountId: DEMO.accountId, revision: seeded.revision });
  expect(await second.currentRevision()).toBe(seeded.revision);
});
