// Evaluation on the main thread: one engine, swapped on load, changed in place (synchronously) on apply.

import { EngineTarget, type ChangeBatch, type WorldSnapshot } from '../core.ts';
import type { DraftOptions } from '../decision-log.ts';
import type { Limits } from '../config.ts';
import { Evaluator, type EvalReply, type MethodId } from '../service/evaluator.ts';
import type { EngineInfo, Executor } from './executor.ts';

/** An executor that evaluates on the calling thread. */
export class LocalExecutor implements Executor {
  readonly threads = 0;
  private readonly evaluator: Evaluator;
  private readonly target = new EngineTarget();

  constructor(limits: Limits, drafts: DraftOptions | null) {
    this.evaluator = new Evaluator(limits, drafts);
  }

  run(method: MethodId, bytes: Uint8Array): EvalReply {
    return this.evaluator.run(method, bytes);
  }

  async load(snapshot: WorldSnapshot): Promise<EngineInfo> {
    const info = await this.target.load(snapshot);
    this.evaluator.setEngine(this.target.engine);
    return info;
  }

  apply(batch: ChangeBatch): Promise<EngineInfo> {
    return this.target.apply(batch); // in place: the evaluator holds the same engine
  }

  onWorldLost(): void {
    // The main thread's engine cannot be lost without the process.
  }

  async close(): Promise<void> {}
}
