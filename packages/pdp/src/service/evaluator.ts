// Request bytes in, response bytes out: decode, validate, decide, encode (the same code in every thread).

import { performance } from 'node:perf_hooks';
import { status } from '@grpc/grpc-js';
import type { AuthzEngine, DecisionResult, EngineTarget } from '../core.ts';
import type { Limits } from '../config.ts';
import { draftEvent, sampled, type DecisionDraft, type DraftOptions } from '../decision-log.ts';
import { decodeAuthorize, decodeBatch, decoding, type BatchModeName } from './decode-request.ts';
import { RequestError } from './request-checks.ts';
import { decisionNumber, encodeAuthorize, encodeBatch } from './encode-response.ts';

/** Method ids (numbers cross thread boundaries cheaply). */
export const METHOD_AUTHORIZE = 0;
export const METHOD_BATCH = 1;
/** One of the method ids. */
export type MethodId = typeof METHOD_AUTHORIZE | typeof METHOD_BATCH;
/** Method names by id, as the metrics and logs name them. */
export const METHOD_NAMES = ['Authorize', 'BatchAuthorize'] as const;

/** The generic message of every internal error (the detail goes to the log only). */
export const INTERNAL_MESSAGE = 'internal error';

/** Decisions by outcome, in Decision enum order (index: decisionNumber - 1): allow, explicit deny, implicit deny. */
export type Outcomes = [number, number, number];

/** A decided call. */
export interface EvalOk {
  kind: 'ok';
  bytes: Uint8Array;
  outcomes: Outcomes;
  /** Engine time for the call. */
  evalSeconds: number;
  /** Requests in the call. */
  size: number;
  /** Decision log drafts (null when the log is off). */
  drafts: DecisionDraft[] | null;
}

/** A refused or failed call. */
export interface EvalError {
  kind: 'error';
  code: number;
  message: string;
  /** What went wrong internally, for the log. */
  detail?: string;
}

/** The call needs a newer world than this evaluator has. */
export interface EvalWait {
  kind: 'wait';
  revision: number;
}

/** What one evaluation produces. */
export type EvalReply = EvalOk | EvalError | EvalWait;

/** Answers the calls of one thread with the current engine of its slot. */
export class Evaluator {
  /** Each call uses the engine `slot` holds when it starts; `drafts` enables decision-log drafts (and with them explanations, for the deciding statements). */
  constructor(private readonly slot: EngineTarget, private readonly limits: Limits, private readonly drafts: DraftOptions | null) {}

  /** Answers one call; never throws. */
  run(method: MethodId, bytes: Uint8Array): EvalReply {
    const engine = this.slot.engineOrNull;
    if (!engine) return { kind: 'error', code: status.UNAVAILABLE, message: 'no world loaded yet' };
    try {
      const buf = Buffer.isBuffer(bytes) ? bytes : Buffer.from(bytes.buffer, bytes.byteOffset, bytes.byteLength);
      return method === METHOD_AUTHORIZE ? this.authorize(engine, buf) : this.batch(engine, buf);
    } catch (err) {
      if (err instanceof RequestError) return { kind: 'error', code: err.code, message: err.message };
      return { kind: 'error', code: status.INTERNAL, message: INTERNAL_MESSAGE, detail: (err as Error)?.stack ?? String(err) };
    }
  }

  private authorize(engine: AuthzEngine, bytes: Buffer): EvalReply {
    const forceExplain = this.drafts !== null;
    const { request, explain, minRevision } = decoding('AuthorizeRequest', () => decodeAuthorize(bytes, 0, bytes.length, -1, this.limits, forceExplain));
    if (minRevision > engine.revision) return { kind: 'wait', revision: minRevision };
    const start = performance.now();
    const result = engine.authorize(request);
    const evalSeconds = (performance.now() - start) / 1000;
    const outcomes: Outcomes = [0, 0, 0];
    outcomes[decisionNumber(result.decision) - 1]++;
    const out = encodeAuthorize(result, engine.revision, explain);
    const drafts = this.drafts && sampled(result.decision, this.drafts) ? [draftEvent(request, result, engine.revision, this.drafts)] : null;
    return { kind: 'ok', bytes: out, outcomes, evalSeconds, size: 1, drafts };
  }

  private batch(engine: AuthzEngine, bytes: Buffer): EvalReply {
    const decoded = decoding('BatchAuthorizeRequest', () => decodeBatch(bytes, this.limits, this.drafts !== null));
    const { requests, minRevision } = decoded;
    if (minRevision > engine.revision) return { kind: 'wait', revision: minRevision };
    const start = performance.now();
    const decided = engine.authorizeBatch(requests);
    const evalSeconds = (performance.now() - start) / 1000;
    const count = answered(decided, decoded.mode);
    const outcomes: Outcomes = [0, 0, 0];
    let drafts: DecisionDraft[] | null = null;
    for (let i = 0; i < count; i++) {
      const result = decided[i];
      outcomes[decisionNumber(result.decision) - 1]++;
      if (this.drafts && sampled(result.decision, this.drafts)) (drafts ??= []).push(draftEvent(requests[i], result, engine.revision, this.drafts));
    }
    const out = encodeBatch(decided, count, decoded.explain, engine.revision);
    return { kind: 'ok', bytes: out, outcomes, evalSeconds, size: requests.length, drafts };
  }
}

/** How many results a batch mode returns: all, or up to and including the first deny / first allow. */
export function answered(results: readonly DecisionResult[], mode: BatchModeName): number {
  if (mode === 'deny_on_first_deny') {
    const i = results.findIndex((r) => r.decision !== 'Allow');
    return i < 0 ? results.length : i + 1;
  }
  if (mode === 'permit_on_first_permit') {
    const i = results.findIndex((r) => r.decision === 'Allow');
    return i < 0 ? results.length : i + 1;
  }
  return results.length;
}
