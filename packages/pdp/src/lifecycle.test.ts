// Start and graceful shutdown: health flips to NOT_SERVING, calls in flight finish, then the ports close.

import * as grpc from '@grpc/grpc-js';
import * as protoLoader from '@grpc/proto-loader';
import { protoPath as healthProtoPath } from 'grpc-health-check';
import { describe, expect, it } from 'vitest';
import { LOADER_OPTIONS } from '@iam/proto';
import { createPdpClient } from './client.ts';
import type { ChangeBatch } from './core.ts';
import { silentLogger } from './logger.ts';
import { startPdp } from './server.ts';
import { StaticSource } from './source/static-source.ts';
import { ALICE, ORDER, TEST_WORLD, testConfig } from './test-world.ts';

const until = async (check: () => boolean, what: string) => {
  for (let i = 0; i < 300; i++) {
    if (check()) return;
    await new Promise((r) => setTimeout(r, 10));
  }
  throw new Error(`timed out waiting for ${what}`);
};

/** Counts `changesSince` calls: a min_revision call ahead of the world asks for changes as it starts waiting. */
class CountingSource extends StaticSource {
  changesAsked = 0;

  override changesSince(revision: number): Promise<ChangeBatch | null> {
    this.changesAsked++;
    return super.changesSince(revision);
  }
}

describe('lifecycle', () => {
  it('drains on close: NOT_SERVING first, calls in flight answered, then nothing listens', async () => {
    const source = new CountingSource(TEST_WORLD);
    // No poll during the test: after start, only the waiting call asks for changes.
    const config = testConfig({ shutdownGraceMs: 800, maxRevisionWaitMs: 3000, pollIntervalMs: 3_600_000 });
    const pdp = await startPdp({ config, source, logger: silentLogger });
    const address = `127.0.0.1:${pdp.grpcPort}`;
    const client = createPdpClient(address);
    const health = grpc.loadPackageDefinition(protoLoader.loadSync(healthProtoPath, LOADER_OPTIONS)) as any;
    const hc = new health.grpc.health.v1.Health(address, grpc.credentials.createInsecure());
    try {
      const statuses: string[] = [];
      const watch = hc.Watch({ service: '' });
      watch.on('data', (m: { status: string }) => statuses.push(m.status));
      watch.on('error', () => undefined);
      await until(() => statuses.length > 0, 'the first health status');
      expect(statuses).toEqual(['SERVING']);

      // A call waiting for a revision the store has not reached yet, in flight while the PDP closes.
      const asked = source.changesAsked;
      const inFlight = client.authorize({ principal: { arn: ALICE }, action: 'orders:GetOrder', resource: ORDER, min_revision: 2 });
      await until(() => source.changesAsked > asked, 'the call to wait for revision 2');
      const closing = pdp.close();
      await until(() => statuses.length > 1, 'NOT_SERVING');
      expect(statuses).toEqual(['SERVING', 'NOT_SERVING']);
      expect(pdp.health().status).toBe('not_serving');
      source.commit([]);
      expect(await inFlight).toMatchObject({ decision: 'ALLOW', revision: 2 });
      await closing;

      const after = await client.authorize({ principal: { arn: ALICE }, action: 'orders:GetOrder', resource: ORDER }, { deadline: Date.now() + 500 }).catch((e) => e);
      expect([grpc.status.UNAVAILABLE, grpc.status.DEADLINE_EXCEEDED]).toContain(after.code);
      await expect(fetch(`http://127.0.0.1:${pdp.httpPort}/healthz`)).rejects.toThrow();
    } finally {
      hc.close();
      client.close();
      await pdp.close();
    }
  });

  it('fails to start, cleaning up, when the first world cannot be loaded', async () => {
    const source = new StaticSource(TEST_WORLD);
    source.setReachable(false);
    await expect(startPdp({ config: testConfig(), source, logger: silentLogger })).rejects.toThrow('world source is unreachable');
  });
});
