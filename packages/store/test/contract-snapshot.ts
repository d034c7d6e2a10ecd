// Contract: export/import (backup and restore), lossless round trip, refusal on a non-empty store.

import { describe, expect, it } from 'vitest';
import { expectRefused, type ContractEnv } from './contract.ts';
import { ACCT, allow, trust, RCP_DOC } from './harness.ts';
import { generateWorld } from './world-gen.ts';
import type { Store } from '../src/index.ts';

/** Fills a store with one of everything, including non-default policy versions and access keys. */
export async function richWorld(s: Store): Promise<void> {
  const org = (await s.createOrganization({ managementAccountId: ACCT })).value;
  const ou = (await s.createOu({ parentId: org.rootId, name: 'prod' })).value;
  await s.createOu({ parentId: ou.id, name: 'inner' });
  const scp = (await s.createOrgPolicy({ kind: 'scp', name: 'all', description: 'everything', document: allow('*') })).value.arn;
  await s.attachOrgPolicy(scp, org.rootId);
  await s.attachOrgPolicy(scp, ou.id);
  const rcp = (await s.createOrgPolicy({ kind: 'rcp', name: 'r', document: RCP_DOC })).value.arn;
  await s.attachOrgPolicy(rcp, ACCT);
  await s.createAccount({ id: '222222222222', name: 'member' });
  await s.moveAccount('222222222222', ou.id);
  const p = (await s.createPolicy({ accountId: ACCT, name: 'p', path: '/x/', description: 'desc', document: allow('a:1') })).value.arn;
  await s.createPolicyVersion(p, { document: allow('a:2') });
  await s.createPolicyVersion(p, { document: allow('a:3'), setAsDefault: true });
  await s.deletePolicyVersion(p, 'v1');
  await s.createGroup({ accountId: ACCT, name: 'g', path: '/grp/' });
  await s.attachPolicy({ kind: 'group', accountId: ACCT, name: 'g' }, p);
  await s.putInlinePolicy({ kind: 'group', accountId: ACCT, name: 'g' }, 'gi', allow('g:i'));
  await s.createUser({ accountId: ACCT, name: 'u', tags: { b: '2', a: '1' }, permissionsBoundary: p });
  await s.addUserToGroup(ACCT, 'u', 'g');
  await s.putInlinePolicy({ kind: 'user', accountId: ACCT, name: 'u' }, 'ui', allow('u:i'));
  const key = (await s.createAccessKey(ACCT, 'u')).value.accessKeyId;
  await s.recordAccessKeyUse(key, 'sts');
  await s.createRole({ accountId: ACCT, name: 'r', description: 'role', trustPolicy: trust(), maxSessionDuration: 7200, tags: { t: 'v' }, serviceLinked: true });
  await s.attachPolicy({ kind: 'role', accountId: ACCT, name: 'r' }, p);
  await s.putResourcePolicy('arn:aws:s3:::bkt', { Version: '2012-10-17', Statement: [{ Effect: 'Allow', Principal: '*', Action: 's3:GetObject', Resource: 'arn:aws:s3:::bkt/*' }] }, { accountId: ACCT });
  await s.tagResource('arn:aws:s3:::bkt', { env: 'prod' });
}

/** Contract for snapshots. */
export function snapshotContract(env: ContractEnv): void {
  describe('export and import', () => {
    it('round-trips losslessly: export -> import -> export is equal, keeping ids, versions and keys', async () => {
      const s = env.h().store;
      await richWorld(s);
      const first = await s.exportSnapshot();
      expect(first.extensions?.['iam-store']?.policies[`arn:aws:iam::${ACCT}:policy/x/p`].versions.map((v) => v.versionId)).toEqual(['v2', 'v3']);
      const target = await env.factory.fresh();
      const res = await target.store.importSnapshot(JSON.parse(JSON.stringify(first)));
      expect(res.revision).toBe(first.revision);
      expect(await target.store.exportSnapshot()).toEqual(first);
      const [key] = await target.store.listAccessKeys(ACCT, 'u');
      const [orig] = await s.listAccessKeys(ACCT, 'u');
      expect((await target.store.resolveAccessKey(key.accessKeyId))?.secretAccessKey).toBe((await s.resolveAccessKey(orig.accessKeyId))?.secretAccessKey);
      expect((await target.store.createPolicyVersion(`arn:aws:iam::${ACCT}:policy/x/p`, { document: allow('a:4') })).value.versionId).toBe('v4');
      const plain = await s.snapshot();
      expect((plain as { extensions?: unknown }).extensions).toBeUndefined();
      const batch = await target.store.changesSince(0);
      expect(batch?.changes.length).toBeGreaterThan(5);
    });

    it('imports a generated world and exports it unchanged', async () => {
      const world = generateWorld(120, 77);
      const target = await env.factory.fresh();
      await target.store.importSnapshot(world);
      expect(await target.store.snapshot()).toEqual(world);
      expect((await target.store.listUsers('100000000000')).items.length).toBe(90);
    });

    it('refuses to import into a non-empty store or an invalid snapshot', async () => {
      const h = env.h();
      await expectRefused(h, 'entity_already_exists', () => h.store.importSnapshot(generateWorld(4)));
      const empty = await env.factory.fresh();
      const bad = generateWorld(4);
      bad.users![0].groups = ['arn:aws:iam::100000000000:group/missing'];
      await expectRefused(empty, 'invalid_input', () => empty.store.importSnapshot(bad));
      await expectRefused(empty, 'invalid_input', () => empty.store.importSnapshot({ ...generateWorld(1), format: 'other' as 'iam-world-snapshot' }));
    });
  });
}
