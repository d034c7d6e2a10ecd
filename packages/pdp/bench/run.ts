// The PDP benchmark: a medium world served over gRPC on loopback, driven by a separate load process.
// Prints decisions/s and RPC latency for unary Authorize and BatchAuthorize(100), with and without worker threads.
// Usage: run.ts [--quick] [--workers N]

import { fork } from 'node:child_process';
import os from 'node:os';
import { AUTHZ_SERVICE_NAME, loadAuthzPackage } from '@iam/proto';
import { generateRequests, generateWorld } from '../../core/bench/world.ts';
import { defaultConfig } from '../src/config.ts';
import { silentLogger } from '../src/logger.ts';
import { startPdp } from '../src/server.ts';
import { StaticSource } from '../src/source/static-source.ts';
import { toWireRequest } from '../src/wire.ts';
import type { LoadJob, LoadResult } from './load.ts';

const BATCH = 100;
const REQUESTS = 10_000;
const REQUEST_SEED = 7;
const EFFORT = { full: { warmupMs: 1000, durationMs: 4000 }, quick: { warmupMs: 300, durationMs: 1000 } };
/** The scenarios: method, concurrency (calls in flight), channels (HTTP/2 connections). */
const SCENARIOS = [
  { name: 'Authorize', batch: 1, concurrency: 1, channels: 1 },
  { name: 'Authorize', batch: 1, concurrency: 32, channels: 2 },
  { name: 'BatchAuthorize(100)', batch: BATCH, concurrency: 1, channels: 1 },
  { name: 'BatchAuthorize(100)', batch: BATCH, concurrency: 8, channels: 2 },
] as const;
const TARGETS = '>= 300,000 decisions/s for BatchAuthorize(100); >= 15,000 RPS with p99 <= 5 ms for unary at concurrency 32';

const args = process.argv.slice(2);
const effort = args.includes('--quick') ? EFFORT.quick : EFFORT.full;
const workersArg = args.indexOf('--workers');
const workerCounts = workersArg >= 0 ? [Number(args[workersArg + 1])] : [0, os.availableParallelism()];

function payloads(world: ReturnType<typeof generateWorld>): { unary: Uint8Array[]; batch: Uint8Array[] } {
  const { service } = loadAuthzPackage();
  const requests = generateRequests(world, REQUESTS, REQUEST_SEED).map((r) => toWireRequest(r));
  const unary = requests.map((r) => service.Authorize.requestSerialize(r));
  const batch: Uint8Array[] = [];
  for (let i = 0; i + BATCH <= requests.length; i += BATCH) batch.push(service.BatchAuthorize.requestSerialize({ requests: requests.slice(i, i + BATCH) }));
  return { unary, batch };
}

function runJob(child: ReturnType<typeof fork>, job: LoadJob): Promise<LoadResult> {
  return new Promise((resolve, reject) => {
    child.once('message', (m: LoadResult | { error: string }) => ('error' in m ? reject(new Error(m.error)) : resolve(m)));
    child.send(job);
  });
}

const fmt = (n: number, digits = 0) => n.toLocaleString('en-US', { maximumFractionDigits: digits, minimumFractionDigits: digits });

async function main(): Promise<void> {
  const world = generateWorld('medium');
  const { unary, batch } = payloads(world);
  console.log(`pdp bench: medium world (${world.users?.length ?? 0} users, ${world.roles?.length ?? 0} roles, ${world.policies?.length ?? 0} managed policies), ${os.availableParallelism()} cores, node ${process.version}`);
  console.log(`targets: ${TARGETS}\n`);
  const child = fork(new URL('./load.ts', import.meta.url), [], { execArgv: ['--import', 'tsx'], serialization: 'advanced' });
  const rows: string[][] = [['workers', 'scenario', 'concurrency', 'decisions/s', 'calls/s', 'p50 ms', 'p99 ms', 'errors']];
  try {
    for (const workers of workerCounts) {
      const pdp = await startPdp({
        config: defaultConfig({ host: '127.0.0.1', grpcPort: 0, httpPort: 0, workers }),
        source: new StaticSource(world),
        logger: silentLogger,
      });
      try {
        for (const s of SCENARIOS) {
          const result = await runJob(child, {
            address: `127.0.0.1:${pdp.grpcPort}`,
            path: `/${AUTHZ_SERVICE_NAME}/${s.batch === 1 ? 'Authorize' : 'BatchAuthorize'}`,
            payloads: s.batch === 1 ? unary : batch,
            concurrency: s.concurrency,
            channels: s.channels,
            ...effort,
          });
          const callsPerSec = (result.calls / result.elapsedMs) * 1000;
          const row = [String(workers), s.name, String(s.concurrency), fmt(callsPerSec * s.batch), fmt(callsPerSec), fmt(result.p50Ms, 2), fmt(result.p99Ms, 2), String(result.errors)];
          rows.push(row);
          console.log(row.join('  ') + (result.firstError ? `  (first error: ${result.firstError})` : ''));
        }
      } finally {
        await pdp.close();
      }
    }
  } finally {
    child.send('exit');
  }
  const widths = rows[0].map((_, i) => Math.max(...rows.map((r) => r[i].length)));
  console.log('\n' + rows.map((r) => r.map((c, i) => c.padStart(widths[i])).join('  ')).join('\n'));
}

await main();
