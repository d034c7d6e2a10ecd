import { afterAll, beforeAll, expect, it } from 'vitest';
import { enc } from '../../test/client.ts';
import { deny, expectError, expectWrite } from '../../test/fixtures.ts';
import { describeDrivers, startTestAdmin, type TestAdmin } from '../../test/harness.ts';

describeDrivers('organization, accounts and SCPs', (driver) => {
  let t: TestAdmin;
  beforeAll(async () => {
    t = await startTestAdmin(driver.name);
  });
  afterAll(async () => {
    await t?.checkOpenApi();
    await t?.close();
  });

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
    expectWrite(await t.api.delete('/v1/accounts/222233334444'));
    expectError(await t.api.get('/v1/accounts/222233334444'), 404, 'no_such_entity');
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
    expect((await t.api.get(`/v1/scps?limit=10`)).body.items.map((p: { name: string }) => p.name).sort()).toEqual(['DenyLeave', 'FullAWSAccess']);

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
