import { expect, it } from 'vitest';
import { enc } from '../../test/client.ts';
import { expectError, expectWrite } from '../../test/fixtures.ts';
import { describeDrivers, useTestAdmin, type TestAdmin } from '../../test/harness.ts';

describeDrivers('resource policies and tags', (driver) => {
  let t: TestAdmin;
  useTestAdmin(driver.name, (admin) => (t = admin));

  const bucketPolicy = (acct: string) => ({
    Version: '2012-10-17',
    Statement: [{ Effect: 'Allow', Principal: { AWS: `arn:aws:iam::${acct}:root` }, Action: 's3:GetObject', Resource: 'arn:aws:s3:::reports/*' }],
  });

  it('puts, reads, tags, untags and deletes a resource policy', async () => {
    const arn = 'arn:aws:s3:::reports';
    const r = `/v1/resources/${enc(arn)}`;
    const put = await t.api.put(`${r}/policy`, { document: bucketPolicy(t.managementAccountId), accountId: t.managementAccountId });
    expectWrite(put);
    expect(put.body.resource).toMatchObject({ arn, accountId: t.managementAccountId });
    expectWrite(await t.api.post(`${r}/tags`, { tags: { classification: 'internal' } }));
    const got = await t.api.get(r);
    expect(got.body.resource).toMatchObject({ arn, policy: bucketPolicy(t.managementAccountId), tags: { classification: 'internal' } });
    expect((await t.api.get('/v1/resources?arnPrefix=arn:aws:s3:::rep')).body.items.map((x: { arn: string }) => x.arn)).toEqual([arn]);

    expectWrite(await t.api.delete(`${r}/tags?tagKeys=classification`));
    expectWrite(await t.api.delete(`${r}/policy`));
    expectError(await t.api.get(r), 404, 'no_such_entity');
  });

  it('refuses a resource policy without a principal', async () => {
    const doc = { Version: '2012-10-17', Statement: [{ Effect: 'Allow', Action: 's3:GetObject', Resource: '*' }] };
    const res = await t.api.put(`/v1/resources/${enc('arn:aws:s3:::other')}/policy`, { document: doc });
    expect(expectError(res, 400, 'malformed_policy_document').details.findings.length).toBeGreaterThan(0);
  });
});
