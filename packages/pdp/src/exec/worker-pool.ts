// Evaluation on worker threads: each holds its own engine; calls go to the least busy one, worlds go to all.

import { createRequire } from 'node:module';
import { pathToFileURL } from 'node:url';
import { Worker } from 'node:worker_threads';
import { status } from '@grpc/grpc-js';
import type { ChangeBatch, TargetInfo, WorldSnapshot } from '../core.ts';
import type { Logger } from '../logger.ts';
import { INTERNAL_MESSAGE, type EvalReply, type MethodId } from '../service/evaluator.ts';
import type { Executor } from './executor.ts';
import { ownBytes, type FromWorker, type ToWorker, type WorkerInit, type WorldMessage } from './messages.ts';

/** The worker entry (TypeScript: there is no build step). */
const WORKER_ENTRY = new URL('./worker.ts', import.meta.url).href;
/** tsx's ESM API (a worker does not inherit the main thread's loader hooks, so it loads the entry through it). */
const TSX_API = pathToFileURL(createRequire(import.meta.url).resolve('tsx/package.json').replace(/package\.json$/, 'dist/esm/api/index.mjs')).href;
/** A tiny ESM bootstrap, as a data: URL, that imports the TypeScript entry through tsx. */
const WORKER_BOOTSTRAP = new URL(
  'data:text/javascript,' + encodeURIComponent(`import { tsImport } from ${JSON.stringify(TSX_API)}; await tsImport(${JSON.stringify(WORKER_ENTRY)}, ${JSON.stringify(WORKER_ENTRY)});`),
);

/** Most worker replacements within RESPAWN_WINDOW_MS; beyond, a lost worker is not replaced (it would crash again). */
export const MAX_RESPAWNS = 5;
export const RESPAWN_WINDOW_MS = 60_000;

type Resolve = (reply: EvalReply) => void;

/** One worker thread and its calls in flight. */
class WorkerHandle {
  readonly worker: Worker;
  readonly pending = new Map<number, Resolve>();
  /** Whether it holds the current world (a replacement does not until the next load). */
  ready = false;
  alive = true;
  private ids: number[] = [];
  private methods: number[] = [];
  private payloads: Uint8Array[] = [];
  private scheduled = false;
  private readonly acks = new Map<number, (ack: { info?: TargetInfo; error?: string }) => void>();

  constructor(init: WorkerInit, onExit: (handle: WorkerHandle, err?: Error) => void) {
    this.worker = new Worker(WORKER_BOOTSTRAP, { workerData: init });
    this.worker.on('message', (m: FromWorker) => this.receive(m));
    this.worker.on('error', (err) => onExit(this, err));
    this.worker.on('exit', () => onExit(this));
  }

  /** Queues a call; calls queued in one turn of the event loop travel in one message. */
  enqueue(id: number, method: MethodId, bytes: Uint8Array, resolve: Resolve): void {
    this.pending.set(id, resolve);
    this.ids.push(id);
    this.methods.push(method);
    this.payloads.push(ownBytes(bytes));
    if (!this.scheduled) {
      this.scheduled = true;
      queueMicrotask(() => this.flush());
    }
  }

  private flush(): void {
    this.scheduled = false;
    if (this.ids.length === 0) return;
    const message: ToWorker = { t: 'eval', ids: this.ids, methods: this.methods, payloads: this.payloads };
    this.ids = [];
    this.methods = [];
    this.payloads = [];
    this.worker.postMessage(message);
  }

  /** Sends a world message after any queued calls and resolves with the worker's acknowledgement. */
  world(message: WorldMessage): Promise<{ info?: TargetInfo; error?: string }> {
    this.flush();
    return new Promise((resolve) => {
      this.acks.set(message.seq, resolve);
      this.worker.postMessage(message);
    });
  }

  private receive(message: FromWorker): void {
    if (message.t === 'replies') {
      for (let i = 0; i < message.ids.length; i++) {
        const resolve = this.pending.get(message.ids[i]);
        this.pending.delete(message.ids[i]);
        resolve?.(message.replies[i]);
      }
      return;
    }
    const ack = this.acks.get(message.seq);
    this.acks.delete(message.seq);
    ack?.(message);
  }

  /** Fails everything in flight (the worker is gone). */
  abandon(): void {
    this.alive = false;
    this.ready = false;
    const lost: EvalReply = { kind: 'error', code: status.INTERNAL, message: INTERNAL_MESSAGE, detail: 'evaluation worker exited' };
    for (const resolve of this.pending.values()) resolve(lost);
    this.pending.clear();
    for (const ack of this.acks.values()) ack({ error: 'evaluation worker exited' });
    this.acks.clear();
  }
}

/** An executor over `threads` worker threads, each with its own engine at the same revision. */
export class WorkerPool implements Executor {
  private readonly handles: WorkerHandle[] = [];
  private nextId = 1;
  private seq = 0;
  private next = 0;
  private closing = false;
  private lostListeners: Array<() => void> = [];
  private respawns: number[] = [];

  constructor(readonly threads: number, private readonly init: WorkerInit, private readonly logger: Logger) {
    for (let i = 0; i < threads; i++) this.handles.push(this.spawn());
  }

  private spawn(): WorkerHandle {
    return new WorkerHandle(this.init, (handle, err) => this.lost(handle, err));
  }

  private lost(handle: WorkerHandle, err?: Error): void {
    if (!handle.alive) return;
    handle.abandon();
    if (this.closing) return;
    const now = Date.now();
    this.respawns = this.respawns.filter((t) => now - t < RESPAWN_WINDOW_MS);
    if (this.respawns.length >= MAX_RESPAWNS) {
      this.logger.error('evaluation worker exited; not replaced (too many exits)', { error: err, alive: this.handles.filter((h) => h.alive).length });
      return;
    }
    this.respawns.push(now);
    this.logger.error('evaluation worker exited; replacing it and reloading the world', { error: err });
    const index = this.handles.indexOf(handle);
    if (index >= 0) this.handles[index] = this.spawn();
    for (const listener of this.lostListeners) listener();
  }

  run(method: MethodId, bytes: Uint8Array): Promise<EvalReply> {
    const handle = this.pick();
    if (!handle) return Promise.resolve({ kind: 'error', code: status.UNAVAILABLE, message: 'no evaluation worker holds a world' });
    return new Promise((resolve) => handle.enqueue(this.nextId++, method, bytes, resolve));
  }

  /** The ready worker with the fewest calls in flight (round-robin among equals). */
  private pick(): WorkerHandle | undefined {
    let best: WorkerHandle | undefined;
    const n = this.handles.length;
    for (let k = 0; k < n; k++) {
      const h = this.handles[(this.next + k) % n];
      if (h.ready && (!best || h.pending.size < best.pending.size)) best = h;
    }
    this.next = (this.next + 1) % n;
    return best;
  }

  private async broadcast(make: (seq: number) => WorldMessage, targets: WorkerHandle[]): Promise<Array<{ info?: TargetInfo; error?: string }>> {
    return Promise.all(targets.map((h) => h.world(make(++this.seq))));
  }

  async load(snapshot: WorldSnapshot): Promise<TargetInfo> {
    const targets = this.handles.filter((h) => h.alive);
    if (targets.length === 0) throw new Error('no evaluation worker is running');
    const acks = await this.broadcast((seq) => ({ t: 'load', seq, snapshot }), targets);
    const failed = acks.filter((a) => a.error !== undefined);
    if (failed.length > 0) {
      // A failed load leaves a worker on its old engine: when only some failed, those leave the rotation.
      if (failed.length < targets.length) targets.forEach((h, i) => { if (acks[i].error !== undefined) h.ready = false; });
      throw new Error(`a worker could not load the world: ${failed[0].error}`);
    }
    for (const h of targets) h.ready = h.alive;
    return acks[0].info!;
  }

  async apply(batch: ChangeBatch): Promise<TargetInfo> {
    const targets = this.handles.filter((h) => h.ready);
    if (targets.length === 0) throw new Error('no evaluation worker holds a world');
    const acks = await this.broadcast((seq) => ({ t: 'apply', seq, batch }), targets);
    const failed = acks.filter((a) => a.error !== undefined);
    if (failed.length === 0) return acks[0].info!;
    // Engines apply all or nothing: when every worker refused, all still hold the old world in step.
    // When only some did, those are taken out of rotation until the follower's reload.
    if (failed.length < targets.length) targets.forEach((h, i) => { if (acks[i].error !== undefined) h.ready = false; });
    throw new Error(`a worker refused the change batch: ${failed[0].error}`);
  }

  onWorldLost(listener: () => void): void {
    this.lostListeners.push(listener);
  }

  async close(): Promise<void> {
    this.closing = true;
    await Promise.all(this.handles.map((h) => h.worker.terminate()));
  }
}
