import { expect, it } from 'vitest';
import { enc } from '../../test/client.ts';
import { allow, expectError, expectWrite } from '../../test/fixtures.ts';
import { describeDrivers, useTestAdmin, type TestAdmin } from '../../test/harness.ts';

describeDrivers('groups and membership', (driver) => {
  let t: TestAdmin;
  let acct: string;
  useTestAdmin(driver.name, (admin) => {
    t = admin;
    acct = `/v1/accounts/${admin.managementAccountId}`;
  });

  it('creates groups, adds and removes members, and refuses to delete a group with members', async () => {
    const g = await t.api.post(`${acct}/groups`, { groupName: 'devs', path: '/eng/' });
    expectWrite(g, 201);
    expect(g.body.group).toMatchObject({ name: 'devs', path: '/eng/', arn: `arn:aws:iam::${t.managementAccountId}:group/eng/devs` });
    expectWrite(await t.api.post(`${acct}/groups`, { groupName: 'ops' }), 201);
    expect((await t.api.get(`${acct}/groups?pathPrefix=/eng/`)).body.items.map((x: { name: string }) => x.name)).toEqual(['devs']);
    expect((await t.api.get(`${acct}/groups/devs`)).body.group.groupId).toMatch(/^AGPA/);

    for (const u of ['u1', 'u2']) {
      expectWrite(await t.api.post(`${acct}/users`, { userName: u }), 201);
      expectWrite(await t.api.put(`${acct}/groups/devs/members/${u}`));
    }
    const members = await t.api.get(`${acct}/groups/devs/members`);
    expect(members.body.items.map((u: { name: string }) => u.name).sort()).toEqual(['u1', 'u2']);
    expectError(await t.api.delete(`${acct}/groups/devs`), 409, 'delete_conflict');
    expectError(await t.api.put(`${acct}/groups/devs/members/nobody`), 404, 'no_such_entity');

    expectWrite(await t.api.delete(`${acct}/groups/devs/members/u1`));
    expectWrite(await t.api.delete(`${acct}/groups/devs/members/u2`));
    expect((await t.api.get(`${acct}/groups/devs/members`)).body.items).toEqual([]);
    expectWrite(await t.api.delete(`${acct}/groups/devs`));
    expectError(await t.api.get(`${acct}/groups/devs`), 404, 'no_such_entity');
  });

  it('attaches managed and inline policies to a group', async () => {
    expectWrite(await t.api.post(`${acct}/groups`, { groupName: 'readers' }), 201);
    const p = await t.api.post(`${acct}/policies`, { policyName: 'GroupRead', document: allow('s3:GetObject') });
    const arn = p.body.policy.arn;
    expectWrite(await t.api.post(`${acct}/groups/readers/attached-policies`, { policyArn: arn }));
    expect((await t.api.get(`${acct}/groups/readers/attached-policies`)).body.items).toEqual([arn]);
    expectWrite(await t.api.put(`${acct}/groups/readers/inline-policies/extra`, { document: allow('s3:ListBucket') }));
    expect((await t.api.get(`${acct}/groups/readers/inline-policies`)).body.items).toHaveLength(1);
    expectWrite(await t.api.delete(`${acct}/groups/readers/attached-policies/${enc(arn)}`));
    expectWrite(await t.api.delete(`${acct}/groups/readers/inline-policies/extra`));
    expectError(await t.api.get(`${acct}/groups/readers/inline-policies/extra`), 404, 'no_such_entity');
  });
});
