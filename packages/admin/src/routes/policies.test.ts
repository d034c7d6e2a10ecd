import { expect, it } from 'vitest';
import { enc } from '../../test/client.ts';
import { allow, expectError, expectWrite } from '../../test/fixtures.ts';
import { describeDrivers, useTestAdmin, type TestAdmin } from '../../test/harness.ts';

describeDrivers('managed policies', (driver) => {
  let t: TestAdmin;
  let acct: string;
  useTestAdmin(driver.name, (admin) => {
    t = admin;
    acct = `/v1/accounts/${admin.managementAccountId}`;
  });

  it('creates a policy, adds versions up to the quota, switches the default and deletes versions', async () => {
    const created = await t.api.post(`${acct}/policies`, { policyName: 'Versioned', path: '/team/', description: 'v', document: allow('s3:GetObject') });
    expectWrite(created, 201);
    const arn: string = created.body.policy.arn;
    expect(arn).toBe(`arn:aws:iam::${t.managementAccountId}:policy/team/Versioned`);
    expect(created.body.policy).toMatchObject({ kind: 'identity', defaultVersionId: 'v1' });
    const p = `/v1/policies/${enc(arn)}`;

    for (let v = 2; v <= 5; v++) {
      const res = await t.api.post(`${p}/versions`, { document: allow(`s3:Action${v}`) });
      expectWrite(res, 201);
      expect(res.body.version).toMatchObject({ versionId: `v${v}`, isDefault: false });
    }
    const before = await t.admin.store.currentRevision();
    expectError(await t.api.post(`${p}/versions`, { document: allow('s3:Sixth') }), 409, 'limit_exceeded');
    expect(await t.admin.store.currentRevision()).toBe(before);

    const versions = await t.api.get(`${p}/versions`);
    expect(versions.body.items.map((v: { versionId: string }) => v.versionId)).toEqual(['v5', 'v4', 'v3', 'v2', 'v1']);

    expectWrite(await t.api.put(`${p}/default-version`, { versionId: 'v3' }));
    const got = await t.api.get(p);
    expect(got.body.policy.defaultVersionId).toBe('v3');
    expect(got.body.policy.document).toEqual(allow('s3:Action3'));
    expect((await t.api.get(`${p}/versions/v3`)).body.version.isDefault).toBe(true);

    expectError(await t.api.delete(`${p}/versions/v3`), 409, 'delete_conflict');
    expectWrite(await t.api.delete(`${p}/versions/v1`));
    expectError(await t.api.get(`${p}/versions/v1`), 404, 'no_such_entity');
    const v6 = await t.api.post(`${p}/versions`, { document: allow('s3:Sixth'), setAsDefault: true });
    expectWrite(v6, 201);
    expect(v6.body.version).toMatchObject({ versionId: 'v6', isDefault: true });
  });

  it('deletes a policy only when it is attached nowhere', async () => {
    const created = await t.api.post(`${acct}/policies`, { policyName: 'InUse', document: allow('sqs:SendMessage') });
    const arn: string = created.body.policy.arn;
    expectWrite(await t.api.post(`${acct}/users`, { userName: 'holder' }), 201);
    expectWrite(await t.api.post(`${acct}/users/holder/attached-policies`, { policyArn: arn }));
    const usage = await t.api.get(`/v1/policies/${enc(arn)}/usage`);
    expect(usage.body.usage.attachedTo).toEqual([`arn:aws:iam::${t.managementAccountId}:user/holder`]);

    const before = await t.admin.store.currentRevision();
    expectError(await t.api.delete(`/v1/policies/${enc(arn)}`), 409, 'delete_conflict');
    expect(await t.admin.store.currentRevision()).toBe(before);

    expectWrite(await t.api.delete(`${acct}/users/holder/attached-policies/${enc(arn)}`));
    expectWrite(await t.api.delete(`/v1/policies/${enc(arn)}`));
    expectError(await t.api.get(`/v1/policies/${enc(arn)}`), 404, 'no_such_entity');
  });

  it('lists policies by path prefix and pages through them', async () => {
    for (const n of ['L1', 'L2', 'L3']) expectWrite(await t.api.post(`${acct}/policies`, { policyName: n, path: '/listed/', document: allow('ec2:Describe*') }), 201);
    const first = await t.api.get(`${acct}/policies?pathPrefix=/listed/&limit=2`);
    expect(first.body.items).toHaveLength(2);
    expect(typeof first.body.nextCursor).toBe('string');
    const second = await t.api.get(`${acct}/policies?pathPrefix=/listed/&limit=2&cursor=${enc(first.body.nextCursor)}`);
    expect(second.body.items).toHaveLength(1);
    expect(second.body.nextCursor).toBeUndefined();
    expect([...first.body.items, ...second.body.items].map((p: { name: string }) => p.name)).toEqual(['L1', 'L2', 'L3']);
  });
});
