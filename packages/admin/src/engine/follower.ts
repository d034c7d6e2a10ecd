// The authorizing engine follows the store with core's WorldFollower (snapshot, change batches, reload on gaps); this
// adapter adds what the admin plane needs on top: catching up with the newest revision heard of before authorizing.

import { WorldFollower, type AuthzEngine, type WorldSnapshot, type WorldSource } from '@iam/core';
import { AdminError } from '../errors.ts';

/** Builds an engine from a snapshot (`createEngine` of @iam/core); used for custom-policy simulation. */
export type EngineFactory = (snapshot: WorldSnapshot) => Promise<AuthzEngine>;

/** Longest wait for the engine to reach the newest revision before authorizing (ms); past it the request gets 503. */
export const SYNC_TIMEOUT_MS = 5000;

/** An engine that follows the store. */
export interface EngineFollower {
  /** The engine as it is now (it may lag the store by the changes in flight). */
  readonly engine: AuthzEngine;
  /**
   * Resolves with the engine once it reflects at least `revision` (default: the newest revision this process has heard
   * of, so a permission granted by one request applies to the next); throws `service_unavailable` when it cannot
   * catch up in time (the store is unreachable): an operator request is never authorized on a stale world.
   */
  sync(revision?: number): Promise<AuthzEngine>;
  /** Milliseconds since the engine last matched the store. */
  readonly stalenessMs: number;
  /** Stops following. */
  close(): void;
}

/** Options and hooks for metrics and logs. */
export interface FollowOptions {
  /** Safety-net poll of the store (default: the WorldFollower's). */
  pollIntervalMs?: number;
  /** Default SYNC_TIMEOUT_MS. */
  syncTimeoutMs?: number;
  onRevision?(engineRevision: number, storeRevision: number): void;
  onError?(err: unknown): void;
}

/** Loads the store's snapshot into an engine and follows the store's change feed from there. */
export async function followStore(source: WorldSource, options: FollowOptions = {}): Promise<EngineFollower> {
  const timeoutMs = options.syncTimeoutMs ?? SYNC_TIMEOUT_MS;
  let heard = 0;
  const report = (): void => {
    if (follower.revision >= 0) options.onRevision?.(follower.revision, Math.max(heard, follower.revision));
  };
  const follower = new WorldFollower(source, {
    ...(options.pollIntervalMs !== undefined ? { pollIntervalMs: options.pollIntervalMs } : {}),
    onBatch: report,
    onSnapshot: report,
    onError: options.onError,
  });
  // Our own listener only notes the newest revision; the WorldFollower's listener applies it.
  const unsubscribe = source.subscribe((revision) => {
    if (revision <= heard) return;
    heard = revision;
    report();
  });
  try {
    await follower.start();
  } catch (err) {
    unsubscribe();
    follower.stop();
    throw err;
  }
  return {
    get engine() { return follower.engine; },
    get stalenessMs() { return follower.stalenessMs; },
    async sync(revision = heard) {
      if (follower.revision < revision && !(await follower.waitFor(revision, timeoutMs))) {
        throw new AdminError('service_unavailable', `the authorization engine could not catch up with store revision ${revision}, retry later`);
      }
      return follower.engine;
    },
    close() {
      unsubscribe();
      follower.stop();
    },
  };
}
