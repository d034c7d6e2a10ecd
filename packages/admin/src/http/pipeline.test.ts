import { expect, it } from 'vitest';
import { enc } from '../../test/client.ts';
import { allow, expectError, expectWrite, userClient } from '../../test/fixtures.ts';
import { describeDrivers, useTestAdmin, type TestAdmin } from '../../test/harness.ts';

describeDrivers('bad input, authentication and authorization', (driver) => {
  let t: TestAdmin;
  let acct: string;
  // Small quotas so that exceeding them is cheap.
  useTestAdmin(driver.name, (admin) => {
    t = admin;
    acct = `/v1/accounts/${admin.managementAccountId}`;
  }, { file: { quotas: { usersPerAccount: 4 }, names: { userNameMax: 20 } } });

  /** Runs `fn`, expects the error, and checks that the store revision did not move. */
  async function refused(fn: () => Promise<{ status: number; body: any }>, status: number, code: string): Promise<any> {
    const before = await t.admin.store.currentRevision();
    const body = expectError(await fn(), status, code);
    expect(await t.admin.store.currentRevision()).toBe(before);
    return body;
  }

  it('refuses malformed JSON, wrong types, unknown fields and invalid names', async () => {
    const json = await refused(() => t.api.post(`${acct}/users`, undefined, { raw: '{"userName": "x",' }), 400, 'invalid_input');
    expect(json.message).toMatch(/not valid JSON/);
    await refused(() => t.api.post(`${acct}/users`, undefined, { raw: 'userName=x', headers: { 'content-type': 'application/x-www-form-urlencoded' } }), 400, 'invalid_input');
    const type = await refused(() => t.api.post(`${acct}/users`, { userName: 42 }), 400, 'invalid_input');
    expect(type.message).toBe('`body.userName` must be of type string');
    const unknown = await refused(() => t.api.post(`${acct}/users`, { userName: 'ok', colour: 'red' }), 400, 'invalid_input');
    expect(unknown.message).toMatch(/`body.colour` is not a known field/);
    await refused(() => t.api.post(`${acct}/users`, { userName: 'bad name!' }), 400, 'invalid_input');
    const long = await refused(() => t.api.post(`${acct}/users`, { userName: 'x'.repeat(21) }), 400, 'invalid_input');
    expect(long.message).toMatch(/at most 20 characters/);
    await refused(() => t.api.post(`${acct}/users`, { userName: 'p', path: 'no-slashes' }), 400, 'invalid_input');
    await refused(() => t.api.post(`${acct}/users`, { userName: 'p', tags: { 'aws:reserved': 'x' } }), 400, 'invalid_input');
    await refused(() => t.api.post(`${acct}/users`, []), 400, 'invalid_input');
    await refused(() => t.api.get(`/v1/accounts/12345/users`), 400, 'invalid_input');
    await refused(() => t.api.get(`${acct}/users?limit=0`), 400, 'invalid_input');
    await refused(() => t.api.get(`${acct}/users?limit=ten`), 400, 'invalid_input');
    await refused(() => t.api.post(`${acct}/users`, {}), 400, 'invalid_input');
    await refused(() => t.api.delete(`${acct}/users/x/tags`), 400, 'invalid_input');
  });

  it('refuses writes over a quota', async () => {
    const existing = (await t.api.get(`${acct}/users`)).body.items.length;
    for (let i = existing; i < 4; i++) expectWrite(await t.api.post(`${acct}/users`, { userName: `q${i}` }), 201);
    const body = await refused(() => t.api.post(`${acct}/users`, { userName: 'one-too-many' }), 409, 'limit_exceeded');
    expect(body.details).toMatchObject({ quota: 'usersPerAccount', limit: 4 });
  });

  it('refuses policies with ERROR findings, with the findings in details', async () => {
    const doc = { Version: '2012-10-17', Statement: [{ Effect: 'Allow', Action: 's3:GetObject', Resource: '*', Principal: '*' }] };
    const body = await refused(() => t.api.post(`${acct}/policies`, { policyName: 'Bad', document: doc }), 400, 'malformed_policy_document');
    expect(body.details.findings.length).toBeGreaterThan(0);
    expect(body.details.findings[0]).toMatchObject({ severity: 'ERROR' });
    await refused(() => t.api.post(`${acct}/policies`, { policyName: 'NotJson', document: '{"Version": ' }), 400, 'malformed_policy_document');
  });

  it('refuses deleting an attached policy and detaching a target\'s last SCP', async () => {
    const p = await t.api.post(`${acct}/policies`, { policyName: 'Attached', document: allow('s3:GetObject') });
    const group = await t.api.post(`${acct}/groups`, { groupName: 'holders' });
    expectWrite(group, 201);
    expectWrite(await t.api.post(`${acct}/groups/holders/attached-policies`, { policyArn: p.body.policy.arn }));
    await refused(() => t.api.delete(`/v1/policies/${enc(p.body.policy.arn)}`), 409, 'delete_conflict');
    const full = (await t.api.get(`/v1/organization/targets/${t.rootId}/policies`)).body.items[0];
    await refused(() => t.api.delete(`/v1/scps/${full.policyId}/targets/${t.rootId}`), 409, 'delete_conflict');
  });

  it('answers 401 without valid credentials and records the attempt', async () => {
    await refused(() => t.api.get(`${acct}/users`, { anonymous: true }), 401, 'unauthenticated');
    await refused(() => t.api.post(`${acct}/users`, { userName: 'anon' }, { anonymous: true }), 401, 'unauthenticated');
    await refused(() => t.api.get(`${acct}/users`, { anonymous: true, headers: { authorization: 'Bearer abc' } }), 401, 'unauthenticated');
    const wrongSecret = t.api.as({ accessKeyId: t.api.key!.accessKeyId, secret: 'x'.repeat(40) });
    await refused(() => wrongSecret.get(`${acct}/users`), 401, 'unauthenticated');
    await refused(() => t.api.as({ accessKeyId: 'AKIAUNKNOWNUNKNOWN00', secret: 's' }).get(`${acct}/users`), 401, 'unauthenticated');
    const audit = await t.api.get('/v1/audit?outcome=failure&caller=anonymous&action=iam:CreateUser');
    expect(audit.body.items[0]).toMatchObject({ errorCode: 'unauthenticated', outcome: 'failure' });
  });

  it('answers 403 when the caller lacks the permission, writes nothing and audits the attempt', async () => {
    // Room under the quota of 4 users: remove one first.
    const users = (await t.api.get(`${acct}/users`)).body.items.map((u: { name: string }) => u.name);
    for (const name of users.filter((n: string) => n.startsWith('q')).slice(0, 2)) expectWrite(await t.api.delete(`${acct}/users/${name}`));
    const reader = await userClient(t.api, t.managementAccountId, 'reader', [allow(['iam:Get*', 'iam:List*'])]);
    expect((await reader.get(`${acct}/users/reader`)).status).toBe(200);
    const body = await refused(() => reader.post(`${acct}/groups`, { groupName: 'sneaky' }), 403, 'access_denied');
    expect(body.message).toContain('iam:CreateGroup');
    const audit = await t.api.get(`/v1/audit?outcome=failure&action=iam:CreateGroup&caller=${enc(`arn:aws:iam::${t.managementAccountId}:user/reader`)}`);
    expect(audit.body.items).toHaveLength(1);
    expect(audit.body.items[0]).toMatchObject({ errorCode: 'access_denied', target: `arn:aws:iam::${t.managementAccountId}:group/sneaky`, parameters: { groupName: 'sneaky' } });

    // Granting the permission takes effect on the next request (the engine follows the store).
    expectWrite(await t.api.put(`${acct}/users/reader/inline-policies/create`, { document: allow('iam:CreateGroup', `arn:aws:iam::${t.managementAccountId}:group/*`) }));
    expectWrite(await reader.post(`${acct}/groups`, { groupName: 'sneaky' }), 201);
    // Still denied elsewhere.
    await refused(() => reader.post(`${acct}/roles`, { roleName: 'r', assumeRolePolicyDocument: allow('sts:AssumeRole') }), 403, 'access_denied');
  });
});
