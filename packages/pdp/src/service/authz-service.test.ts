// Fault injection into the service: an evaluator that breaks yields INTERNAL with a generic message, the detail goes to the log.

import * as grpc from '@grpc/grpc-js';
import { Registry } from 'prom-client';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { createPdpClient, type PdpClient } from '../client.ts';
import type { Executor } from '../exec/executor.ts';
import type { Logger } from '../logger.ts';
import { createMetrics } from '../metrics.ts';
import { ALICE, ORDER } from '../test-world.ts';
import { AuthzService } from './authz-service.ts';
import { INTERNAL_MESSAGE } from './evaluator.ts';

/** An executor whose evaluation fails the way a bug would: a thrown error, or a rejected promise. */
class BrokenExecutor implements Executor {
  readonly threads = 0;
  async: boolean = false;
  run() {
    if (this.async) return Promise.reject(new Error('secret detail: heap corrupted'));
    throw new Error('secret detail: heap corrupted');
  }
  async load(): Promise<never> { throw new Error('not used'); }
  async apply(): Promise<never> { throw new Error('not used'); }
  onWorldLost(): void {}
  async close(): Promise<void> {}
}

const logged: Array<{ msg: string; fields?: Record<string, unknown> }> = [];
const logger: Logger = { debug() {}, info() {}, warn() {}, error: (msg, fields) => logged.push({ msg, fields }) };
const executor = new BrokenExecutor();
let server: grpc.Server;
let client: PdpClient;

beforeAll(async () => {
  server = new grpc.Server();
  const metrics = createMetrics(new Registry(), { staleness: () => 0, defaultMetrics: false });
  new AuthzService(executor, { waitFor: async () => true }, metrics, null, logger, { maxRevisionWaitMs: 100 }).addToServer(server);
  const port = await new Promise<number>((resolve, reject) =>
    server.bindAsync('127.0.0.1:0', grpc.ServerCredentials.createInsecure(), (err, p) => (err ? reject(err) : resolve(p))));
  client = createPdpClient(`127.0.0.1:${port}`);
});

afterAll(() => {
  client?.close();
  server?.forceShutdown();
});

describe('AuthzService failures', () => {
  it.each([false, true])('answers INTERNAL with a generic message and logs the detail (async: %s)', async (async) => {
    executor.async = async;
    logged.length = 0;
    const err = await client.authorize({ principal: { arn: ALICE }, action: 'orders:GetOrder', resource: ORDER }).catch((e) => e);
    expect(err.code).toBe(grpc.status.INTERNAL);
    expect(err.details).toBe(INTERNAL_MESSAGE);
    expect(JSON.stringify(logged)).toContain('secret detail: heap corrupted');
  });
});
