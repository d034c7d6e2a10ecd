// The demo world on a bare store: as a member account when the management account is another, audited, seeded once.

import { randomBytes } from 'node:crypto';
import { afterEach, describe, expect, it } from 'vitest';
import { bootstrap } from '@iam/admin';
import { createEngine, type AuthzRequest } from '@iam/core';
import { silentLogger } from '@iam/pdp';
import { openStore, type Store } from '@iam/store';
import { DEMO, DEMO_CALLER, seedDemo } from './demo.ts';

const MANAGEMENT = '999999999999';
const ORDER = `arn:aws:orders:eu-west-1:${DEMO.accountId}:order/7`;

let store: Store | undefined;

async function bootstrapped(): Promise<Store> {
  store = await openStore({ driver: 'sqlite', file: ':memory:', encryptionKey: randomBytes(32) });
  await bootstrap(store, { managementAccountId: MANAGEMENT, managementAccountName: 'management' }, silentLogger);
  return store;
}

afterEach(async () => {
  await store?.close();
  store = undefined;
});

describe('seedDemo', () => {
  it('puts the demo into a member account under the root, with FullAWSAccess, when the management account is another', async () => {
    const s = await bootstrapped();
    const result = await seedDemo(s);
    expect(result).toMatchObject({ seeded: true, accountId: DEMO.accountId });
    expect(result.revision).toBe(await s.currentRevision());
    const org = await s.getOrganization();
    expect((await s.getAccount(DEMO.accountId)).parentId).toBe(org.rootId);
    expect((await s.listTargetPolicies(DEMO.accountId, 'scp')).map((p) => p.name)).toEqual(['FullAWSAccess']);

    // Decided by the core over the store's snapshot: the member account's SCP path takes part here.
    const engine = await createEngine(await s.snapshot());
    const decide = (name: string, action: string, mfa?: boolean) => {
      const request: AuthzRequest = { principal: { arn: `arn:aws:iam::${DEMO.accountId}:user/${name}`, ...(mfa ? { mfaPresent: true } : {}) }, action, resource: ORDER };
      return engine.authorize(request).decision;
    };
    expect(decide('alice', 'orders:ListOrders')).toBe('Allow');
    expect(decide('alice', 'orders:DeleteOrder')).toBe('ImplicitDeny');
    expect(decide('bob', 'orders:DeleteOrder')).toBe('ExplicitDeny');
    expect(decide('bob', 'orders:DeleteOrder', true)).toBe('Allow');
  });

  it('records every demo write in the audit log as its caller', async () => {
    const s = await bootstrapped();
    await seedDemo(s);
    const audit = await s.queryAudit({ caller: DEMO_CALLER, limit: 100 });
    expect(audit.items.every((e) => e.outcome === 'success')).toBe(true);
    expect(audit.items.map((e) => e.action)).toEqual(expect.arrayContaining(['iam:CreateUser', 'iam:CreateRole', 'iam:AttachGroupPolicy', 'orders:PutResourcePolicy']));
  });

  it('seeds once: a second call writes nothing', async () => {
    const s = await bootstrapped();
    const first = await seedDemo(s);
    const second = await seedDemo(s);
    expect(second).toEqual({ seeded: false, accountId: DEMO.accountId, revision: first.revision });
    expect(await s.currentRevision()).toBe(first.revision);
  });

  it('leaves alone a demo account that already has users of its own', async () => {
    const s = await bootstrapped();
    await s.createAccount({ id: DEMO.accountId });
    await s.createUser({ accountId: DEMO.accountId, name: 'zed' });
    const before = await s.currentRevision();
    expect(await seedDemo(s)).toEqual({ seeded: false, accountId: DEMO.accountId, revision: before });
    expect((await s.listUsers(DEMO.accountId)).items.map((u) => u.name)).toEqual(['zed']);
  });
});
