// The load generator of the benchmark, run in its own process: closed-loop gRPC calls with pre-encoded payloads.

import * as grpc from '@grpc/grpc-js';
import { quantile, sorted as sortedCopy } from '../../core/bench/measure.ts';

/** One scenario sent by run.ts. */
export interface LoadJob {
  address: string;
  /** Full method path, e.g. `/iam.authz.v1.AuthzService/Authorize`. */
  path: string;
  payloads: Uint8Array[];
  concurrency: number;
  warmupMs: number;
  durationMs: number;
  /** Channels to spread the calls over. */
  channels: number;
}

/** What one scenario measured. */
export interface LoadResult {
  calls: number;
  errors: number;
  firstError?: string;
  elapsedMs: number;
  /** Call latencies in ms, ascending. */
  p50Ms: number;
  p99Ms: number;
}

const identity = (b: Buffer): Buffer => b;

/** Runs one job: `concurrency` loops, each sending the next payload as soon as its previous call answered. */
export async function runLoad(job: LoadJob): Promise<LoadResult> {
  const clients = Array.from({ length: job.channels }, () => new grpc.Client(job.address, grpc.credentials.createInsecure(), { 'grpc.use_local_subchannel_pool': 1 }));
  const payloads = job.payloads.map((p) => Buffer.from(p.buffer, p.byteOffset, p.byteLength));
  const latencies: number[] = [];
  let calls = 0;
  let errors = 0;
  let firstError: string | undefined;
  let next = 0;
  let measuring = false;
  const start = performance.now();
  const measureFrom = start + job.warmupMs;
  const stopAt = measureFrom + job.durationMs;
  const loop = (client: grpc.Client) =>
    new Promise<void>((resolve) => {
      const send = () => {
        const now = performance.now();
        if (now >= stopAt) return resolve();
        if (!measuring && now >= measureFrom) measuring = true;
        const payload = payloads[next++ % payloads.length];
        const sent = now;
        client.makeUnaryRequest(job.path, identity, identity, payload, (err) => {
          if (performance.now() > measureFrom && sent >= measureFrom) {
            calls++;
            latencies.push(performance.now() - sent);
            if (err) {
              errors++;
              firstError ??= err.message;
            }
          }
          send();
        });
      };
      send();
    });
  await Promise.all(Array.from({ length: job.concurrency }, (_, i) => loop(clients[i % clients.length])));
  const elapsedMs = performance.now() - measureFrom;
  for (const c of clients) c.close();
  const ordered = sortedCopy(latencies);
  return { calls, errors, firstError, elapsedMs, p50Ms: quantile(ordered, 0.5), p99Ms: quantile(ordered, 0.99) };
}

if (process.send) {
  process.on('message', (job: LoadJob | 'exit') => {
    if (job === 'exit') process.exit(0);
    runLoad(job).then((result) => process.send!(result), (err) => process.send!({ error: String(err) }));
  });
}
