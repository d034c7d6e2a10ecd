// The PDP benchmark: a medium world served over gRPC on loopback, driven by a separate load process.
// Prints decisions/s and RPC latency for unary Authorize and BatchAuthorize(100), with and without worker threads.
// Usage: run.ts [--quick] [--workers N[,N...]] [--processes N] [--rounds N]
// --processes N also measures N whole PDP processes sharing the port (node:cluster), to compare with threads.
// A last set-up, grpc-js answering fixed bytes without evaluating, measures the transport and load generator alone.

import { fork } from 'node:child_process';
import { createServer } from 'node:net';
import os from 'node:os';
import { AUTHZ_SERVICE_NAME, loadAuthzPackage } from '@iam/proto';
import { generateRequests, generateWorld } from '../../core/bench/world.ts';
import { defaultConfig } from '../src/config.ts';
import { silentLogger } from '../src/logger.ts';
import { startPdp } from '../src/server.ts';
import { StaticSource } from '../src/source/static-source.ts';
import { toWireRequest } from '../src/wire.ts';
import { startCluster } from './cluster.ts';
import { startEcho } from './echo.ts';
import type { LoadJob, LoadResult } from './load.ts';

const BATCH = 100;
const REQUESTS = 10_000;
const REQUEST_SEED = 7;
const EFFORT = { full: { warmupMs: 1000, durationMs: 3000 }, quick: { warmupMs: 300, durationMs: 1000 } };
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
const workerCounts = workersArg >= 0 ? args[workersArg + 1].split(',').map(Number) : [0, os.availableParallelism()];
const processesArg = args.indexOf('--processes');
const processCount = processesArg >= 0 ? Number(args[processesArg + 1]) : 0;
const roundsArg = args.indexOf('--rounds');
const rounds = roundsArg >= 0 ? Number(args[roundsArg + 1]) : 1;

/** A free loopback port (cluster workers must agree on one). */
function freePort(): Promise<number> {
  return new Promise((resolve) => {
    const s = createServer().listen(0, '127.0.0.1', () => {
      const { port } = s.address() as { port: number };
      s.close(() => resolve(port));
    });
  });
}

/** One PDP set-up under test: where it listens and how to stop it. */
interface Target {
  label: string;
  port: number;
  stop: () => Promise<void>;
}

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

/** One measured scenario. */
interface Measured {
  target: string;
  scenario: (typeof SCENARIOS)[number];
  decisionsPerSec: number;
  callsPerSec: number;
  result: LoadResult;
}

/** Measures every scenario once against one target. */
async function measureTarget(child: ReturnType<typeof fork>, target: Target, unary: Uint8Array[], batch: Uint8Array[]): Promise<Measured[]> {
  const out: Measured[] = [];
  for (const scenario of SCENARIOS) {
    const result = await runJob(child, {
      address: `127.0.0.1:${target.port}`,
      path: `/${AUTHZ_SERVICE_NAME}/${scenario.batch === 1 ? 'Authorize' : 'BatchAuthorize'}`,
      payloads: scenario.batch === 1 ? unary : batch,
      concurrency: scenario.concurrency,
      channels: scenario.channels,
      ...effort,
    });
    const callsPerSec = (result.calls / result.elapsedMs) * 1000;
    out.push({ target: target.label, scenario, decisionsPerSec: callsPerSec * scenario.batch, callsPerSec, result });
    const m = out.at(-1)!;
    console.log([m.target, scenario.name, `c=${scenario.concurrency}`, `${fmt(m.decisionsPerSec)} decisions/s`, `p50 ${fmt(result.p50Ms, 2)} ms`, `p99 ${fmt(result.p99Ms, 2)} ms`, `${result.errors} errors`].join('  ')
      + (result.firstError ? `  (first error: ${result.firstError})` : ''));
  }
  return out;
}

async function main(): Promise<void> {
  const world = generateWorld('medium');
  const { unary, batch } = payloads(world);
  console.log(`pdp bench: medium world (${world.users?.length ?? 0} users, ${world.roles?.length ?? 0} roles, ${world.policies?.length ?? 0} managed policies), ${os.availableParallelism()} cores, node ${process.version}, load average ${os.loadavg()[0].toFixed(1)}`);
  console.log(`targets: ${TARGETS}`);
  console.log(`${rounds} round(s); each (set-up, scenario) keeps its best round: the machine is shared, interference only lowers numbers\n`);
  const child = fork(new URL('./load.ts', import.meta.url), [], { execArgv: ['--import', 'tsx'], serialization: 'advanced' });
  const best = new Map<string, Measured>();
  try {
    const targets: Array<() => Promise<Target>> = workerCounts.map((workers) => async () => {
      const pdp = await startPdp({ config: defaultConfig({ host: '127.0.0.1', grpcPort: 0, httpPort: 0, workers }), source: new StaticSource(world), logger: silentLogger });
      return { label: `${workers} worker threads`, port: pdp.grpcPort, stop: () => pdp.close() };
    });
    // last: the transport alone, the ceiling any evaluation sits under on this machine
    targets.push(async () => ({ label: 'grpc-js echo (no evaluation)', ...(await startEcho(BATCH)) }));
    if (processCount > 0) {
      targets.push(async () => {
        const port = await freePort();
        return { label: `${processCount} processes`, port, stop: await startCluster(processCount, port) };
      });
    }
    for (let round = 0; round < rounds; round++) {
      for (const start of targets) {
        const target = await start();
        try {
          for (const m of await measureTarget(child, target, unary, batch)) {
            const key = `${m.target}|${m.scenario.name}|${m.scenario.concurrency}`;
            if ((best.get(key)?.decisionsPerSec ?? -1) < m.decisionsPerSec) best.set(key, m);
          }
        } finally {
          await target.stop();
        }
      }
    }
  } finally {
    child.send('exit');
  }
  const rows: string[][] = [['set-up', 'scenario', 'concurrency', 'decisions/s', 'calls/s', 'p50 ms', 'p99 ms', 'errors']];
  for (const m of best.values()) {
    rows.push([m.target, m.scenario.name, String(m.scenario.concurrency), fmt(m.decisionsPerSec), fmt(m.callsPerSec), fmt(m.result.p50Ms, 2), fmt(m.result.p99Ms, 2), String(m.result.errors)]);
  }
  const widths = rows[0].map((_, i) => Math.max(...rows.map((r) => r[i].length)));
  console.log('\n' + rows.map((r) => r.map((c, i) => c.padStart(widths[i])).join('  ')).join('\n'));
}

await main();
