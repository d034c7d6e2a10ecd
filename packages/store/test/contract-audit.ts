// Contract: audit entries written with the write they record (or on failure), masked, filtered and paged.

import { describe, expect, it } from 'vitest';
import { expectRefused, type ContractEnv } from './contract.ts';
import { ACCT } from './harness.ts';

/** Contract for the audit log. */
export function auditContract(env: ContractEnv): void {
  describe('audit log', () => {
    it('records successes with the revision and failures with the error code, masking secrets', async () => {
      const s = env.h().store;
      const audit = (action: string) => ({ caller: 'admin', action, target: 'x', sourceIp: '127.0.0.1', parameters: { name: 'u', nested: { secretAccessKey: 'abc', Password: 'p' } } });
      const ok = await s.createUser({ accountId: ACCT, name: 'u' }, { audit: audit('CreateUser') });
      const rev = await s.currentRevision();
      await expect(s.createUser({ accountId: ACCT, name: 'u' }, { audit: audit('CreateUser') })).rejects.toMatchObject({ code: 'entity_already_exists' });
      expect(await s.currentRevision()).toBe(rev);
      const page = await s.queryAudit({ action: 'CreateUser' });
      expect(page.items.map((e) => e.outcome)).toEqual(['failure', 'success']);
      expect(page.items[1]).toMatchObject({ caller: 'admin', revision: ok.revision, sourceIp: '127.0.0.1', target: 'x', parameters: { name: 'u', nested: { secretAccessKey: '***', Password: '***' } } });
      expect(page.items[0]).toMatchObject({ errorCode: 'entity_already_exists' });
      expect(page.items[0].revision).toBeUndefined();
    });

    it('filters by time, caller, action and outcome and pages with a cursor', async () => {
      const h = env.h();
      const s = h.store;
      for (let i = 0; i < 7; i++) {
        await s.recordAudit({ caller: i % 2 ? 'bob' : 'ann', action: i < 4 ? 'ListUsers' : 'GetUser', outcome: i === 6 ? 'failure' : 'success', time: `2026-01-01T00:00:0${i}.000Z` });
      }
      expect(await s.currentRevision()).toBe(1);
      expect((await s.queryAudit({ caller: 'bob' })).items.length).toBe(3);
      expect((await s.queryAudit({ outcome: 'failure' })).items.map((e) => e.time)).toEqual(['2026-01-01T00:00:06.000Z']);
      expect((await s.queryAudit({ from: '2026-01-01T00:00:02.000Z', to: '2026-01-01T00:00:05.000Z' })).items.length).toBe(3);
      const first = await s.queryAudit({ limit: 4 });
      const second = await s.queryAudit({ limit: 4, cursor: first.nextCursor });
      expect(second.nextCursor).toBeUndefined();
      expect([...first.items, ...second.items].map((e) => e.time)).toEqual(Array.from({ length: 7 }, (_, i) => `2026-01-01T00:00:0${6 - i}.000Z`));
      await expectRefused(h, 'invalid_input', () => s.recordAudit({ caller: 'x', action: 'y' }));
    });
  });
}
