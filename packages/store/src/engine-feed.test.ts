// Integration: an engine following the store through changesSince decides exactly like one built from a fresh snapshot.

import { createEngine, type AuthzRequest } from '@iam/core';
import { afterAll, describe, expect, it } from 'vitest';
import { richWorld } from '../test/contract-snapshot.ts';
import { ACCT, allow, sqliteFactory } from '../test/harness.ts';

const user = { kind: 'user' as const, accountId: ACCT, name: 'u' };
const pArn = `arn:aws:iam::${ACCT}:policy/x/p`;

describe('engine following the store feed', () => {
  const factory = sqliteFactory();
  afterAll(() => factory.dispose());

  it('applies changesSince batches and matches a fresh engine', async () => {
    const { store } = await factory.fresh();
    await store.createAccount({ id: ACCT });
    await richWorld(store);
    const follower = await createEngine(await store.snapshot());
    const requests: AuthzRequest[] = ['a:3', 'a:4', 'u:i', 'g:i', 'n:new'].flatMap((action) => [
      { principal: { arn: `arn:aws:iam::${ACCT}:user/u` }, action, resource: '*', time: 0 },
      { principal: { arn: `arn:aws:iam::${ACCT}:role/r` }, action, resource: '*', time: 0 },
    ]);
    const steps = [
      () => store.createPolicyVersion(pArn, { document: allow('a:4'), setAsDefault: true }),
      () => store.putInlinePolicy(user, 'more', allow('n:new')),
      () => store.removeUserFromGroup(ACCT, 'u', 'g'),
      () => store.setPermissionsBoundary(user, null),
      () => store.createUser({ accountId: ACCT, name: 'late' }),
      () => store.deleteInlinePolicy(user, 'ui'),
    ];
    for (const step of steps) {
      await step();
      const batch = await store.changesSince(follower.revision);
      follower.apply(batch!.changes, batch!.revision);
      const fresh = await createEngine(await store.snapshot());
      expect(follower.revision).toBe(fresh.revision);
      expect(follower.stats().principals).toBe(fresh.stats().principals);
      expect(follower.authorizeBatch(requests).map((d) => d.decision)).toEqual(fresh.authorizeBatch(requests).map((d) => d.decision));
    }
    const decisions = follower.authorizeBatch(requests.slice(0, 2)).map((d) => d.decision);
    expect(decisions).toEqual(['ImplicitDeny', 'ImplicitDeny']);
    expect(follower.authorize({ principal: { arn: `arn:aws:iam::${ACCT}:user/u` }, action: 'n:new', resource: '*', time: 0 }).decision).toBe('Allow');
  });
});
