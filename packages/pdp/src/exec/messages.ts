// Messages between the main thread and evaluation workers (structured-cloned over each worker's port).

import type { ChangeBatch, TargetInfo, WorldSnapshot } from '../core.ts';
import type { Limits } from '../config.ts';
import type { DraftOptions } from '../decision-log.ts';
import type { EvalReply } from '../service/evaluator.ts';

/** What a worker is started with. */
export interface WorkerInit {
  limits: Limits;
  /** Decision-log draft options (mask keys lowercased; a Set survives the structured clone), or null when the log is off. */
  drafts: DraftOptions | null;
}

/** Calls queued in one event-loop turn, sent together. */
export interface EvalMessage {
  t: 'eval';
  ids: number[];
  methods: number[];
  payloads: Uint8Array[];
}

/** A world to build (load) or a batch to apply; acknowledged by `seq`. */
export type WorldMessage = { t: 'load'; seq: number; snapshot: WorldSnapshot } | { t: 'apply'; seq: number; batch: ChangeBatch };

/** Main thread to worker. */
export type ToWorker = EvalMessage | WorldMessage;

/** Worker to main thread. */
export type FromWorker =
  | { t: 'replies'; ids: number[]; replies: EvalReply[] }
  | { t: 'ack'; seq: number; info?: TargetInfo; error?: string };

/**
 * The bytes of `view` alone, as a message payload. Posting a view clones its whole backing ArrayBuffer: small Buffers
 * share an 8 KiB pool, so a 200-byte request would otherwise carry 8 KiB across threads.
 */
export function ownBytes(view: Uint8Array): Uint8Array {
  if (view.byteOffset === 0 && view.byteLength === view.buffer.byteLength) return view;
  return Uint8Array.prototype.slice.call(view); // a copy of just these bytes (Buffer#slice would be another view)
}
