// The gRPC AuthzService: thin handlers that hand request bytes to the executor, wait for min_revision, and record.

import { performance } from 'node:perf_hooks';
import * as grpc from '@grpc/grpc-js';
import { loadAuthzPackage } from '@iam/proto';
import type { DecisionLog } from '../decision-log.ts';
import type { Executor } from '../exec/executor.ts';
import type { Logger } from '../logger.ts';
import type { PdpMetrics } from '../metrics.ts';
import { INTERNAL_MESSAGE, METHOD_AUTHORIZE, METHOD_BATCH, METHOD_NAMES, type EvalError, type EvalOk, type EvalReply, type MethodId } from './evaluator.ts';

/** What the service needs to wait for a revision. */
export interface RevisionWaiter {
  waitFor(revision: number, untilMs: number): Promise<boolean>;
}

/** Options of the service. */
export interface AuthzServiceOptions {
  /** Longest wait for min_revision when the call has no deadline (ms). */
  maxRevisionWaitMs: number;
}

type Call = grpc.ServerUnaryCall<Buffer, Buffer>;
type Callback = grpc.sendUnaryData<Buffer>;

/** How long before the call's deadline a min_revision wait gives up, so the caller hears why (ms). */
export const DEADLINE_MARGIN_MS = 20;

const OUTCOME_LABELS = ['allow', 'explicit_deny', 'implicit_deny'] as const;
const identity = (b: Buffer): Buffer => b;

/** The service definition with pass-through (de)serializers: the evaluator decodes and encodes, in whichever thread. */
export function rawServiceDefinition(): grpc.ServiceDefinition<grpc.UntypedServiceImplementation> {
  const { service } = loadAuthzPackage();
  const raw: Record<string, grpc.MethodDefinition<Buffer, Buffer>> = {};
  for (const [name, method] of Object.entries(service)) {
    raw[name] = { ...method, requestSerialize: identity, requestDeserialize: identity, responseSerialize: identity, responseDeserialize: identity };
  }
  return raw;
}

/** Authorize and BatchAuthorize over an executor; add it to a server with `addToServer`. */
export class AuthzService {
  private readonly durations = new Map<string, ReturnType<PdpMetrics['rpcDuration']['labels']>>();
  private readonly outcomeCounters;
  private readonly evalTimers;

  constructor(
    private readonly executor: Executor,
    private readonly waiter: RevisionWaiter,
    private readonly metrics: PdpMetrics,
    private readonly decisionLog: DecisionLog | null,
    private readonly logger: Logger,
    private readonly options: AuthzServiceOptions,
  ) {
    this.outcomeCounters = OUTCOME_LABELS.map((o) => metrics.decisions.labels(o));
    this.evalTimers = METHOD_NAMES.map((m) => metrics.evaluationDuration.labels(m));
  }

  /** Registers the service's handlers on `server`. */
  addToServer(server: grpc.Server): void {
    server.addService(rawServiceDefinition(), {
      Authorize: (call: Call, callback: Callback) => this.handle(METHOD_AUTHORIZE, call, callback),
      BatchAuthorize: (call: Call, callback: Callback) => this.handle(METHOD_BATCH, call, callback),
    });
  }

  private handle(method: MethodId, call: Call, callback: Callback): void {
    const start = performance.now();
    let reply: EvalReply | Promise<EvalReply>;
    try {
      reply = this.executor.run(method, call.request);
    } catch (err) {
      reply = { kind: 'error', code: grpc.status.INTERNAL, message: INTERNAL_MESSAGE, detail: String((err as Error)?.stack ?? err) };
    }
    if (!(reply instanceof Promise) && reply.kind !== 'wait') {
      this.finish(method, call, callback, reply, start);
      return;
    }
    Promise.resolve(reply)
      .then((r) => (r.kind === 'wait' ? this.waitAndRetry(method, call, r.revision) : r))
      .catch((err): EvalError => ({ kind: 'error', code: grpc.status.INTERNAL, message: INTERNAL_MESSAGE, detail: String(err?.stack ?? err) }))
      .then((r) => this.finish(method, call, callback, r, start));
  }

  /** Waits (within the deadline) for the world to reach `revision`, then evaluates again. */
  private async waitAndRetry(method: MethodId, call: Call, revision: number): Promise<EvalOk | EvalError> {
    const deadline = call.getDeadline();
    const deadlineMs = deadline instanceof Date ? deadline.getTime() : deadline;
    const untilMs = Math.min(Number.isFinite(deadlineMs) ? deadlineMs - DEADLINE_MARGIN_MS : Infinity, Date.now() + this.options.maxRevisionWaitMs);
    if (await this.waiter.waitFor(revision, untilMs)) {
      const again = await this.executor.run(method, call.request);
      if (again.kind !== 'wait') return again;
    }
    return {
      kind: 'error',
      code: grpc.status.FAILED_PRECONDITION,
      message: `\`min_revision\` ${revision} is not reached yet; try again later`,
    };
  }

  private finish(method: MethodId, call: Call, callback: Callback, reply: EvalOk | EvalError, start: number): void {
    const name = METHOD_NAMES[method];
    if (reply.kind === 'ok') {
      this.record(method, call, reply, start);
      callback(null, Buffer.isBuffer(reply.bytes) ? reply.bytes : Buffer.from(reply.bytes.buffer, reply.bytes.byteOffset, reply.bytes.byteLength));
      this.observe(name, 'OK', start);
      return;
    }
    if (reply.code === grpc.status.INTERNAL) this.logger.error('internal error while deciding', { method: name, detail: reply.detail });
    callback({ code: reply.code, details: reply.message });
    this.observe(name, grpc.status[reply.code] ?? String(reply.code), start);
  }

  private observe(method: string, code: string, start: number): void {
    const key = method + code;
    let child = this.durations.get(key);
    if (!child) this.durations.set(key, (child = this.metrics.rpcDuration.labels(method, code)));
    child.observe((performance.now() - start) / 1000);
  }

  private record(method: MethodId, call: Call, reply: EvalOk, start: number): void {
    for (let i = 0; i < 3; i++) if (reply.outcomes[i] > 0) this.outcomeCounters[i].inc(reply.outcomes[i]);
    this.evalTimers[method].observe(reply.evalSeconds);
    if (method === METHOD_BATCH) this.metrics.batchSize.observe(reply.size);
    if (!this.decisionLog || !reply.drafts) return;
    const latencyMs = performance.now() - start;
    const time = new Date(performance.timeOrigin + start).toISOString();
    const caller = call.getPeer();
    for (const draft of reply.drafts) {
      this.decisionLog.record({ id: this.decisionLog.nextId(), time, caller, method: METHOD_NAMES[method], latencyMs, ...draft });
    }
  }
}
