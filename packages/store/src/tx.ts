// The write path: one transaction per write that takes the write lock, bumps the revision, logs changes and audits;
// inside a batch, each write is a savepoint of the batch's one transaction instead.

import { sql, type Kysely } from 'kysely';
import { recordAuditEntry, insertAudit } from './audit.ts';
import type { Ctx } from './context.ts';
import type { DB } from './db/schema.ts';
import { StoreError } from './errors.ts';
import type { AuditInput, ChangeLogKind, WriteOptions, Written } from './types.ts';

/** Rows per multi-row insert into the change log. */
const CHANGE_LOG_CHUNK = 200;

type Change = { kind: ChangeLogKind; key: string; op: 'put' | 'delete' };

/** What a step of a batch can undo: the changes and audit entries logged before it. */
export interface TxMark {
  changes: Map<string, Change>;
  audits: number;
}

/** The state of one write transaction. */
export class WriteTx {
  private changes = new Map<string, Change>();
  /** Audit entries of the steps of a batch, written at commit with the batch's revision. */
  readonly audits: AuditInput[] = [];
  private savepoints = 0;
  constructor(
    readonly db: Kysely<DB>,
    public revision: number,
    readonly now: string,
  ) {}

  /** Records that this write changed an entity (the last op per entity wins). */
  log(kind: ChangeLogKind, key: string, op: 'put' | 'delete' = 'put'): void {
    const id = `${kind}\u0000${key}`;
    this.changes.delete(id);
    this.changes.set(id, { kind, key, op });
  }

  /** True when the write logged at least one change. */
  get changed(): boolean {
    return this.changes.size > 0;
  }

  /** A name for the next savepoint (unique within the transaction). */
  nextSavepoint(): string {
    return `iam_step_${++this.savepoints}`;
  }

  /** What `restore` returns to. */
  mark(): TxMark {
    return { changes: new Map(this.changes), audits: this.audits.length };
  }

  /** Forgets what was logged after `mark` (the step was rolled back to its savepoint). */
  restore(mark: TxMark): void {
    this.changes = mark.changes;
    this.audits.length = mark.audits;
  }

  /** Appends the logged changes to the change log at this revision. */
  async flush(): Promise<void> {
    const rows = [...this.changes.values()].map((c, seq) => ({ revision: this.revision, seq, ...c }));
    for (let i = 0; i < rows.length; i += CHANGE_LOG_CHUNK) {
      await this.db.insertInto('change_log').values(rows.slice(i, i + CHANGE_LOG_CHUNK)).execute();
    }
  }
}

/** Runs functions one at a time in the order they were handed in. */
export class Serial {
  private queue: Promise<void> = Promise.resolve();

  /** Runs `fn` after everything handed in before it. */
  async run<T>(fn: () => Promise<T>): Promise<T> {
    const previous = this.queue;
    let release!: () => void;
    this.queue = new Promise((resolve) => (release = resolve));
    await previous;
    try {
      return await fn();
    } finally {
      release();
    }
  }
}

/**
 * A batch (or a batch nested in one): its transaction, and the queue its steps take turns on. Savepoints must
 * nest, so the steps of one scope run one at a time; a nested batch is one step of its parent with a queue of its own.
 */
export interface BatchScope {
  tx: WriteTx;
  steps: Serial;
  /** Set when the scope's function has returned: later steps are refused. */
  closed: boolean;
}

/** Options of `runWrite` for special writes. */
export interface RunWriteOptions {
  /** Chooses the committed revision given the next one (import keeps the snapshot's); must be >= next. */
  pickRevision?: (next: number) => number;
  /** Commit the new revision (and notify) even when nothing was logged (restore of an empty snapshot). */
  always?: boolean;
}

/**
 * Runs `fn` as one write: lock + revision bump first (serializing all writers), then `fn`, the change log, the
 * audit entries and the notification, then commit. A write that logged no change keeps the previous revision. On failure
 * nothing is written and a failure audit entry is recorded on its own when `opts.audit` is set.
 * Inside a batch (`ctx.batch` set) the write is a step of the batch's transaction instead: see `runStep`.
 */
export async function runWrite<T>(ctx: Ctx, opts: WriteOptions | undefined, fn: (tx: WriteTx) => Promise<T>, run?: RunWriteOptions): Promise<Written<T>> {
  if (ctx.batch) return runStep(ctx.batch, opts, fn);
  let result: Written<T>;
  try {
    result = await ctx.driver.write(async (db) => {
      const bumped = await db.updateTable('store_meta')
        .set((eb) => ({ revision: eb('revision', '+', 1) }))
        .where('id', '=', 1)
        .returning('revision')
        .executeTakeFirstOrThrow();
      let revision = Number(bumped.revision);
      if (run?.pickRevision) {
        const picked = run.pickRevision(revision);
        if (picked !== revision) {
          await db.updateTable('store_meta').set({ revision: picked }).where('id', '=', 1).execute();
          revision = picked;
        }
      }
      const tx = new WriteTx(db, revision, ctx.cfg.now().toISOString());
      const value = await fn(tx);
      const commits = tx.changed || run?.always === true || run?.pickRevision !== undefined;
      if (!commits) {
        // nothing changed (e.g. adding a member twice): give the revision back, so revisions always mean changes
        await db.updateTable('store_meta').set({ revision: revision - 1 }).where('id', '=', 1).execute();
        revision -= 1;
        tx.revision = revision;
      }
      await tx.flush();
      for (const entry of tx.audits) await insertAudit(db, ctx.cfg, { ...entry, outcome: 'success' }, revision);
      if (opts?.audit) await insertAudit(db, ctx.cfg, { ...opts.audit, outcome: 'success' }, revision);
      if (commits) await ctx.driver.notifyInTx(db, revision);
      return { revision, value };
    });
  } catch (e) {
    if (opts?.audit) {
      const errorCode = e instanceof StoreError ? e.code : 'internal';
      await recordAuditEntry(ctx, { ...opts.audit, outcome: 'failure', errorCode }).catch(() => undefined);
    }
    throw e;
  }
  ctx.hub.committed(result.revision);
  return result;
}

/**
 * One step of a batch: runs `fn` inside a savepoint of the batch's transaction. A refused step is rolled back to
 * its savepoint (the batch may catch its error and go on); its audit entry, if any, is queued and written at commit
 * with the batch's revision (a step that failed records nothing: the batch's own audit entry records the failure).
 * Steps run one at a time even when started together. The revision a step returns is the batch's provisional one.
 */
function runStep<T>(scope: BatchScope, opts: WriteOptions | undefined, fn: (tx: WriteTx) => Promise<T>): Promise<Written<T>> {
  if (scope.closed) return Promise.reject(new Error('the batch is over: use the store, not the batch\'s writer, after it returns'));
  return scope.steps.run(() => step(scope.tx, opts, fn));
}

async function step<T>(tx: WriteTx, opts: WriteOptions | undefined, fn: (tx: WriteTx) => Promise<T>): Promise<Written<T>> {
  const savepoint = tx.nextSavepoint();
  const mark = tx.mark();
  await sql.raw(`savepoint ${savepoint}`).execute(tx.db);
  let value: T;
  try {
    value = await fn(tx);
  } catch (e) {
    await sql.raw(`rollback to savepoint ${savepoint}`).execute(tx.db);
    await sql.raw(`release savepoint ${savepoint}`).execute(tx.db);
    tx.restore(mark);
    throw e;
  }
  await sql.raw(`release savepoint ${savepoint}`).execute(tx.db);
  if (opts?.audit) tx.audits.push(opts.audit);
  return { revision: tx.revision, value };
}

/** Runs `fn` in a transaction holding the write lock without bumping the revision (audit, key last-use). */
export function runSideWrite<T>(ctx: Ctx, fn: (db: Kysely<DB>) => Promise<T>): Promise<T> {
  return ctx.driver.write(fn);
}
