import { expect, it } from 'vitest';
import { allow, expectError, expectWrite, trust } from '../../test/fixtures.ts';
import { describeDrivers, useTestAdmin, type TestAdmin } from '../../test/harness.ts';

describeDrivers('roles', (driver) => {
  let t: TestAdmin;
  let acct: string;
  useTestAdmin(driver.name, (admin) => {
    t = admin;
    acct = `/v1/accounts/${admin.managementAccountId}`;
  });

  it('creates a role with its trust policy and session duration, updates and deletes it', async () => {
    const created = await t.api.post(`${acct}/roles`, {
      roleName: 'deployer', path: '/ci/', assumeRolePolicyDocument: trust(t.managementAccountId), maxSessionDuration: 7200, description: 'ci deploys', tags: { owner: 'ci' },
    });
    expectWrite(created, 201);
    expect(created.body.role).toMatchObject({ name: 'deployer', path: '/ci/', maxSessionDuration: 7200, description: 'ci deploys', tags: { owner: 'ci' }, serviceLinked: false });
    expect(created.body.role.roleId).toMatch(/^AROA/);

    const updated = await t.api.patch(`${acct}/roles/deployer`, { maxSessionDuration: 43200, description: 'nightly' });
    expectWrite(updated);
    expect(updated.body.role).toMatchObject({ maxSessionDuration: 43200, description: 'nightly' });
    expectError(await t.api.patch(`${acct}/roles/deployer`, { maxSessionDuration: 60 }), 400, 'invalid_input');

    const newTrust = trust(`arn:aws:iam::${t.managementAccountId}:root`);
    expectWrite(await t.api.put(`${acct}/roles/deployer/trust-policy`, { document: newTrust }));
    expect((await t.api.get(`${acct}/roles/deployer`)).body.role.trustPolicy).toEqual(newTrust);

    expectWrite(await t.api.post(`${acct}/roles/deployer/tags`, { tags: { stage: 'prod' } }));
    expect((await t.api.get(`${acct}/roles/deployer/tags`)).body.tags).toEqual({ owner: 'ci', stage: 'prod' });

    expectWrite(await t.api.put(`${acct}/roles/deployer/inline-policies/deploy`, { document: allow('ecs:UpdateService') }));
    expectError(await t.api.delete(`${acct}/roles/deployer`), 409, 'delete_conflict');
    expectWrite(await t.api.delete(`${acct}/roles/deployer/inline-policies/deploy`));
    expect((await t.api.get(`${acct}/roles?pathPrefix=/ci/`)).body.items).toHaveLength(1);
    expectWrite(await t.api.delete(`${acct}/roles/deployer`));
    expectError(await t.api.get(`${acct}/roles/deployer`), 404, 'no_such_entity');
  });

  it('sets and removes a role permissions boundary and attaches managed policies', async () => {
    expectWrite(await t.api.post(`${acct}/roles`, { roleName: 'app', assumeRolePolicyDocument: trust(t.managementAccountId) }), 201);
    const p = await t.api.post(`${acct}/policies`, { policyName: 'AppBoundary', document: allow('dynamodb:*') });
    const arn = p.body.policy.arn;
    expectWrite(await t.api.put(`${acct}/roles/app/permissions-boundary`, { policyArn: arn }));
    expect((await t.api.get(`${acct}/roles/app`)).body.role.permissionsBoundary).toBe(arn);
    expectWrite(await t.api.delete(`${acct}/roles/app/permissions-boundary`));
    expectWrite(await t.api.post(`${acct}/roles/app/attached-policies`, { policyArn: arn }));
    expect((await t.api.get(`${acct}/roles/app/attached-policies`)).body.items).toEqual([arn]);
  });

  it('rejects a trust policy with ERROR findings and writes nothing', async () => {
    const before = await t.admin.store.currentRevision();
    const bad = { Version: '2012-10-17', Statement: [{ Effect: 'Allow', Action: 'sts:AssumeRole' }] };
    const res = await t.api.post(`${acct}/roles`, { roleName: 'broken', assumeRolePolicyDocument: bad });
    const body = expectError(res, 400, 'malformed_policy_document');
    expect(body.details.findings.some((f: { severity: string }) => f.severity === 'ERROR')).toBe(true);
    expect(await t.admin.store.currentRevision()).toBe(before);
  });
});
