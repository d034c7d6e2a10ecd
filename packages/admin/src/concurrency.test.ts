import { afterAll, beforeAll, expect, it } from 'vitest';
import { enc, type Answer, type ApiClient } from '../test/client.ts';
import { allow, expectWrite, userClient } from '../test/fixtures.ts';
import { describeDrivers, startTestAdmin, type TestAdmin } from '../test/harness.ts';

/** Quota of users in the account for this test (the bootstrap operator and the clients count too). */
const USERS_QUOTA = 40;
/** Operators sending requests in parallel. */
const CLIENTS = 8;
const CREATE_USERS = 80;
const CREATE_VERSIONS = 60;
const CREATE_KEYS = 60;

describeDrivers('200 parallel writes', (driver) => {
  let t: TestAdmin;
  beforeAll(async () => {
    t = await startTestAdmin(driver.name, { file: { quotas: { usersPerAccount: USERS_QUOTA } } });
  });
  afterAll(async () => {
    await t?.close();
  });

  it('keep every quota, lose no acknowledged write and give each its own revision', async () => {
    const acct = `/v1/accounts/${t.managementAccountId}`;
    const clients: ApiClient[] = [];
    for (let i = 0; i < CLIENTS; i++) clients.push(await userClient(t.api, t.managementAccountId, `op${i}`, [allow('*')]));
    const policy = await t.api.post(`${acct}/policies`, { policyName: 'Busy', document: allow('s3:GetObject') });
    const arn = policy.body.policy.arn;
    expectWrite(await t.api.post(`${acct}/users`, { userName: 'keyed' }), 201);
    const usersBefore = (await t.api.get(`${acct}/users?limit=1000`)).body.items.length;

    type Job = { kind: 'user' | 'version' | 'key'; run: () => Promise<Answer> };
    const jobs: Job[] = [];
    for (let i = 0; i < CREATE_USERS; i++) jobs.push({ kind: 'user', run: () => clients[i % CLIENTS].post(`${acct}/users`, { userName: `par${i}` }) });
    for (let i = 0; i < CREATE_VERSIONS; i++) jobs.push({ kind: 'version', run: () => clients[i % CLIENTS].post(`/v1/policies/${enc(arn)}/versions`, { document: allow(`s3:V${i}`) }) });
    for (let i = 0; i < CREATE_KEYS; i++) jobs.push({ kind: 'key', run: () => clients[i % CLIENTS].post(`${acct}/users/keyed/access-keys`) });
    jobs.sort(() => Math.random() - 0.5);
    const answers = await Promise.all(jobs.map(async (j) => ({ kind: j.kind, res: await j.run() })));

    for (const a of answers) expect([201, 409]).toContain(a.res.status);
    for (const a of answers.filter((x) => x.res.status === 409)) expect(a.res.body.code).toBe('limit_exceeded');
    const ok = (kind: Job['kind']) => answers.filter((a) => a.kind === kind && a.res.status === 201);
    expect(ok('user')).toHaveLength(USERS_QUOTA - usersBefore);
    expect(ok('version')).toHaveLength(4);
    expect(ok('key')).toHaveLength(2);

    // Every acknowledged write is there, and nothing else is.
    const users = (await t.api.get(`${acct}/users?limit=1000`)).body.items.map((u: { name: string }) => u.name);
    expect(users).toHaveLength(USERS_QUOTA);
    for (const a of ok('user')) expect(users).toContain(a.res.body.user.name);
    const versions = (await t.api.get(`/v1/policies/${enc(arn)}/versions`)).body.items;
    expect(versions).toHaveLength(5);
    const keys = (await t.api.get(`${acct}/users/keyed/access-keys`)).body.items.map((k: { accessKeyId: string }) => k.accessKeyId).sort();
    expect(keys).toEqual(ok('key').map((a) => a.res.body.accessKey.accessKeyId).sort());

    const revisions = answers.filter((a) => a.res.status === 201).map((a) => a.res.body.revision);
    expect(new Set(revisions).size).toBe(revisions.length);
    expect(Math.max(...revisions)).toBeLessThanOrEqual(await t.admin.store.currentRevision());
  });
});
