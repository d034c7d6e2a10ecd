// WorldFollower against a small in-memory WorldSource: follows batches, waits for revisions, reloads on
// gaps and on batches the engine refuses, keeps the last good world while the source is down.

import { describe, expect, it } from 'vitest';
import type { ChangeBatch, WorldSource } from '../model/source.ts';
import type { WorldSnapshot } from '../model/snapshot.ts';
import { WorldFollower } from './follower.ts';

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
  private listeners: Array<(r: number) => void> = [];
  async snapshot() { if (this.down) throw new Error('down'); this.snapshots++; return structuredClone(this.world); }
  async currentRevision() { if (this.down) throw new Error('down'); return this.world.revision ?? 0; }
  async changesSince(rev: number) {
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

describe('WorldFollower', () => {
  it('applies committed batches and resolves waitFor', async () => {
    const source = new TestSource();
    const f = new WorldFollower(source, { pollIntervalMs: 60_000 });
    await f.start();
    expect(f.engine.authorize(ask).decision).toBe('ImplicitDeny');
    source.commit({ revision: 2, changes: [{ op: 'put', kind: 'policy', value: { arn: P, document: doc('orders:Get*') } }] }, 'orders:Get*');
    expect(await f.waitFor(2, 2000)).toBe(true);
    expect(f.engine.authorize(ask).decision).toBe('Allow');
    expect(await f.waitFor(9, 50)).toBe(false);
    f.stop();
  });

  it('reloads a snapshot when the log has a gap or the engine refuses a batch', async () => {
    const source = new TestSource();
    const f = new WorldFollower(source, { pollIntervalMs: 60_000, onError: () => {} });
    await f.start();
    source.gap = true;
    source.world.revision = 5;
    source.world.policies = [{ arn: P, document: doc('orders:Get*') }];
    await f.sync();
    expect(f.revision).toBe(5);
    expect(f.engine.authorize(ask).decision).toBe('Allow');
    source.gap = false;
    source.commit({ revision: 6, changes: [{ op: 'put', kind: 'policy', value: { arn: P, document: { Version: '2012-10-17', Statement: [] } } }] });
    await f.sync();
    expect(f.revision).toBe(6); // the refused batch led to a reload of revision 6
    expect(source.snapshots).toBe(3);
    f.stop();
  });

  it('keeps the last good world while the source is down, and reports staleness', async () => {
    let now = 1000;
    const source = new TestSource();
    const errors: unknown[] = [];
    const f = new WorldFollower(source, { pollIntervalMs: 60_000, onError: (e) => errors.push(e), now: () => now });
    await f.start();
    source.down = true;
    now += 5000;
    await f.sync();
    expect(errors.length).toBe(1);
    expect(f.stalenessMs).toBe(5000);
    expect(f.engine.authorize({ ...ask, action: 'orders:ListOrders' }).decision).toBe('Allow');
    f.stop();
  });
});
