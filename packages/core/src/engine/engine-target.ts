// The simplest WorldTarget: one in-process engine, rebuilt on a snapshot and changed in place by batches.

import type { ChangeBatch } from '../model/source.ts';
import type { WorldSnapshot } from '../model/snapshot.ts';
import type { AuthzEngine } from './api.ts';
import { createEngine } from './engine.ts';
import type { TargetInfo, WorldTarget } from './follower.ts';

/** Holds the engine a WorldFollower keeps current; `engine` throws before the first load. */
export class EngineTarget implements WorldTarget {
  private current: AuthzEngine | undefined;

  /** The engine reflecting the latest applied revision. */
  get engine(): AuthzEngine {
    if (!this.current) throw new Error('no world has been loaded yet');
    return this.current;
  }

  /** The engine, or null before the first load (for callers that answer "not ready" instead of throwing). */
  get engineOrNull(): AuthzEngine | null {
    return this.current ?? null;
  }

  async load(snapshot: WorldSnapshot): Promise<TargetInfo> {
    const engine = await createEngine(snapshot);
    this.current = engine; // swapped only once built: a failed build keeps the last good engine
    return info(engine);
  }

  async apply(batch: ChangeBatch): Promise<TargetInfo> {
    const engine = this.engine;
    engine.apply(batch.changes, batch.revision); // checks every change before it moves anything
    return info(engine);
  }
}

function info(engine: AuthzEngine): TargetInfo {
  return { revision: engine.revision, imageBytes: engine.stats().imageBytes };
}
