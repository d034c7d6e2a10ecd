// Follows a WorldSource: loads its snapshot, applies its change batches, reloads when it must, reports staleness.

import type { WorldSource } from '../core.ts';
import type { EngineInfo, WorldTarget } from '../exec/executor.ts';
import type { Logger } from '../logger.ts';
import type { PdpMetrics } from '../metrics.ts';

/** First delay before retrying after the store failed (ms); doubles up to RETRY_MAX_MS. */
export const RETRY_MIN_MS = 100;
/** Longest delay between retries while the store fails (ms). */
export const RETRY_MAX_MS = 10_000;

/** How the follower sees the store, for health reports. */
export interface FollowerStatus {
  /** Revision the served world reflects. */
  revision: number;
  /** Latest revision the store announced or returned. */
  storeRevision: number;
  /** Whether the last attempt to reach the store failed (the last good world is being served). */
  stale: boolean;
  /** Seconds since the world was last confirmed current (0 while the store answers). */
  stalenessSeconds: number;
  lastError?: string;
}

/** Options of a follower. */
export interface FollowerOptions {
  /** Revision poll interval (ms): a safety net under the source's notifications. */
  pollIntervalMs: number;
  /** Clock (ms); injectable for tests. */
  now?: () => number;
}

interface Waiter {
  revision: number;
  resolve: (reached: boolean) => void;
  timer: NodeJS.Timeout;
}

/** Keeps a WorldTarget at the source's latest revision; one sync runs at a time. */
export class WorldFollower {
  private revisionValue = -1;
  private storeRevisionValue = -1;
  private lastGoodAt: number;
  private failing = false;
  private lastError: string | undefined;
  private running = false;
  private again = false;
  private retryMs = RETRY_MIN_MS;
  private retryTimer: NodeJS.Timeout | undefined;
  private pollTimer: NodeJS.Timeout | undefined;
  private unsubscribe: (() => void) | undefined;
  private waiters: Waiter[] = [];
  private closed = false;
  private reloadNeeded = false;
  private readonly now: () => number;

  constructor(
    private readonly source: WorldSource,
    private readonly target: WorldTarget,
    private readonly metrics: PdpMetrics,
    private readonly logger: Logger,
    private readonly opts: FollowerOptions,
  ) {
    this.now = opts.now ?? Date.now;
    this.lastGoodAt = this.now();
  }

  /** Revision the served world reflects (-1 before the first load). */
  get revision(): number {
    return this.revisionValue;
  }

  /** Loads the first world (rejects when it cannot), then follows notifications and polls. */
  async start(): Promise<void> {
    await this.reload();
    this.unsubscribe = this.source.subscribe((revision) => {
      this.sawStoreRevision(revision);
      if (revision > this.revisionValue) this.requestSync();
    });
    this.pollTimer = setInterval(() => this.requestSync(), this.opts.pollIntervalMs);
    this.pollTimer.unref();
    // A write between the snapshot and the subscription would otherwise wait for the poll.
    this.requestSync();
  }

  /** Health view of the follower. */
  status(): FollowerStatus {
    return {
      revision: this.revisionValue,
      storeRevision: this.storeRevisionValue,
      stale: this.failing,
      stalenessSeconds: this.staleness(),
      ...(this.lastError ? { lastError: this.lastError } : {}),
    };
  }

  /** Seconds since the world was last confirmed current, while the store fails; 0 while it answers. */
  staleness(): number {
    return this.failing ? (this.now() - this.lastGoodAt) / 1000 : 0;
  }

  /** Resolves true once the world reflects `revision`, false if `untilMs` (epoch ms) passes first. */
  waitFor(revision: number, untilMs: number): Promise<boolean> {
    if (this.revisionValue >= revision) return Promise.resolve(true);
    if (this.closed || untilMs <= this.now()) return Promise.resolve(false);
    this.requestSync();
    return new Promise((resolve) => {
      const waiter: Waiter = { revision, resolve, timer: setTimeout(() => this.settle(waiter, false), untilMs - this.now()) };
      this.waiters.push(waiter);
    });
  }

  /** Loads a whole snapshot again (also what happens after a lost worker or a refused batch). */
  requestReload(): void {
    this.reloadNeeded = true;
    this.requestSync();
  }

  private settle(waiter: Waiter, reached: boolean): void {
    clearTimeout(waiter.timer);
    this.waiters = this.waiters.filter((w) => w !== waiter);
    waiter.resolve(reached);
  }

  private sawStoreRevision(revision: number): void {
    if (revision > this.storeRevisionValue) {
      this.storeRevisionValue = revision;
      this.metrics.storeRevision.set(revision);
    }
  }

  private reached(info: EngineInfo): void {
    this.revisionValue = info.revision;
    this.sawStoreRevision(info.revision);
    this.metrics.worldRevision.set(info.revision);
    this.metrics.imageSize.set(info.imageBytes);
    for (const w of this.waiters.filter((w) => w.revision <= info.revision)) this.settle(w, true);
  }

  private good(): void {
    if (this.failing) this.logger.info('store reachable again', { revision: this.revisionValue });
    this.failing = false;
    this.lastError = undefined;
    this.lastGoodAt = this.now();
    this.retryMs = RETRY_MIN_MS;
  }

  /** Runs a sync now, or right after the one running. */
  requestSync(): void {
    if (this.closed) return;
    if (this.running) {
      this.again = true;
      return;
    }
    this.running = true;
    void this.loop();
  }

  private async loop(): Promise<void> {
    try {
      do {
        this.again = false;
        await (this.reloadNeeded || this.revisionValue < 0 ? this.reload() : this.syncOnce());
      } while (this.again && !this.closed);
    } catch (err) {
      this.fail(err);
    } finally {
      this.running = false;
    }
  }

  private fail(err: unknown): void {
    if (!this.failing) this.logger.warn('store unreachable; serving the last good world', { revision: this.revisionValue, error: err });
    this.failing = true;
    this.lastError = (err as Error)?.message ?? String(err);
    if (this.closed || this.retryTimer) return;
    this.retryTimer = setTimeout(() => {
      this.retryTimer = undefined;
      this.requestSync();
    }, this.retryMs);
    this.retryTimer.unref();
    this.retryMs = Math.min(this.retryMs * 2, RETRY_MAX_MS);
  }

  private async syncOnce(): Promise<void> {
    let batch;
    try {
      batch = await this.source.changesSince(this.revisionValue);
    } catch (err) {
      // The change log no longer reaches back, or the store is down: a snapshot settles both (or fails too).
      if (!this.failing) this.logger.warn('cannot read changes; reloading a snapshot', { revision: this.revisionValue, error: err });
      await this.reload();
      return;
    }
    if (!batch) {
      this.good();
      this.sawStoreRevision(this.revisionValue);
      return;
    }
    const timer = this.metrics.reloadDuration.startTimer({ kind: 'changes' });
    try {
      const info = await this.target.apply(batch);
      timer();
      this.metrics.reloads.inc({ kind: 'changes' });
      this.metrics.changesApplied.inc(batch.changes.length);
      this.good();
      this.reached(info);
    } catch (err) {
      this.metrics.reloadFailures.inc({ kind: 'changes' });
      this.logger.error('engine refused a change batch; reloading a snapshot', { revision: batch.revision, error: err });
      await this.reload();
    }
  }

  private async reload(): Promise<void> {
    const timer = this.metrics.reloadDuration.startTimer({ kind: 'snapshot' });
    try {
      const snapshot = await this.source.snapshot();
      const info = await this.target.load(snapshot);
      timer();
      this.reloadNeeded = false;
      this.metrics.reloads.inc({ kind: 'snapshot' });
      this.good();
      this.reached(info);
      this.logger.info('world loaded', { revision: info.revision, imageBytes: info.imageBytes });
    } catch (err) {
      this.metrics.reloadFailures.inc({ kind: 'snapshot' });
      throw err;
    }
  }

  /** Stops following; pending waits resolve false. */
  close(): void {
    this.closed = true;
    this.unsubscribe?.();
    clearInterval(this.pollTimer);
    clearTimeout(this.retryTimer);
    for (const w of [...this.waiters]) this.settle(w, false);
  }
}
