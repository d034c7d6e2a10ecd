// A write through the admin plane's REST API reaches the PDP's decisions (one shared SQLite store, as all-in-one runs).
// The admin plane is what is under test (its routes write, its bootstrap makes the credentials), hence @iam/admin;
// writes made with the store API directly are store-follow.test.ts.

import { randomBytes } from 'node:crypto';
import { join } from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { authorizationHeader, loadConfig as loadAdminConfig, REVISION_HEADER, startAdmin, type RunningAdmin } from '@iam/admin';
import { silentLogger } from './logger.ts';
import { askUntil, startFollowingPdp, type FollowingPdp } from './test-store.ts';

/** REST writes that must each reach the decisions through the store's change notifications. */
const WRITES = 10;

let world: FollowingPdp;
let admin: RunningAdmin;
let auth: string;
let account: string;

beforeAll(async () => {
  const key = randomBytes(32).toString('hex');
  const file = (dir: string) => join(dir, 'iam.sqlite');
  world = await startFollowingPdp(
    (dir) => ({ driver: 'sqlite', file: file(dir), encryptionKey: key }),
    async (store, dir) => {
      const config = loadAdminConfig({ IAM_STORE_DRIVER: 'sqlite', IAM_STORE_SQLITE_FILE: file(dir), IAM_STORE_ENCRYPTION_KEY: key, IAM_ADMIN_PORT: '0' }, {});
      admin = await startAdmin({ config, store, logger: silentLogger, print: () => {} });
    },
  );
  const creds = admin.bootstrap.credentials!;
  auth = authorizationHeader(creds.accessKeyId, creds.secretAccessKey);
  account = admin.bootstrap.managementAccountId;
}, 30_000);

afterAll(async () => {
  await admin?.close();
  await world?.close();
});

async function rest(method: string, path: string, body: unknown): Promise<number> {
  const res = await fetch(`${admin.url}/v1${path}`, { method, headers: { authorization: auth, 'content-type': 'application/json' }, body: JSON.stringify(body) });
  expect(res.status, `${method} ${path}: ${await res.clone().text()}`).toBeLessThan(300);
  return Number(res.headers.get(REVISION_HEADER));
}

describe('admin plane -> PDP', () => {
  it('reflects each REST write in decisions through store change notifications', async () => {
    for (let i = 0; i < WRITES; i++) {
      const name = `reader${i}`;
      await rest('POST', `/accounts/${account}/users`, { userName: name });
      const arn = `arn:aws:iam::${account}:user/${name}`;
      const ask = () => world.client.authorize({ principal: { arn }, action: 'orders:GetOrder', resource: `arn:aws:orders:eu-west-1:${account}:order/1` });
      expect((await ask()).decision).toBe('IMPLICIT_DENY');
      const revision = await rest('PUT', `/accounts/${account}/users/${name}/inline-policies/read`, {
        document: { Version: '2012-10-17', Statement: [{ Effect: 'Allow', Action: 'orders:GetOrder', Resource: '*' }] },
      });
      expect(revision).toBeGreaterThan(0);
      const res = await askUntil(ask, revision);
      expect(res.decision).toBe('ALLOW');
    }
  });

  it('answers a min_revision call made right after the write without polling', async () => {
    await rest('POST', `/accounts/${account}/users`, { userName: 'ryw' });
    const revision = await rest('PUT', `/accounts/${account}/users/ryw/inline-policies/read`, {
      document: { Version: '2012-10-17', Statement: [{ Effect: 'Allow', Action: 'orders:*', Resource: '*' }] },
    });
    const res = await world.client.authorize({ principal: { arn: `arn:aws:iam::${account}:user/ryw` }, action: 'orders:PutOrder', resource: '*', min_revision: revision });
    expect(res.decision).toBe('ALLOW');
    expect(res.revision).toBeGreaterThanOrEqual(revision);
  });
});
