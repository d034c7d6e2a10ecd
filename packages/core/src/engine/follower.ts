// Keeping a world target (one engine, or a PDP's pool of them) in step with a WorldSource: load a snapshot, apply
// change batches as they commit (notifications plus a poll as a safety net), reload on gaps and refused batches,
// keep serving the last good world while the source fails (retrying with backoff), and report staleness.

import { performance } from 'node:perf_hooks';
import type { ChangeBatch, WorldSource } from '../model/source.ts';
import type { WorldSnapshot } from '../model/snapshot.ts';

/** Default safety-net poll interval (ms). */
export const DEFAULT_POLL_INTERVAL_MS = 1000;
/** First delay before retrying after the source failed (ms); doubles up to RETRY_MAX_MS. */
export const RETRY_MIN_MS = 100;
/** Longest delay between retries while the source fails (ms). */
export const RETRY_MAX_MS = 10_000;

/** What a loaded or updated world looks like from outside. */
export interface TargetInfo {
  revision: number;
  imageBytes: number;
}

/** Where a follower puts worlds; every engine behind it is kept at the same revision. */
export interface WorldTarget {
  /** Builds from a whole snapshot and swaps in; rejects (keeping the old world) on failure. */
  load(snapshot: WorldSnapshot): Promise<TargetInfo>;
  /** Applies one batch atomically; rejects when it was refused (the follower then reloads a snapshot). */
  apply(batch: ChangeBatch): Promise<TargetInfo>;
}

/** A sync step: a whole snapshot, or a batch of changes. */
export type SyncKind = 'snapshot' | 'changes';

/** Hooks for metrics and logs; all optional, none may throw. */
export interface FollowerEvents {
  /** A snapshot was loaded or a batch applied (`changes` entities), taking `seconds`. */
  synced?(kind: SyncKind, info: TargetInfo, seconds: number, changes: number): void;
  /** Loading a snapshot or applying a batch failed. */
  syncFailed?(kind: SyncKind, error: unknown): void;
  /** The target refused a batch; a snapshot reload follows. */
  refused?(batch: ChangeBatch, error: unknown): void;
  /** The source announced or returned a revision newer than any seen before. */
  storeRevision?(revision: number): void;
  /**
   * The world could not be brought up to date (the source fails, or its snapshot is refused); reported once per
   * outage: the last good world keeps serving, and syncs are retried with backoff.
   */
  stale?(error: unknown, revision: number): void;
  /** The world is current again after an outage. */
  recovered?(revision: number): void;
}

/** How the follower sees the source, for health reports. */
export interface FollowerStatus {
  /** Revision the served world reflects (-1 before the first load). */
  revision: number;
  /** Latest revision the source announced or returned. */
  storeRevision: number;
  /** Whether the last attempt to reach the source failed (the last good world is being served). */
  stale: boolean;
  /** Seconds since the world was last confirmed current (0 while the source answers). */
  stalenessSeconds: number;
  lastError?: string;
}

/** Options of a follower. */
export interface FollowerOptions {
  /** Revision poll interval (ms): a safety net under the source's notifications. */
  pollIntervalMs?: number;
  events?: FollowerEvents;
  /** Clock (epoch ms); injectable for tests. */
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
  private running: Promise<void> | undefined;
  private again = false;
  private retryMs = RETRY_MIN_MS;
  private retryTimer: NodeJS.Timeout | undefined;
  private pollTimer: NodeJS.Timeout | undefined;
  private unsubscribe: (() => void) | undefined;
  private waiters: Waiter[] = [];
  private closed = false;
  private reloadNeeded = false;
  private readonly now: () => number;
  private readonly events: FollowerEvents;

  constructor(private readonly source: WorldSource, private readonly target: WorldTarget, private readonly opts: FollowerOptions = {}) {
    this.now = opts.now ?? Date.now;
    this.events = opts.events ?? {};
    this.lastGoodAt = this.now();
  }

  /** Revision the served world reflects (-1 before the first load). */
  get revision(): number {
    return this.revisionValue;
  }

  /** Latest revision the source announced or returned (-1 before any). */
  get storeRevision(): number {
    return this.storeRevisionValue;
  }

  /** Loads the first world (rejects when it cannot), then follows notifications and polls. */
  async start(): Promise<void> {
    await this.reload();
    this.unsubscribe = this.source.subscribe((revision) => {
      this.sawStoreRevision(revision);
      if (revision > this.revisionValue) void this.sync();
    });
    this.pollTimer = setInterval(() => void this.nudge(), this.opts.pollIntervalMs ?? DEFAULT_POLL_INTERVAL_MS);
    this.pollTimer.unref();
    // A write between the snapshot and the subscription would otherwise wait for the poll.
    void this.sync();
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

  /** Seconds since the world was last confirmed current, while the source fails; 0 while it answers. */
  staleness(): number {
    return this.failing ? (this.now() - this.lastGoodAt) / 1000 : 0;
  }

  /** Resolves true once the world reflects `revision`, false if `untilMs` (epoch ms) passes first. */
  waitFor(revision: number, untilMs: number): Promise<boolean> {
    if (this.revisionValue >= revision) return Promise.resolve(true);
    if (this.closed || untilMs <= this.now()) return Promise.resolve(false);
    void this.nudge();
    return new Promise((resolve) => {
      const waiter: Waiter = { revision, resolve, timer: setTimeout(() => this.settleWhere((w) => w === waiter, false), untilMs - this.now()) };
      this.waiters.push(waiter);
    });
  }

  /** Loads a whole snapshot again (after a lost worker, say). */
  requestReload(): void {
    this.reloadNeeded = true;
    void this.sync();
  }

  /**
   * Brings the target up to the source's latest revision: runs a sync now, or once more right after the one running.
   * Resolves when no sync is running any more; never rejects (failures are reported and retried).
   */
  sync(): Promise<void> {
    if (this.closed) return Promise.resolve();
    if (this.running) {
      this.again = true;
      return this.running;
    }
    this.running = this.loop().finally(() => (this.running = undefined));
    return this.running;
  }

  /**
   * A sync the poll or a waiting request asks for: none while the source fails and a retry is scheduled, so an
   * outage is probed at the backoff's pace (a notification from the source, which shows it is back, still syncs).
   */
  private nudge(): Promise<void> {
    if (this.failing && this.retryTimer !== undefined) return this.running ?? Promise.resolve();
    return this.sync();
  }

  /** Stops following; pending waits resolve false. */
  close(): void {
    this.closed = true;
    this.unsubscribe?.();
    clearInterval(this.pollTimer);
    clearTimeout(this.retryTimer);
    this.settleWhere(() => true, false);
  }

  /** Resolves (once) and forgets every waiter that `which` selects; one pass however many there are. */
  private settleWhere(which: (w: Waiter) => boolean, reached: boolean): void {
    const done = this.waiters.filter(which);
    if (done.length === 0) return;
    this.waiters = this.waiters.filter((w) => !which(w));
    for (const w of done) {
      clearTimeout(w.timer);
      w.resolve(reached);
    }
  }

  private sawStoreRevision(revision: number): void {
    if (revision <= this.storeRevisionValue) return;
    this.storeRevisionValue = revision;
    this.events.storeRevision?.(revision);
  }

  private reached(info: TargetInfo): void {
    this.revisionValue = info.revision;
    this.sawStoreRevision(info.revision);
    this.settleWhere((w) => w.revision <= info.revision, true);
  }

  private good(): void {
    if (this.failing) this.events.recovered?.(this.revisionValue);
    this.failing = false;
    this.lastError = undefined;
    this.lastGoodAt = this.now();
    this.retryMs = RETRY_MIN_MS;
  }

  private async loop(): Promise<void> {
    try {
      do {
        this.again = false;
        await (this.reloadNeeded || this.revisionValue < 0 ? this.reload() : this.syncOnce());
      } while (this.again && !this.closed);
    } catch (err) {
      this.fail(err);
    }
  }

  private fail(err: unknown): void {
    if (!this.failing) this.events.stale?.(err, this.revisionValue);
    this.failing = true;
    this.lastError = (err as Error)?.message ?? String(err);
    if (this.closed || this.retryTimer) return;
    this.retryTimer = setTimeout(() => {
      this.retryTimer = undefined;
      void this.sync();
    }, this.retryMs);
    this.retryTimer.unref();
    this.retryMs = Math.min(this.retryMs * 2, RETRY_MAX_MS);
  }

  private async syncOnce(): Promise<void> {
    let batch;
    try {
      batch = await this.source.changesSince(this.revisionValue);
    } catch {
      // The change log no longer reaches back (a snapshot settles it), or the source is down: then its cheapest call
      // fails too and the whole snapshot, the costliest, is not asked for.
      await this.source.currentRevision();
      await this.reload();
      return;
    }
    if (!batch) {
      this.good();
      this.sawStoreRevision(this.revisionValue);
      return;
    }
    const started = performance.now();
    let info: TargetInfo;
    try {
      info = await this.target.apply(batch);
    } catch (err) {
      this.events.syncFailed?.('changes', err);
      this.events.refused?.(batch, err);
      await this.reload();
      return;
    }
    this.good();
    this.reached(info);
    this.events.synced?.('changes', info, (performance.now() - started) / 1000, batch.changes.length);
  }

  private async reload(): Promise<void> {
    const started = performance.now();
    let info: TargetInfo;
    try {
      info = await this.target.load(await this.source.snapshot());
    } catch (err) {
      this.events.syncFailed?.('snapshot', err);
      throw err;
    }
    this.reloadNeeded = false;
    this.good();
    this.reached(info);
    this.events.synced?.('snapshot', info, (performance.now() - started) / 1000, 0);
  }
}
