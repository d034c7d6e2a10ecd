// A PDP following the real store (SQLite in a temp folder, PostgreSQL when IAM_TEST_PG_URL is set): writes reach decisions.

import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { openStore, type Store, type StoreConfig } from '@iam/store';
import { createPdpClient, type PdpClient } from './client.ts';
import { silentLogger } from './logger.ts';
import { startPdp, type RunningPdp } from './server.ts';
import { testConfig } from './test-world.ts';

/** Writes whose delay to a decision is measured. */
const WRITES = 20;
const PG_URL = process.env.IAM_TEST_PG_URL;
if (!PG_URL) console.warn('store-follow.test.ts: IAM_TEST_PG_URL is not set, so the PostgreSQL run is SKIPPED (SQLite still runs)');

const DRIVERS: Array<{ name: string; config: (dir: string) => StoreConfig; skip: boolean }> = [
  { name: 'sqlite', config: (dir) => ({ driver: 'sqlite', file: join(dir, 'iam.sqlite') }), skip: false },
  { name: 'postgres', config: () => ({ driver: 'postgres', url: PG_URL!, schema: 'pdp_test' }), skip: !PG_URL },
];

function quantile(sorted: number[], q: number): number {
  return sorted[Math.min(sorted.length - 1, Math.ceil(q * sorted.length) - 1)];
}

for (const driver of DRIVERS) {
  describe.skipIf(driver.skip)(`following the ${driver.name} store`, () => {
    let dir: string;
    let store: Store;
    let pdp: RunningPdp;
    let client: PdpClient;
    let account: string;

    beforeAll(async () => {
      dir = mkdtempSync(join(tmpdir(), 'pdp-store-'));
      store = await openStore(driver.config(dir));
      account = (await store.createAccount({ name: 'test' })).value.id;
      pdp = await startPdp({ config: testConfig({ pollIntervalMs: 1000 }), source: store, logger: silentLogger });
      client = createPdpClient(`127.0.0.1:${pdp.grpcPort}`);
    }, 30_000);

    afterAll(async () => {
      client?.close();
      await pdp?.close();
      await store?.close();
      rmSync(dir, { recursive: true, force: true });
    });

    it('reflects each write in decisions, and measures the delay', async () => {
      const delays: number[] = [];
      for (let i = 0; i < WRITES; i++) {
        const name = `user${i}`;
        const arn = (await store.createUser({ accountId: account, name })).value.arn;
        const started = performance.now();
        const { revision } = await store.putInlinePolicy({ kind: 'user', accountId: account, name }, 'read', {
          Version: '2012-10-17', Statement: [{ Effect: 'Allow', Action: 'orders:GetOrder', Resource: '*' }],
        });
        const ask = () => client.authorize({ principal: { arn }, action: 'orders:GetOrder', resource: `arn:aws:orders:eu-west-1:${account}:order/1` });
        let res = await ask();
        for (let k = 0; k < 2000 && res.revision < revision; k++) res = await ask();
        delays.push(performance.now() - started);
        expect(res).toMatchObject({ decision: 'ALLOW' });
        expect(res.revision).toBeGreaterThanOrEqual(revision);
      }
      delays.sort((a, b) => a - b);
      console.info(`${driver.name}: write -> decision delay over ${WRITES} writes: p50 ${quantile(delays, 0.5).toFixed(1)} ms, max ${delays.at(-1)!.toFixed(1)} ms`);
      expect(quantile(delays, 0.5)).toBeLessThan(500);
    });

    it('answers min_revision right after the write (read-your-writes)', async () => {
      const { revision } = await store.createUser({ accountId: account, name: 'ryw' });
      const res = await client.authorize({ principal: { arn: `arn:aws:iam::${account}:user/ryw` }, action: 'orders:GetOrder', resource: '*', min_revision: revision });
      expect(res).toMatchObject({ decision: 'IMPLICIT_DENY' });
      expect(res.revision).toBeGreaterThanOrEqual(revision);
    });
  });
}
