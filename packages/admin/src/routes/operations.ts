// Routes for operating the store: the audit log, snapshot export/import, and health.

import { SNAPSHOT_FORMAT } from '@iam/core';
import type { RouteSpec } from '../http/route.ts';
import { object, pageOf, pageQuery, ref, text } from '../http/schemas.ts';
import { pageOptions, type RouteContext } from './context.ts';

const isoTime = text(40, '^\\d{4}-\\d{2}-\\d{2}');
/** A snapshot body: checked in full by the store. */
const snapshotBody = { type: 'object', required: ['format', 'version'], properties: { format: { const: SNAPSHOT_FORMAT }, version: { type: 'integer' } } };
/** Entity lists counted in a snapshot's audit summary. */
const SUMMARY_LISTS = ['accounts', 'policies', 'users', 'groups', 'roles', 'resources'] as const;

/** What the audit log keeps of a snapshot: its header and how many entities of each kind, not the whole document. */
function snapshotSummary(body: unknown): Record<string, unknown> {
  const snap = (typeof body === 'object' && body !== null ? body : {}) as Record<string, unknown>;
  const counts: Record<string, number> = {};
  for (const list of SUMMARY_LISTS) if (Array.isArray(snap[list])) counts[list] = (snap[list] as unknown[]).length;
  const ext = (snap.extensions as Record<string, { accessKeys?: unknown[] }> | undefined)?.['iam-store'];
  if (Array.isArray(ext?.accessKeys)) counts.accessKeys = ext.accessKeys.length;
  return { format: snap.format, version: snap.version, revision: snap.revision, counts };
}

/** `/audit`, `/snapshot`, `/health`. */
export function operationsRoutes(ctx: RouteContext, engineRevision: () => number): RouteSpec[] {
  const { store } = ctx;
  return [
    {
      method: 'get', path: '/audit', operationId: 'LookupEvents', tag: 'audit', summary: 'Audit events, newest first, by time range, caller, action and outcome',
      action: 'cloudtrail:LookupEvents', resource: () => '*',
      query: { ...pageQuery(ctx.maxPageSize), from: isoTime, to: isoTime, caller: text(2048), action: text(256), outcome: { enum: ['success', 'failure'] } },
      response: { schema: pageOf('AuditEvent') },
      handler: async ({ query }) => {
        const { limit, cursor } = pageOptions(ctx, query);
        return { body: { ...(await store.queryAudit({ limit, cursor, from: query.from, to: query.to, caller: query.caller, action: query.action, outcome: query.outcome })) } };
      },
    },
    {
      method: 'get', path: '/snapshot', operationId: 'ExportSnapshot', tag: 'snapshot', summary: 'The whole store as a lossless snapshot (a backup)',
      action: 'iam:ExportSnapshot', resource: () => '*',
      response: { schema: ref('Snapshot') },
      handler: async () => ({ body: { ...(await store.exportSnapshot({ lossless: true })) } }),
    },
    {
      method: 'post', path: '/snapshot', operationId: 'ImportSnapshot', tag: 'snapshot',
      summary: 'Import a snapshot into an empty store, keeping its revision (a live store is never empty: use `POST /v1/snapshot/restore`)',
      action: 'iam:ImportSnapshot', resource: () => '*', write: true,
      body: snapshotBody, auditBody: snapshotSummary,
      response: { schema: object({}) },
      handler: async ({ body, write }) => ({ body: {}, revision: (await write((o) => store.importSnapshot(body, o))).revision }),
    },
    {
      method: 'post', path: '/snapshot/restore', operationId: 'RestoreSnapshot', tag: 'snapshot',
      summary: 'Replace the whole store with a snapshot (a `GET /v1/snapshot` backup) in one transaction at a new revision; '
        + 'engines following the store reload. Access keys are those of the snapshot: the caller\'s own key survives only if the snapshot holds it',
      action: 'iam:RestoreSnapshot', resource: () => '*', write: true,
      body: snapshotBody, auditBody: snapshotSummary,
      response: { schema: object({}) },
      handler: async ({ body, write }) => ({ body: {}, revision: (await write((o) => store.restoreSnapshot(body, o))).revision }),
    },
    {
      method: 'get', path: '/health', operationId: 'Health', tag: 'operations', summary: 'Liveness with the store and engine revisions (no authentication)',
      response: { schema: object({ status: { const: 'ok' }, storeRevision: { type: 'integer' }, engineRevision: { type: 'integer' } }, ['status', 'storeRevision', 'engineRevision']) },
      handler: async () => ({ body: { status: 'ok', storeRevision: await store.currentRevision(), engineRevision: engineRevision() } }),
    },
  ];
}
