// Contract: users, groups, memberships, roles, inline and attached policies, boundaries and tags.

import { describe, expect, it } from 'vitest';
import { expectRefused, type ContractEnv } from './contract.ts';
import { ACCT, allow, trust, bigDoc } from './harness.ts';

const user = (name: string) => ({ kind: 'user' as const, accountId: ACCT, name });
const role = (name: string) => ({ kind: 'role' as const, accountId: ACCT, name });
const group = (name: string) => ({ kind: 'group' as const, accountId: ACCT, name });

/** Contract for principals. */
export function principalContract(env: ContractEnv): void {
  describe('users and groups', () => {
    it('creates, reads, pages and deletes users with names and paths validated', async () => {
      const h = env.h();
      const s = h.store;
      const u = (await s.createUser({ accountId: ACCT, name: 'alice', path: '/eng/', tags: { team: 'core' } })).value;
      expect(u).toMatchObject({ arn: `arn:aws:iam::${ACCT}:user/eng/alice`, name: 'alice', path: '/eng/', tags: { team: 'core' } });
      expect(u.userId).toMatch(/^AIDA[A-Z2-7]{17}$/);
      for (const n of ['bob', 'carol', 'dave']) await s.createUser({ accountId: ACCT, name: n });
      await expectRefused(h, 'entity_already_exists', () => s.createUser({ accountId: ACCT, name: 'ALICE' }));
      await expectRefused(h, 'invalid_input', () => s.createUser({ accountId: ACCT, name: 'a'.repeat(65) }));
      await expectRefused(h, 'invalid_input', () => s.createUser({ accountId: ACCT, name: 'has/slash' }));
      await expectRefused(h, 'invalid_input', () => s.createUser({ accountId: ACCT, name: 'x', path: '/no-trailing' }));
      await s.createUser({ accountId: ACCT, name: 'a'.repeat(64) });
      await s.createUser({ accountId: ACCT, name: 'e+=,.@_-1' });
      const seen: string[] = [];
      let cursor: string | undefined;
      for (let i = 0; i < 10; i++) {
        const page = await s.listUsers(ACCT, { limit: 2, cursor });
        seen.push(...page.items.map((x) => x.name));
        cursor = page.nextCursor;
        if (!cursor) break;
      }
      expect(seen.sort()).toEqual(['a'.repeat(64), 'alice', 'bob', 'carol', 'dave', 'e+=,.@_-1'].sort());
      expect((await s.listUsers(ACCT, { pathPrefix: '/eng/' })).items.map((x) => x.name)).toEqual(['alice']);
      expect((await s.getUser(ACCT, 'Alice')).arn).toBe(u.arn);
      await s.deleteUser(ACCT, 'bob');
      await expectRefused(h, 'no_such_entity', () => s.getUser(ACCT, 'bob'));
      await expectRefused(h, 'invalid_input', () => s.listUsers(ACCT, { cursor: 'garbage!' }));
    });

    it('keeps a user in at most 10 groups and refuses deleting a group with members', async () => {
      const h = env.h();
      const s = h.store;
      await s.createUser({ accountId: ACCT, name: 'u' });
      for (let i = 0; i < 11; i++) await s.createGroup({ accountId: ACCT, name: `g${i}` });
      for (let i = 0; i < 10; i++) await s.addUserToGroup(ACCT, 'u', `g${i}`);
      await s.addUserToGroup(ACCT, 'u', 'g0'); // already a member: accepted, unchanged
      await expectRefused(h, 'limit_exceeded', () => s.addUserToGroup(ACCT, 'u', 'g10'));
      expect((await s.listGroupsForUser(ACCT, 'u')).length).toBe(10);
      expect((await s.listGroupMembers(ACCT, 'g3')).items.map((x) => x.name)).toEqual(['u']);
      await expectRefused(h, 'delete_conflict', () => s.deleteGroup(ACCT, 'g3'));
      await expectRefused(h, 'delete_conflict', () => s.deleteUser(ACCT, 'u'));
      await s.removeUserFromGroup(ACCT, 'u', 'g3');
      await expectRefused(h, 'no_such_entity', () => s.removeUserFromGroup(ACCT, 'u', 'g3'));
      await s.deleteGroup(ACCT, 'g3');
      await s.addUserToGroup(ACCT, 'u', 'g10');
      expect((await s.snapshot()).users?.[0].groups?.length).toBe(10);
    });

    it('enforces the per-account quota', async () => {
      const h = await env.factory.fresh({ quotas: { usersPerAccount: 2, groupsPerAccount: 1 } });
      await h.store.createAccount({ id: ACCT });
      await h.store.createUser({ accountId: ACCT, name: 'a' });
      await h.store.createUser({ accountId: ACCT, name: 'b' });
      await expectRefused(h, 'limit_exceeded', () => h.store.createUser({ accountId: ACCT, name: 'c' }));
      await h.store.createGroup({ accountId: ACCT, name: 'g' });
      await expectRefused(h, 'limit_exceeded', () => h.store.createGroup({ accountId: ACCT, name: 'h' }));
    });
  });

  describe('roles', () => {
    it('creates roles with trust policy and session duration bounds', async () => {
      const h = env.h();
      const s = h.store;
      const r = (await s.createRole({ accountId: ACCT, name: 'deployer', trustPolicy: trust(), description: 'ci' })).value;
      expect(r.maxSessionDuration).toBe(3600);
      expect(r.roleId).toMatch(/^AROA/);
      await expectRefused(h, 'invalid_input', () => s.createRole({ accountId: ACCT, name: 'r2', trustPolicy: trust(), maxSessionDuration: 3599 }));
      await expectRefused(h, 'invalid_input', () => s.createRole({ accountId: ACCT, name: 'r2', trustPolicy: trust(), maxSessionDuration: 43201 }));
      await expectRefused(h, 'malformed_policy_document', () => s.createRole({ accountId: ACCT, name: 'r2', trustPolicy: allow() }));
      await s.createRole({ accountId: ACCT, name: 'r2', trustPolicy: trust(), maxSessionDuration: 43200, serviceLinked: true });
      expect((await s.updateRole(ACCT, 'deployer', { maxSessionDuration: 7200 })).value.maxSessionDuration).toBe(7200);
      const t2 = trust('arn:aws:iam::222222222222:root');
      await s.updateTrustPolicy(ACCT, 'deployer', t2);
      expect((await s.getRole(ACCT, 'deployer')).trustPolicy).toEqual(t2);
      expect((await s.listRoles(ACCT)).items.map((x) => x.name)).toEqual(['deployer', 'r2']);
      await s.putInlinePolicy(role('deployer'), 'inline', allow());
      await expectRefused(h, 'delete_conflict', () => s.deleteRole(ACCT, 'deployer'));
      await s.deleteInlinePolicy(role('deployer'), 'inline');
      await s.deleteRole(ACCT, 'deployer');
      await expectRefused(h, 'no_such_entity', () => s.getRole(ACCT, 'deployer'));
    });
  });

  describe('policies on principals', () => {
    it('limits attachments to 10 per user, role and group', async () => {
      const h = env.h();
      const s = h.store;
      await s.createUser({ accountId: ACCT, name: 'u' });
      await s.createGroup({ accountId: ACCT, name: 'g' });
      await s.createRole({ accountId: ACCT, name: 'r', trustPolicy: trust() });
      const arns: string[] = [];
      for (let i = 0; i < 11; i++) arns.push((await s.createPolicy({ accountId: ACCT, name: `p${i}`, document: allow() })).value.arn);
      for (const ref of [user('u'), group('g'), role('r')]) {
        for (let i = 0; i < 10; i++) await s.attachPolicy(ref, arns[i]);
        await s.attachPolicy(ref, arns[0]);
        await expectRefused(h, 'limit_exceeded', () => s.attachPolicy(ref, arns[10]));
        expect((await s.listAttachedPolicies(ref)).length).toBe(10);
        await s.detachPolicy(ref, arns[0]);
        await expectRefused(h, 'no_such_entity', () => s.detachPolicy(ref, arns[0]));
      }
    });

    it('limits the aggregate inline policy size per principal kind', async () => {
      const h = env.h();
      const s = h.store;
      await s.createUser({ accountId: ACCT, name: 'u' });
      await s.putInlinePolicy(user('u'), 'a', bigDoc(60));
      await expectRefused(h, 'limit_exceeded', () => s.putInlinePolicy(user('u'), 'b', bigDoc(70)));
      await s.putInlinePolicy(user('u'), 'a', bigDoc(100)); // replacing counts only the new version
      expect((await s.getInlinePolicy(user('u'), 'a')).document).toEqual(bigDoc(100));
      expect((await s.listInlinePolicies(user('u'))).map((p) => p.name)).toEqual(['a']);
      await s.createGroup({ accountId: ACCT, name: 'g' });
      await s.putInlinePolicy(group('g'), 'a', bigDoc(200));
      await expectRefused(h, 'malformed_policy_document', () => s.putInlinePolicy(group('g'), 'b', { Statement: [] }));
      await expectRefused(h, 'no_such_entity', () => s.getInlinePolicy(group('g'), 'zzz'));
    });

    it('sets permissions boundaries and principal tags (at most 50)', async () => {
      const h = env.h();
      const s = h.store;
      const b = (await s.createPolicy({ accountId: ACCT, name: 'boundary', document: allow() })).value.arn;
      await s.createUser({ accountId: ACCT, name: 'u' });
      await s.createRole({ accountId: ACCT, name: 'r', trustPolicy: trust() });
      await s.setPermissionsBoundary(user('u'), b);
      await s.setPermissionsBoundary(role('r'), b);
      expect((await s.getUser(ACCT, 'u')).permissionsBoundary).toBe(b);
      await expectRefused(h, 'no_such_entity', () => s.setPermissionsBoundary(user('u'), `arn:aws:iam::${ACCT}:policy/missing`));
      const tags = Object.fromEntries(Array.from({ length: 50 }, (_, i) => [`k${i}`, `v${i}`]));
      await s.tagPrincipal(role('r'), tags);
      await s.tagPrincipal(role('r'), { k0: 'changed' });
      await expectRefused(h, 'limit_exceeded', () => s.tagPrincipal(role('r'), { extra: 'x' }));
      await expectRefused(h, 'invalid_input', () => s.tagPrincipal(user('u'), { 'aws:reserved': 'x' }));
      await s.untagPrincipal(role('r'), ['k1', 'k2']);
      const r = await s.getRole(ACCT, 'r');
      expect(Object.keys(r.tags).length).toBe(48);
      expect(r.tags.k0).toBe('changed');
    });
  });
}
