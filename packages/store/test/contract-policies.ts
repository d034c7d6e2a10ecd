// Contract: customer managed policies, their versions and deletion rules.

import { describe, expect, it } from 'vitest';
import { expectRefused, type ContractEnv } from './contract.ts';
import { ACCT, allow, bigDoc } from './harness.ts';

/** Contract for managed policies. */
export function policyContract(env: ContractEnv): void {
  describe('managed policies', () => {
    it('creates, reads, lists with path prefix and deletes', async () => {
      const s = env.h().store;
      const p = (await s.createPolicy({ accountId: ACCT, name: 'ReadS3', path: '/team/', description: 'read', document: allow() })).value;
      expect(p.arn).toBe(`arn:aws:iam::${ACCT}:policy/team/ReadS3`);
      expect(p.policyId).toMatch(/^ANPA[A-Z2-7]{17}$/);
      expect(p.defaultVersionId).toBe('v1');
      await s.createPolicy({ accountId: ACCT, name: 'Other', document: JSON.stringify(allow('s3:PutObject')) });
      expect((await s.getPolicy(p.arn)).document).toEqual(allow());
      expect((await s.listPolicies({ accountId: ACCT, pathPrefix: '/team/' })).items.map((x) => x.name)).toEqual(['ReadS3']);
      expect((await s.listPolicies({ kind: 'identity' })).items.length).toBe(2);
      await s.deletePolicy(p.arn);
      await expectRefused(env.h(), 'no_such_entity', () => s.getPolicy(p.arn));
    });

    it('validates names, paths, documents and uniqueness', async () => {
      const h = env.h();
      const s = h.store;
      await s.createPolicy({ accountId: ACCT, name: 'p', document: allow() });
      await expectRefused(h, 'entity_already_exists', () => s.createPolicy({ accountId: ACCT, name: 'P', document: allow() }));
      await expectRefused(h, 'invalid_input', () => s.createPolicy({ accountId: ACCT, name: 'bad name', document: allow() }));
      await expectRefused(h, 'invalid_input', () => s.createPolicy({ accountId: ACCT, name: 'x'.repeat(129), document: allow() }));
      await s.createPolicy({ accountId: ACCT, name: 'x'.repeat(128), document: allow() });
      await expectRefused(h, 'invalid_input', () => s.createPolicy({ accountId: ACCT, name: 'q', path: 'no-slash', document: allow() }));
      await expectRefused(h, 'malformed_policy_document', () => s.createPolicy({ accountId: ACCT, name: 'q', document: '{"Statement": [' }));
      await expectRefused(h, 'malformed_policy_document', () => s.createPolicy({ accountId: ACCT, name: 'q', document: { Version: '2012-10-17', Statement: [{ Effect: 'Maybe', Action: '*', Resource: '*' }] } }));
      await expectRefused(h, 'limit_exceeded', () => s.createPolicy({ accountId: ACCT, name: 'q', document: bigDoc(500) }));
      await expectRefused(h, 'no_such_entity', () => s.createPolicy({ accountId: '999999999999', name: 'q', document: allow() }));
    });

    it('keeps at most 5 versions and one default', async () => {
      const h = env.h();
      const s = h.store;
      const arn = (await s.createPolicy({ accountId: ACCT, name: 'v', document: allow('a:v1') })).value.arn;
      for (let i = 2; i <= 5; i++) expect((await s.createPolicyVersion(arn, { document: allow(`a:v${i}`) })).value.versionId).toBe(`v${i}`);
      await expectRefused(h, 'limit_exceeded', () => s.createPolicyVersion(arn, { document: allow('a:v6') }));
      expect((await s.listPolicyVersions(arn)).map((v) => v.versionId)).toEqual(['v5', 'v4', 'v3', 'v2', 'v1']);
      await s.setDefaultPolicyVersion(arn, 'v3');
      expect((await s.getPolicy(arn)).document).toEqual(allow('a:v3'));
      expect((await s.getPolicyVersion(arn, 'v3')).isDefault).toBe(true);
      await expectRefused(h, 'delete_conflict', () => s.deletePolicyVersion(arn, 'v3'));
      await expectRefused(h, 'no_such_entity', () => s.setDefaultPolicyVersion(arn, 'v9'));
      await s.deletePolicyVersion(arn, 'v1');
      const v6 = (await s.createPolicyVersion(arn, { document: allow('a:v6'), setAsDefault: true })).value;
      expect(v6.versionId).toBe('v6');
      expect((await s.getPolicy(arn)).defaultVersionId).toBe('v6');
    });

    it('refuses to delete a policy attached anywhere or used as a boundary', async () => {
      const h = env.h();
      const s = h.store;
      const arn = (await s.createPolicy({ accountId: ACCT, name: 'used', document: allow() })).value.arn;
      await s.createUser({ accountId: ACCT, name: 'u', permissionsBoundary: arn });
      await expectRefused(h, 'delete_conflict', () => s.deletePolicy(arn));
      await s.setPermissionsBoundary({ kind: 'user', accountId: ACCT, name: 'u' }, null);
      await s.createGroup({ accountId: ACCT, name: 'g' });
      await s.attachPolicy({ kind: 'group', accountId: ACCT, name: 'g' }, arn);
      const err = await expectRefused(h, 'delete_conflict', () => s.deletePolicy(arn));
      expect((err as { details?: { attachedTo?: string[] } }).details?.attachedTo).toEqual([`arn:aws:iam::${ACCT}:group/g`]);
      expect((await s.getPolicyUsage(arn)).attachedTo.length).toBe(1);
      await s.detachPolicy({ kind: 'group', accountId: ACCT, name: 'g' }, arn);
      await s.deletePolicy(arn);
    });
  });
}
