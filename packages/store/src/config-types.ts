// The store's configuration types: quotas, options shared by both drivers, and each driver's own (re-exported by types.ts).

/** Quotas enforced inside write transactions; defaults (DEFAULT_QUOTAS) from iam-semantics.md §8. */
export interface Quotas {
  usersPerAccount: number;
  groupsPerAccount: number;
  rolesPerAccount: number;
  /** Customer managed policies per account (SCPs/RCPs not counted). */
  policiesPerAccount: number;
  groupsPerUser: number;
  /** Managed policies attached per user / role / group. */
  attachedPoliciesPerUser: number;
  attachedPoliciesPerRole: number;
  attachedPoliciesPerGroup: number;
  versionsPerPolicy: number;
  /** Characters of one managed policy document, whitespace excluded. */
  managedPolicySize: number;
  /** Aggregate characters of all inline policies of one user / group / role, whitespace excluded. */
  inlineUserSize: number;
  inlineGroupSize: number;
  inlineRoleSize: number;
  /** Characters of a trust policy, whitespace excluded. */
  trustPolicySize: number;
  /** Characters of an SCP or RCP, whitespace included. */
  orgPolicySize: number;
  tagsPerPrincipal: number;
  tagsPerResource: number;
  /** OU nesting depth below the root. */
  ouDepth: number;
  /** SCPs (and, separately, RCPs) attached per root / OU / account. */
  orgPoliciesPerTarget: number;
  accessKeysPerUser: number;
}

/** Options shared by both drivers. */
export interface CommonStoreConfig {
  /**
   * Key for access-key secrets (AES-256-GCM): 32 bytes, given as a Buffer, 64 hex chars or base64.
   * Required: without it the store cannot create or read access keys (every other method works).
   */
  encryptionKey?: string | Uint8Array;
  /** Overrides of the default quotas. */
  quotas?: Partial<Quotas>;
  /** How often subscribers poll the revision as a safety net (ms, default 1000). */
  pollIntervalMs?: number;
  /** ARN partition (default `aws`). */
  partition?: string;
  /** Keys (case-insensitive, matched anywhere in audit parameters) whose values are masked; added to the defaults. */
  auditMaskKeys?: string[];
  /** Clock for timestamps (tests); default `() => new Date()`. */
  now?: () => Date;
}

/** The embedded default: one SQLite file in WAL mode. */
export interface SqliteStoreConfig extends CommonStoreConfig {
  driver: 'sqlite';
  /** Path of the database file (`:memory:` works for one instance). */
  file: string;
  /** How long a write waits for the file's write lock held by another connection (ms, default 10000). */
  lockTimeoutMs?: number;
  /** `full` (default) fsyncs every commit; `normal` survives process crashes but may lose the last commits on power loss. */
  synchronous?: 'full' | 'normal';
}

/** The shared store for scale-out. */
export interface PostgresStoreConfig extends CommonStoreConfig {
  driver: 'postgres';
  /** Connection URL, e.g. `postgres://user@host:5432/db`. */
  url: string;
  /** Schema holding the tables (created when missing; default `public`). */
  schema?: string;
  /** Pool size (default 10). */
  poolSize?: number;
  /**
   * PostgreSQL `synchronous_commit` for the store's sessions (default `on`). `off` acknowledges a write before its
   * WAL reaches disk: a server crash may lose the last few hundred ms of acknowledged writes. For tests and benchmarks.
   */
  synchronousCommit?: 'on' | 'off';
}

/** Picks the driver. */
export type StoreConfig = SqliteStoreConfig | PostgresStoreConfig;
