// Propagation benchmark: how long a committed change takes to reach the PDP's decisions on a large world.
// A change is committed to the source; a unary Authorize with `min_revision` set to its revision returns
// once the PDP has applied it; the time from commit to answer is the propagation delay.
// Usage: node --import tsx bench/propagation.ts [--size small|medium|large] [--changes N] [--workers N]

import { quantile, sorted as sortedCopy } from '../../core/bench/measure.ts';
import { generateWorld } from '../../core/bench/world.ts';
import type { ManagedPolicy, User } from '@iam/core';
import { createPdpClient } from '../src/client.ts';
import { defaultConfig } from '../src/config.ts';
import { silentLogger } from '../src/logger.ts';
import { startPdp } from '../src/server.ts';
import { StaticSource } from '../src/source/static-source.ts';

/** Changes measured by default. */
const DEFAULT_CHANGES = 50;
/** Deadline of one Authorize call waiting for its revision. */
const CALL_DEADLINE_MS = 10_000;
/** Pause between changes, so each is measured on its own. */
const PAUSE_MS = 20;

/** `--name value` or `--name=value`. */
function arg(name: string, fallback: string): string {
  const eq = process.argv.find((a) => a.startsWith(`--${name}=`));
  if (eq) return eq.slice(name.length + 3);
  const i = process.argv.indexOf(`--${name}`);
  return i >= 0 && process.argv[i + 1] ? process.argv[i + 1] : fallback;
}

async function main(): Promise<void> {
  const size = arg('size', 'large') as 'small' | 'medium' | 'large';
  const changes = Number(arg('changes', String(DEFAULT_CHANGES)));
  const workers = Number(arg('workers', '0'));
  const world = generateWorld(size);
  const user = (world.users ?? [])[0] as User;
  const policy: ManagedPolicy = { arn: `arn:aws:iam::${user.arn.split(':')[4]}:policy/propagation-probe`, document: { Version: '2012-10-17', Statement: [{ Effect: 'Allow', Action: 'probe:Toggle', Resource: '*' }] } };
  world.policies = [...(world.policies ?? []), policy];
  const source = new StaticSource(world);
  const started = Date.now();
  const pdp = await startPdp({ config: defaultConfig({ host: '127.0.0.1', grpcPort: 0, httpPort: 0, workers }), source, logger: silentLogger });
  console.log(`propagation bench: ${size} world, ${workers} worker threads, PDP ready in ${((Date.now() - started) / 1000).toFixed(1)} s`);
  const client = createPdpClient(`127.0.0.1:${pdp.grpcPort}`);
  const delays: number[] = [];
  let wrong = 0;
  try {
    for (let i = 0; i < changes; i++) {
      const attached = i % 2 === 0;
      const managed = (user.managedPolicies ?? []).filter((a) => a !== policy.arn);
      const next: User = { ...user, managedPolicies: attached ? [...managed.slice(0, 9), policy.arn] : managed };
      const t0 = process.hrtime.bigint();
      const revision = source.commit([{ op: 'put', kind: 'user', value: next }]);
      const res = await client.authorize(
        { principal: { arn: user.arn }, action: 'probe:Toggle', resource: '*', min_revision: revision },
        { deadline: Date.now() + CALL_DEADLINE_MS },
      );
      delays.push(Number(process.hrtime.bigint() - t0) / 1e6);
      if ((res.decision === 'ALLOW') !== attached) wrong++;
      await new Promise((r) => setTimeout(r, PAUSE_MS));
    }
  } finally {
    client.close();
    await pdp.close();
  }
  const ordered = sortedCopy(delays);
  console.log(`changes ${delays.length}: p50 ${quantile(ordered, 0.5).toFixed(2)} ms  p99 ${quantile(ordered, 0.99).toFixed(2)} ms  max ${ordered[ordered.length - 1].toFixed(2)} ms  (target p99 <= 1000 ms)`);
  console.log(`decisions that did not reflect their change: ${wrong}`);
  if (wrong > 0) process.exitCode = 1;
}

await main();
