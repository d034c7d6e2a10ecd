// The two drivers behind one typed query layer: transactions, write locking and cross-process notification.

import Database from 'better-sqlite3';
import { Kysely, PostgresDialect, SqliteDialect, sql } from 'kysely';
import pg from 'pg';
import { StoreBusyError } from '../errors.ts';
import type { PostgresStoreConfig, SqliteStoreConfig } from '../types.ts';
import { DEFAULT_LOCK_TIMEOUT_MS, DEFAULT_POOL_SIZE } from '../config.ts';
import { migrate } from './migrations.ts';
import type { DB } from './schema.ts';

/** Longest pause between two attempts at the SQLite write lock (ms). */
const SQLITE_RETRY_MAX_PAUSE_MS = 8;
/** Attempts of a PostgreSQL write that failed with a serialization failure or deadlock. */
const PG_WRITE_ATTEMPTS = 5;
/** Attempts at migrating an SQLite file another process is migrating at the same time. */
const SQLITE_MIGRATE_ATTEMPTS = 3;
/** PostgreSQL errors that mean "try the transaction again". */
const PG_RETRYABLE = new Set(['40001', '40P01']);

/** What the store needs from a database: exclusive writes, consistent reads, notifications. */
export interface Driver {
  readonly kind: 'sqlite' | 'postgres';
  /** For single-statement reads outside a transaction. */
  readonly db: Kysely<DB>;
  /** Runs `fn` in a transaction that holds the store's write lock (one writer at a time, across processes). */
  write<T>(fn: (db: Kysely<DB>) => Promise<T>): Promise<T>;
  /** Runs `fn` in a read-only transaction over one consistent snapshot. */
  read<T>(fn: (db: Kysely<DB>) => Promise<T>): Promise<T>;
  /** Inside a write: tells other processes that `revision` commits (PostgreSQL NOTIFY; no-op on SQLite). */
  notifyInTx(db: Kysely<DB>, revision: number): Promise<void>;
  /** Listens for other processes' commits; resolves to a stop function (no-op on SQLite, which polls). */
  listen(onRevision: (revision: number) => void, onError: (e: Error) => void): Promise<() => Promise<void>>;
  close(): Promise<void>;
}

/** The SQLite error of `e`: itself, or the one it wraps (`migrate` wraps the failing migration's error). */
function sqliteError(e: unknown): { code: string; message: string } {
  const err = e as { code?: unknown; message?: unknown; cause?: { code?: unknown; message?: unknown } } | undefined;
  const own = typeof err?.code === 'string' ? err : err?.cause;
  return { code: typeof own?.code === 'string' ? own.code : '', message: typeof own?.message === 'string' ? own.message : '' };
}

function isSqliteBusy(e: unknown): boolean {
  const { code } = sqliteError(e);
  return code === 'SQLITE_BUSY' || code.startsWith('SQLITE_BUSY_') || code === 'SQLITE_LOCKED';
}

/** The error of losing the first-migration race: the winner created a table this migrator was about to create. */
function isMigrationRace(e: unknown): boolean {
  const { code, message } = sqliteError(e);
  return code === 'SQLITE_ERROR' && / already exists$/.test(message);
}

const sleep = (ms: number) => new Promise<void>((r) => setTimeout(r, ms));

/** Opens a better-sqlite3 file in WAL mode and migrates it. */
export async function openSqlite(config: SqliteStoreConfig): Promise<Driver> {
  const raw = new Database(config.file);
  // busy_timeout 0: waiting happens in `withBusyRetry`, asynchronously, so two store instances in one process
  // (one thread) can hand the lock over instead of blocking the event loop on each other.
  raw.pragma('busy_timeout = 0');
  await withBusyRetry(() => raw.pragma('journal_mode = WAL'), DEFAULT_LOCK_TIMEOUT_MS);
  raw.pragma(`synchronous = ${config.synchronous === 'normal' ? 'NORMAL' : 'FULL'}`);
  const db = new Kysely<DB>({ dialect: new SqliteDialect({ database: raw }) });
  const lockTimeoutMs = config.lockTimeoutMs ?? DEFAULT_LOCK_TIMEOUT_MS;
  const inTx = <T>(begin: string, fn: (db: Kysely<DB>) => Promise<T>) =>
    db.connection().execute(async (conn) => {
      await withBusyRetry(() => sql.raw(begin).execute(conn), lockTimeoutMs);
      try {
        const out = await fn(conn);
        await sql`commit`.execute(conn);
        return out;
      } catch (e) {
        await sql`rollback`.execute(conn).catch(() => undefined);
        throw e;
      }
    });
  const driver: Driver = {
    kind: 'sqlite',
    db,
    write: (fn) => inTx('begin immediate', fn),
    read: (fn) => inTx('begin', fn),
    notifyInTx: async () => undefined,
    listen: async () => async () => undefined,
    close: () => db.destroy(),
  };
  await migrateSqlite(db, lockTimeoutMs);
  return driver;
}

/**
 * Migrates an SQLite file. Kysely takes no lock for SQLite, so two processes opening a new file together can both try
 * the first migration; the loser fails (`table ... already exists`) only once the winner has committed, and migrating
 * again then finds the work done. Only that error is tried again (a busy file is waited for by `withBusyRetry`).
 */
async function migrateSqlite(db: Kysely<DB>, lockTimeoutMs: number): Promise<void> {
  for (let attempt = 1; ; attempt++) {
    try {
      return await withBusyRetry(() => migrate(db, 'sqlite'), lockTimeoutMs);
    } catch (e) {
      if (attempt >= SQLITE_MIGRATE_ATTEMPTS || !isMigrationRace(e)) throw e;
      await sleep(1 + Math.random() * SQLITE_RETRY_MAX_PAUSE_MS);
    }
  }
}

/** Retries `fn` while SQLite reports the file busy, pausing asynchronously, until `timeoutMs`. */
async function withBusyRetry<T>(fn: () => T | Promise<T>, timeoutMs: number): Promise<T> {
  const deadline = Date.now() + timeoutMs;
  for (;;) {
    try {
      return await fn();
    } catch (e) {
      if (!isSqliteBusy(e)) throw e;
      if (Date.now() > deadline) throw new StoreBusyError(`database file is locked for more than ${timeoutMs} ms`);
      await sleep(1 + Math.random() * SQLITE_RETRY_MAX_PAUSE_MS);
    }
  }
}

/** Opens a pg Pool on `schema` (created when missing) and migrates it. */
export async function openPostgres(config: PostgresStoreConfig): Promise<Driver> {
  const schema = config.schema ?? 'public';
  const commit = config.synchronousCommit === 'off' ? ' -c synchronous_commit=off' : '';
  const connection = { connectionString: config.url, options: `-c search_path=${schema}${commit}` };
  await ensureSchema(config.url, schema);
  const pool = new pg.Pool({ ...connection, max: config.poolSize ?? DEFAULT_POOL_SIZE });
  pool.on('error', () => undefined); // idle client errors surface on the next query instead
  const db = new Kysely<DB>({ dialect: new PostgresDialect({ pool }) });
  const channel = `iam_store_${schema}`;
  const driver: Driver = {
    kind: 'postgres',
    db,
    async write(fn) {
      for (let attempt = 1; ; attempt++) {
        try {
          return await db.transaction().execute(fn);
        } catch (e) {
          if (attempt >= PG_WRITE_ATTEMPTS || !PG_RETRYABLE.has((e as { code?: string }).code ?? '')) throw e;
        }
      }
    },
    read: (fn) => db.transaction().setIsolationLevel('repeatable read').setAccessMode('read only').execute(fn),
    async notifyInTx(tx, revision) {
      await sql`select pg_notify(${channel}, ${String(revision)})`.execute(tx);
    },
    async listen(onRevision, onError) {
      const client = new pg.Client(connection);
      client.on('error', onError);
      client.on('notification', (m) => {
        if (m.channel === channel && m.payload) onRevision(Number(m.payload));
      });
      await client.connect();
      await client.query(`listen "${channel}"`);
      return async () => {
        await client.end().catch(() => undefined);
      };
    },
    close: () => db.destroy(),
  };
  await migrate(db, 'postgres', schema);
  return driver;
}

/** Creates the schema when missing (tolerating a concurrent creator). */
async function ensureSchema(url: string, schema: string): Promise<void> {
  if (schema === 'public') return;
  const client = new pg.Client({ connectionString: url });
  await client.connect();
  try {
    await client.query(`create schema if not exists "${schema}"`);
  } catch (e) {
    if (!['23505', '42P06'].includes((e as { code?: string }).code ?? '')) throw e;
  } finally {
    await client.end();
  }
}
