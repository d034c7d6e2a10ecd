// Where a world comes from: the interface a store implements so engines can load and follow it.

import type { WorldChange } from './change.ts';
import type { WorldSnapshot } from './snapshot.ts';

/** The changes that bring a world from one revision to `revision`, as full-entity puts and deletes. */
export interface ChangeBatch {
  /** The store revision the world reflects after applying `changes`. */
  revision: number;
  changes: WorldChange[];
}

/** A source of worlds: implemented by the store drivers (SQLite, PostgreSQL). */
export interface WorldSource {
  /** The whole world at the current revision (`snapshot.revision` says which). */
  snapshot(): Promise<WorldSnapshot>;
  /** The latest committed revision. */
  currentRevision(): Promise<number>;
  /**
   * The changes after `revision`, merged into one batch up to the latest revision (or null when up to date).
   * Throws when the change log no longer reaches back to `revision` (the caller then reloads a snapshot).
   */
  changesSince(revision: number): Promise<ChangeBatch | null>;
  /** Calls `listener` with each new revision as it commits (in-process events, LISTEN/NOTIFY); returns an unsubscribe. */
  subscribe(listener: (revision: number) => void): () => void;
}
