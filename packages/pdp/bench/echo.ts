// The transport baseline of the benchmark: grpc-js serving the same methods with a fixed, already encoded answer
// (no decoding, no evaluation), so the report shows what gRPC and the load generator cost on their own.

import * as grpc from '@grpc/grpc-js';
import type { DecisionResult } from '../src/core.ts';
import { rawServiceDefinition } from '../src/service/authz-service.ts';
import { encodeAuthorize, encodeBatch } from '../src/service/encode-response.ts';

const ALLOW: DecisionResult = { decision: 'Allow', reasons: [], missingContextKeys: [], errors: [] };

/** Starts an echo server on loopback answering every Authorize with ALLOW and every batch with `batch` ALLOWs. */
export async function startEcho(batch: number): Promise<{ port: number; stop: () => Promise<void> }> {
  const unaryReply = encodeAuthorize(ALLOW, 1, false);
  const batchReply = encodeBatch(Array.from({ length: batch }, () => ALLOW), batch, new Array<boolean>(batch).fill(false), 1);
  const server = new grpc.Server({ 'grpc.enable_channelz': 0 });
  server.addService(rawServiceDefinition(), {
    Authorize: (_call: grpc.ServerUnaryCall<Buffer, Buffer>, callback: grpc.sendUnaryData<Buffer>) => callback(null, unaryReply),
    BatchAuthorize: (_call: grpc.ServerUnaryCall<Buffer, Buffer>, callback: grpc.sendUnaryData<Buffer>) => callback(null, batchReply),
  });
  const port = await new Promise<number>((resolve, reject) => {
    server.bindAsync('127.0.0.1:0', grpc.ServerCredentials.createInsecure(), (err, bound) => (err ? reject(err) : resolve(bound)));
  });
  return { port, stop: () => new Promise<void>((resolve) => server.tryShutdown(() => resolve())) };
}
