// WorldFollower over an EngineTarget and a small in-memory WorldSource: follows batches, waits for revisions,
// reloads on gaps and on batches the engine refuses, keeps the last good world while the source is down, backs off.

import { afterEach, describe, expect, it, vi } from 'vitest';
import type { ChangeBatch, WorldSource } from '../model/source.ts';
import type { WorldSnapshot } from '../model/snapshot.ts';
import { EngineTarget } from './engine-target.ts';
import { WorldFollower, type FollowerEvents, type SyncKind } from './follower.ts';

const ACCT = '111122223333';
const ALICE = `arn:aws:iam::${ACCT}:user/alice`;
const P = `arn:aws:iam::${ACCT}:policy/P`;
const doc = (action: string) => ({ Version: '2012-10-17', Statement: [{ Effect: 'Allow', Action: action, Resource: '*' }] });
const ask = { principal: { arn: ALICE }, action: 'orders:GetOrder', resource: '*' };

/** A source whose world and log the test drives. */
class TestSource implements WorldSource {
  world: WorldSnapshot = { format: 'iam-world-snapshot', version: 1, revision: 1, accounts: [{ id: ACCT }], policies: [{ arn: P, document: doc('orders:List*') }], users: [{ arn: ALICE, managedPolicies: [P] }] };
  log: ChangeBatch[] = [];
  down = false;
  gap = false;
  snapshots = 0;
  reads = 0;
  private listeners: Array<(r: number) => void> = [];
  async snapshot() { this.reads++; if (this.down) throw new Error('down'); this.snapshots++; return structuredClone(this.world); }
  async currentRevision() { if (this.down) throw new Error('down'); return this.world.revision ?? 0; }
  async changesSince(rev: number) {
    this.reads++;
    if (this.down) throw new Error('down');
    if (this.gap) throw new Error('change_log_gap');
    const later = this.log.filter((b) => b.revision > rev);
    return later.length === 0 ? null : { revision: later[later.length - 1].revision, changes: later.flatMap((b) => b.changes) };
  }
  subscribe(l: (r: number) => void) { this.listeners.push(l); return () => { this.listeners = this.listeners.filter((x) => x !== l); }; }
  commit(batch: ChangeBatch, policyAction?: string) {
    this.log.push(batch);
    this.world.revision = batch.revision;
    if (policyAction) this.world.policies = [{ arn: P, document: doc(policyAction) }];
    for (const l of this.listeners) l(batch.revision);
  }
}

/** Events as a readable list, e.g. `synced:snapshot@1`. */
function recorder(): { log: string[]; events: FollowerEvents } {
  const log: string[] = [];
  return {
    log,
    events: {
      synced: (kind: SyncKind, info, seconds, changes) => { expect(seconds).toBeGreaterThanOrEqual(0); log.push(`synced:${kind}@${info.revision}+${changes}`); },
      syncFailed: (kind: SyncKind) => log.push(`failed:${kind}`),
      refused: (batch) => log.push(`refused@${batch.revision}`),
      storeRevision: (r) => log.push(`store@${r}`),
      stale: () => log.push('stale'),
      recovered: () => log.push('recovered'),
    },
  };
}

const followers: WorldFollower[] = [];
afterEach(() => {
  for (const f of followers.splice(0)) f.close();
});

async function follow(source: TestSource, now?: () => number) {
  const target = new EngineTarget();
  const { log, events } = recorder();
  const follower = new WorldFollower(source, target, { pollIntervalMs: 60_000, events, ...(now ? { now } : {}) });
  followers.push(follower);
  await follower.start();
  await follower.sync();
  return { follower, target, log };
}

describe('WorldFollower', () => {
  it('applies committed batches and resolves waitFor', async () => {
    const source = new TestSource();
    const { follower, target, log } = await follow(source);
    expect(target.engine.authorize(ask).decision).toBe('ImplicitDeny');
    source.commit({ revision: 2, changes: [{ op: 'put', kind: 'policy', value: { arn: P, document: doc('orders:Get*') } }] }, 'orders:Get*');
    expect(await follower.waitFor(2, Date.now() + 2000)).toBe(true);
    expect(target.engine.authorize(ask).decision).toBe('Allow');
    expect(await follower.waitFor(9, Date.now() + 50)).toBe(false);
    expect(log).toEqual(['store@1', 'synced:snapshot@1+0', 'store@2', 'synced:changes@2+1']);
    expect(follower.status()).toEqual({ revision: 2, storeRevision: 2, stale: false, stalenessSeconds: 0 });
  });

  it('reloads a snapshot when the log has a gap or the engine refuses a batch', async () => {
    const source = new TestSource();
    const { follower, target, log } = await follow(source);
    source.gap = true;
    source.world.revision = 5;
    source.world.policies = [{ arn: P, document: doc('orders:Get*') }];
    await follower.sync();
    expect(follower.revision).toBe(5);
    expect(target.engine.authorize(ask).decision).toBe('Allow');
    source.gap = false;
    // a policy whose document the engine refuses: the batch fails, the snapshot (with the same refusal) fails too
    source.world.policies = [{ arn: P, document: '{"Statement": 5' }];
    source.commit({ revision: 6, changes: [{ op: 'put', kind: 'policy', value: { arn: P, document: '{"Statement": 5' } }] });
    await follower.sync();
    expect(follower.revision).toBe(5);
    expect(follower.status().stale).toBe(true);
    expect(target.engine.authorize(ask).decision).toBe('Allow'); // the last good world
    expect(log.slice(-5)).toEqual(['store@6', 'failed:changes', 'refused@6', 'failed:snapshot', 'stale']);
    // fixing the policy in the store lets the follower move on
    source.world.policies = [];
    source.commit({ revision: 7, changes: [{ op: 'delete', kind: 'policy', key: P }] });
    expect(await follower.waitFor(7, Date.now() + 2000)).toBe(true);
    expect(follower.status().stale).toBe(false);
    expect(source.snapshots).toBe(4);
  });

  it('keeps the last good world while the source is down, reports staleness, then catches up', async () => {
    let now = Date.now();
    const source = new TestSource();
    const { follower, target, log } = await follow(source, () => now);
    source.down = true;
    now += 5000;
    await follower.sync();
    expect(follower.status()).toMatchObject({ stale: true, stalenessSeconds: 5, lastError: 'down' });
    expect(follower.staleness()).toBe(5);
    expect(target.engine.authorize({ ...ask, action: 'orders:ListOrders' }).decision).toBe('Allow');
    source.down = false;
    source.commit({ revision: 2, changes: [{ op: 'put', kind: 'policy', value: { arn: P, document: doc('orders:Get*') } }] }, 'orders:Get*');
    expect(await follower.waitFor(2, now + 2000)).toBe(true);
    expect(target.engine.authorize(ask).decision).toBe('Allow');
    expect(log.filter((e) => e === 'stale' || e === 'recovered')).toEqual(['stale', 'recovered']);
    expect(follower.staleness()).toBe(0);
  });

  it('probes a source that is down at the backoff\'s pace, whatever the poll interval and the waiting requests', async () => {
    vi.useFakeTimers(); // before start: the poll's interval must run on the fake clock
    try {
      const source = new TestSource();
      const follower = new WorldFollower(source, new EngineTarget(), { pollIntervalMs: 10 });
      followers.push(follower);
      await follower.start();
      await follower.sync();
      source.down = true;
      const before = source.reads;
      await follower.sync(); // fails: one changesSince, and no snapshot (currentRevision fails too)
      expect(source.reads - before).toBe(1);
      const waits = Array.from({ length: 50 }, () => follower.waitFor(9, Date.now() + 60_000));
      // 1.5 s: 150 polls and 50 waits, but retries only at 100, 300, 700 and 1500 ms
      await vi.advanceTimersByTimeAsync(1_500);
      expect(source.reads - before).toBe(5);
      follower.close();
      expect(await Promise.all(waits)).toEqual(Array(50).fill(false));
    } finally {
      vi.useRealTimers();
    }
  });

  it('rejects start when the first snapshot cannot be read, and resolves waits false once closed', async () => {
    const source = new TestSource();
    source.down = true;
    const f = new WorldFollower(source, new EngineTarget());
    followers.push(f);
    await expect(f.start()).rejects.toThrow('down');
    source.down = false;
    const { follower } = await follow(source);
    const wait = follower.waitFor(50, Date.now() + 10_000);
    follower.close();
    expect(await wait).toBe(false);
  });
});
