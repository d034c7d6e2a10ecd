// The contract between the gRPC service, the world follower and whatever evaluates (the main thread or worker threads).

import type { WorldTarget } from '../core.ts';
import type { EvalReply, MethodId } from '../service/evaluator.ts';

/** Evaluates calls (a WorldTarget: the follower keeps every engine of the PDP at the same revision); every call dispatched after a load/apply resolved sees that world. */
export interface Executor extends WorldTarget {
  /** Evaluation threads (0: the main thread). */
  readonly threads: number;
  /** Answers one call from its request bytes (synchronously when the main thread evaluates). */
  run(method: MethodId, bytes: Uint8Array): EvalReply | Promise<EvalReply>;
  /** Called when an engine was lost (a worker died) and the world must be loaded again. */
  onWorldLost(listener: () => void): void;
  close(): Promise<void>;
}
