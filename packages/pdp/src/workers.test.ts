// Worker threads: the same decisions as in-process, every worker at the same revision after changes, decision logs.

import { randomUUID } from 'node:crypto';
import { PassThrough } from 'node:stream';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { createEngine } from '@iam/core';
import { createPdpClient, type PdpClient } from './client.ts';
import type { AuthzRequest } from './core.ts';
import { silentLogger } from './logger.ts';
import { startPdp, type RunningPdp } from './server.ts';
import { StaticSource } from './source/static-source.ts';
import { ALICE, BOB, ORDER, TEST_WORLD, testConfig } from './test-world.ts';
import { fromWireResponse, toWireRequest } from './wire.ts';

const WORKERS = 2;
const REQUESTS: AuthzRequest[] = [ALICE, BOB].flatMap((arn) =>
  ['orders:GetOrder', 'orders:DeleteOrder', 'orders:UpdateOrder', 'orders:ListOrders'].map((action) => ({
    principal: { arn }, action, resource: ORDER, context: { 'orders:Channel': 'web', 'x:Secret': 'hunter2' }, explain: true,
  })),
);

let source: StaticSource;
let pdp: RunningPdp;
let client: PdpClient;
const lines: string[] = [];

beforeAll(async () => {
  source = new StaticSource(TEST_WORLD);
  const stdout = new PassThrough();
  stdout.on('data', (chunk) => lines.push(...String(chunk).split('\n').filter(Boolean)));
  pdp = await startPdp({
    config: testConfig({ workers: WORKERS, decisionLog: { sink: { kind: 'stdout' }, maskKeys: ['x:secret'], allowSampleRate: 1, bufferSize: 1000 } }),
    source, logger: silentLogger, stdout,
  });
  client = createPdpClient(`127.0.0.1:${pdp.grpcPort}`);
}, 30_000);

afterAll(async () => {
  client?.close();
  await pdp?.close();
});

describe('worker threads', () => {
  it('decide exactly as the engine does in-process', async () => {
    const engine = await createEngine(TEST_WORLD);
    for (const request of REQUESTS) {
      const { revision, ...remote } = fromWireResponse(await client.authorize(toWireRequest(request)));
      expect(remote).toEqual(engine.authorize(request));
      expect(revision).toBe(1);
    }
    const batch = await client.batchAuthorize({ requests: REQUESTS.map((r) => toWireRequest(r)) });
    expect(batch.results.map((r) => fromWireResponse(r).decision)).toEqual(engine.authorizeBatch(REQUESTS).map((r) => r.decision));
  });

  it('keep every worker at the same revision after changes', async () => {
    const revision = source.commit([{ op: 'delete', kind: 'user', key: ALICE }]);
    // The first call waits for the revision; every call after it, on any worker, must see it too.
    const first = await client.authorize({ ...toWireRequest(REQUESTS[0]), min_revision: revision });
    expect(first).toMatchObject({ decision: 'IMPLICIT_DENY', revision });
    const after = await Promise.all(Array.from({ length: 40 }, () => client.authorize(toWireRequest(REQUESTS[0]))));
    expect(new Set(after.map((r) => `${r.decision}@${r.revision}`))).toEqual(new Set([`IMPLICIT_DENY@${revision}`]));
    expect(pdp.health()).toMatchObject({ revision, workers: WORKERS });
  });

  it('log each decision with the caller, latency and masked context keys', async () => {
    // Events of the previous test's calls may still arrive: this call carries a nonce, and its event is the one with it.
    const nonce = randomUUID();
    const request = { ...REQUESTS[0], context: { ...REQUESTS[0].context, 'x:Nonce': nonce } };
    await client.authorize(toWireRequest(request));
    const own = () => lines.map((l) => JSON.parse(l)).filter((e) => e.request?.context?.['x:Nonce'] === nonce);
    for (let i = 0; i < 200 && own().length === 0; i++) await new Promise((r) => setTimeout(r, 10));
    expect(own()).toHaveLength(1);
    const event = own()[0];
    expect(event).toMatchObject({ method: 'Authorize', decision: 'ImplicitDeny', request: { action: 'orders:GetOrder', context: { 'x:Secret': '****', 'orders:Channel': 'web', 'x:Nonce': nonce } } });
    expect(event.caller).toMatch(/127\.0\.0\.1/);
    expect(event.latencyMs).toBeGreaterThan(0);
    expect(typeof event.id).toBe('string');
    expect(lines.join('\n')).not.toContain('hunter2');
  });
});
