// A PDP following the real store (SQLite in a temp folder, PostgreSQL when IAM_TEST_PG_URL is set): writes reach decisions.

import { randomBytes } from 'node:crypto';
import { join } from 'node:path';
import pg from 'pg';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { StoreConfig } from '@iam/store';
import { askUntil, startFollowingPdp, type FollowingPdp } from './test-store.ts';

/** Writes that must each reach the decisions through the store's change notifications. */
const WRITES = 20;
const PG_URL = process.env.IAM_TEST_PG_URL;
if (!PG_URL) console.warn('store-follow.test.ts: IAM_TEST_PG_URL is not set, so the PostgreSQL run is SKIPPED (SQLite still runs)');
/** This run's own PostgreSQL schema (the store creates it), dropped after the run. */
const PG_SCHEMA = `pdp_test_${process.pid}_${randomBytes(5).toString('hex')}`;

async function dropPgSchema(): Promise<void> {
  const client = new pg.Client({ connectionString: PG_URL });
  await client.connect();
  try {
    await client.query(`drop schema if exists "${PG_SCHEMA}" cascade`);
  } finally {
    await client.end();
  }
}

const DRIVERS: Array<{ name: string; config: (dir: string) => StoreConfig; skip: boolean; cleanup?: () => Promise<void> }> = [
  { name: 'sqlite', config: (dir) => ({ driver: 'sqlite', file: join(dir, 'iam.sqlite') }), skip: false },
  { name: 'postgres', config: () => ({ driver: 'postgres', url: PG_URL!, schema: PG_SCHEMA }), skip: !PG_URL, cleanup: dropPgSchema },
];

for (const driver of DRIVERS) {
  describe.skipIf(driver.skip)(`following the ${driver.name} store`, () => {
    let world: FollowingPdp;
    let account: string;

    beforeAll(async () => {
      world = await startFollowingPdp(driver.config, async (store) => {
        account = (await store.createAccount({ name: 'test' })).value.id;
      });
    }, 30_000);

    afterAll(async () => {
      try {
        await world?.close();
      } finally {
        await driver.cleanup?.();
      }
    });

    it('reflects each write in decisions through store change notifications', async () => {
      const { store, client } = world;
      for (let i = 0; i < WRITES; i++) {
        const name = `user${i}`;
        const arn = (await store.createUser({ accountId: account, name })).value.arn;
        const { revision } = await store.putInlinePolicy({ kind: 'user', accountId: account, name }, 'read', {
          Version: '2012-10-17', Statement: [{ Effect: 'Allow', Action: 'orders:GetOrder', Resource: '*' }],
        });
        const res = await askUntil(() => client.authorize({ principal: { arn }, action: 'orders:GetOrder', resource: `arn:aws:orders:eu-west-1:${account}:order/1` }), revision);
        expect(res).toMatchObject({ decision: 'ALLOW' });
        expect(res.revision).toBeGreaterThanOrEqual(revision);
      }
    });

    it('answers min_revision right after the write (read-your-writes)', async () => {
      const { revision } = await world.store.createUser({ accountId: account, name: 'ryw' });
      const res = await world.client.authorize({ principal: { arn: `arn:aws:iam::${account}:user/ryw` }, action: 'orders:GetOrder', resource: '*', min_revision: revision });
      expect(res).toMatchObject({ decision: 'IMPLICIT_DENY' });
      expect(res.revision).toBeGreaterThanOrEqual(revision);
    });
  });
}
