import { expect, it } from 'vitest';
import { enc } from '../../test/client.ts';
import { deny, expectError, expectWrite } from '../../test/fixtures.ts';
import { describeDrivers, startTestAdmin, useTestAdmin, type TestAdmin } from '../../test/harness.ts';

describeDrivers('organization, accounts and SCPs', (driver) => {
  let t: TestAdmin;
  useTestAdmin(driver.name, (admin) => (t = admin));

  it('describes the bootstrapped organization with FullAWSAccess on its root', async () => {
    const org = await t.api.get('/v1/organization');
    expect(org.status).toBe(200);
    expect(org.body.organization).toMatchObject({ managementAccountId: t.managementAccountId, rootId: t.rootId });
    const scps = await t.api.get(`/v1/organization/targets/${t.rootId}/policies`);
    expect(scps.body.items.map((p: { name: string }) => p.name)).toEqual(['FullAWSAccess']);
  });

  it('creates OUs and accounts, moves accounts, and refuses to delete non-empty OUs', async () => {
    const ou = await t.api.post('/v1/organization/ous', { parentId: t.rootId, name: 'Workloads' });
    expectWrite(ou, 201);
    const ouId: string = ou.body.ou.id;
    expect(ou.body.ou).toMatchObject({ name: 'Workloads', parentId: t.rootId, depth: 1 });
    // New OUs get FullAWSAccess, as in AWS.
    expect((await t.api.get(`/v1/organization/targets/${ouId}/policies`)).body.items).toHaveLength(1);
    const child = await t.api.post('/v1/organization/ous', { parentId: ouId, name: 'Prod' });
    expectWrite(child, 201);
    expect((await t.api.get(`/v1/organization/ous?parentId=${ouId}`)).body.items.map((o: { name: string }) => o.name)).toEqual(['Prod']);
    expectWrite(await t.api.patch(`/v1/organization/ous/${child.body.ou.id}`, { name: 'Production' }));
    expect((await t.api.get(`/v1/organization/ous/${child.body.ou.id}`)).body.ou.name).toBe('Production');

    const acct = await t.api.post('/v1/accounts', { id: '222233334444', name: 'app-prod', parentId: child.body.ou.id });
    expectWrite(acct, 201);
    expect(acct.body.account).toMatchObject({ id: '222233334444', name: 'app-prod', parentId: child.body.ou.id });
    expectError(await t.api.post('/v1/accounts', { id: '222233334444' }), 409, 'entity_already_exists');
    expectError(await t.api.delete(`/v1/organization/ous/${child.body.ou.id}`), 409, 'delete_conflict');

    expectWrite(await t.api.post('/v1/accounts/222233334444/move', { parentId: ouId }));
    expect((await t.api.get('/v1/accounts/222233334444')).body.account.parentId).toBe(ouId);
    expect((await t.api.get(`/v1/accounts?parentId=${ouId}`)).body.items.map((a: { id: string }) => a.id)).toEqual(['222233334444']);
    expectWrite(await t.api.delete(`/v1/organization/ous/${child.body.ou.id}`));
    expectWrite(await t.api.patch('/v1/accounts/222233334444', { name: 'renamed' }));

    expectError(await t.api.delete('/v1/accounts/222233334444'), 409, 'delete_conflict');
    expectWrite(await t.api.post('/v1/accounts/222233334444/move', { parentId: null }));
    // Out of the organization, it still owns its access role: closing it is refused.
    expectError(await t.api.delete('/v1/accounts/222233334444'), 409, 'delete_conflict');
    expect((await t.api.get('/v1/accounts/222233334444/roles/OrganizationAccountAccessRole', { headers: { 'x-iam-assume-role': 'arn:aws:iam::222233334444:role/OrganizationAccountAccessRole' } })).status).toBe(200);

    // An account created without an access role and owning nothing can be closed once outside the organization.
    expectWrite(await t.api.post('/v1/accounts', { id: '333344445555', createAccessRole: false }), 201);
    expectError(await t.api.delete('/v1/accounts/333344445555'), 409, 'delete_conflict');
    expectWrite(await t.api.post('/v1/accounts/333344445555/move', { parentId: null }));
    expectWrite(await t.api.delete('/v1/accounts/333344445555'));
    expectError(await t.api.get('/v1/accounts/333344445555'), 404, 'no_such_entity');
  });

  it('creates an account with its placement, SCP and access role, and an OU with its SCP, each in one transaction', async () => {
    const before = await t.admin.store.currentRevision();
    // the account would be created, then placing it fails: nothing is left
    expectError(await t.api.post('/v1/accounts', { id: '777788889999', parentId: 'ou-abcd-nosuchou' }), 404, 'no_such_entity');
    expect(await t.admin.store.currentRevision()).toBe(before);
    expectError(await t.api.get('/v1/accounts/777788889999'), 404, 'no_such_entity');
    const created = await t.api.post('/v1/accounts', { id: '777788889999' });
    expect(expectWrite(created, 201)).toBe(before + 1);
    expect((await t.api.get('/v1/organization/targets/777788889999/policies')).body.items.map((p: { name: string }) => p.name)).toEqual(['FullAWSAccess']);
    const role = await t.api.get('/v1/accounts/777788889999/roles/OrganizationAccountAccessRole', { headers: { 'x-iam-assume-role': 'arn:aws:iam::777788889999:role/OrganizationAccountAccessRole' } });
    expect(role.status).toBe(200);
    const audit = await t.api.get('/v1/audit?action=organizations:CreateAccount&limit=2');
    expect(audit.body.items.map((e: { outcome: string; errorCode?: string; revision?: number }) => [e.outcome, e.errorCode, e.revision]))
      .toEqual([['success', undefined, before + 1], ['failure', 'no_such_entity', undefined]]);
    const ou = await t.api.post('/v1/organization/ous', { parentId: t.rootId, name: 'OneShot' });
    expect(expectWrite(ou, 201)).toBe(before + 2);
    expect((await t.api.get(`/v1/organization/targets/${ou.body.ou.id}/policies`)).body.items).toHaveLength(1);

    // the last step (the access role) fails on a quota: the account, its placement and its SCP are rolled back too
    const strict = await startTestAdmin(driver.name, { file: { quotas: { rolesPerAccount: 0 } } });
    try {
      const start = await strict.admin.store.currentRevision();
      expectError(await strict.api.post('/v1/accounts', { id: '888899990000', name: 'half' }), 409, 'limit_exceeded');
      expect(await strict.admin.store.currentRevision()).toBe(start);
      expect((await strict.admin.store.listAccounts()).items.map((a) => a.id)).toEqual([strict.managementAccountId]);
      expectWrite(await strict.api.post('/v1/accounts', { id: '888899990000', createAccessRole: false }), 201);
    } finally {
      await strict.close();
    }
  });

  it('administers a member account through its OrganizationAccountAccessRole, within its SCPs', async () => {
    expectWrite(await t.api.post('/v1/accounts', { id: '555566667777', name: 'member' }), 201);
    const member = '/v1/accounts/555566667777';
    const role = 'arn:aws:iam::555566667777:role/OrganizationAccountAccessRole';
    const asRole = { headers: { 'x-iam-assume-role': role } };
    // Without the role, the management account's operator cannot act in the member account.
    expectError(await t.api.post(`${member}/users`, { userName: 'm1' }), 403, 'access_denied');
    const created = await t.api.post(`${member}/users`, { userName: 'm1' }, asRole);
    expectWrite(created, 201);
    expect(created.body.user.arn).toBe('arn:aws:iam::555566667777:user/m1');
    const audit = await t.api.get(`/v1/audit?action=iam:CreateUser&outcome=success&limit=1`);
    expect(audit.body.items[0].caller).toMatch(/^arn:aws:sts::555566667777:assumed-role\/OrganizationAccountAccessRole\//);

    // An SCP on the member account binds the role session.
    const scp = await t.api.post('/v1/scps', { name: 'NoUsers', document: deny('iam:CreateUser') });
    expectWrite(await t.api.put(`/v1/scps/${scp.body.policy.policyId}/targets/555566667777`));
    expectError(await t.api.post(`${member}/users`, { userName: 'm2' }, asRole), 403, 'access_denied');
    expectWrite(await t.api.post(`${member}/groups`, { groupName: 'g' }, asRole), 201);

    // A role the caller may not assume is refused, and so is a malformed one.
    expectError(await t.api.get(`${member}/users`, { headers: { 'x-iam-assume-role': 'arn:aws:iam::555566667777:role/Nope' } }), 403, 'access_denied');
    expectError(await t.api.get(`${member}/users`, { headers: { 'x-iam-assume-role': 'not-an-arn' } }), 400, 'invalid_input');
  });

  it('creates, updates, attaches, detaches and deletes SCPs, never detaching the last one', async () => {
    const ou = await t.api.post('/v1/organization/ous', { parentId: t.rootId, name: 'Sandbox' });
    const ouId: string = ou.body.ou.id;
    const scp = await t.api.post('/v1/scps', { name: 'DenyLeave', description: 'no leaving', document: deny('organizations:LeaveOrganization') });
    expectWrite(scp, 201);
    const policyId: string = scp.body.policy.policyId;
    expect(scp.body.policy.kind).toBe('scp');

    expectWrite(await t.api.put(`/v1/scps/${policyId}/targets/${ouId}`));
    const targets = await t.api.get(`/v1/scps/${policyId}/targets`);
    expect(targets.body.items).toEqual([{ targetId: ouId, type: 'ou' }]);
    expect((await t.api.get(`/v1/scps?limit=10`)).body.items.map((p: { name: string }) => p.name)).toEqual(expect.arrayContaining(['DenyLeave', 'FullAWSAccess']));

    const updated = await t.api.patch(`/v1/scps/${enc(scp.body.policy.arn)}`, { document: deny(['organizations:LeaveOrganization', 'account:CloseAccount']) });
    expectWrite(updated);
    expect((await t.api.get(`/v1/scps/${policyId}`)).body.policy.document).toEqual(deny(['organizations:LeaveOrganization', 'account:CloseAccount']));

    expectError(await t.api.delete(`/v1/scps/${policyId}`), 409, 'delete_conflict');
    const fullAccess = (await t.api.get(`/v1/organization/targets/${ouId}/policies`)).body.items.find((p: { name: string }) => p.name === 'FullAWSAccess');
    expectWrite(await t.api.delete(`/v1/scps/${fullAccess.policyId}/targets/${ouId}`));

    // DenyLeave is now the OU's last SCP: detaching it is refused and writes nothing.
    const before = await t.admin.store.currentRevision();
    expectError(await t.api.delete(`/v1/scps/${policyId}/targets/${ouId}`), 409, 'delete_conflict');
    expect(await t.admin.store.currentRevision()).toBe(before);

    expectWrite(await t.api.put(`/v1/scps/${fullAccess.policyId}/targets/${ouId}`));
    expectWrite(await t.api.delete(`/v1/scps/${policyId}/targets/${ouId}`));
    expectWrite(await t.api.delete(`/v1/scps/${policyId}`));
    expectError(await t.api.get(`/v1/scps/${policyId}`), 404, 'no_such_entity');
  });

  it('refuses an SCP document with ERROR findings and an OU nested too deep', async () => {
    const bad = await t.api.post('/v1/scps', { name: 'Bad', document: { Version: '2012-10-17', Statement: [{ Effect: 'Allow', Resource: '*' }] } });
    expect(expectError(bad, 400, 'malformed_policy_document').details.findings.length).toBeGreaterThan(0);
    let parent = t.rootId;
    for (let depth = 1; depth <= 5; depth++) {
      const res = await t.api.post('/v1/organization/ous', { parentId: parent, name: `Level${depth}` });
      expectWrite(res, 201);
      parent = res.body.ou.id;
    }
    expectError(await t.api.post('/v1/organization/ous', { parentId: parent, name: 'Level6' }), 409, 'limit_exceeded');
  });
});
