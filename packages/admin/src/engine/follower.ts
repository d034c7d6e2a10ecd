// The authorizing engine follows the store with core's WorldFollower and EngineTarget (snapshot, change batches, reload
// on gaps, backoff while the store fails); this adapter adds what the admin plane needs on top: catching up with the
// newest revision heard of before authorizing.

import { EngineTarget, WorldFollower, type AuthzEngine, type WorldSnapshot, type WorldSource } from '@iam/core';
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
  /** Milliseconds the engine has lagged an unreachable store (0 while the store answers). */
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
  const target = new EngineTarget();
  const report = (): void => {
    if (follower.revision >= 0) options.onRevision?.(follower.revision, Math.max(follower.storeRevision, follower.revision));
  };
  const follower = new WorldFollower(source, target, {
    ...(options.pollIntervalMs !== undefined ? { pollIntervalMs: options.pollIntervalMs } : {}),
    events: { synced: report, storeRevision: report, syncFailed: (_kind, err) => options.onError?.(err) },
  });
  try {
    await follower.start();
  } catch (err) {
    follower.close();
    throw err;
  }
  return {
    get engine() { return target.engine; },
    get stalenessMs() { return follower.staleness() * 1000; },
    async sync(revision = follower.storeRevision) {
      if (follower.revision < revision && !(await follower.waitFor(revision, Date.now() + timeoutMs))) {
        throw new AdminError('service_unavailable', `the authorization engine could not catch up with store revision ${revision}, retry later`);
      }
      return target.engine;
    },
    close() {
      follower.close();
    },
  };
}
