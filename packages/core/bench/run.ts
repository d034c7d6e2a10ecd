// The benchmark command: compiles synthetic worlds and prints compile time, memory, throughput,
// latency and incremental-change cost next to the targets. Usage: run.ts [--size S|all] [--quick]

import os from 'node:os';
import { createEngine } from '../src/index.ts';
import type { AuthzEngine } from '../src/engine/api.ts';
import type { AuthzRequest, Decision } from '../src/model/decision.ts';
import { benchChanges, type ChangeKind } from './changes.ts';
import { canCollect, fmtInt, fmtMb, fmtMs, fmtUs, msSince, nowNs, quantile, settledRss, sorted, table, throughput } from './measure.ts';
import { printTargets } from './targets.ts';
import { countWorld, generateRequests, generateWorld, type WorldSize } from './world.ts';

/** How much work each measurement does, full and --quick. */
const EFFORT = {
  full: { requests: 20_000, budgetMs: 3_000, latencySamples: 200_000, changes: 50 },
  quick: { requests: 5_000, budgetMs: 500, latencySamples: 20_000, changes: 10 },
};
const BATCH = 100;
const REQUEST_SEED = 1;
const SIZES: readonly WorldSize[] = ['small', 'medium', 'large'];
const CHANGE_KINDS: readonly ChangeKind[] = ['managed policy', 'user', 'resource policy'];

/** Everything measured for one world size. */
export interface SizeResult {
  size: WorldSize;
  counts: ReturnType<typeof countWorld>;
  compileMs: number;
  imageBytes: number;
  rssAfterCompile: number;
  rssAddedByCompile: number;
  batchPerSec: number;
  /** One batch of 100 repeated: everything it touches stays in cache (what memory latency costs the others). */
  hotBatchPerSec: number;
  /** Per decision in batches of 100 (distinct requests): time inside the WASM evaluator, and on the host. */
  wasmNsPerDecision: number;
  hostNsPerDecision: number;
  singlePerSec: number;
  p50Ns: number;
  p99Ns: number;
  maxNs: number;
  changes: Record<ChangeKind, { p50Ms: number; maxMs: number; count: number }>;
  mix: Record<Decision, number>;
  /** Requests whose batch and single decisions differ (must be 0). */
  disagreements: number;
}

function parseArgs(argv: string[]): { sizes: readonly WorldSize[]; quick: boolean } {
  let sizes: readonly WorldSize[] = SIZES;
  let quick = false;
  for (let i = 0; i < argv.length; i++) {
    const arg = argv[i];
    if (arg === '--quick') quick = true;
    else if (arg === '--size' || arg.startsWith('--size=')) {
      const value = arg.includes('=') ? arg.slice('--size='.length) : argv[++i];
      if (value === 'all') sizes = SIZES;
      else if ((SIZES as readonly string[]).includes(value)) sizes = [value as WorldSize];
      else throw new Error(`unknown size \`${value}\` (expected small, medium, large or all)`);
    } else throw new Error(`unknown argument \`${arg}\` (usage: run.ts [--size small|medium|large|all] [--quick])`);
  }
  return { sizes, quick };
}

async function benchSize(size: WorldSize, effort: (typeof EFFORT)['full']): Promise<SizeResult> {
  const world = generateWorld(size);
  const counts = countWorld(world);
  const requests = generateRequests(world, effort.requests, REQUEST_SEED);
  const batches: AuthzRequest[][] = [];
  for (let i = 0; i + BATCH <= requests.length; i += BATCH) batches.push(requests.slice(i, i + BATCH));
  const rssBefore = settledRss();
  const start = nowNs();
  const engine = await createEngine(world);
  const compileMs = msSince(start);
  const rssAfterCompile = settledRss();
  const imageBytes = engine.stats().imageBytes;

  const batchDecisions = batches.flatMap((b) => engine.authorizeBatch(b).map((r) => r.decision));
  const mix: Record<Decision, number> = { Allow: 0, ExplicitDeny: 0, ImplicitDeny: 0 };
  let disagreements = 0;
  batchDecisions.forEach((d, i) => {
    mix[d]++;
    if (engine.authorize(requests[i]).decision !== d) disagreements++;
  });

  let b = 0;
  const batchPerSec = throughput(() => void engine.authorizeBatch(batches[b++ % batches.length]), BATCH, effort.budgetMs);
  const hotBatchPerSec = throughput(() => void engine.authorizeBatch(batches[0]), BATCH, effort.budgetMs / 3);
  const split = evaluatorSplit(engine, batches);
  let s = 0;
  const singlePerSec = throughput(() => void engine.authorize(requests[s++ % requests.length]), 1, effort.budgetMs);
  const latencies = singleLatencies(engine, requests, effort.latencySamples);

  const changes = {} as SizeResult['changes'];
  let revision = engine.revision;
  for (const kind of CHANGE_KINDS) {
    const times: number[] = [];
    for (const change of benchChanges(world, kind, effort.changes)) {
      const t = nowNs();
      engine.apply([change], ++revision);
      times.push(msSince(t));
    }
    const ordered = sorted(times);
    changes[kind] = { p50Ms: quantile(ordered, 0.5), maxMs: ordered[ordered.length - 1] ?? NaN, count: times.length };
  }
  return {
    size, counts, compileMs, imageBytes, rssAfterCompile, rssAddedByCompile: rssAfterCompile - rssBefore,
    batchPerSec, hotBatchPerSec, wasmNsPerDecision: split.wasmNs, hostNsPerDecision: split.hostNs, singlePerSec, ...latencies, changes, mix, disagreements,
  };
}

/** One pass over every batch with the evaluator timed: WASM and host nanoseconds per decision. */
function evaluatorSplit(engine: Awaited<ReturnType<typeof createEngine>>, batches: AuthzRequest[][]): { wasmNs: number; hostNs: number } {
  engine.measureEvaluator = true;
  engine.evaluatorNs = 0;
  const start = nowNs();
  for (const b of batches) engine.authorizeBatch(b);
  const totalNs = Number(nowNs() - start);
  engine.measureEvaluator = false;
  const decisions = batches.length * BATCH;
  return { wasmNs: engine.evaluatorNs / decisions, hostNs: (totalNs - engine.evaluatorNs) / decisions };
}

function singleLatencies(engine: AuthzEngine, requests: AuthzRequest[], samples: number): { p50Ns: number; p99Ns: number; maxNs: number } {
  const ns = new Float64Array(samples);
  for (let i = 0; i < samples; i++) {
    const request = requests[i % requests.length];
    const t = process.hrtime.bigint();
    engine.authorize(request);
    ns[i] = Number(process.hrtime.bigint() - t);
  }
  ns.sort();
  return { p50Ns: quantile(ns, 0.5), p99Ns: quantile(ns, 0.99), maxNs: ns[ns.length - 1] };
}

function printResults(results: SizeResult[]): void {
  const row = (label: string, f: (r: SizeResult) => string): string[] => [label, ...results.map(f)];
  const pct = (r: SizeResult, d: Decision): string => {
    const total = r.mix.Allow + r.mix.ExplicitDeny + r.mix.ImplicitDeny;
    return `${((100 * r.mix[d]) / total).toFixed(0)}%`;
  };
  const rows = [
    ['', ...results.map((r) => r.size)],
    row('principals / policies / statements', (r) => `${fmtInt(r.counts.principals)} / ${fmtInt(r.counts.policies)} / ${fmtInt(r.counts.statements)}`),
    row('compile (createEngine)', (r) => fmtMs(r.compileMs)),
    row('image bytes', (r) => fmtMb(r.imageBytes)),
    row('RSS after compile', (r) => fmtMb(r.rssAfterCompile)),
    row('RSS added by compile', (r) => fmtMb(r.rssAddedByCompile)),
    row(`decisions/s, batches of ${BATCH}`, (r) => fmtInt(r.batchPerSec)),
    row(`decisions/s, one batch of ${BATCH} repeated (cache-hot)`, (r) => fmtInt(r.hotBatchPerSec)),
    row('per decision in batches: WASM / host', (r) => `${fmtUs(r.wasmNsPerDecision)} / ${fmtUs(r.hostNsPerDecision)}`),
    row('decisions/s, single', (r) => fmtInt(r.singlePerSec)),
    row('single decision p50 / p99', (r) => `${fmtUs(r.p50Ns)} / ${fmtUs(r.p99Ns)}`),
    row('single decision max', (r) => fmtUs(r.maxNs)),
    ...CHANGE_KINDS.map((k) => row(`apply 1 ${k}: p50 / max`, (r) => `${fmtMs(r.changes[k].p50Ms)} / ${fmtMs(r.changes[k].maxMs)}`)),
    row('mix allow / explicit / implicit', (r) => `${pct(r, 'Allow')} / ${pct(r, 'ExplicitDeny')} / ${pct(r, 'ImplicitDeny')}`),
    row('batch vs single disagreements', (r) => fmtInt(r.disagreements)),
  ];
  console.log(`\n${table(rows)}\n`);
  printTargets(results);
}

async function main(): Promise<void> {
  const { sizes, quick } = parseArgs(process.argv.slice(2));
  const effort = quick ? EFFORT.quick : EFFORT.full;
  const cpu = os.cpus()[0]?.model ?? 'unknown cpu';
  console.log(`iam core benchmark: node ${process.version}, ${os.cpus().length} x ${cpu}${quick ? ', --quick' : ''}`);
  if (!canCollect()) console.log('note: run with node --expose-gc for settled memory figures');
  const results: SizeResult[] = [];
  for (const size of sizes) {
    const start = nowNs();
    process.stdout.write(`${size}: generating, compiling, measuring... `);
    results.push(await benchSize(size, effort));
    console.log(`done in ${fmtMs(msSince(start))}`);
  }
  printResults(results);
}

main().catch((err: unknown) => {
  console.error(err instanceof Error ? err.stack ?? err.message : err);
  process.exitCode = 1;
});
