// Malformed and hostile requests: each gets INVALID_ARGUMENT or RESOURCE_EXHAUSTED, and the server keeps serving.

import * as grpc from '@grpc/grpc-js';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { AUTHZ_SERVICE_NAME, loadAuthzPackage, type AuthorizeRequest } from '@iam/proto';
import { DEFAULT_LIMITS } from './config.ts';
import { silentLogger } from './logger.ts';
import { startPdp, type RunningPdp } from './server.ts';
import { StaticSource } from './source/static-source.ts';
import { ALICE, ORDER, TEST_WORLD, testConfig } from './test-world.ts';

const { service } = loadAuthzPackage();
const identity = (b: Buffer): Buffer => b;
const GOOD: AuthorizeRequest = { principal: { arn: ALICE }, action: 'orders:GetOrder', resource: ORDER };

let pdp: RunningPdp;
let raw: grpc.Client;

beforeAll(async () => {
  pdp = await startPdp({ config: testConfig(), source: new StaticSource(TEST_WORLD), logger: silentLogger });
  raw = new grpc.Client(`127.0.0.1:${pdp.grpcPort}`, grpc.credentials.createInsecure(), { 'grpc.max_send_message_length': -1 });
});

afterAll(async () => {
  raw?.close();
  await pdp?.close();
});

/** Sends raw bytes to a method; resolves with the status code and details (OK with the decoded decision). */
function send(method: 'Authorize' | 'BatchAuthorize', bytes: Buffer): Promise<{ code: number; details: string }> {
  return new Promise((resolve) => {
    raw.makeUnaryRequest(`/${AUTHZ_SERVICE_NAME}/${method}`, identity, identity, bytes, (err, res) => {
      if (err) resolve({ code: err.code, details: err.details });
      else resolve({ code: grpc.status.OK, details: String(service.Authorize.responseDeserialize(res!).decision) });
    });
  });
}

const encode = (r: AuthorizeRequest) => service.Authorize.requestSerialize(r);

describe('hostile requests', () => {
  it.each([
    ['garbage bytes', Buffer.from([0xff, 0xff, 0xff, 0xff, 0xff, 0xff, 0xff, 0xff, 0xff, 0xff, 0x01]), 'request is not a valid AuthorizeRequest message'],
    ['a truncated message', encode(GOOD).subarray(0, 10), 'request is not a valid AuthorizeRequest message'],
    ['a string field sent as a number', Buffer.concat([encode(GOOD), Buffer.from([0x10, 0x05])]), '`action` has the wrong wire type'],
    ['deeply nested unknown groups', Buffer.concat([Buffer.alloc(5000, 0x7b)]), 'request is not a valid AuthorizeRequest message'],
    ['an empty message', Buffer.alloc(0), '`principal` is required'],
    ['invalid UTF-8', Buffer.from([0x0a, 0x03, 0x0a, 0x01, 0x61, 0x12, 0x02, 0xc3, 0x28, 0x1a, 0x01, 0x72]), '`action` is not valid UTF-8'],
  ])('refuses %s with INVALID_ARGUMENT', async (_name, bytes, message) => {
    const res = await send('Authorize', bytes);
    expect(res.code).toBe(grpc.status.INVALID_ARGUMENT);
    expect(res.details).toMatch(message);
  });

  it('refuses oversized strings, too many context keys and deep or wrong context values', async () => {
    const cases: Array<[AuthorizeRequest, string]> = [
      [{ ...GOOD, resource: 'x'.repeat(100_000) }, `\`resource\` is longer than ${DEFAULT_LIMITS.maxArnBytes} bytes`],
      [{ ...GOOD, context: Object.fromEntries(Array.from({ length: 1000 }, (_, i) => [`k${i}`, { bool_value: true }])) }, '`context` has more than 64 keys'],
      [{ ...GOOD, context: { k: { string_value: 'v'.repeat(10_000) } } }, '`context.k` is longer than 4096 bytes'],
      [{ ...GOOD, context: { k: {} } }, '`context.k` must set one of `string_value`, `number_value`, `bool_value`, `string_list`'],
      [{ ...GOOD, principal: { session: { role_arn: 'r', session_name: 's', policies: ['['.repeat(5000)] } } }, '`principal.session.policies[0]` is not valid JSON'],
    ];
    for (const [request, message] of cases) expect(await send('Authorize', encode(request))).toEqual({ code: grpc.status.INVALID_ARGUMENT, details: message });
  });

  it('refuses batches over the limit and empty batches', async () => {
    const many = service.BatchAuthorize.requestSerialize({ requests: Array.from({ length: DEFAULT_LIMITS.maxBatchSize + 1 }, () => GOOD) });
    expect(await send('BatchAuthorize', many)).toEqual({
      code: grpc.status.INVALID_ARGUMENT,
      details: `\`requests\` has more than ${DEFAULT_LIMITS.maxBatchSize} items`,
    });
    expect((await send('BatchAuthorize', Buffer.alloc(0))).details).toBe('`requests` is required');
    const bad = service.BatchAuthorize.requestSerialize({ requests: [GOOD, { ...GOOD, action: '' }] });
    expect((await send('BatchAuthorize', bad)).details).toBe('`requests[1].action` is required');
  });

  it('answers RESOURCE_EXHAUSTED for a message over the size limit', async () => {
    const huge = encode({ ...GOOD, resource: 'x'.repeat(DEFAULT_LIMITS.maxMessageBytes + 1) });
    expect((await send('Authorize', huge)).code).toBe(grpc.status.RESOURCE_EXHAUSTED);
  });

  it('keeps serving after all of it', async () => {
    expect(await send('Authorize', encode(GOOD))).toEqual({ code: grpc.status.OK, details: 'ALLOW' });
    expect(pdp.health().status).toBe('serving');
  });
});
