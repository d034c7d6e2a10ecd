// Bootstrap of an empty store: one transaction, a root key of the management account (generated or configured), racing replicas.

import { afterEach, expect, it } from 'vitest';
import { ApiClient } from '../test/client.ts';
import { deny, expectError, expectWrite } from '../test/fixtures.ts';
import { describeDrivers, freshStoreEnv } from '../test/harness.ts';
import { loadConfig } from './config.ts';
import { createLogger } from './log.ts';
import { startAdmin } from './server.ts';

/** A configured root key (the secret has the shape the store requires). */
const GIVEN = { accessKeyId: 'AKIACONFIGUREDROOT01', secretAccessKey: 'configured-root-secret-0123456789abcdefgh' };

describeDrivers('bootstrap of an empty store', (driver) => {
  const cleanups: Array<() => Promise<void>> = [];
  afterEach(async () => {
    for (const c of cleanups.splice(0).reverse()) await c();
  });

  /** Starts an admin on a fresh store (or on `env`'s store); collects what it prints and logs. */
  async function start(env?: Record<string, string>, extra: Record<string, string> = {}) {
    let storeEnv = env;
    if (!storeEnv) {
      const fresh = freshStoreEnv(driver.name);
      cleanups.push(fresh.cleanup);
      storeEnv = fresh.env;
    }
    const printed: string[] = [];
    const logged: string[] = [];
    const config = loadConfig({ ...storeEnv, ...extra, IAM_ADMIN_PORT: '0' }, {});
    const admin = await startAdmin({ config, logger: createLogger('info', (l) => logged.push(l)), print: (l) => printed.push(l) });
    cleanups.push(() => admin.close());
    return { admin, printed, logged, env: storeEnv };
  }

  it('creates the organization and a root access key of the management account in one transaction, printed once', async () => {
    const { admin, printed, logged } = await start();
    const creds = admin.bootstrap.credentials!;
    const mgmt = admin.bootstrap.managementAccountId;
    expect(admin.bootstrap).toMatchObject({ created: true, restored: false, credentialsSource: 'generated' });
    expect(creds.principalArn).toBe(`arn:aws:iam::${mgmt}:root`);
    expect(printed.join('\n')).toContain(`secretAccessKey=${creds.secretAccessKey}`);
    expect(logged.join('\n')).not.toContain(creds.secretAccessKey);
    // one revision for everything, no operator user
    expect(await admin.store.currentRevision()).toBe(1);
    expect((await admin.store.listUsers(mgmt)).items).toEqual([]);
    expect((await admin.store.listRootAccessKeys(mgmt)).map((k) => k.accessKeyId)).toEqual([creds.accessKeyId]);
    const audit = (await admin.store.queryAudit()).items;
    expect(audit.map((e) => e.action).sort()).toEqual(['iam:CreateAccessKey', 'organizations:AttachPolicy', 'organizations:CreateAccount',
      'organizations:CreateOrganization', 'organizations:CreatePolicy']);
    expect(new Set(audit.map((e) => e.revision))).toEqual(new Set([1]));

    // the root is allowed everything in the management account, and audited as itself
    const api = new ApiClient(admin.url, { accessKeyId: creds.accessKeyId, secret: creds.secretAccessKey });
    expectWrite(await api.post(`/v1/accounts/${mgmt}/users`, { userName: 'alice' }), 201);
    const entry = (await api.get('/v1/audit?action=iam:CreateUser')).body.items[0];
    expect(entry).toMatchObject({ caller: creds.principalArn, outcome: 'success' });
  });

  it('takes the root key from the configuration, prints no secret, and lets one of two racing replicas bootstrap', async () => {
    const fresh = freshStoreEnv(driver.name);
    cleanups.push(fresh.cleanup);
    const keyEnv = { IAM_ADMIN_BOOTSTRAP_ACCESS_KEY_ID: GIVEN.accessKeyId, IAM_ADMIN_BOOTSTRAP_SECRET_ACCESS_KEY: GIVEN.secretAccessKey };
    const [a, b] = await Promise.all([start(fresh.env, keyEnv), start(fresh.env, keyEnv)]);
    const first = a.admin.bootstrap.created ? a : b;
    const second = first === a ? b : a;
    expect(first.admin.bootstrap).toMatchObject({ created: true, credentialsSource: 'config', credentials: { accessKeyId: GIVEN.accessKeyId } });
    expect(second.admin.bootstrap).toMatchObject({ created: false, managementAccountId: first.admin.bootstrap.managementAccountId });
    expect(second.admin.bootstrap.credentials).toBeUndefined();
    expect(first.printed.join('\n')).toContain(GIVEN.accessKeyId);
    expect([...first.printed, ...second.printed, ...first.logged, ...second.logged].join('\n')).not.toContain(GIVEN.secretAccessKey);
    expect((await first.admin.store.listAccounts()).items).toHaveLength(1);
    const api = new ApiClient(second.admin.url, { accessKeyId: GIVEN.accessKeyId, secret: GIVEN.secretAccessKey });
    expect((await api.get('/v1/organization')).status).toBe(200);
  });

  it('binds the root of a member account by its SCPs, unlike the management account\'s root', async () => {
    const { admin } = await start();
    const creds = admin.bootstrap.credentials!;
    const mgmtRoot = new ApiClient(admin.url, { accessKeyId: creds.accessKeyId, secret: creds.secretAccessKey });
    expectWrite(await mgmtRoot.post('/v1/accounts', { id: '666677778888', name: 'member' }), 201);
    // member roots start without keys and only a root manages its own: the store gives this one a key
    expectError(await mgmtRoot.post('/v1/accounts/666677778888/root/access-keys'), 403, 'access_denied');
    const key = (await admin.store.createRootAccessKey('666677778888')).value;
    const memberRoot = mgmtRoot.as({ accessKeyId: key.accessKeyId, secret: key.secretAccessKey });
    expectWrite(await memberRoot.post('/v1/accounts/666677778888/users', { userName: 'm1' }), 201);
    // outside its account it is nobody
    expectError(await memberRoot.post(`/v1/accounts/${admin.bootstrap.managementAccountId}/users`, { userName: 'x' }), 403, 'access_denied');
    const scp = await mgmtRoot.post('/v1/scps', { name: 'NoUsers', document: deny('iam:CreateUser') });
    expectWrite(await mgmtRoot.put(`/v1/scps/${scp.body.policy.policyId}/targets/666677778888`));
    expectError(await memberRoot.post('/v1/accounts/666677778888/users', { userName: 'm2' }), 403, 'access_denied');
    expectWrite(await memberRoot.post('/v1/accounts/666677778888/groups', { groupName: 'g' }), 201);
    // an SCP on the root does not bind the management account
    expectWrite(await mgmtRoot.put(`/v1/scps/${scp.body.policy.policyId}/targets/${(await admin.store.getOrganization()).rootId}`));
    expectWrite(await mgmtRoot.post(`/v1/accounts/${admin.bootstrap.managementAccountId}/users`, { userName: 'still-allowed' }), 201);
  });
});

