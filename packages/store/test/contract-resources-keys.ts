// Contract: resource policies and tags by ARN; access keys (quota, status, encryption at rest, last use).

import { describe, expect, it } from 'vitest';
import { expectRefused, type ContractEnv } from './contract.ts';
import { ACCT, TEST_KEY } from './harness.ts';

const bucket = 'arn:aws:s3:::orders-bucket';
const bucketPolicy = { Version: '2012-10-17', Statement: [{ Effect: 'Allow', Principal: { AWS: `arn:aws:iam::${ACCT}:root` }, Action: 's3:GetObject', Resource: `${bucket}/*` }] };

/** Contract for resources and access keys. */
export function resourceKeyContract(env: ContractEnv): void {
  describe('resources', () => {
    it('stores policies and tags by arn and drops empty resources', async () => {
      const h = env.h();
      const s = h.store;
      await s.putResourcePolicy(bucket, bucketPolicy, { accountId: ACCT });
      await s.tagResource(bucket, { env: 'prod' });
      expect(await s.getResource(bucket)).toEqual({ arn: bucket, accountId: ACCT, policy: bucketPolicy, tags: { env: 'prod' } });
      await s.tagResource('arn:aws:orders:eu-west-1:111111111111:order/1', { a: '1' });
      expect((await s.listResources({ pathPrefix: 'arn:aws:s3:' })).items.map((r) => r.arn)).toEqual([bucket]);
      await expectRefused(h, 'malformed_policy_document', () => s.putResourcePolicy(bucket, { Version: '2012-10-17', Statement: [{ Effect: 'Allow', Action: 's3:*', Resource: '*' }] }));
      await expectRefused(h, 'invalid_input', () => s.putResourcePolicy('not-an-arn', bucketPolicy));
      await s.deleteResourcePolicy(bucket);
      expect((await s.getResource(bucket)).policy).toBeUndefined();
      await s.untagResource(bucket, ['env']);
      await expectRefused(h, 'no_such_entity', () => s.getResource(bucket));
      const tags = Object.fromEntries(Array.from({ length: 51 }, (_, i) => [`k${i}`, 'v']));
      await expectRefused(h, 'limit_exceeded', () => s.tagResource(bucket, tags));
    });
  });

  describe('access keys', () => {
    it('allows 2 keys per user, returns the secret once and stores it encrypted', async () => {
      const h = env.h();
      const s = h.store;
      await s.createUser({ accountId: ACCT, name: 'u' });
      const k1 = (await s.createAccessKey(ACCT, 'u')).value;
      const k2 = (await s.createAccessKey(ACCT, 'u')).value;
      expect(k1.accessKeyId).toMatch(/^AKIA[A-Z2-7]{16}$/);
      expect(k1.secretAccessKey).toHaveLength(40);
      await expectRefused(h, 'limit_exceeded', () => s.createAccessKey(ACCT, 'u'));
      const listed = await s.listAccessKeys(ACCT, 'u');
      expect(listed.map((k) => k.accessKeyId).sort()).toEqual([k1.accessKeyId, k2.accessKeyId].sort());
      expect(JSON.stringify(listed)).not.toContain(k1.secretAccessKey);
      const rows = await h.raw('select secret_enc from access_keys where access_key_id = ?', [k1.accessKeyId]);
      const stored = String(rows[0].secret_enc);
      expect(stored).not.toContain(k1.secretAccessKey);
      expect(Buffer.from(stored.slice(3), 'base64').toString('latin1')).not.toContain(k1.secretAccessKey);
      expect((await s.resolveAccessKey(k1.accessKeyId))?.secretAccessKey).toBe(k1.secretAccessKey);
      expect(await s.resolveAccessKey('AKIANOSUCHKEY0000000')).toBeNull();
      const exported = JSON.stringify(await s.exportSnapshot());
      expect(exported).not.toContain(k1.secretAccessKey);
    });

    it('rotates: deactivates, deletes and records last use without a revision', async () => {
      const h = env.h();
      const s = h.store;
      await s.createUser({ accountId: ACCT, name: 'u' });
      const k = (await s.createAccessKey(ACCT, 'u')).value;
      expect((await s.updateAccessKey(k.accessKeyId, 'Inactive')).value.status).toBe('Inactive');
      await expectRefused(h, 'invalid_input', () => s.updateAccessKey(k.accessKeyId, 'Disabled' as 'Active'));
      const rev = await s.currentRevision();
      await s.recordAccessKeyUse(k.accessKeyId, 's3', '2026-01-02T03:04:05.000Z');
      expect(await s.currentRevision()).toBe(rev);
      expect(await s.getAccessKey(k.accessKeyId)).toMatchObject({ lastUsedAt: '2026-01-02T03:04:05.000Z', lastUsedService: 's3', status: 'Inactive' });
      await expectRefused(h, 'delete_conflict', () => s.deleteUser(ACCT, 'u'));
      await s.deleteAccessKey(k.accessKeyId);
      await expectRefused(h, 'no_such_entity', () => s.getAccessKey(k.accessKeyId));
      await s.deleteUser(ACCT, 'u');
    });

    it('creates root keys, generated or given, at most 2 per root, kept apart from users', async () => {
      const h = env.h();
      const s = h.store;
      const rootArn = `arn:aws:iam::${ACCT}:root`;
      await s.createUser({ accountId: ACCT, name: 'root' }); // a user called root is not the root
      const generated = (await s.createRootAccessKey(ACCT)).value;
      expect(generated).toMatchObject({ accountId: ACCT, userArn: rootArn, userName: 'root', root: true, status: 'Active' });
      expect(generated.secretAccessKey).toHaveLength(40);
      const given = { accessKeyId: 'AKIAGIVENROOTKEY0001', secretAccessKey: 'g'.repeat(20) + 'Secret/+=:0123456789' };
      await expectRefused(h, 'invalid_input', () => s.createRootAccessKey(ACCT, { accessKeyId: given.accessKeyId }));
      await expectRefused(h, 'invalid_input', () => s.createRootAccessKey(ACCT, { ...given, accessKeyId: 'akia-lowercase-0001' }));
      await expectRefused(h, 'invalid_input', () => s.createRootAccessKey(ACCT, { ...given, secretAccessKey: 'short' }));
      await expectRefused(h, 'invalid_input', () => s.createRootAccessKey(ACCT, { ...given, secretAccessKey: 'has spaces '.repeat(4) }));
      await expectRefused(h, 'entity_already_exists', () => s.createRootAccessKey(ACCT, { ...given, accessKeyId: generated.accessKeyId }));
      await expectRefused(h, 'no_such_entity', () => s.createRootAccessKey('999999999999', given));
      const second = (await s.createRootAccessKey(ACCT, given)).value;
      expect(second).toMatchObject({ accessKeyId: given.accessKeyId, secretAccessKey: given.secretAccessKey, root: true });
      const limit = await expectRefused(h, 'limit_exceeded', () => s.createRootAccessKey(ACCT));
      expect(limit.message).toBe(`the root of account \`${ACCT}\` already has 2 access keys`);
      expect((await s.resolveAccessKey(given.accessKeyId))).toMatchObject({ userArn: rootArn, root: true, secretAccessKey: given.secretAccessKey });
      expect((await s.listRootAccessKeys(ACCT)).map((k) => k.accessKeyId).sort()).toEqual([generated.accessKeyId, given.accessKeyId].sort());
      expect(await s.listAccessKeys(ACCT, 'root')).toEqual([]);
      // the user's own keys do not count against the root's, and root keys keep the account from being deleted
      expect((await s.createAccessKey(ACCT, 'root')).value.root).toBeUndefined();
      await s.createAccount({ id: '333333333333' });
      await s.createRootAccessKey('333333333333');
      await expectRefused(h, 'delete_conflict', () => s.deleteAccount('333333333333'));
      const [k] = await s.listRootAccessKeys('333333333333');
      await s.deleteAccessKey(k.accessKeyId);
      await s.deleteAccount('333333333333');
      // root keys survive a lossless export and import with their secrets
      const target = await env.factory.fresh();
      await target.store.importSnapshot(await s.exportSnapshot());
      expect((await target.store.resolveAccessKey(given.accessKeyId))?.secretAccessKey).toBe(given.secretAccessKey);
      expect((await target.store.listRootAccessKeys(ACCT)).length).toBe(2);
    });

    it('cannot read secrets with another encryption key', async () => {
      const h = env.h();
      await h.store.createUser({ accountId: ACCT, name: 'u' });
      const k = (await h.store.createAccessKey(ACCT, 'u')).value;
      const other = await h.reopen({ encryptionKey: TEST_KEY.split('').reverse().join('') });
      await expect(other.resolveAccessKey(k.accessKeyId)).rejects.toThrow();
    });
  });
}
