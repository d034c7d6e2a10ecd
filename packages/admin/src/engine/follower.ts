// Keeps one authorization engine in step with the store: load a snapshot, then apply `changesSince` on each notification.

import type { AuthzEngine, WorldSnapshot, WorldSource } from '@iam/core';

/** Builds an engine from a snapshot (`createEngine` of @iam/core). */
export type EngineFactory = (snapshot: WorldSnapshot) => Promise<AuthzEngine>;

/** Wait between retries after the store failed to answer (ms). */
export const FOLLOWER_RETRY_MS = 500;

/** An engine that follows the store. */
export interface EngineFollower {
  /** The engine as it is now (it may lag the store by the changes in flight). */
  readonly engine: AuthzEngine;
  /** Resolves with the engine once it reflects at least `revision` (default: the newest revision heard of), or once catching up failed. */
  sync(revision?: number): Promise<AuthzEngine>;
  /** Stops following. */
  close(): void;
}

/** Hooks for metrics and logs. */
export interface FollowerHooks {
  onRevision?(engineRevision: number, storeRevision: number): void;
  onError?(err: unknown): void;
}

/** Loads the store's snapshot into a new engine and follows the store's change feed from there. */
export async function followStore(source: WorldSource, createEngine: EngineFactory, hooks: FollowerHooks = {}): Promise<EngineFollower> {
  let engine = await createEngine(await source.snapshot());
  let target = engine.revision;
  let running: Promise<void> | null = null;
  let closed = false;
  let retry: NodeJS.Timeout | null = null;

  const reload = async (): Promise<void> => {
    engine = await createEngine(await source.snapshot());
  };
  /** One pass: apply batches until the engine reaches `target` (the feed answers null when up to date). */
  const catchUp = async (): Promise<void> => {
    while (!closed && engine.revision < target) {
      let batch;
      try {
        batch = await source.changesSince(engine.revision);
      } catch (err) {
        hooks.onError?.(err);
        await reload();
        continue;
      }
      if (batch === null || batch.revision <= engine.revision) break;
      try {
        engine.apply(batch.changes, batch.revision);
      } catch (err) {
        hooks.onError?.(err);
        await reload();
      }
      target = Math.max(target, engine.revision);
    }
    hooks.onRevision?.(engine.revision, target);
  };
  const kick = (): Promise<void> => {
    if (running) return running.then(() => (engine.revision < target ? kick() : undefined));
    running = catchUp()
      .catch((err) => {
        hooks.onError?.(err);
        if (!closed && !retry) retry = setTimeout(() => { retry = null; void kick(); }, FOLLOWER_RETRY_MS).unref();
      })
      .finally(() => { running = null; });
    return running;
  };
  const unsubscribe = source.subscribe((revision) => {
    if (revision > target) target = revision;
    void kick();
  });
  hooks.onRevision?.(engine.revision, target);

  return {
    get engine() { return engine; },
    async sync(revision) {
      if (revision !== undefined && revision > target) target = revision;
      if (engine.revision < target) await kick();
      return engine;
    },
    close() {
      closed = true;
      unsubscribe();
      if (retry) clearTimeout(retry);
    },
  };
}
