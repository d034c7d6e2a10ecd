import { expect, it } from 'vitest';
import { enc } from '../../test/client.ts';
import { allow, expectError, expectWrite } from '../../test/fixtures.ts';
import { describeDrivers, useTestAdmin, type TestAdmin } from '../../test/harness.ts';

describeDrivers('users', (driver) => {
  let t: TestAdmin;
  let base: string;
  useTestAdmin(driver.name, (admin) => {
    t = admin;
    base = `/v1/accounts/${admin.managementAccountId}/users`;
  });

  it('creates, reads, lists by path prefix with a cursor, and deletes users', async () => {
    const created = await t.api.post(base, { userName: 'alice', path: '/eng/', tags: { team: 'core' } });
    expectWrite(created, 201);
    expect(created.body.user).toMatchObject({ name: 'alice', path: '/eng/', arn: `arn:aws:iam::${t.managementAccountId}:user/eng/alice`, tags: { team: 'core' } });
    for (const name of ['bob', 'carol', 'dave']) expectWrite(await t.api.post(base, { userName: name, path: '/eng/' }), 201);
    expectWrite(await t.api.post(base, { userName: 'erin', path: '/ops/' }), 201);

    const got = await t.api.get(`${base}/alice`);
    expect(got.status).toBe(200);
    expect(got.body.user.userId).toMatch(/^AIDA/);

    const names: string[] = [];
    let cursor: string | undefined;
    for (let page = 0; page < 10; page++) {
      const res = await t.api.get(`${base}?pathPrefix=/eng/&limit=2${cursor ? `&cursor=${enc(cursor)}` : ''}`);
      expect(res.status).toBe(200);
      expect(res.body.items.length).toBeLessThanOrEqual(2);
      names.push(...res.body.items.map((u: { name: string }) => u.name));
      cursor = res.body.nextCursor;
      if (!cursor) break;
    }
    expect(names.sort()).toEqual(['alice', 'bob', 'carol', 'dave']);

    expectWrite(await t.api.delete(`${base}/dave`));
    expectError(await t.api.get(`${base}/dave`), 404, 'no_such_entity');
    expectError(await t.api.post(base, { userName: 'alice' }), 409, 'entity_already_exists');
  });

  it('manages tags, boundaries, attached and inline policies of a user', async () => {
    expectWrite(await t.api.post(base, { userName: 'frank' }), 201);
    const u = `${base}/frank`;
    expectWrite(await t.api.post(`${u}/tags`, { tags: { env: 'prod', tier: 'gold' } }));
    expect((await t.api.get(`${u}/tags`)).body.tags).toEqual({ env: 'prod', tier: 'gold' });
    expectWrite(await t.api.delete(`${u}/tags?tagKeys=tier`));
    expect((await t.api.get(`${u}/tags`)).body.tags).toEqual({ env: 'prod' });

    const policy = await t.api.post(`/v1/accounts/${t.managementAccountId}/policies`, { policyName: 'ReadOnly', document: allow('s3:Get*') });
    expectWrite(policy, 201);
    const arn = policy.body.policy.arn;
    expectWrite(await t.api.post(`${u}/attached-policies`, { policyArn: arn }));
    expect((await t.api.get(`${u}/attached-policies`)).body.items).toEqual([arn]);
    expectWrite(await t.api.put(`${u}/permissions-boundary`, { policyArn: arn }));
    expect((await t.api.get(u)).body.user.permissionsBoundary).toBe(arn);

    expectWrite(await t.api.put(`${u}/inline-policies/inline1`, { document: allow('sqs:*') }));
    expect((await t.api.get(`${u}/inline-policies/inline1`)).body.policy.document).toEqual(allow('sqs:*'));
    expect((await t.api.get(`${u}/inline-policies`)).body.items.map((p: { name: string }) => p.name)).toEqual(['inline1']);

    // A user with policies cannot be deleted (AWS DeleteConflict) until they are removed.
    expectError(await t.api.delete(u), 409, 'delete_conflict');
    expectWrite(await t.api.delete(`${u}/inline-policies/inline1`));
    expectWrite(await t.api.delete(`${u}/attached-policies/${enc(arn)}`));
    expectWrite(await t.api.delete(`${u}/permissions-boundary`));
    expect((await t.api.get(u)).body.user.permissionsBoundary).toBeUndefined();
    expectWrite(await t.api.delete(u));
  });

  it('lists the groups of a user', async () => {
    expectWrite(await t.api.post(base, { userName: 'grace' }), 201);
    expectWrite(await t.api.post(`/v1/accounts/${t.managementAccountId}/groups`, { groupName: 'admins' }), 201);
    expectWrite(await t.api.put(`/v1/accounts/${t.managementAccountId}/groups/admins/members/grace`));
    const groups = await t.api.get(`${base}/grace/groups`);
    expect(groups.body.items.map((g: { name: string }) => g.name)).toEqual(['admins']);
  });
});
