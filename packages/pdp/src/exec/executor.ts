// The contract between the gRPC service, the world follower and whatever evaluates (the main thread or worker threads).

import type { ChangeBatch, WorldSnapshot } from '../core.ts';
import type { EvalReply, MethodId } from '../service/evaluator.ts';

/** What a loaded or updated world looks like to the metrics. */
export interface EngineInfo {
  revision: number;
  imageBytes: number;
}

/** Where the follower puts worlds: every engine of the PDP, kept at the same revision. */
export interface WorldTarget {
  /** Builds engines from a whole snapshot and swaps them in; rejects (keeping the old world) on failure. */
  load(snapshot: WorldSnapshot): Promise<EngineInfo>;
  /** Applies one batch atomically in every engine; rejects when any engine refused it (the follower then reloads). */
  apply(batch: ChangeBatch): Promise<EngineInfo>;
}

/** Evaluates calls; every call dispatched after a load/apply resolved sees that world. */
export interface Executor extends WorldTarget {
  /** Evaluation threads (0: the main thread). */
  readonly threads: number;
  /** Answers one call from its request bytes (synchronously when the main thread evaluates). */
  run(method: MethodId, bytes: Uint8Array): EvalReply | Promise<EvalReply>;
  /** Called when an engine was lost (a worker died) and the world must be loaded again. */
  onWorldLost(listener: () => void): void;
  close(): Promise<void>;
}
