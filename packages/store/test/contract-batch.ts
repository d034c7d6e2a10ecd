// Contract: batches run several writes as one transaction with one revision; a failing step in the middle writes nothing.

import { describe, expect, it } from 'vitest';
import { isStoreError, type StoreTx } from '../src/index.ts';
import { expectRefused, type ContractEnv } from './contract.ts';
import { ACCT, allow, trust } from './harness.ts';

const audit = (action: string) => ({ audit: { caller: 'arn:aws:iam::111111111111:root', action } });

/** Contract for Store.batch. */
export function batchContract(env: ContractEnv): void {
  describe('batches', () => {
    it('commits several writes at one revision, reading its own writes, with one audit entry per step and one for the batch', async () => {
      const s = env.h().store;
      const org = (await s.createOrganization({ managementAccountId: ACCT })).value;
      const scp = (await s.createOrgPolicy({ kind: 'scp', name: 'all', document: allow('*') })).value.arn;
      const before = await s.currentRevision();
      const done = await s.batch(async (tx) => {
        const acct = (await tx.createAccount({ id: '444444444444', name: 'member' }, audit('organizations:CreateAccount'))).value;
        expect((await tx.getAccount(acct.id)).name).toBe('member');
        await tx.moveAccount(acct.id, org.rootId);
        await tx.attachOrgPolicy(scp, acct.id);
        await tx.createRole({ accountId: acct.id, name: 'Access', trustPolicy: trust(`arn:aws:iam::${ACCT}:root`) });
        await tx.putInlinePolicy({ kind: 'role', accountId: acct.id, name: 'Access' }, 'admin', allow('*'));
        return acct.id;
      }, audit('CreateAccountBatch'));
      expect(done).toEqual({ revision: before + 1, value: '444444444444' });
      expect(await s.currentRevision()).toBe(before + 1);
      const changes = await s.listChanges(before);
      expect(new Set(changes.map((c) => c.revision))).toEqual(new Set([before + 1]));
      expect(changes.map((c) => c.kind).sort()).toEqual(['account', 'role']);
      expect((await s.getAccount('444444444444')).parentId).toBe(org.rootId);
      expect((await s.listTargetPolicies('444444444444', 'scp')).map((p) => p.arn)).toEqual([scp]);
      const entries = (await s.queryAudit({ limit: 10 })).items.filter((e) => e.revision === before + 1);
      expect(entries.map((e) => e.action).sort()).toEqual(['CreateAccountBatch', 'organizations:CreateAccount']);
      const batch = await s.changesSince(before);
      expect(batch?.revision).toBe(before + 1);
      expect(batch?.changes.map((c) => c.kind)).toEqual(['account', 'role']);
    });

    it('writes nothing when a step in the middle fails, and audits the batch as failed', async () => {
      const h = env.h();
      const s = h.store;
      await s.createUser({ accountId: ACCT, name: 'taken' });
      const err = await expectRefused(h, 'entity_already_exists', () => s.batch(async (tx) => {
        await tx.createGroup({ accountId: ACCT, name: 'first' }, audit('iam:CreateGroup'));
        await tx.createUser({ accountId: ACCT, name: 'taken' });
        await tx.createGroup({ accountId: ACCT, name: 'never' });
      }, audit('Batch')));
      expect(err.message).toContain('taken');
      const entries = (await s.queryAudit()).items;
      expect(entries.filter((e) => e.action === 'Batch')).toMatchObject([{ outcome: 'failure', errorCode: 'entity_already_exists' }]);
      expect(entries.filter((e) => e.action === 'iam:CreateGroup')).toEqual([]);
      // a plain error thrown by the function rolls back too
      await expect(s.batch(async (tx) => {
        await tx.createGroup({ accountId: ACCT, name: 'first' });
        throw new Error('changed my mind');
      })).rejects.toThrow('changed my mind');
      await expectRefused(h, 'no_such_entity', () => s.getGroup(ACCT, 'first'));
    });

    it('rolls a refused step back to its savepoint so the batch can go on', async () => {
      const s = env.h().store;
      await s.createUser({ accountId: ACCT, name: 'taken' });
      const before = await s.currentRevision();
      const w = await s.batch(async (tx) => {
        await tx.createGroup({ accountId: ACCT, name: 'g1' });
        const refused = await tx.createUser({ accountId: ACCT, name: 'TAKEN', tags: { a: 'b' } }, audit('iam:CreateUser')).catch((e: unknown) => e);
        expect(isStoreError(refused, 'entity_already_exists')).toBe(true);
        // steps started together run one after the other
        await Promise.all([tx.createGroup({ accountId: ACCT, name: 'g2' }), tx.createGroup({ accountId: ACCT, name: 'g3' }), tx.addUserToGroup(ACCT, 'taken', 'g1')]);
        // a nested batch is part of this one, and rolls back as a whole when it fails
        await tx.batch(async (inner) => inner.createGroup({ accountId: ACCT, name: 'g4' }));
        const nested = await tx.batch(async (inner) => {
          await inner.createGroup({ accountId: ACCT, name: 'g5' });
          await inner.createGroup({ accountId: ACCT, name: 'g5' });
        }, audit('Nested')).catch((e: unknown) => e);
        expect(isStoreError(nested, 'entity_already_exists')).toBe(true);
        return (await tx.listGroups(ACCT)).items.map((g) => g.name);
      });
      expect(w).toEqual({ revision: before + 1, value: ['g1', 'g2', 'g3', 'g4'] });
      expect((await s.listChanges(before)).map((c) => c.key).filter((k) => k.includes('g5'))).toEqual([]);
      expect((await s.queryAudit({ action: 'Nested' })).items).toEqual([]);
      expect((await s.getUser(ACCT, 'taken')).tags).toEqual({});
      expect((await s.listGroupsForUser(ACCT, 'taken')).map((g) => g.name)).toEqual(['g1']);
      expect((await s.queryAudit({ action: 'iam:CreateUser' })).items).toEqual([]);
    });

    it('keeps the revision when nothing changed and refuses its writer after it returns', async () => {
      const s = env.h().store;
      await s.createUser({ accountId: ACCT, name: 'u' });
      await s.createGroup({ accountId: ACCT, name: 'g' });
      await s.addUserToGroup(ACCT, 'u', 'g');
      const before = await s.currentRevision();
      let kept: StoreTx | undefined;
      const w = await s.batch(async (tx) => {
        kept = tx;
        await tx.addUserToGroup(ACCT, 'u', 'g');
        return tx.getUser(ACCT, 'u');
      });
      expect(w.revision).toBe(before);
      expect(w.value.name).toBe('u');
      await expect(kept!.createGroup({ accountId: ACCT, name: 'late' })).rejects.toThrow(/the batch is over/);
      expect(await s.currentRevision()).toBe(before);
      await expect(s.batch(undefined as never)).rejects.toThrow(/needs a function/);
    });

    it('serializes with other writers across store instances', async () => {
      const h = env.h();
      const other = await h.reopen();
      const before = await h.store.currentRevision();
      const results = await Promise.all([
        h.store.batch(async (tx) => { for (let i = 0; i < 5; i++) await tx.createUser({ accountId: ACCT, name: `a${i}` }); }),
        other.batch(async (tx) => { for (let i = 0; i < 5; i++) await tx.createUser({ accountId: ACCT, name: `b${i}` }); }),
        other.createGroup({ accountId: ACCT, name: 'solo' }),
      ]);
      expect(results.map((r) => r.revision).sort((a, b) => a - b)).toEqual([before + 1, before + 2, before + 3]);
      expect((await h.store.listUsers(ACCT)).items).toHaveLength(10);
    });
  });
}
