// EngineTarget: no engine before the first successful load, a failed load keeps the last good one.

import { expect, it } from 'vitest';
import type { WorldSnapshot } from '../model/snapshot.ts';
import { EngineTarget } from './engine-target.ts';

const world = (revision: number): WorldSnapshot => ({ format: 'iam-world-snapshot', version: 1, revision, accounts: [{ id: '111122223333' }] });
const broken = { ...world(9), users: [{}] } as unknown as WorldSnapshot;

it('has no engine before the first successful load, and keeps the last good engine when a load fails', async () => {
  const target = new EngineTarget();
  expect(target.engineOrNull).toBeNull();
  expect(() => target.engine).toThrow(/no world/);
  await expect(target.load(broken)).rejects.toThrow();
  expect(target.engineOrNull).toBeNull();
  await target.load(world(1));
  expect(target.engineOrNull).toBe(target.engine);
  await expect(target.load(broken)).rejects.toThrow();
  expect(target.engineOrNull?.revision).toBe(1);
});
