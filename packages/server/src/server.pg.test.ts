// The all-in-one on PostgreSQL (IAM_STORE_DRIVER=postgres), in a schema of its own: demo seeded once, decisions over gRPC.

import { randomBytes } from 'node:crypto';
import pg from 'pg';
import { afterAll, describe, expect, it } from 'vitest';
import { createPdpClient, silentLogger } from '@iam/pdp';
import { loadServerConfig } from './config.ts';
import { startServer } from './server.ts';

const PG_URL = process.env.IAM_TEST_PG_URL;
if (!PG_URL) console.warn('server.pg.test.ts: IAM_TEST_PG_URL is not set, skipping the all-in-one on PostgreSQL');

const SCHEMA = `server_test_${randomBytes(4).toString('hex')}`;

describe.skipIf(!PG_URL)('all-in-one on PostgreSQL', () => {
  afterAll(async () => {
    const client = new pg.Client({ connectionString: PG_URL });
    await client.connect();
    try {
      await client.query(`drop schema if exists ${SCHEMA} cascade`);
    } finally {
      await client.end();
    }
  });

  it('seeds the demo on the first start only and answers from it', async () => {
    const config = loadServerConfig({
      IAM_STORE_DRIVER: 'postgres', IAM_STORE_PG_URL: PG_URL, IAM_STORE_PG_SCHEMA: SCHEMA, IAM_STORE_ENCRYPTION_KEY: randomBytes(32).toString('hex'),
      IAM_ADMIN_PORT: '0', IAM_PDP_GRPC_PORT: '0', IAM_PDP_HTTP_PORT: '0', IAM_PDP_WORKERS: '0',
    });
    for (const first of [true, false]) {
      const server = await startServer({ config, logger: silentLogger, print: () => {} });
      const client = createPdpClient(server.grpcAddress);
      try {
        expect(server.store.driver).toBe('postgres');
        expect(server.bootstrap.created).toBe(first);
        expect(server.demo?.seeded).toBe(first);
        const res = await client.authorize({
          principal: { arn: 'arn:aws:iam::111122223333:user/bob' }, action: 'orders:DeleteOrder', resource: 'arn:aws:orders:eu-west-1:111122223333:order/1',
        });
        expect(res.decision).toBe('EXPLICIT_DENY');
      } finally {
        client.close();
        await server.close();
      }
    }
  });
});
