// Contract: restoring a live store from a snapshot in one transaction, and followers (core's WorldFollower) reloading after it.

import { createEngine, EngineTarget, WorldFollower, type AuthzRequest } from '@iam/core';
import { describe, expect, it } from 'vitest';
import { isStoreError, type StoreSnapshot } from '../src/index.ts';
import { expectRefused, type ContractEnv } from './contract.ts';
import { richWorld } from './contract-snapshot.ts';
import { ACCT, allow, TEST_KEY, TEST_POLL_MS } from './harness.ts';

/** Longest wait for a follower to catch up (ms). */
const CATCH_UP_MS = 10_000;

const pArn = `arn:aws:iam::${ACCT}:policy/x/p`;
const role = { kind: 'role' as const, accountId: ACCT, name: 'r' };
/** Requests whose decisions change between the backup and the later writes (richWorld's user `u` and role `r`). */
const REQUESTS: AuthzRequest[] = [
  { principal: { arn: `arn:aws:iam::${ACCT}:user/u` }, action: 'a:3', resource: '*', time: 0 },
  { principal: { arn: `arn:aws:iam::${ACCT}:user/u` }, action: 'a:4', resource: '*', time: 0 },
  { principal: { arn: `arn:aws:iam::${ACCT}:role/r` }, action: 'later:x', resource: '*', time: 0 },
];

/** The snapshot without its revision (a restore commits at a revision of its own). */
const content = (s: StoreSnapshot) => ({ ...s, revision: undefined });

/** Contract for Store.restoreSnapshot. */
export function restoreContract(env: ContractEnv): void {
  describe('restore', () => {
    it('replaces the whole content at the next revision and cuts the change log there', async () => {
      const s = env.h().store;
      await richWorld(s);
      const backup = await s.exportSnapshot();
      await s.createUser({ accountId: ACCT, name: 'later' });
      await s.deleteInlinePolicy({ kind: 'user', accountId: ACCT, name: 'u' }, 'ui');
      await s.createRootAccessKey(ACCT);
      const before = await s.currentRevision();
      const res = await s.restoreSnapshot(JSON.parse(JSON.stringify(backup)), { audit: { caller: 'tester', action: 'iam:RestoreSnapshot' } });
      expect(res.revision).toBe(before + 1);
      expect(await s.currentRevision()).toBe(before + 1);
      expect(content(await s.exportSnapshot())).toEqual(content(backup));
      await expect(s.changesSince(before)).rejects.toSatisfy((e: unknown) => isStoreError(e, 'change_log_gap'));
      await expect(s.changesSince(0)).rejects.toSatisfy((e: unknown) => isStoreError(e, 'change_log_gap'));
      expect(await s.changesSince(res.revision)).toBeNull();
      // the audit log is kept, with the restore recorded at its revision; writing goes on from there
      const audit = (await s.queryAudit({ action: 'iam:RestoreSnapshot' })).items;
      expect(audit).toMatchObject([{ outcome: 'success', revision: res.revision }]);
      await s.createUser({ accountId: ACCT, name: 'after' });
      expect((await s.changesSince(res.revision))?.changes.map((c) => c.kind)).toEqual(['user']);
      const [key] = await s.listAccessKeys(ACCT, 'u');
      expect((await s.resolveAccessKey(key.accessKeyId))?.secretAccessKey).toHaveLength(40);
      expect(await s.listRootAccessKeys(ACCT)).toEqual([]);
    });

    it('restores an empty snapshot, and refuses invalid snapshots and foreign keys without changing anything', async () => {
      const h = env.h();
      const s = h.store;
      await richWorld(s);
      const backup = await s.exportSnapshot();
      await expectRefused(h, 'invalid_input', () => s.restoreSnapshot({ ...backup, format: 'other' as 'iam-world-snapshot' }));
      const broken = structuredClone(backup);
      broken.users![0].groups = ['arn:aws:iam::111111111111:group/missing'];
      await expectRefused(h, 'invalid_input', () => s.restoreSnapshot(broken));
      const foreign = await env.factory.fresh({ encryptionKey: TEST_KEY.split('').reverse().join('') });
      await foreign.store.createAccount({ id: ACCT });
      await foreign.store.createRootAccessKey(ACCT);
      const err = await expectRefused(h, 'invalid_input', () => foreign.store.exportSnapshot().then((snap) => s.restoreSnapshot(snap)));
      expect(err.message).toMatch(/not encrypted with this store's encryption key/);
      // an import into an empty store refuses them the same way (the keys would fail at first use)
      const empty = await env.factory.fresh();
      const imported = await expectRefused(empty, 'invalid_input', () => foreign.store.exportSnapshot().then((snap) => empty.store.importSnapshot(snap)));
      expect(imported.message).toMatch(/not encrypted with this store's encryption key/);
      const before = await s.currentRevision();
      await s.restoreSnapshot({ format: 'iam-world-snapshot', version: 1 });
      expect(await s.currentRevision()).toBe(before + 1);
      expect((await s.listAccounts()).items).toEqual([]);
      expect(await s.snapshot()).toMatchObject({ accounts: [], users: [], policies: [], revision: before + 1 });
    });

    it('makes a WorldFollower on another store instance reload and see the restored world', async () => {
      const h = env.h();
      const s = h.store;
      await richWorld(s);
      const backup = await s.exportSnapshot();
      const source = await h.reopen();
      const target = new EngineTarget();
      let snapshotLoads = 0;
      const follower = new WorldFollower(source, target, { pollIntervalMs: TEST_POLL_MS, events: { synced: (kind) => void (kind === 'snapshot' && snapshotLoads++) } });
      await follower.start();
      try {
        const decide = () => target.engine.authorizeBatch(REQUESTS).map((d) => d.decision);
        const original = decide();
        expect(original).toEqual(['Allow', 'ImplicitDeny', 'ImplicitDeny']);
        // later writes arrive as change batches
        await s.putInlinePolicy(role, 'later', allow('later:x'));
        const later = await s.createPolicyVersion(pArn, { document: allow('a:4'), setAsDefault: true });
        expect(await follower.waitFor(later.revision, Date.now() + CATCH_UP_MS)).toBe(true);
        expect(decide()).toEqual(['ImplicitDeny', 'Allow', 'Allow']);
        const reloads = snapshotLoads;
        // the restore is a gap: the follower reloads a snapshot and decides as on the backup again
        const restored = await s.restoreSnapshot(backup);
        expect(await follower.waitFor(restored.revision, Date.now() + CATCH_UP_MS)).toBe(true);
        expect(follower.revision).toBe(restored.revision);
        expect(snapshotLoads).toBe(reloads + 1);
        expect(decide()).toEqual(original);
        const fresh = await createEngine(await s.snapshot());
        expect(target.engine.stats().principals).toBe(fresh.stats().principals);
        // and it follows writes after the restore incrementally
        const next = await s.putInlinePolicy(role, 'later', allow('later:x'));
        expect(await follower.waitFor(next.revision, Date.now() + CATCH_UP_MS)).toBe(true);
        expect(snapshotLoads).toBe(reloads + 1);
        expect(decide()).toEqual(['Allow', 'ImplicitDeny', 'Allow']);
      } finally {
        follower.close();
      }
    });
  });
}
