// Decision logs: one JSON line per decision through a bounded buffer that never blocks a decision and counts drops.

import { createWriteStream } from 'node:fs';
import { randomBytes } from 'node:crypto';
import type { Writable } from 'node:stream';
import type { AuthzRequest, DecisionResult } from './core.ts';
import type { DecisionLogConfig } from './config.ts';

/** What replaces a masked context value. */
export const MASK = '****';
/** Most events serialized into one write to the sink. */
export const EVENTS_PER_WRITE = 512;

/** The part of an event the evaluator produces (in whichever thread evaluated). */
export interface DecisionDraft {
  request: AuthzRequest;
  decision: DecisionResult['decision'];
  /** The deciding statements. */
  reasons: DecisionResult['reasons'];
  deniedBy?: DecisionResult['deniedBy'];
  errors: DecisionResult['errors'];
  revision: number;
}

/** One decision log event (a JSON line). */
export interface DecisionEvent extends DecisionDraft {
  id: string;
  /** ISO 8601 time the call arrived. */
  time: string;
  /** The caller as gRPC sees it (peer address). */
  caller: string;
  method: string;
  /** Time from the call's arrival to its answer. */
  latencyMs: number;
}

/** What the evaluator needs to produce drafts: which keys to mask and which allows to keep. */
export interface DraftOptions {
  maskKeys: ReadonlySet<string>;
  allowSampleRate: number;
}

/** The draft options of a decision log configuration (mask keys lowercased). */
export function draftOptions(config: DecisionLogConfig): DraftOptions {
  return { maskKeys: new Set(config.maskKeys.map((k) => k.toLowerCase())), allowSampleRate: config.allowSampleRate };
}

/** Whether a decision is logged: denials always, allows at the sample rate. */
export function sampled(decision: DecisionResult['decision'], opts: DraftOptions, random: () => number = Math.random): boolean {
  return decision !== 'Allow' || (opts.allowSampleRate >= 1 ? true : random() < opts.allowSampleRate);
}

/** A draft of one decision with the configured context keys masked (the request itself is not changed). */
export function draftEvent(request: AuthzRequest, result: DecisionResult, revision: number, opts: DraftOptions): DecisionDraft {
  let logged = request;
  if (request.context && opts.maskKeys.size > 0) {
    let context: AuthzRequest['context'] | undefined;
    for (const key of Object.keys(request.context)) {
      if (!opts.maskKeys.has(key.toLowerCase())) continue;
      context ??= { ...request.context };
      context[key] = MASK;
    }
    if (context) logged = { ...request, context };
  }
  return { request: logged, decision: result.decision, reasons: result.reasons, deniedBy: result.deniedBy, errors: result.errors, revision };
}

/** Counts what happens to events (the metrics hooks). */
export interface DecisionLogCounters {
  written(n: number): void;
  dropped(n: number): void;
}

/** A bounded, asynchronous JSON-lines writer of decision events. */
export class DecisionLog {
  private buffer: DecisionEvent[] = [];
  private writing = false;
  private idle: Array<() => void> = [];
  private readonly idPrefix = randomBytes(4).toString('hex');
  private seq = 0;

  /** `sink` receives the lines; at most `bufferSize` events wait for it. */
  constructor(private readonly sink: Writable, private readonly bufferSize: number, private readonly counters: DecisionLogCounters, private readonly ownsSink: boolean) {}

  /** A fresh event id, unique within this process (random prefix + sequence). */
  nextId(): string {
    return `${this.idPrefix}-${(++this.seq).toString(36)}`;
  }

  /** Queues an event; never blocks: when the buffer is full the event is dropped and counted. */
  record(event: DecisionEvent): void {
    if (this.buffer.length >= this.bufferSize) {
      this.counters.dropped(1);
      return;
    }
    this.buffer.push(event);
    if (!this.writing) {
      this.writing = true;
      setImmediate(() => this.pump());
    }
  }

  private pump(): void {
    if (this.buffer.length === 0) {
      this.writing = false;
      for (const resolve of this.idle.splice(0)) resolve();
      return;
    }
    const batch = this.buffer.splice(0, EVENTS_PER_WRITE);
    let chunk = '';
    for (const event of batch) chunk += JSON.stringify(event) + '\n';
    const more = this.sink.write(chunk, (err) => {
      if (!err) this.counters.written(batch.length);
      else this.counters.dropped(batch.length);
    });
    if (more) setImmediate(() => this.pump());
    else this.sink.once('drain', () => this.pump());
  }

  /** Resolves once every queued event has been handed to the sink. */
  flush(): Promise<void> {
    if (!this.writing) return Promise.resolve();
    return new Promise((resolve) => this.idle.push(resolve));
  }

  /** Flushes, then closes the sink when this log opened it (a file; never stdout). */
  async close(): Promise<void> {
    await this.flush();
    if (!this.ownsSink) return;
    await new Promise<void>((resolve) => this.sink.end(resolve));
  }
}

/** Opens the configured sink; null when decision logging is off. */
export function openDecisionLog(config: DecisionLogConfig, counters: DecisionLogCounters, stdout: Writable = process.stdout): DecisionLog | null {
  switch (config.sink.kind) {
    case 'none':
      return null;
    case 'stdout':
      return new DecisionLog(stdout, config.bufferSize, counters, false);
    case 'file':
      return new DecisionLog(createWriteStream(config.sink.path, { flags: 'a' }), config.bufferSize, counters, true);
  }
}
