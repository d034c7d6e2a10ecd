// The all-in-one in process over a temporary SQLite file: demo decisions over gRPC, a REST write reaching the PDP, one registry, restart.

import { existsSync, mkdtempSync, rmSync } from 'node:fs';
import { createServer, type AddressInfo } from 'node:net';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { createPdpClient, silentLogger, type PdpClient } from '@iam/pdp';
import { loadServerConfig, type ServerConfig } from './config.ts';
import { startServer, type RunningServer } from './server.ts';
import { bootstrapKey, rest, testEnv } from './test-helpers.ts';

const ACCOUNT = '111122223333';
const ORDER = `arn:aws:orders:eu-west-1:${ACCOUNT}:order/42`;
const user = (name: string) => `arn:aws:iam::${ACCOUNT}:user/${name}`;

let dir: string;
let file: string;
let config: ServerConfig;
let server: RunningServer | undefined;
let client: PdpClient | undefined;

async function start(): Promise<RunningServer> {
  server = await startServer({ config, logger: silentLogger, print: () => {} });
  client?.close();
  client = createPdpClient(server.grpcAddress);
  return server;
}

async function stop(): Promise<void> {
  client?.close();
  client = undefined;
  await server?.close();
  server = undefined;
}

beforeAll(async () => {
  dir = mkdtempSync(join(tmpdir(), 'iam-server-'));
  file = join(dir, 'data', 'iam.db');
  config = loadServerConfig(testEnv(file));
  await start();
});

afterAll(async () => {
  await stop();
  rmSync(dir, { recursive: true, force: true });
});

describe('all-in-one, first start', () => {
  it('creates the store folder, bootstraps the store and seeds the demo into the management account', () => {
    expect(existsSync(file)).toBe(true);
    expect(server!.bootstrap).toMatchObject({ created: true, managementAccountId: ACCOUNT });
    expect(server!.bootstrap.credentials?.accessKeyId).toMatch(/^AKIA/);
    expect(server!.demo).toMatchObject({ seeded: true, accountId: ACCOUNT });
  });

  it('answers questions about the demo world over gRPC, with explanations', async () => {
    const ask = (arn: string, action: string, mfa?: boolean) =>
      client!.authorize({ principal: { arn, ...(mfa === undefined ? {} : { mfa_present: mfa }) }, action, resource: ORDER, explain: true });
    const aliceGet = await ask(user('alice'), 'orders:GetOrder');
    expect(aliceGet.decision).toBe('ALLOW');
    expect(aliceGet.reasons.map((r) => r.policy_id)).toEqual([`arn:aws:iam::${ACCOUNT}:policy/OrdersRead`]);
    expect((await ask(user('alice'), 'orders:DeleteOrder')).decision).toBe('IMPLICIT_DENY');
    const bobNoMfa = await ask(user('bob'), 'orders:DeleteOrder');
    expect(bobNoMfa.decision).toBe('EXPLICIT_DENY');
    expect(bobNoMfa.reasons.map((r) => r.sid)).toEqual(['DenyDeleteWithoutMfa']);
    expect((await ask(user('bob'), 'orders:DeleteOrder', false)).decision).toBe('EXPLICIT_DENY');
    expect((await ask(user('bob'), 'orders:DeleteOrder', true)).decision).toBe('ALLOW');
    const shared = await client!.authorize({ principal: { arn: user('bob') }, action: 'orders:GetOrder', resource: `arn:aws:orders:eu-west-1:${ACCOUNT}:order/shared`, explain: true });
    expect(shared.reasons.map((r) => r.layer)).toContain('LAYER_RESOURCE');
  });

  it('reflects a write through the admin REST API in the next PDP decision', async () => {
    const key = bootstrapKey(server!);
    const created = await rest(server!.adminUrl, key, 'POST', `/accounts/${ACCOUNT}/users`, { userName: 'carol' });
    expect(created.status, created.text).toBe(201);
    const carolGet = () => client!.authorize({ principal: { arn: user('carol') }, action: 'orders:GetOrder', resource: ORDER, min_revision: created.revision });
    expect((await carolGet()).decision).toBe('IMPLICIT_DENY');
    const joined = await rest(server!.adminUrl, key, 'PUT', `/accounts/${ACCOUNT}/groups/developers/members/carol`);
    expect(joined.status, joined.text).toBeLessThan(300);
    expect(joined.revision).toBeGreaterThan(created.revision);
    const after = await client!.authorize({ principal: { arn: user('carol') }, action: 'orders:GetOrder', resource: ORDER, min_revision: joined.revision });
    expect(after).toMatchObject({ decision: 'ALLOW' });
    expect(after.revision).toBeGreaterThanOrEqual(joined.revision);
  });

  it('serves the metrics of both halves from one registry on both metrics endpoints', async () => {
    for (const url of [`${server!.adminUrl}/metrics`, `${server!.pdpHttpUrl}/metrics`]) {
      const text = await (await fetch(url)).text();
      expect(text, url).toMatch(/^iam_admin_requests_total\{/m);
      expect(text, url).toMatch(/^iam_pdp_decisions_total\{outcome="allow"\} [1-9]/m);
      expect(text, url).toMatch(/^process_cpu_seconds_total /m);
    }
    const health = (await (await fetch(`${server!.pdpHttpUrl}/healthz`)).json()) as { status: string };
    expect(health.status).toBe('serving');
  });
});

describe('all-in-one, second start on the same file', () => {
  it('neither bootstraps nor seeds again, and serves what the first run wrote', async () => {
    const revision = await server!.store.currentRevision();
    await stop();
    await start();
    expect(server!.bootstrap.created).toBe(false);
    expect(server!.bootstrap.credentials).toBeUndefined();
    expect(server!.demo).toEqual({ seeded: false, accountId: ACCOUNT, revision });
    expect(await server!.store.currentRevision()).toBe(revision);
    const carol = await client!.authorize({ principal: { arn: user('carol') }, action: 'orders:ListOrders', resource: ORDER });
    expect(carol.decision).toBe('ALLOW');
    expect(carol.revision).toBe(revision);
  });
});

describe('all-in-one, failed start', () => {
  it('fails when the PDP cannot listen, says the printed key is the only copy, and the next start resumes the store', async () => {
    const blocker = createServer();
    await new Promise<void>((resolve) => blocker.listen(0, '127.0.0.1', resolve));
    const busyPort = (blocker.address() as AddressInfo).port;
    const failDir = mkdtempSync(join(tmpdir(), 'iam-server-fail-'));
    const lines: string[] = [];
    try {
      const failing = loadServerConfig(testEnv(join(failDir, 'iam.db'), { IAM_PDP_GRPC_PORT: String(busyPort) }));
      await expect(startServer({ config: failing, logger: silentLogger, print: (l) => lines.push(l) })).rejects.toThrow(/address already in use/);
      expect(lines.at(-1)).toBe('iam-server: the operator key printed above was created by this failed start and is not shown again');
      // the generated key was shown once, as the export line, before the PDP failed
      const keyLines = lines.filter((l) => l.includes("export IAM_KEY='"));
      expect(keyLines).toHaveLength(1);
      const secret = /:([^:']+)'$/.exec(keyLines[0])![1];
      expect(lines.filter((l) => l.includes(secret))).toHaveLength(1);
      // The next start finds the store bootstrapped and seeded by the failed one, and prints no key.
      const again = await startServer({ config: loadServerConfig(testEnv(join(failDir, 'iam.db'))), logger: silentLogger, print: (l) => lines.push(l) });
      expect([again.bootstrap.created, again.demo?.seeded]).toEqual([false, false]);
      await again.close();
    } finally {
      blocker.close();
      rmSync(failDir, { recursive: true, force: true });
    }
  });
});
