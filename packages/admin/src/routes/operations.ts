// Routes for operating the store: the audit log, snapshot export/import, and health.

import { SNAPSHOT_FORMAT } from '@iam/core';
import type { RouteSpec } from '../http/route.ts';
import { object, pageOf, pageQuery, ref, text } from '../http/schemas.ts';
import { pageOptions, type RouteContext } from './context.ts';

const isoTime = text(40, '^\\d{4}-\\d{2}-\\d{2}');

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
      method: 'post', path: '/snapshot', operationId: 'ImportSnapshot', tag: 'snapshot', summary: 'Restore a snapshot into an empty store',
      action: 'iam:ImportSnapshot', resource: () => '*', write: true,
      body: { type: 'object', required: ['format', 'version'], properties: { format: { const: SNAPSHOT_FORMAT }, version: { type: 'integer' } } },
      response: { schema: object({}) },
      handler: async ({ body, write }) => ({ body: {}, revision: (await write((o) => store.importSnapshot(body, o))).revision }),
    },
    {
      method: 'get', path: '/health', operationId: 'Health', tag: 'operations', summary: 'Liveness with the store and engine revisions (no authentication)',
      response: { schema: object({ status: { const: 'ok' }, storeRevision: { type: 'integer' }, engineRevision: { type: 'integer' } }, ['status', 'storeRevision', 'engineRevision']) },
      handler: async () => ({ body: { status: 'ok', storeRevision: await store.currentRevision(), engineRevision: engineRevision() } }),
    },
  ];
}
