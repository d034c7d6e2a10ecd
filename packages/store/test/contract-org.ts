// Contract: accounts, organization tree, SCP/RCP attachments and their invariants.

import { describe, expect, it } from 'vitest';
import { expectRefused, type ContractEnv } from './contract.ts';
import { ACCT, ACCT2, allow, bigDoc, RCP_DOC } from './harness.ts';

const scpDoc = (n = 0) => ({ Version: '2012-10-17', Statement: [{ Sid: `s${n}`, Effect: 'Allow', Action: '*', Resource: '*' }] });

/** Contract for accounts and the organization. */
export function orgContract(env: ContractEnv): void {
  describe('accounts and organization', () => {
    it('creates, reads, lists, renames and deletes accounts', async () => {
      const s = env.h().store;
      const gen = await s.createAccount({ name: 'generated' });
      expect(gen.value.id).toMatch(/^\d{12}$/);
      await s.createAccount({ id: ACCT2 });
      expect((await s.getAccount(ACCT2)).id).toBe(ACCT2);
      const page1 = await s.listAccounts({ limit: 2 });
      const page2 = await s.listAccounts({ limit: 2, cursor: page1.nextCursor });
      expect(page1.items.length).toBe(2);
      expect(page2.nextCursor).toBeUndefined();
      expect([...page1.items, ...page2.items].map((a) => a.id).sort()).toEqual([ACCT, ACCT2, gen.value.id].sort());
      expect((await s.updateAccount(ACCT2, { name: 'two' })).value.name).toBe('two');
      await s.deleteAccount(ACCT2);
      await expectRefused(env.h(), 'no_such_entity', () => s.getAccount(ACCT2));
      await expectRefused(env.h(), 'entity_already_exists', () => s.createAccount({ id: ACCT }));
      await expectRefused(env.h(), 'invalid_input', () => s.createAccount({ id: '12345' }));
    });

    it('refuses to delete an account that owns entities', async () => {
      const s = env.h().store;
      await s.createUser({ accountId: ACCT, name: 'u' });
      await expectRefused(env.h(), 'delete_conflict', () => s.deleteAccount(ACCT));
    });

    it('builds an organization with OUs nested at most 5 deep and places accounts', async () => {
      const s = env.h().store;
      const org = (await s.createOrganization({ managementAccountId: ACCT })).value;
      expect(org.id).toMatch(/^o-[a-z0-9]{10}$/);
      expect((await s.getAccount(ACCT)).parentId).toBe(org.rootId);
      let parent = org.rootId;
      const chain: string[] = [];
      for (let depth = 1; depth <= 5; depth++) {
        const ou = (await s.createOu({ parentId: parent, name: `level${depth}` })).value;
        expect(ou.depth).toBe(depth);
        chain.push(ou.id);
        parent = ou.id;
      }
      await expectRefused(env.h(), 'limit_exceeded', () => s.createOu({ parentId: parent, name: 'too-deep' }));
      await expectRefused(env.h(), 'entity_already_exists', () => s.createOu({ parentId: org.rootId, name: 'LEVEL1' }));
      await s.createAccount({ id: ACCT2 });
      await s.moveAccount(ACCT2, chain[2]);
      expect((await s.listAccounts({ parentId: chain[2] })).items.map((a) => a.id)).toEqual([ACCT2]);
      await expectRefused(env.h(), 'delete_conflict', () => s.deleteOu(chain[2]));
      await expectRefused(env.h(), 'delete_conflict', () => s.deleteOu(chain[0]));
      await expectRefused(env.h(), 'delete_conflict', () => s.deleteAccount(ACCT2));
      await expectRefused(env.h(), 'invalid_input', () => s.moveAccount(ACCT, null));
      await expectRefused(env.h(), 'delete_conflict', () => s.deleteAccount(ACCT));
      await expectRefused(env.h(), 'entity_already_exists', () => s.createOrganization({ managementAccountId: ACCT2 }));
      await expectRefused(env.h(), 'delete_conflict', () => s.deleteOrganization());
      await s.moveAccount(ACCT2, null);
      for (const id of [...chain].reverse()) await s.deleteOu(id);
      expect((await s.listOus()).items).toEqual([]);
      await s.deleteOrganization();
      expect((await s.getAccount(ACCT)).parentId).toBeUndefined();
      await expectRefused(env.h(), 'no_such_entity', () => s.getOrganization());
    });

    it('renames OUs and lists them by parent', async () => {
      const s = env.h().store;
      const org = (await s.createOrganization({ managementAccountId: ACCT })).value;
      const a = (await s.createOu({ parentId: org.rootId, name: 'a' })).value;
      await s.createOu({ parentId: org.rootId, name: 'b' });
      await s.createOu({ parentId: a.id, name: 'a1' });
      expect((await s.updateOu(a.id, { name: 'renamed' })).value.name).toBe('renamed');
      expect((await s.getOu(a.id)).name).toBe('renamed');
      expect((await s.listOus({ parentId: org.rootId })).items.map((o) => o.name).sort()).toEqual(['b', 'renamed']);
    });
  });

  describe('service and resource control policies', () => {
    it('attaches at most 5 per target and keeps the last SCP', async () => {
      const s = env.h().store;
      const org = (await s.createOrganization({ managementAccountId: ACCT })).value;
      const ou = (await s.createOu({ parentId: org.rootId, name: 'prod' })).value;
      const scps: Array<{ arn: string }> = [];
      for (let i = 0; i < 6; i++) scps.push((await s.createOrgPolicy({ kind: 'scp', name: `scp${i}`, document: scpDoc(i) })).value);
      expect(scps[0].arn).toMatch(new RegExp(`^arn:aws:organizations::${ACCT}:policy/${org.id}/service_control_policy/p-[a-z0-9]{8}$`));
      for (let i = 0; i < 5; i++) await s.attachOrgPolicy(scps[i].arn, ou.id);
      await expectRefused(env.h(), 'limit_exceeded', () => s.attachOrgPolicy(scps[5].arn, ou.id));
      await expectRefused(env.h(), 'entity_already_exists', () => s.attachOrgPolicy(scps[0].arn, ou.id));
      const rcp = (await s.createOrgPolicy({ kind: 'rcp', name: 'rcp0', document: RCP_DOC })).value;
      await s.attachOrgPolicy(rcp.arn, ou.id);
      expect((await s.listTargetPolicies(ou.id, 'scp')).length).toBe(5);
      expect((await s.listTargetPolicies(ou.id, 'rcp')).map((p) => p.arn)).toEqual([rcp.arn]);
      for (let i = 0; i < 4; i++) await s.detachOrgPolicy(scps[i].arn, ou.id);
      await expectRefused(env.h(), 'delete_conflict', () => s.detachOrgPolicy(scps[4].arn, ou.id));
      await s.detachOrgPolicy(rcp.arn, ou.id);
      await expectRefused(env.h(), 'delete_conflict', () => s.deletePolicy(scps[4].arn));
      await expectRefused(env.h(), 'no_such_entity', () => s.detachOrgPolicy(scps[0].arn, ou.id));
      await s.attachOrgPolicy(scps[0].arn, org.rootId);
      await s.attachOrgPolicy(scps[1].arn, ACCT);
      const snap = await s.snapshot();
      expect(snap.organization?.root.scps).toEqual([scps[0].arn]);
      expect(snap.accounts?.find((a) => a.id === ACCT)?.scps).toEqual([scps[1].arn]);
      expect(snap.organization?.units?.[0].scps).toEqual([scps[4].arn]);
    });

    it('lists the policies attached to a target, each with its current document, in ARN order', async () => {
      const s = env.h().store;
      const org = (await s.createOrganization({ managementAccountId: ACCT })).value;
      const ou = (await s.createOu({ parentId: org.rootId, name: 'listed' })).value;
      const scps: Array<{ arn: string }> = [];
      for (let i = 0; i < 4; i++) scps.push((await s.createOrgPolicy({ kind: 'scp', name: `listed${i}`, document: scpDoc(i) })).value);
      // attached out of ARN order, one document changed after creation, one attachment elsewhere, one RCP
      for (const i of [2, 0, 3, 1]) await s.attachOrgPolicy(scps[i].arn, ou.id);
      await s.updateOrgPolicy(scps[3].arn, { description: 'changed', document: scpDoc(9) });
      const elsewhere = (await s.createOrgPolicy({ kind: 'scp', name: 'elsewhere', document: scpDoc(5) })).value;
      await s.attachOrgPolicy(elsewhere.arn, org.rootId);
      const rcp = (await s.createOrgPolicy({ kind: 'rcp', name: 'rcp-listed', document: RCP_DOC })).value;
      await s.attachOrgPolicy(rcp.arn, ou.id);

      const expected = await Promise.all(scps.map((p) => p.arn).sort().map((arn) => s.getPolicy(arn)));
      const listed = await s.listTargetPolicies(ou.id, 'scp');
      expect(listed).toEqual(expected);
      expect(listed.find((p) => p.arn === scps[3].arn)).toMatchObject({ description: 'changed', document: scpDoc(9) });
      expect(await s.listTargetPolicies(ou.id, 'rcp')).toEqual([await s.getPolicy(rcp.arn)]);
      expect((await s.listTargetPolicies(org.rootId, 'scp')).map((p) => p.arn)).toEqual([elsewhere.arn]);
      expect(await s.listTargetPolicies(org.rootId, 'rcp')).toEqual([]);
    });

    it('updates an SCP in place and refuses identity policies as SCPs', async () => {
      const s = env.h().store;
      const org = (await s.createOrganization({ managementAccountId: ACCT })).value;
      const scp = (await s.createOrgPolicy({ kind: 'scp', name: 'deny-all', description: 'd', document: scpDoc() })).value;
      const updated = (await s.updateOrgPolicy(scp.arn, { name: 'renamed', document: scpDoc(7) })).value;
      expect(updated.name).toBe('renamed');
      expect((await s.getPolicy(scp.arn)).document).toEqual(scpDoc(7));
      const idp = (await s.createPolicy({ accountId: ACCT, name: 'id', document: allow() })).value;
      await expectRefused(env.h(), 'invalid_input', () => s.attachOrgPolicy(idp.arn, org.rootId));
      await expectRefused(env.h(), 'limit_exceeded', () => s.createOrgPolicy({ kind: 'scp', name: 'big', document: bigDoc(400) }));
      await expectRefused(env.h(), 'malformed_policy_document', () => s.createOrgPolicy({ kind: 'scp', name: 'bad', document: '{not json' }));
    });
  });
}
