// The core's world follower driving the PDP's executor, with the PDP's events: metrics and decisions through
// catch-up, reloads, outages and refusals (in-memory source, real engine).

import { Registry } from 'prom-client';
import { afterEach, describe, expect, it, vi } from 'vitest';
import { DEFAULT_LIMITS } from '../config.ts';
import { LocalExecutor } from '../exec/local-executor.ts';
import { silentLogger } from '../logger.ts';
import { createMetrics } from '../metrics.ts';
import { METHOD_AUTHORIZE } from '../service/evaluator.ts';
import { StaticSource } from '../source/static-source.ts';
import { ALICE, BOB, ORDER, TEST_WORLD } from '../test-world.ts';
import { loadAuthzPackage } from '@iam/proto';
import { RETRY_MIN_MS, WorldFollower } from '../core.ts';
import { followerEvents } from './follower-events.ts';

const { service } = loadAuthzPackage();
const followers: WorldFollower[] = [];

afterEach(() => {
  for (const f of followers.splice(0)) f.close();
});

async function setup(source: StaticSource) {
  const registry = new Registry();
  const metrics = createMetrics(registry, { staleness: () => 0, defaultMetrics: false });
  const executor = new LocalExecutor(DEFAULT_LIMITS, null);
  const follower = new WorldFollower(source, executor, { pollIntervalMs: 50, events: followerEvents(metrics, silentLogger) });
  followers.push(follower);
  await follower.start();
  const decide = (arn: string) => {
    const reply = executor.run(METHOD_AUTHORIZE, service.Authorize.requestSerialize({ principal: { arn }, action: 'orders:GetOrder', resource: ORDER }));
    if (reply.kind !== 'ok') throw new Error(`no decision: ${reply.kind}`);
    return service.Authorize.responseDeserialize(Buffer.from(reply.bytes));
  };
  const count = async (name: string, labels: Record<string, string>) =>
    (await registry.getSingleMetric(name)!.get()).values.find((v) => Object.entries(labels).every(([k, l]) => v.labels[k] === l))?.value ?? 0;
  return { follower, decide, count };
}

const until = async (check: () => boolean, what: string) => {
  for (let i = 0; i < 200; i++) {
    if (check()) return;
    await new Promise((r) => setTimeout(r, 10));
  }
  throw new Error(`timed out waiting for ${what}`);
};

describe('WorldFollower with the PDP executor and metrics', () => {
  it('loads the snapshot, then applies change batches incrementally', async () => {
    const source = new StaticSource(TEST_WORLD);
    const { follower, decide, count } = await setup(source);
    expect(follower.revision).toBe(1);
    const revision = source.commit([{ op: 'delete', kind: 'user', key: ALICE }]);
    expect(await follower.waitFor(revision, Date.now() + 2000)).toBe(true);
    expect(decide(ALICE)).toMatchObject({ decision: 'IMPLICIT_DENY', revision });
    expect(await count('iam_pdp_world_reloads_total', { kind: 'changes' })).toBe(1);
    expect(await count('iam_pdp_world_reloads_total', { kind: 'snapshot' })).toBe(1);
  });

  it('reloads a snapshot when the change log no longer reaches back', async () => {
    const source = new StaticSource(TEST_WORLD, { maxLogEntries: 1 });
    const { follower, decide, count } = await setup(source);
    source.setReachable(false);
    source.commit([{ op: 'delete', kind: 'user', key: ALICE }]);
    const last = source.commit([{ op: 'delete', kind: 'user', key: BOB }]);
    source.setReachable(true);
    expect(await follower.waitFor(last, Date.now() + 2000)).toBe(true);
    expect(decide(ALICE).revision).toBe(last);
    expect(await count('iam_pdp_world_reloads_total', { kind: 'snapshot' })).toBe(2);
  });

  it('keeps the last good world and reports staleness while the store is down, then catches up', async () => {
    const source = new StaticSource(TEST_WORLD);
    const { follower, decide } = await setup(source);
    source.setReachable(false);
    const revision = source.commit([{ op: 'delete', kind: 'user', key: ALICE }]);
    await until(() => follower.status().stale, 'staleness');
    expect(decide(ALICE)).toMatchObject({ decision: 'ALLOW', revision: 1 });
    expect(follower.status().lastError).toBe('world source is unreachable');
    source.setReachable(true);
    await until(() => !follower.status().stale, 'recovery');
    expect(await follower.waitFor(revision, Date.now() + RETRY_MIN_MS * 50)).toBe(true);
    expect(follower.staleness()).toBe(0);
  });

  it('keeps the last good world when the engine refuses a change, and counts the failures', async () => {
    const source = new StaticSource(TEST_WORLD);
    const { follower, decide, count } = await setup(source);
    source.commit([{ op: 'put', kind: 'policy', value: { arn: 'arn:aws:iam::111122223333:policy/bad', document: '{"Statement": 5' } }]);
    await until(() => follower.status().stale, 'the refusal');
    expect(decide(ALICE)).toMatchObject({ decision: 'ALLOW', revision: 1 });
    expect(await count('iam_pdp_world_reload_failures_total', { kind: 'changes' })).toBeGreaterThanOrEqual(1);
    expect(await count('iam_pdp_world_reload_failures_total', { kind: 'snapshot' })).toBeGreaterThanOrEqual(1);
    // Fixing the policy in the store lets the follower move on.
    const fixed = source.commit([{ op: 'delete', kind: 'policy', key: 'arn:aws:iam::111122223333:policy/bad' }]);
    expect(await follower.waitFor(fixed, Date.now() + 3000)).toBe(true);
    expect(follower.status().stale).toBe(false);
  });

  it('resolves a wait with false at its deadline', async () => {
    // Fake timers (and clock, installed before the follower reads it): the wait is pending until its deadline passes.
    vi.useFakeTimers();
    try {
      const { follower } = await setup(new StaticSource(TEST_WORLD));
      let reached: boolean | undefined;
      void follower.waitFor(50, Date.now() + 100).then((r) => (reached = r));
      await vi.advanceTimersByTimeAsync(99);
      expect(reached).toBeUndefined();
      await vi.advanceTimersByTimeAsync(1);
      expect(reached).toBe(false);
    } finally {
      vi.useRealTimers();
    }
  });
});
