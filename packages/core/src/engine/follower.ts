// Keeping an engine in step with a WorldSource: load a snapshot, apply change batches as they commit
// (notifications plus a poll as a safety net), reload on gaps, and keep serving the last good world on errors.

import type { ChangeBatch, WorldSource } from '../model/source.ts';
import type { WorldSnapshot } from '../model/snapshot.ts';
import { createEngine, type Engine } from './engine.ts';

/** Default safety-net poll interval. */
export const DEFAULT_POLL_INTERVAL_MS = 1000;

/** Options of a follower. */
export interface FollowerOptions {
  pollIntervalMs?: number;
  /** Called after each applied batch (workers replay them on their own engines). */
  onBatch?: (batch: ChangeBatch) => void;
  /** Called after a snapshot (re)load with the snapshot itself. */
  onSnapshot?: (snapshot: WorldSnapshot) => void;
  /** Called when syncing fails; the engine keeps serving its last good world. */
  onError?: (error: unknown) => void;
  /** Clock for staleness (default Date.now). */
  now?: () => number;
}

/** An engine that follows a store. */
export class WorldFollower {
  private current?: Engine;
  private timer?: NodeJS.Timeout;
  private unsubscribe?: () => void;
  private syncing?: Promise<void>;
  private again = false;
  private readonly waiters = new Set<{ revision: number; resolve: (ok: boolean) => void; timer: NodeJS.Timeout }>();
  /** When the engine last matched the source (epoch ms), and the last sync error. */
  lastSyncAt = 0;
  lastError: unknown = undefined;
  reloads = 0;
  private readonly now: () => number;

  constructor(private readonly source: WorldSource, private readonly options: FollowerOptions = {}) {
    this.now = options.now ?? Date.now;
  }

  /** Load the first snapshot and start following. */
  async start(): Promise<void> {
    await this.reload();
    this.unsubscribe = this.source.subscribe(() => void this.sync());
    const interval = this.options.pollIntervalMs ?? DEFAULT_POLL_INTERVAL_MS;
    this.timer = setInterval(() => void this.sync(), interval);
    this.timer.unref();
  }

  /** The engine reflecting the latest applied revision. */
  get engine(): Engine {
    if (!this.current) throw new Error('the follower has not started');
    return this.current;
  }

  get revision(): number {
    return this.current?.revision ?? -1;
  }

  /** Milliseconds since the engine last matched the source. */
  get stalenessMs(): number {
    return this.lastSyncAt === 0 ? Number.POSITIVE_INFINITY : this.now() - this.lastSyncAt;
  }

  private async reload(): Promise<void> {
    const snapshot = await this.source.snapshot();
    this.current = await createEngine(snapshot);
    this.reloads++;
    this.lastSyncAt = this.now();
    this.options.onSnapshot?.(snapshot);
    this.settle();
  }

  /** Bring the engine up to the source's latest revision (coalesces concurrent calls). */
  sync(): Promise<void> {
    if (this.syncing) {
      this.again = true;
      return this.syncing;
    }
    this.syncing = (async () => {
      do {
        this.again = false;
        await this.syncOnce();
      } while (this.again);
    })().finally(() => (this.syncing = undefined));
    return this.syncing;
  }

  private async syncOnce(): Promise<void> {
    try {
      let batch: ChangeBatch | null;
      try {
        batch = await this.source.changesSince(this.revision);
      } catch (err) {
        // the log no longer reaches back: start over from a snapshot
        if (await this.sourceReachable()) {
          await this.reload();
          return;
        }
        throw err;
      }
      if (batch && batch.revision > this.revision) {
        try {
          this.engine.apply(batch.changes, batch.revision);
        } catch (err) {
          // a batch the engine refuses would be refused again: start over from a snapshot
          this.options.onError?.(err);
          await this.reload();
          return;
        }
        this.options.onBatch?.(batch);
      }
      this.lastSyncAt = this.now();
      this.lastError = undefined;
      this.settle();
    } catch (err) {
      this.lastError = err;
      this.options.onError?.(err);
    }
  }

  private async sourceReachable(): Promise<boolean> {
    try {
      await this.source.currentRevision();
      return true;
    } catch {
      return false;
    }
  }

  /** Resolve once the engine reflects at least `revision`, or false after `timeoutMs`. */
  waitFor(revision: number, timeoutMs: number): Promise<boolean> {
    if (this.revision >= revision) return Promise.resolve(true);
    void this.sync();
    return new Promise((resolve) => {
      const waiter = { revision, resolve, timer: setTimeout(() => { this.waiters.delete(waiter); resolve(this.revision >= revision); }, Math.max(0, timeoutMs)) };
      this.waiters.add(waiter);
    });
  }

  private settle(): void {
    for (const w of this.waiters) {
      if (this.revision >= w.revision) {
        clearTimeout(w.timer);
        this.waiters.delete(w);
        w.resolve(true);
      }
    }
  }

  /** Stop following (the engine stays usable). */
  stop(): void {
    if (this.timer) clearInterval(this.timer);
    this.unsubscribe?.();
    for (const w of this.waiters) {
      clearTimeout(w.timer);
      w.resolve(this.revision >= w.revision);
    }
    this.waiters.clear();
  }
}
