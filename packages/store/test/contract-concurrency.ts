// Contract: 200 parallel writes from two store instances (and several pool clients) keep every invariant and lose none.

import { describe, expect, it } from 'vitest';
import { isStoreError, type Store } from '../src/index.ts';
import type { ContractEnv } from './contract.ts';
import { ACCT, allow } from './harness.ts';

/** Parallel writes in the mixed test. */
const WRITES = 200;

/** Contract for concurrent writers. */
export function concurrencyContract(env: ContractEnv): void {
  describe('concurrency', () => {
    it(`keeps invariants under ${WRITES} parallel writes from two instances`, async () => {
      const h = env.h();
      const a = h.store;
      const b = await h.reopen();
      const pArn = (await a.createPolicy({ accountId: ACCT, name: 'p', document: allow('a:1') })).value.arn;
      await a.createUser({ accountId: ACCT, name: 'keyholder' });
      for (let g = 0; g < 40; g++) await a.createGroup({ accountId: ACCT, name: `g${g}` });
      const org = (await a.createOrganization({ managementAccountId: ACCT })).value;
      const scps: string[] = [];
      for (let i = 0; i < 2; i++) {
        scps.push((await a.createOrgPolicy({ kind: 'scp', name: `s${i}`, document: allow('*') })).value.arn);
        await a.attachOrgPolicy(scps[i], org.rootId);
      }
      const start = await a.currentRevision();
      const ops: Array<(s: Store) => Promise<unknown>> = [];
      for (let i = 0; i < WRITES; i++) {
        const kind = i % 5;
        if (kind === 0 || kind === 1) ops.push((s) => s.createUser({ accountId: ACCT, name: `user${i}` }));
        else if (kind === 2) ops.push((s) => s.addUserToGroup(ACCT, 'keyholder', `g${Math.floor(i / 5)}`));
        else if (kind === 3) ops.push((s) => (i % 2 ? s.createAccessKey(ACCT, 'keyholder') : s.createPolicyVersion(pArn, { document: allow(`a:${i}`) })));
        else ops.push((s) => (i % 4 === 0 ? s.detachOrgPolicy(scps[i % 8 === 0 ? 0 : 1], org.rootId) : s.createUser({ accountId: ACCT, name: `user${i}` })));
      }
      const results = await Promise.allSettled(ops.map((op, i) => op(i % 2 ? b : a)));
      const ok = results.filter((r) => r.status === 'fulfilled').length;
      for (const r of results) {
        if (r.status === 'rejected' && !isStoreError(r.reason, 'limit_exceeded') && !isStoreError(r.reason, 'delete_conflict') && !isStoreError(r.reason, 'no_such_entity')) {
          throw r.reason;
        }
      }
      expect(await a.currentRevision()).toBe(start + ok);
      const log = await a.listChanges(start, 10_000);
      expect(new Set(log.map((e) => e.revision)).size).toBe(ok);
      expect(Math.max(...log.map((e) => e.revision))).toBe(start + ok);
      const users = (await a.listUsers(ACCT, { limit: 1000 })).items;
      expect(users.length).toBe(1 + ops.filter((_, i) => i % 5 < 2 || (i % 5 === 4 && i % 4 !== 0)).length);
      expect((await b.listGroupsForUser(ACCT, 'keyholder')).length).toBe(10);
      expect((await b.listAccessKeys(ACCT, 'keyholder')).length).toBe(2);
      expect((await b.listPolicyVersions(pArn)).length).toBe(5);
      expect((await b.listTargetPolicies(org.rootId, 'scp')).length).toBe(1);
    });
  });
}
