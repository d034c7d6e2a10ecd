// Evaluation on the calling thread (the main thread, or one worker thread): one engine, swapped on load, changed in
// place (synchronously) on apply.

import { EngineTarget, type ChangeBatch, type TargetInfo, type WorldSnapshot } from '../core.ts';
import type { DraftOptions } from '../decision-log.ts';
import type { Limits } from '../config.ts';
import { Evaluator, type EvalReply, type MethodId } from '../service/evaluator.ts';
import type { Executor } from './executor.ts';

/** An executor that evaluates on the calling thread. */
export class LocalExecutor implements Executor {
  readonly threads = 0;
  private readonly slot = new EngineTarget();
  /** Reads the engine from `slot` on every call: a load or apply is seen by the next call. */
  private readonly evaluator: Evaluator;

  constructor(limits: Limits, drafts: DraftOptions | null) {
    this.evaluator = new Evaluator(this.slot, limits, drafts);
  }

  run(method: MethodId, bytes: Uint8Array): EvalReply {
    return this.evaluator.run(method, bytes);
  }

  load(snapshot: WorldSnapshot): Promise<TargetInfo> {
    return this.slot.load(snapshot);
  }

  apply(batch: ChangeBatch): Promise<TargetInfo> {
    return this.slot.apply(batch);
  }

  onWorldLost(): void {
    // The main thread's engine cannot be lost without the process.
  }

  async close(): Promise<void> {}
}
