// A write through the admin plane's REST API reaches the PDP's decisions (one shared SQLite store, as all-in-one runs).

import { randomBytes } from 'node:crypto';
import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { authorizationHeader, loadConfig as loadAdminConfig, REVISION_HEADER, startAdmin, type RunningAdmin } from '@iam/admin';
import { openStore, type Store } from '@iam/store';
import { createPdpClient, type PdpClient } from './client.ts';
import { silentLogger } from './logger.ts';
import { startPdp, type RunningPdp } from './server.ts';
import { testConfig } from './test-world.ts';

/** Writes whose delay to a decision is measured. */
const WRITES = 10;

let dir: string;
let store: Store;
let admin: RunningAdmin;
let pdp: RunningPdp;
let client: PdpClient;
let auth: string;
let account: string;

beforeAll(async () => {
  dir = mkdtempSync(join(tmpdir(), 'pdp-admin-'));
  const file = join(dir, 'iam.sqlite');
  const key = randomBytes(32).toString('hex');
  store = await openStore({ driver: 'sqlite', file, encryptionKey: key });
  const config = loadAdminConfig({ IAM_STORE_DRIVER: 'sqlite', IAM_STORE_SQLITE_FILE: file, IAM_STORE_ENCRYPTION_KEY: key, IAM_ADMIN_PORT: '0' }, {});
  admin = await startAdmin({ config, store, logger: silentLogger, print: () => {} });
  const creds = admin.bootstrap.credentials!;
  auth = authorizationHeader(creds.accessKeyId, creds.secretAccessKey);
  account = admin.bootstrap.managementAccountId;
  pdp = await startPdp({ config: testConfig({ pollIntervalMs: 1000 }), source: store, logger: silentLogger });
  client = createPdpClient(`127.0.0.1:${pdp.grpcPort}`);
}, 30_000);

afterAll(async () => {
  client?.close();
  await pdp?.close();
  await admin?.close();
  await store?.close();
  rmSync(dir, { recursive: true, force: true });
});

async function rest(method: string, path: string, body: unknown): Promise<number> {
  const res = await fetch(`${admin.url}/v1${path}`, { method, headers: { authorization: auth, 'content-type': 'application/json' }, body: JSON.stringify(body) });
  expect(res.status, `${method} ${path}: ${await res.clone().text()}`).toBeLessThan(300);
  return Number(res.headers.get(REVISION_HEADER));
}

describe('admin plane -> PDP', () => {
  it('reflects each REST write in decisions, and measures the delay', async () => {
    const delays: number[] = [];
    for (let i = 0; i < WRITES; i++) {
      const name = `reader${i}`;
      await rest('POST', `/accounts/${account}/users`, { userName: name });
      const arn = `arn:aws:iam::${account}:user/${name}`;
      const ask = () => client.authorize({ principal: { arn }, action: 'orders:GetOrder', resource: `arn:aws:orders:eu-west-1:${account}:order/1` });
      expect((await ask()).decision).toBe('IMPLICIT_DENY');
      const started = performance.now();
      const revision = await rest('PUT', `/accounts/${account}/users/${name}/inline-policies/read`, {
        document: { Version: '2012-10-17', Statement: [{ Effect: 'Allow', Action: 'orders:GetOrder', Resource: '*' }] },
      });
      expect(revision).toBeGreaterThan(0);
      let res = await ask();
      for (let k = 0; k < 2000 && res.revision < revision; k++) res = await ask();
      delays.push(performance.now() - started);
      expect(res.decision).toBe('ALLOW');
    }
    delays.sort((a, b) => a - b);
    console.info(`admin REST write -> PDP decision: p50 ${delays[Math.floor(WRITES / 2)].toFixed(1)} ms, max ${delays.at(-1)!.toFixed(1)} ms over ${WRITES} writes`);
    expect(delays[Math.floor(WRITES / 2)]).toBeLessThan(500);
  });

  it('answers a min_revision call made right after the write without polling', async () => {
    await rest('POST', `/accounts/${account}/users`, { userName: 'ryw' });
    const revision = await rest('PUT', `/accounts/${account}/users/ryw/inline-policies/read`, {
      document: { Version: '2012-10-17', Statement: [{ Effect: 'Allow', Action: 'orders:*', Resource: '*' }] },
    });
    const res = await client.authorize({ principal: { arn: `arn:aws:iam::${account}:user/ryw` }, action: 'orders:PutOrder', resource: '*', min_revision: revision });
    expect(res.decision).toBe('ALLOW');
    expect(res.revision).toBeGreaterThanOrEqual(revision);
  });
});
