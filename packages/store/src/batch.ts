// Batches: several writes as one transaction with one revision (Store.batch), through a writer bound to that transaction.

import { attachmentApi } from './attachments.ts';
import type { Ctx } from './context.ts';
import type { Driver } from './db/driver.ts';
import { InvalidInputError } from './errors.ts';
import { keyApi } from './keys.ts';
import { orgApi } from './org.ts';
import { policyApi } from './policies.ts';
import { principalApi } from './principals.ts';
import { resourceApi } from './resources.ts';
import { roleApi } from './roles.ts';
import { runWrite, Serial, type BatchScope, type WriteTx } from './tx.ts';
import type { Store, StoreTx, WriteOptions, Written } from './types.ts';

/** What the entity modules provide: the writer of a batch (but `batch`) plus recording a key's last use. */
type EntityApi = Omit<StoreTx, 'batch'> & Pick<Store, 'recordAccessKeyUse'>;

/** Every entity read and write of the store over `ctx` (the store itself, or one batch's transaction). */
export function entityApi(ctx: Ctx): EntityApi {
  return {
    ...orgApi(ctx),
    ...policyApi(ctx),
    ...principalApi(ctx),
    ...roleApi(ctx),
    ...attachmentApi(ctx),
    ...resourceApi(ctx),
    ...keyApi(ctx),
  };
}

/** What a batch's context must never do: its writes are steps of the batch (`runWrite` hands them to `runStep`). */
const notInBatch = () => Promise.reject(new Error('not inside a batch: a batch writes through its own transaction only'));

/**
 * A context whose reads and writes all go through the transaction of `scope`. Entity modules read through `db` and
 * `read`; their writes go to `runWrite`, which sees `batch` and runs them as steps of the scope, so no other driver
 * call is ever made (each rejects loudly), and commits are announced once, by the outermost `runWrite`.
 */
function scopeContext(ctx: Ctx, scope: BatchScope): Ctx {
  const db = scope.tx.db;
  const driver: Driver = { kind: ctx.driver.kind, db, read: (fn) => fn(db), write: notInBatch, notifyInTx: notInBatch, listen: notInBatch, close: notInBatch };
  return { ...ctx, driver, batch: scope };
}

/** Runs `fn` with the writer of a new scope on `tx`, closing the scope when `fn` is done. */
async function inScope<T>(ctx: Ctx, tx: WriteTx, fn: (writer: StoreTx) => Promise<T>): Promise<T> {
  const scope: BatchScope = { tx, steps: new Serial(), closed: false };
  try {
    return await fn(writerFor(ctx, scope));
  } finally {
    scope.closed = true;
  }
}

/** The writer of `scope`: the entity API bound to its transaction; a nested `batch` is one savepoint step of it. */
function writerFor(ctx: Ctx, scope: BatchScope): StoreTx {
  const scoped = scopeContext(ctx, scope);
  const { recordAccessKeyUse: _notInBatch, ...api } = entityApi(scoped);
  return {
    ...api,
    batch: (fn, opts) => runWrite(scoped, opts, (tx) => inScope(ctx, tx, fn)),
  };
}

/** Runs `fn` with a writer bound to one write transaction (see Store.batch). */
export function runBatch<T>(ctx: Ctx, fn: (tx: StoreTx) => Promise<T>, opts?: WriteOptions): Promise<Written<T>> {
  if (typeof fn !== 'function') return Promise.reject(new InvalidInputError('batch needs a function'));
  return runWrite(ctx, opts, (tx) => inScope(ctx, tx, fn));
}
