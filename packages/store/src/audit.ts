// The audit log: entries written by the admin plane (in the same transaction as the write), masked and queryable.

import type { Kysely } from 'kysely';
import type { ResolvedConfig } from './config.ts';
import type { Ctx } from './context.ts';
import type { DB } from './db/schema.ts';
import { InvalidInputError } from './errors.ts';
import { makePage, pageParams } from './pagination.ts';
import type { AuditInput, AuditQuery, AuditRecord, Page } from './types.ts';

/** What replaces a masked value. */
export const MASK = '***';
/** Deepest nesting of audit parameters that is walked for masking (deeper values are masked whole). */
const MAX_MASK_DEPTH = 8;

/** Copies `value`, replacing values under keys that contain any of `maskKeys` (lowercase). */
export function maskParameters(value: unknown, maskKeys: string[], depth = 0): unknown {
  if (depth > MAX_MASK_DEPTH) return MASK;
  if (Array.isArray(value)) return value.map((v) => maskParameters(v, maskKeys, depth + 1));
  if (typeof value !== 'object' || value === null) return value;
  const out: Record<string, unknown> = {};
  for (const [k, v] of Object.entries(value)) {
    const lk = k.toLowerCase();
    out[k] = maskKeys.some((m) => lk.includes(m)) ? MASK : maskParameters(v, maskKeys, depth + 1);
  }
  return out;
}

function checkEntry(entry: AuditInput): void {
  if (typeof entry.caller !== 'string' || typeof entry.action !== 'string' || entry.caller === '' || entry.action === '') {
    throw new InvalidInputError('audit entry needs `caller` and `action`');
  }
  if (entry.outcome !== 'success' && entry.outcome !== 'failure') throw new InvalidInputError('audit entry needs `outcome` `success` or `failure`');
}

/** Inserts one audit entry with `db` (inside the caller's transaction); returns its id. */
export async function insertAudit(db: Kysely<DB>, cfg: ResolvedConfig, entry: AuditInput, revision?: number): Promise<AuditRecord> {
  checkEntry(entry);
  const params = entry.parameters === undefined ? undefined : (maskParameters(entry.parameters, cfg.auditMaskKeys) as Record<string, unknown>);
  const row = {
    time: entry.time ?? cfg.now().toISOString(),
    caller: entry.caller,
    action: entry.action,
    target: entry.target ?? null,
    source_ip: entry.sourceIp ?? null,
    outcome: entry.outcome as string,
    error_code: entry.errorCode ?? null,
    revision: revision ?? null,
    parameters: params === undefined ? null : JSON.stringify(params),
  };
  const { id } = await db.insertInto('audit_log').values(row).returning('id').executeTakeFirstOrThrow();
  return toRecord({ ...row, id });
}

/** Records one audit entry in its own transaction (no revision bump). */
export function recordAuditEntry(ctx: Ctx, entry: AuditInput): Promise<AuditRecord> {
  checkEntry(entry);
  return ctx.driver.write((db) => insertAudit(db, ctx.cfg, entry));
}

/** Audit entries, newest first, filtered by time range, caller, action and outcome. */
export async function queryAudit(ctx: Ctx, query: AuditQuery = {}): Promise<Page<AuditRecord>> {
  const { limit, after } = pageParams(query);
  let q = ctx.driver.db.selectFrom('audit_log').selectAll();
  if (after !== undefined) {
    if (!/^\d+$/.test(after)) throw new InvalidInputError('audit cursor is not valid');
    q = q.where('id', '<', Number(after));
  }
  if (query.from) q = q.where('time', '>=', query.from);
  if (query.to) q = q.where('time', '<', query.to);
  if (query.caller) q = q.where('caller', '=', query.caller);
  if (query.action) q = q.where('action', '=', query.action);
  if (query.outcome) q = q.where('outcome', '=', query.outcome);
  const rows = await q.orderBy('id', 'desc').limit(limit + 1).execute();
  return makePage(rows, limit, (r) => String(r.id), toRecord);
}

function toRecord(r: { id: number | string | bigint; time: string; caller: string; action: string; target: string | null; source_ip: string | null; outcome: string; error_code: string | null; revision: number | string | null; parameters: string | null }): AuditRecord {
  const rec: AuditRecord = { id: String(r.id), time: r.time, caller: r.caller, action: r.action, outcome: r.outcome as AuditRecord['outcome'] };
  if (r.target !== null) rec.target = r.target;
  if (r.source_ip !== null) rec.sourceIp = r.source_ip;
  if (r.error_code !== null) rec.errorCode = r.error_code;
  if (r.revision !== null) rec.revision = Number(r.revision);
  if (r.parameters !== null) rec.parameters = JSON.parse(r.parameters) as Record<string, unknown>;
  return rec;
}
