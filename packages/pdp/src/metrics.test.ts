// Scrapes /metrics around real traffic and checks that the counters move by exactly what was sent.

import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { createPdpClient, type PdpClient } from './client.ts';
import { silentLogger } from './logger.ts';
import { startPdp, type RunningPdp } from './server.ts';
import { StaticSource } from './source/static-source.ts';
import { ALICE, BOB, ORDER, TEST_WORLD, testConfig } from './test-world.ts';

let pdp: RunningPdp;
let client: PdpClient;

beforeAll(async () => {
  pdp = await startPdp({ config: testConfig(), source: new StaticSource(TEST_WORLD), logger: silentLogger });
  client = createPdpClient(`127.0.0.1:${pdp.grpcPort}`);
});

afterAll(async () => {
  client?.close();
  await pdp?.close();
});

async function scrape(): Promise<string> {
  const res = await fetch(`http://127.0.0.1:${pdp.httpPort}/metrics`);
  expect(res.headers.get('content-type')).toMatch(/^text\/plain/);
  return res.text();
}

/** The value of one sample (0 when absent). */
function sample(text: string, series: string): number {
  const line = text.split('\n').find((l) => l.startsWith(series + ' '));
  return line ? Number(line.slice(series.length + 1)) : 0;
}

describe('/metrics', () => {
  it('moves the counters with traffic', async () => {
    const before = await scrape();
    const ask = (arn: string, action: string) => client.authorize({ principal: { arn }, action, resource: ORDER });
    await ask(ALICE, 'orders:GetOrder');
    await ask(ALICE, 'orders:GetOrder');
    await ask(ALICE, 'orders:DeleteOrder');
    await client.batchAuthorize({ requests: [{ principal: { arn: BOB }, action: 'orders:GetOrder', resource: ORDER }, { principal: { arn: ALICE }, action: 'orders:ListOrders', resource: ORDER }] });
    await ask(ALICE, '').catch(() => undefined);
    const after = await scrape();
    const delta = (series: string) => sample(after, series) - sample(before, series);
    expect(delta('iam_pdp_decisions_total{outcome="allow"}')).toBe(3);
    expect(delta('iam_pdp_decisions_total{outcome="explicit_deny"}')).toBe(1);
    expect(delta('iam_pdp_decisions_total{outcome="implicit_deny"}')).toBe(1);
    expect(delta('iam_pdp_rpc_duration_seconds_count{method="Authorize",code="OK"}')).toBe(3);
    expect(delta('iam_pdp_rpc_duration_seconds_count{method="BatchAuthorize",code="OK"}')).toBe(1);
    expect(delta('iam_pdp_rpc_duration_seconds_count{method="Authorize",code="INVALID_ARGUMENT"}')).toBe(1);
    expect(delta('iam_pdp_batch_size_requests_sum')).toBe(2);
    expect(delta('iam_pdp_evaluation_duration_seconds_count{method="Authorize"}')).toBe(3);
    expect(sample(after, 'iam_pdp_world_revision')).toBe(1);
    expect(sample(after, 'iam_pdp_image_size_bytes')).toBeGreaterThan(0);
    expect(sample(after, 'iam_pdp_world_reloads_total{kind="snapshot"}')).toBe(1);
    expect(sample(after, 'iam_pdp_store_staleness_seconds')).toBe(0);
    expect(after).toMatch(/^process_cpu_user_seconds_total /m);
    expect(after).not.toContain(ALICE);
  });

  it('serves /healthz on the same port and 404 elsewhere', async () => {
    const health = await fetch(`http://127.0.0.1:${pdp.httpPort}/healthz`);
    expect(health.status).toBe(200);
    expect(await health.json()).toMatchObject({ status: 'serving', revision: 1, stale: false, workers: 0 });
    expect((await fetch(`http://127.0.0.1:${pdp.httpPort}/nope`)).status).toBe(404);
  });
});
