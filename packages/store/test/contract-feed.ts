// Contract: revisions, the change log, changesSince as full-entity puts/deletes, and subscribe.

import { describe, expect, it } from 'vitest';
import type { WorldSnapshot } from '../src/core.ts';
import { isStoreError, type Store } from '../src/index.ts';
import { applyChanges } from './apply.ts';
import type { ContractEnv } from './contract.ts';
import { ACCT, ACCT2, allow, trust } from './harness.ts';

/** Longest wait for a subscription to fire (ms). */
const FIRE_TIMEOUT_MS = 5000;

function waitFor(store: Store, atLeast: number): Promise<number> {
  return new Promise((resolve, reject) => {
    const timer = setTimeout(() => (stop(), reject(new Error(`no revision >= ${atLeast} within ${FIRE_TIMEOUT_MS} ms`))), FIRE_TIMEOUT_MS);
    const stop = store.subscribe((rev) => {
      if (rev >= atLeast) {
        clearTimeout(timer);
        stop();
        resolve(rev);
      }
    });
  });
}

/** A varied script of writes; each step returns nothing and commits exactly one revision. */
function script(s: Store): Array<() => Promise<unknown>> {
  const u = { kind: 'user' as const, accountId: ACCT, name: 'alice' };
  const pArn = `arn:aws:iam::${ACCT}:policy/p`;
  let rootId = '';
  let ouId = '';
  let scpArn = '';
  return [
    () => s.createAccount({ id: ACCT2, name: 'two' }),
    async () => (rootId = (await s.createOrganization({ managementAccountId: ACCT })).value.rootId),
    async () => (ouId = (await s.createOu({ parentId: rootId, name: 'prod' })).value.id),
    async () => (scpArn = (await s.createOrgPolicy({ kind: 'scp', name: 'all', document: allow('*') })).value.arn),
    () => s.attachOrgPolicy(scpArn, rootId),
    () => s.attachOrgPolicy(scpArn, ouId),
    () => s.moveAccount(ACCT2, ouId),
    () => s.createPolicy({ accountId: ACCT, name: 'p', document: allow('a:one') }),
    () => s.createGroup({ accountId: ACCT, name: 'devs' }),
    () => s.createUser({ accountId: ACCT, name: 'alice', tags: { team: 'a' } }),
    () => s.addUserToGroup(ACCT, 'alice', 'devs'),
    () => s.attachPolicy(u, pArn),
    () => s.attachPolicy({ kind: 'group', accountId: ACCT, name: 'devs' }, pArn),
    () => s.createPolicyVersion(pArn, { document: allow('a:two') }),
    () => s.setDefaultPolicyVersion(pArn, 'v2'),
    () => s.putInlinePolicy(u, 'inline', allow('a:inline')),
    () => s.createRole({ accountId: ACCT, name: 'r', trustPolicy: trust(), permissionsBoundary: pArn }),
    () => s.tagPrincipal({ kind: 'role', accountId: ACCT, name: 'r' }, { env: 'prod' }),
    () => s.putResourcePolicy('arn:aws:s3:::b', { Version: '2012-10-17', Statement: [{ Effect: 'Allow', Principal: '*', Action: 's3:GetObject', Resource: 'arn:aws:s3:::b/*' }] }),
    () => s.tagResource('arn:aws:orders:eu-west-1:111111111111:order/1', { owner: 'alice' }),
    () => s.createUser({ accountId: ACCT, name: 'temp' }),
    () => s.deleteUser(ACCT, 'temp'),
    () => s.removeUserFromGroup(ACCT, 'alice', 'devs'),
    () => s.detachPolicy({ kind: 'group', accountId: ACCT, name: 'devs' }, pArn),
    () => s.deleteGroup(ACCT, 'devs'),
    () => s.untagResource('arn:aws:orders:eu-west-1:111111111111:order/1', ['owner']),
    () => s.moveAccount(ACCT2, rootId),
    () => s.deleteOu(ouId),
  ];
}

/** Contract for the change feed. */
export function feedContract(env: ContractEnv): void {
  describe('revisions and change feed', () => {
    it('bumps the revision by one per write and logs what changed', async () => {
      const s = env.h().store;
      const r0 = await s.currentRevision();
      const res = await s.createUser({ accountId: ACCT, name: 'u' });
      expect(res.revision).toBe(r0 + 1);
      await s.createPolicy({ accountId: ACCT, name: 'p', document: allow() });
      await s.attachPolicy({ kind: 'user', accountId: ACCT, name: 'u' }, `arn:aws:iam::${ACCT}:policy/p`);
      expect(await s.currentRevision()).toBe(r0 + 3);
      const again = await s.attachPolicy({ kind: 'user', accountId: ACCT, name: 'u' }, `arn:aws:iam::${ACCT}:policy/p`);
      expect(again.revision).toBe(r0 + 3); // no change, no new revision
      const log = await s.listChanges(r0);
      expect(log).toEqual([
        { revision: r0 + 1, kind: 'user', key: res.value.arn, op: 'put' },
        { revision: r0 + 2, kind: 'policy', key: `arn:aws:iam::${ACCT}:policy/p`, op: 'put' },
        { revision: r0 + 3, kind: 'user', key: res.value.arn, op: 'put' },
      ]);
    });

    it('changesSince brings any earlier snapshot to the latest', async () => {
      const s = env.h().store;
      const snaps: Array<{ revision: number; snap: WorldSnapshot }> = [{ revision: await s.currentRevision(), snap: await s.snapshot() }];
      for (const step of script(s)) {
        const before = await s.currentRevision();
        await step();
        expect(await s.currentRevision()).toBe(before + 1);
        snaps.push({ revision: before + 1, snap: await s.snapshot() });
      }
      const latest = await s.snapshot();
      expect(latest.organization?.units).toBeUndefined();
      for (const { revision, snap } of snaps.slice(0, -1)) {
        const batch = await s.changesSince(revision);
        expect(batch?.revision).toBe(latest.revision);
        expect(applyChanges(snap, batch!.changes, batch!.revision)).toEqual(latest);
      }
      expect(await s.changesSince(latest.revision!)).toBeNull();
      await expect(s.changesSince(latest.revision! + 1)).rejects.toSatisfy((e: unknown) => isStoreError(e, 'change_log_gap'));
    });

    it('reports a new default version as a put policy and an attachment as a put user', async () => {
      const s = env.h().store;
      const arn = (await s.createPolicy({ accountId: ACCT, name: 'p', document: allow('a:one') })).value.arn;
      await s.createUser({ accountId: ACCT, name: 'u' });
      const r = await s.currentRevision();
      await s.createPolicyVersion(arn, { document: allow('a:two'), setAsDefault: true });
      await s.attachPolicy({ kind: 'user', accountId: ACCT, name: 'u' }, arn);
      const batch = await s.changesSince(r);
      expect(batch?.changes).toEqual([
        { op: 'put', kind: 'policy', value: { arn, kind: 'identity', name: 'p', document: allow('a:two') } },
        { op: 'put', kind: 'user', value: expect.objectContaining({ arn: `arn:aws:iam::${ACCT}:user/u`, managedPolicies: [arn] }) },
      ]);
      await s.createPolicyVersion(arn, { document: allow('a:three') });
      expect((await s.changesSince(r + 2))?.changes).toEqual([]);
    });

    it('notifies subscribers of its own and of another instance\'s writes', async () => {
      const h = env.h();
      const other = await h.reopen();
      const own = waitFor(h.store, (await h.store.currentRevision()) + 1);
      await h.store.createUser({ accountId: ACCT, name: 'a' });
      expect(await own).toBe(await h.store.currentRevision());
      const remote = waitFor(h.store, (await h.store.currentRevision()) + 1);
      const res = await other.createUser({ accountId: ACCT, name: 'b' });
      expect(await remote).toBe(res.revision);
      const seen: number[] = [];
      const stop = h.store.subscribe((r) => seen.push(r));
      stop();
      await h.store.createUser({ accountId: ACCT, name: 'c' });
      expect(seen).toEqual([]);
    });

    it.runIf(env.factory.name === 'postgres')('delivers another instance\'s commits by LISTEN/NOTIFY, without the poll', async () => {
      const h = env.h();
      const listener = await h.reopen({ pollIntervalMs: 600_000 });
      const keep = listener.subscribe(() => undefined); // starts LISTEN
      await new Promise((r) => setTimeout(r, 300));
      const fired = waitFor(listener, (await h.store.currentRevision()) + 1);
      const res = await h.store.createUser({ accountId: ACCT, name: 'notified' });
      expect(await fired).toBe(res.revision);
      keep();
    });
  });
}
