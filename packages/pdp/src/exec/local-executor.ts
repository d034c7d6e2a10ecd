// Evaluation on the main thread: one engine, swapped on load, changed in place (synchronously) on apply.

import type { ChangeBatch, WorldSnapshot } from '../core.ts';
import type { DraftOptions } from '../decision-log.ts';
import type { Limits } from '../config.ts';
import { Evaluator, type EvalReply, type MethodId } from '../service/evaluator.ts';
import { buildEngine } from './engine.ts';
import type { EngineInfo, Executor } from './executor.ts';

/** An executor that evaluates on the calling thread. */
export class LocalExecutor implements Executor {
  readonly threads = 0;
  private readonly evaluator: Evaluator;

  constructor(limits: Limits, drafts: DraftOptions | null) {
    this.evaluator = new Evaluator(limits, drafts);
  }

  run(method: MethodId, bytes: Uint8Array): EvalReply {
    return this.evaluator.run(method, bytes);
  }

  async load(snapshot: WorldSnapshot): Promise<EngineInfo> {
    const engine = await buildEngine(snapshot);
    this.evaluator.setEngine(engine);
    return { revision: engine.revision, imageBytes: engine.stats().imageBytes };
  }

  async apply(batch: ChangeBatch): Promise<EngineInfo> {
    const engine = this.evaluator.engine;
    if (!engine) throw new Error('no world loaded yet');
    engine.apply(batch.changes, batch.revision);
    return { revision: engine.revision, imageBytes: engine.stats().imageBytes };
  }

  onWorldLost(): void {
    // The main thread's engine cannot be lost without the process.
  }

  async close(): Promise<void> {}
}
