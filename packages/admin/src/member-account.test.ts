// createMemberAccount as a step of a caller's batch (the server's demo): one audit entry, undone with the batch.

import { randomBytes } from 'node:crypto';
import { afterEach, expect, it } from 'vitest';
import { isStoreError, MAX_PAGE_SIZE, openStore, type Store } from '@iam/store';
import { bootstrap, FULL_ACCESS_DOCUMENT, FULL_ACCESS_SCP } from './bootstrap.ts';
import { silentLogger } from './log.ts';
import { createMemberAccount } from './member-account.ts';

const MANAGEMENT = '999999999999';
const MEMBER = '444455556666';
const CALLER = 'member-account-test';
let store: Store | undefined;

afterEach(async () => {
  await store?.close();
  store = undefined;
});

async function bootstrapped(): Promise<Store> {
  store = await openStore({ driver: 'sqlite', file: ':memory:', encryptionKey: randomBytes(32) });
  await bootstrap(store, { managementAccountId: MANAGEMENT, managementAccountName: 'management' }, silentLogger);
  return store;
}

it('inside a batch, is one audited step that commits with the batch and is undone when the batch fails', async () => {
  const s = await bootstrapped();
  const audit = { audit: { caller: CALLER, action: 'organizations:CreateAccount', parameters: { id: MEMBER } } };
  const before = await s.currentRevision();
  const refused = await s.batch(async (tx) => {
    await createMemberAccount(tx, { id: MEMBER, name: 'member' }, audit);
    await tx.createUser({ accountId: '000000000000', name: 'nobody' }); // no such account: the batch fails
  }).then(() => undefined, (err: unknown) => err);
  expect(isStoreError(refused, 'no_such_entity')).toBe(true);
  expect(await s.currentRevision()).toBe(before);
  expect((await s.listAccounts()).items.map((a) => a.id)).toEqual([MANAGEMENT]);

  const done = await s.batch(async (tx) => (await createMemberAccount(tx, { id: MEMBER, name: 'member', accessRole: 'Ops' }, audit)).value);
  expect(done.revision).toBe(before + 1);
  expect(done.value).toMatchObject({ id: MEMBER, parentId: (await s.getOrganization()).rootId });
  expect((await s.listRoles(MEMBER)).items.map((r) => r.name)).toEqual(['Ops']);
  expect((await s.listTargetPolicies(MEMBER, 'scp')).map((p) => p.name)).toEqual(['FullAWSAccess']);
  const entries = (await s.queryAudit({ caller: CALLER, limit: 10 })).items;
  expect(entries.map((e) => [e.action, e.outcome, e.revision])).toEqual([['organizations:CreateAccount', 'success', before + 1]]);
});

it('finds FullAWSAccess beyond the first page of SCPs', async () => {
  const s = await bootstrapped();
  // a page of SCPs more; then the one listed last (pages follow ARNs), alone on the second page, becomes FullAWSAccess
  await s.batch(async (tx) => {
    for (let i = 0; i < MAX_PAGE_SIZE; i++) await tx.createOrgPolicy({ kind: 'scp', name: `Scp${i}`, document: FULL_ACCESS_DOCUMENT });
  });
  const first = await s.listPolicies({ kind: 'scp', limit: MAX_PAGE_SIZE });
  const second = await s.listPolicies({ kind: 'scp', limit: MAX_PAGE_SIZE, cursor: first.nextCursor });
  expect(second.items).toHaveLength(1);
  const last = second.items[0];
  if (last.name !== FULL_ACCESS_SCP) {
    await s.updateOrgPolicy(first.items.find((p) => p.name === FULL_ACCESS_SCP)!.arn, { name: 'FormerFullAWSAccess' });
    await s.updateOrgPolicy(last.arn, { name: FULL_ACCESS_SCP });
  }

  await createMemberAccount(s, { id: MEMBER, accessRole: false });
  expect((await s.listTargetPolicies(MEMBER, 'scp')).map((p) => p.arn)).toEqual([last.arn]);
});
