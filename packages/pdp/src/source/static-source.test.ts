// Tests of the in-memory world source: snapshots, merged change batches, notifications, log truncation, outages.

import { describe, expect, it } from 'vitest';
import { SNAPSHOT_FORMAT, SNAPSHOT_VERSION, type WorldSnapshot } from '../core.ts';
import { SourceUnavailableError, StaticSource } from './static-source.ts';

const WORLD: WorldSnapshot = {
  format: SNAPSHOT_FORMAT,
  version: SNAPSHOT_VERSION,
  revision: 4,
  accounts: [{ id: '111122223333' }],
  users: [{ arn: 'arn:aws:iam::111122223333:user/a' }],
};
const USER_B = { arn: 'arn:aws:iam::111122223333:user/b', tags: { team: 'x' } };

describe('StaticSource', () => {
  it('serves a copy of its snapshot at its revision', async () => {
    const source = new StaticSource(WORLD);
    const snap = await source.snapshot();
    expect(snap).toEqual(WORLD);
    snap.users!.pop();
    expect((await source.snapshot()).users).toHaveLength(1);
    expect(await source.currentRevision()).toBe(4);
    expect(await source.changesSince(4)).toBeNull();
  });

  it('commits changes as revisions, merges them per request and notifies subscribers', async () => {
    const source = new StaticSource(WORLD);
    const seen: number[] = [];
    const stop = source.subscribe((r) => seen.push(r));
    expect(source.commit([{ op: 'put', kind: 'user', value: USER_B }])).toBe(5);
    expect(source.commit([{ op: 'delete', kind: 'user', key: WORLD.users![0].arn }])).toBe(6);
    await Promise.resolve();
    expect(seen).toEqual([5, 6]);
    expect(await source.changesSince(4)).toEqual({
      revision: 6,
      changes: [{ op: 'put', kind: 'user', value: USER_B }, { op: 'delete', kind: 'user', key: WORLD.users![0].arn }],
    });
    expect((await source.changesSince(5))!.changes).toHaveLength(1);
    expect((await source.snapshot()).users).toEqual([USER_B]);
    stop();
    source.commit([]);
    await Promise.resolve();
    expect(seen).toEqual([5, 6]);
  });

  it('throws from changesSince when its log no longer reaches back', async () => {
    const source = new StaticSource(WORLD, { maxLogEntries: 1 });
    source.commit([{ op: 'put', kind: 'account', value: { id: '444455556666' } }]);
    source.commit([{ op: 'put', kind: 'user', value: USER_B }]);
    await expect(source.changesSince(4)).rejects.toThrow('change log starts after revision 4');
    expect((await source.changesSince(5))!.revision).toBe(6);
  });

  it('rejects every read while unreachable', async () => {
    const source = new StaticSource(WORLD);
    source.setReachable(false);
    await expect(source.snapshot()).rejects.toBeInstanceOf(SourceUnavailableError);
    await expect(source.changesSince(0)).rejects.toBeInstanceOf(SourceUnavailableError);
    source.setReachable(true);
    expect(await source.currentRevision()).toBe(4);
  });

  it('keeps OUs inside the organization', async () => {
    const source = new StaticSource({ ...WORLD, organization: { id: 'o-abcdefghij', managementAccountId: '111122223333', root: { id: 'r-abcd' } } });
    source.commit([{ op: 'put', kind: 'ou', value: { id: 'ou-abcd-11111111', parentId: 'r-abcd' } }]);
    expect((await source.snapshot()).organization!.units).toEqual([{ id: 'ou-abcd-11111111', parentId: 'r-abcd' }]);
    source.commit([{ op: 'delete', kind: 'ou', key: 'ou-abcd-11111111' }]);
    expect((await source.snapshot()).organization!.units).toEqual([]);
  });
});
