// Test harness: fresh stores per test on SQLite (temp files) or PostgreSQL (a unique schema each), raw SQL access, cleanup.

import { randomBytes } from 'node:crypto';
import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import Database from 'better-sqlite3';
import pg from 'pg';
import { openStore } from '../src/index.ts';
import type { CommonStoreConfig, Store, StoreConfig } from '../src/index.ts';

/** The account most contract tests work in. */
export const ACCT = '111111111111';
/** A second account. */
export const ACCT2 = '222222222222';
/** A valid resource control policy. */
export const RCP_DOC = { Version: '2012-10-17', Statement: [{ Effect: 'Allow', Principal: '*', Action: '*', Resource: '*' }] };

/** A fixed test encryption key (32 bytes, hex). */
export const TEST_KEY = '00112233445566778899aabbccddeeff0123456789abcdef0123456789abcdef';
/** Fast poll for subscribe tests (ms). */
export const TEST_POLL_MS = 50;

/** One fresh store and ways to reach the same data again. */
export interface StoreHandle {
  store: Store;
  config: StoreConfig;
  /** Another store instance on the same file / schema (closed by the harness). */
  reopen(overrides?: Partial<CommonStoreConfig>): Promise<Store>;
  /** Runs raw SQL against the store's tables. */
  raw(sql: string, params?: unknown[]): Promise<Record<string, unknown>[]>;
}

/** Makes fresh stores for one driver and cleans up after them. */
export interface StoreFactory {
  readonly name: 'sqlite' | 'postgres';
  fresh(overrides?: Partial<CommonStoreConfig>): Promise<StoreHandle>;
  /** Closes every store opened since the last call. */
  closeAll(): Promise<void>;
  /** Removes files / schemas. */
  dispose(): Promise<void>;
}

function tracker() {
  const open: Store[] = [];
  return {
    track: (s: Store) => (open.push(s), s),
    async closeAll() {
      await Promise.all(open.splice(0).map((s) => s.close()));
    },
  };
}

/** Stores on SQLite files in a temporary directory. */
export function sqliteFactory(): StoreFactory {
  let dir: string | undefined; // made on first use, so a suite whose tests are all filtered out leaves nothing behind
  const t = tracker();
  let n = 0;
  return {
    name: 'sqlite',
    async fresh(overrides = {}) {
      dir ??= mkdtempSync(join(tmpdir(), 'iam-store-test-'));
      const config: StoreConfig = { driver: 'sqlite', file: join(dir, `s${++n}.db`), encryptionKey: TEST_KEY, pollIntervalMs: TEST_POLL_MS, synchronous: 'normal', ...overrides };
      const store = t.track(await openStore(config));
      return {
        store,
        config,
        reopen: async (o = {}) => t.track(await openStore({ ...config, ...o } as StoreConfig)),
        async raw(sql, params = []) {
          const db = new Database(config.file);
          try {
            const stmt = db.prepare(sql);
            return stmt.reader ? (stmt.all(...params) as Record<string, unknown>[]) : (stmt.run(...params), []);
          } finally {
            db.close();
          }
        },
      };
    },
    closeAll: () => t.closeAll(),
    async dispose() {
      await t.closeAll();
      if (dir) rmSync(dir, { recursive: true, force: true });
    },
  };
}

/** Tables emptied when a PostgreSQL test schema is reused. */
const STORE_TABLES = ['accounts', 'organization', 'ous', 'org_attachments', 'policies', 'policy_versions', 'iam_users', 'iam_groups', 'iam_roles',
  'memberships', 'inline_policies', 'attachments', 'resources', 'access_keys', 'change_log', 'audit_log'];

/** Runs one statement on a short-lived client. */
async function pgExec(url: string, sql: string, schema?: string): Promise<void> {
  const client = new pg.Client({ connectionString: url, ...(schema ? { options: `-c search_path=${schema}` } : {}) });
  await client.connect();
  try {
    await client.query(sql);
  } finally {
    await client.end();
  }
}

/**
 * Stores on PostgreSQL in schemas unique to this factory (one test file). A schema is created and migrated once,
 * then reused by later tests after truncating every table; all are dropped by dispose.
 */
export function postgresFactory(url: string): StoreFactory {
  const t = tracker();
  const schemas: string[] = [];
  let inUse = 0;
  return {
    name: 'postgres',
    async fresh(overrides = {}) {
      if (inUse === schemas.length) schemas.push(`iam_test_${process.pid}_${randomBytes(5).toString('hex')}_${schemas.length}`);
      const schema = schemas[inUse++];
      const config: StoreConfig = { driver: 'postgres', url, schema, encryptionKey: TEST_KEY, pollIntervalMs: TEST_POLL_MS, poolSize: 6, synchronousCommit: 'off', ...overrides };
      const reused = await schemaExists(url, schema);
      if (reused) await pgExec(url, `truncate ${STORE_TABLES.join(', ')} restart identity; update store_meta set revision = 0, log_floor = 0`, schema);
      const store = t.track(await openStore(config));
      return {
        store,
        config,
        reopen: async (o = {}) => t.track(await openStore({ ...config, ...o } as StoreConfig)),
        async raw(sql, params = []) {
          const client = new pg.Client({ connectionString: url, options: `-c search_path=${schema}` });
          await client.connect();
          try {
            let i = 0;
            return (await client.query(sql.replace(/\?/g, () => `$${++i}`), params)).rows;
          } finally {
            await client.end();
          }
        },
      };
    },
    async closeAll() {
      await t.closeAll();
      inUse = 0;
    },
    async dispose() {
      await t.closeAll();
      for (const s of schemas.splice(0)) await pgExec(url, `drop schema if exists "${s}" cascade`);
    },
  };
}

async function schemaExists(url: string, schema: string): Promise<boolean> {
  const client = new pg.Client({ connectionString: url });
  await client.connect();
  try {
    return (await client.query('select 1 from information_schema.tables where table_schema = $1 and table_name = $2', [schema, 'store_meta'])).rowCount === 1;
  } finally {
    await client.end();
  }
}

/** A valid identity policy document allowing `action`. */
export function allow(action = 's3:GetObject', resource = '*'): Record<string, unknown> {
  return { Version: '2012-10-17', Statement: [{ Effect: 'Allow', Action: action, Resource: resource }] };
}

/** An identity policy of `n` actions (about 17 characters each), for size quotas. */
export function bigDoc(n: number): Record<string, unknown> {
  return { Version: '2012-10-17', Statement: [{ Effect: 'Allow', Action: Array.from({ length: n }, (_, i) => `svc:Action${i}`), Resource: '*' }] };
}

/** A valid trust policy letting `principal` assume the role. */
export function trust(principal = 'arn:aws:iam::111111111111:root'): Record<string, unknown> {
  return { Version: '2012-10-17', Statement: [{ Effect: 'Allow', Principal: { AWS: principal }, Action: 'sts:AssumeRole' }] };
}

/** The PostgreSQL URL for tests, or undefined (the PostgreSQL suites then skip loudly). */
export function testPgUrl(): string | undefined {
  const url = process.env.IAM_TEST_PG_URL;
  return url && url.length > 0 ? url : undefined;
}
