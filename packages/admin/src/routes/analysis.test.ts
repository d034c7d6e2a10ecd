import { expect, it } from 'vitest';
import { allow, deny, expectError, expectWrite, userClient } from '../../test/fixtures.ts';
import { describeDrivers, useTestAdmin, type TestAdmin } from '../../test/harness.ts';

describeDrivers('policy validation and simulation', (driver) => {
  let t: TestAdmin;
  let acct: string;
  useTestAdmin(driver.name, (admin) => {
    t = admin;
    acct = `/v1/accounts/${admin.managementAccountId}`;
  });

  it('validates documents and reports findings', async () => {
    const ok = await t.api.post('/v1/validate-policy', { document: allow('s3:GetObject', 'arn:aws:s3:::b/*') });
    expect(ok.status).toBe(200);
    expect(ok.body.valid).toBe(true);
    const bad = await t.api.post('/v1/validate-policy', { document: { Version: '2012-10-17', Statement: [{ Effect: 'Maybe', Action: 's3:*', Resource: '*' }] } });
    expect(bad.body.valid).toBe(false);
    expect(bad.body.findings.some((f: { severity: string; path: string }) => f.severity === 'ERROR')).toBe(true);
    const trustWithoutPrincipal = await t.api.post('/v1/validate-policy', { document: allow('sts:AssumeRole'), policyType: 'trust' });
    expect(trustWithoutPrincipal.body.valid).toBe(false);
  });

  it('simulates a stored principal with explanations', async () => {
    await userClient(t.api, t.managementAccountId, 'sim', [allow('s3:GetObject', 'arn:aws:s3:::data/*'), deny('s3:GetObject', 'arn:aws:s3:::data/secret/*')]);
    const res = await t.api.post('/v1/simulate-principal', {
      principalArn: `arn:aws:iam::${t.managementAccountId}:user/sim`,
      actions: ['s3:GetObject', 's3:PutObject'],
      resources: ['arn:aws:s3:::data/a.txt', 'arn:aws:s3:::data/secret/b.txt'],
    });
    expect(res.status).toBe(200);
    const byPair = Object.fromEntries(res.body.items.map((r: { action: string; resource: string; decision: string }) => [`${r.action} ${r.resource}`, r]));
    expect(byPair['s3:GetObject arn:aws:s3:::data/a.txt'].decision).toBe('Allow');
    expect(byPair['s3:GetObject arn:aws:s3:::data/a.txt'].reasons[0]).toMatchObject({ effect: 'Allow', layer: 'identity' });
    expect(byPair['s3:GetObject arn:aws:s3:::data/secret/b.txt']).toMatchObject({ decision: 'ExplicitDeny', deniedBy: 'identity' });
    expect(byPair['s3:PutObject arn:aws:s3:::data/a.txt'].decision).toBe('ImplicitDeny');
  });

  it('follows the store: a newly attached policy changes the simulation at once', async () => {
    expectWrite(await t.api.post(`${acct}/users`, { userName: 'late' }), 201);
    const ask = () => t.api.post('/v1/simulate-principal', { principalArn: `arn:aws:iam::${t.managementAccountId}:user/late`, actions: ['sqs:SendMessage'] });
    expect((await ask()).body.items[0].decision).toBe('ImplicitDeny');
    expectWrite(await t.api.put(`${acct}/users/late/inline-policies/q`, { document: allow('sqs:SendMessage') }));
    expect((await ask()).body.items[0].decision).toBe('Allow');
  });

  it('simulates custom policies with a boundary and reports missing context keys', async () => {
    const res = await t.api.post('/v1/simulate-custom', {
      policies: [{ Version: '2012-10-17', Statement: [{ Effect: 'Allow', Action: 'ec2:*', Resource: '*', Condition: { StringEquals: { 'aws:RequestedRegion': 'eu-west-1' } } }] }],
      permissionsBoundary: allow('ec2:Describe*'),
      actions: ['ec2:DescribeInstances', 'ec2:RunInstances'],
      context: { 'aws:RequestedRegion': 'eu-west-1' },
    });
    expect(res.status).toBe(200);
    expect(res.body.items.map((r: { decision: string }) => r.decision)).toEqual(['Allow', 'ImplicitDeny']);
    expect(res.body.items[1].deniedBy).toBe('boundary');
    const missing = await t.api.post('/v1/simulate-custom', {
      policies: [{ Version: '2012-10-17', Statement: [{ Effect: 'Allow', Action: 'ec2:*', Resource: '*', Condition: { StringEquals: { 'aws:RequestedRegion': 'eu-west-1' } } }] }],
      actions: ['ec2:DescribeInstances'],
    });
    expect(missing.body.items[0].decision).toBe('ImplicitDeny');
    expect(missing.body.items[0].missingContextKeys.map((k: string) => k.toLowerCase())).toContain('aws:requestedregion');
  });

  it('refuses custom policies with ERROR findings and oversized simulations', async () => {
    expectError(await t.api.post('/v1/simulate-custom', { policies: [{ Statement: [{ Effect: 'Allow' }] }], actions: ['s3:GetObject'] }), 400, 'malformed_policy_document');
    const actions = Array.from({ length: 40 }, (_, i) => `s3:Action${i}`);
    const resources = Array.from({ length: 30 }, (_, i) => `arn:aws:s3:::b/${i}`);
    expectError(await t.api.post('/v1/simulate-custom', { policies: [allow('s3:*')], actions, resources }), 400, 'invalid_input');
  });
});
