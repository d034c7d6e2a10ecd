// End-to-end tests of a PDP on port 0: decisions, explanations, batch modes, min_revision, changes, health, reflection.

import * as grpc from '@grpc/grpc-js';
import * as protoLoader from '@grpc/proto-loader';
import { protoPath as healthProtoPath } from 'grpc-health-check';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { LOADER_OPTIONS } from '@iam/proto';
import { createPdpClient, type PdpClient } from './client.ts';
import { silentLogger } from './logger.ts';
import { startPdp, type RunningPdp } from './server.ts';
import { StaticSource } from './source/static-source.ts';
import { ALICE, ALICE_POLICY, BOB, ORDER, TEST_WORLD, testConfig } from './test-world.ts';

const REFLECTION_PROTO = new URL('../../../node_modules/@grpc/reflection/build/proto/grpc/reflection/v1/reflection.proto', import.meta.url).pathname;

let source: StaticSource;
let pdp: RunningPdp;
let client: PdpClient;

beforeAll(async () => {
  source = new StaticSource(TEST_WORLD);
  pdp = await startPdp({ config: testConfig(), source, logger: silentLogger });
  client = createPdpClient(`127.0.0.1:${pdp.grpcPort}`);
});

afterAll(async () => {
  client?.close();
  await pdp?.close();
});

const ask = (principal: string, action: string, extra: Record<string, unknown> = {}) =>
  client.authorize({ principal: { arn: principal }, action, resource: ORDER, ...extra });

describe('Authorize', () => {
  it('answers the three outcomes with the revision they reflect', async () => {
    expect(await ask(ALICE, 'orders:GetOrder')).toMatchObject({ decision: 'ALLOW', revision: 1, reasons: [] });
    expect((await ask(ALICE, 'orders:DeleteOrder')).decision).toBe('EXPLICIT_DENY');
    expect((await ask(BOB, 'orders:GetOrder')).decision).toBe('IMPLICIT_DENY');
  });

  it('explains when asked: deciding statements, denying layer, missing context keys', async () => {
    const deny = await ask(ALICE, 'orders:DeleteOrder', { explain: true });
    expect(deny.reasons).toEqual([{ policy_id: ALICE_POLICY, statement_index: 1, sid: 'NoDelete', effect: 'EFFECT_DENY', layer: 'LAYER_IDENTITY' }]);
    expect(deny.denied_by).toBe('LAYER_IDENTITY');
    const missing = await ask(ALICE, 'orders:UpdateOrder', { explain: true });
    expect(missing.decision).toBe('IMPLICIT_DENY');
    expect(missing.missing_context_keys.map((k) => k.toLowerCase())).toContain('orders:channel');
  });

  it('passes typed context values to the conditions', async () => {
    expect((await ask(ALICE, 'orders:UpdateOrder', { context: { 'orders:Channel': { string_value: 'web' } } })).decision).toBe('ALLOW');
    expect((await ask(ALICE, 'orders:UpdateOrder', { context: { 'orders:Channel': { string_value: 'api' } } })).decision).toBe('IMPLICIT_DENY');
  });
});

describe('BatchAuthorize', () => {
  const requests = [
    { principal: { arn: ALICE }, action: 'orders:GetOrder', resource: ORDER },
    { principal: { arn: BOB }, action: 'orders:GetOrder', resource: ORDER },
    { principal: { arn: ALICE }, action: 'orders:ListOrders', resource: ORDER },
  ];

  it('evaluates all by default, in request order', async () => {
    const res = await client.batchAuthorize({ requests });
    expect(res.results.map((r) => r.decision)).toEqual(['ALLOW', 'IMPLICIT_DENY', 'ALLOW']);
    expect(res.revision).toBe(1);
  });

  it('stops at the first deny or the first allow', async () => {
    const deny = await client.batchAuthorize({ requests, mode: 'BATCH_MODE_DENY_ON_FIRST_DENY' });
    expect(deny.results.map((r) => r.decision)).toEqual(['ALLOW', 'IMPLICIT_DENY']);
    const permit = await client.batchAuthorize({ requests: requests.slice(1), mode: 'BATCH_MODE_PERMIT_ON_FIRST_PERMIT' });
    expect(permit.results.map((r) => r.decision)).toEqual(['IMPLICIT_DENY', 'ALLOW']);
  });
});

describe('following the store', () => {
  it('reflects a write in decisions, and measures the delay', async () => {
    const started = performance.now();
    const revision = source.commit([{ op: 'put', kind: 'user', value: { arn: BOB, managedPolicies: [], inlinePolicies: [
      { name: 'read', document: { Version: '2012-10-17', Statement: [{ Effect: 'Allow', Action: 'orders:GetOrder', Resource: '*' }] } },
    ] } }]);
    let res = await ask(BOB, 'orders:GetOrder');
    for (let i = 0; i < 200 && res.revision < revision; i++) {
      await new Promise((r) => setTimeout(r, 1));
      res = await ask(BOB, 'orders:GetOrder');
    }
    const delayMs = performance.now() - started;
    console.info(`write reflected in decisions after ${delayMs.toFixed(1)} ms`);
    expect(res).toMatchObject({ decision: 'ALLOW', revision });
    expect(delayMs).toBeLessThan(1000);
  });

  it('min_revision waits for the write it names (read-your-writes)', async () => {
    source.setReachable(false);
    const revision = source.commit([{ op: 'delete', kind: 'user', key: BOB }]);
    const pending = ask(BOB, 'orders:GetOrder', { min_revision: revision });
    await new Promise((r) => setTimeout(r, 50));
    source.setReachable(true);
    expect(await pending).toMatchObject({ decision: 'IMPLICIT_DENY', revision });
  });

  it('min_revision beyond the store fails with FAILED_PRECONDITION within the deadline', async () => {
    let started = Date.now();
    const capped = await ask(ALICE, 'orders:GetOrder', { min_revision: 999 }).catch((e) => e);
    expect(capped.code).toBe(grpc.status.FAILED_PRECONDITION);
    expect(capped.details).toBe('`min_revision` 999 is not reached yet; try again later');
    expect(Date.now() - started).toBeGreaterThanOrEqual(testConfig().maxRevisionWaitMs - 50);
    started = Date.now();
    const request = { principal: { arn: ALICE }, action: 'orders:GetOrder', resource: ORDER, min_revision: 999 };
    const failed = await client.authorize(request, { deadline: Date.now() + 150 }).catch((e) => e);
    expect(failed.code).toBe(grpc.status.FAILED_PRECONDITION);
    expect(Date.now() - started).toBeLessThan(testConfig().maxRevisionWaitMs);
  });

  it('keeps serving the last good world while the store is down, and reports staleness', async () => {
    const before = (await ask(ALICE, 'orders:GetOrder')).revision;
    source.setReachable(false);
    try {
      source.commit([{ op: 'put', kind: 'user', value: { arn: BOB } }]);
      await new Promise((r) => setTimeout(r, 400));
      expect(await ask(ALICE, 'orders:GetOrder')).toMatchObject({ decision: 'ALLOW', revision: before });
      const health = pdp.health();
      expect(health).toMatchObject({ status: 'degraded', stale: true, revision: before });
      expect(health.stalenessSeconds).toBeGreaterThan(0.2);
      const metrics = await (await fetch(`http://127.0.0.1:${pdp.httpPort}/metrics`)).text();
      expect(Number(/^iam_pdp_store_staleness_seconds (\S+)$/m.exec(metrics)?.[1])).toBeGreaterThan(0.2);
      const healthz = (await (await fetch(`http://127.0.0.1:${pdp.httpPort}/healthz`)).json()) as { status: string };
      expect(healthz.status).toBe('degraded');
    } finally {
      source.setReachable(true);
    }
    const fresh = await ask(ALICE, 'orders:GetOrder', { min_revision: before + 1 });
    expect(fresh.revision).toBe(before + 1);
    expect(pdp.health()).toMatchObject({ status: 'serving', stale: false, stalenessSeconds: 0 });
  });
});

describe('standard services', () => {
  it('serves gRPC health for the whole server and for the authz service', async () => {
    const health = grpc.loadPackageDefinition(protoLoader.loadSync(healthProtoPath, LOADER_OPTIONS)) as any;
    const hc = new health.grpc.health.v1.Health(`127.0.0.1:${pdp.grpcPort}`, grpc.credentials.createInsecure());
    const check = (service: string) => new Promise<any>((resolve, reject) => hc.Check({ service }, (e: Error, r: unknown) => (e ? reject(e) : resolve(r))));
    try {
      expect((await check('')).status).toBe('SERVING');
      expect((await check('iam.authz.v1.AuthzService')).status).toBe('SERVING');
    } finally {
      hc.close();
    }
  });

  it('lists its services over reflection', async () => {
    const reflection = grpc.loadPackageDefinition(protoLoader.loadSync(REFLECTION_PROTO, LOADER_OPTIONS)) as any;
    const rc = new reflection.grpc.reflection.v1.ServerReflection(`127.0.0.1:${pdp.grpcPort}`, grpc.credentials.createInsecure());
    try {
      const names = await new Promise<string[]>((resolve, reject) => {
        const call = rc.ServerReflectionInfo();
        call.on('data', (m: any) => {
          resolve(m.list_services_response.service.map((s: { name: string }) => s.name));
          call.end();
        });
        call.on('error', reject);
        call.write({ list_services: '' });
      });
      expect(names).toEqual(expect.arrayContaining(['iam.authz.v1.AuthzService', 'grpc.health.v1.Health']));
    } finally {
      rc.close();
    }
  });
});
