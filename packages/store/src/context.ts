// What every entity module gets: the driver, the resolved config and the in-process change hub.

import type { ResolvedConfig } from './config.ts';
import type { Driver } from './db/driver.ts';
import type { BatchScope } from './tx.ts';

/** Listeners of committed revisions inside this process (the feed adds polling and NOTIFY on top). */
export interface RevisionHub {
  /** Called after a commit by this store instance. */
  committed(revision: number): void;
}

/** Shared state of one open store. */
export interface Ctx {
  driver: Driver;
  cfg: ResolvedConfig;
  hub: RevisionHub;
  /** Set inside a batch: every write becomes a step of its transaction (see tx.ts). */
  batch?: BatchScope;
}
