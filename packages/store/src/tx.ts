// The write path: one transaction per write that takes the write lock, bumps the revision, logs changes and audits.

import type { Kysely } from 'kysely';
import { recordAuditEntry, insertAudit } from './audit.ts';
import type { Ctx } from './context.ts';
import type { DB } from './db/schema.ts';
import { StoreError } from './errors.ts';
import type { ChangeLogKind, WriteOptions, Written } from './types.ts';

/** Rows per multi-row insert into the change log. */
const CHANGE_LOG_CHUNK = 200;

/** The state of one write transaction. */
export class WriteTx {
  private readonly changes = new Map<string, { kind: ChangeLogKind; key: string; op: 'put' | 'delete' }>();
  constructor(
    readonly db: Kysely<DB>,
    public revision: number,
    readonly now: string,
    readonly ctx: Ctx,
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

  /** Appends the logged changes to the change log at this revision. */
  async flush(): Promise<void> {
    const rows = [...this.changes.values()].map((c, seq) => ({ revision: this.revision, seq, ...c }));
    for (let i = 0; i < rows.length; i += CHANGE_LOG_CHUNK) {
      await this.db.insertInto('change_log').values(rows.slice(i, i + CHANGE_LOG_CHUNK)).execute();
    }
  }
}

/** Options of `runWrite` for special writes. */
export interface RunWriteOptions {
  /** Chooses the committed revision given the next one (import keeps the snapshot's); must be >= next. */
  pickRevision?: (next: number) => number;
}

/**
 * Runs `fn` as one write: lock + revision bump first (serializing all writers), then `fn`, the change log, the
 * audit entry and the notification, then commit. A write that logged no change keeps the previous revision. On failure nothing is written and a failure audit entry is
 * recorded on its own when `opts.audit` is set.
 */
export async function runWrite<T>(ctx: Ctx, opts: WriteOptions | undefined, fn: (tx: WriteTx) => Promise<T>, run?: RunWriteOptions): Promise<Written<T>> {
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
      const tx = new WriteTx(db, revision, ctx.cfg.now().toISOString(), ctx);
      const value = await fn(tx);
      if (!tx.changed && !run?.pickRevision) {
        // nothing changed (e.g. adding a member twice): give the revision back, so revisions always mean changes
        await db.updateTable('store_meta').set({ revision: revision - 1 }).where('id', '=', 1).execute();
        revision -= 1;
        tx.revision = revision;
      }
      await tx.flush();
      if (opts?.audit) await insertAudit(db, ctx.cfg, { ...opts.audit, outcome: 'success' }, revision);
      if (tx.changed) await ctx.driver.notifyInTx(db, revision);
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

/** Runs `fn` in a transaction holding the write lock without bumping the revision (audit, key last-use). */
export function runSideWrite<T>(ctx: Ctx, fn: (db: Kysely<DB>) => Promise<T>): Promise<T> {
  return ctx.driver.write(fn);
}
