// Every Prometheus metric of the admin plane, created on an injected registry.

import { Counter, Gauge, Histogram, type Registry } from 'prom-client';

/** Latency buckets (seconds) for admin requests: writes go through a store transaction. */
export const REQUEST_DURATION_BUCKETS = [0.001, 0.0025, 0.005, 0.01, 0.025, 0.05, 0.1, 0.25, 0.5, 1, 2.5, 5];

/** The admin plane's metrics. Labels are bounded: route templates, methods, statuses, codes, outcomes. */
export interface AdminMetrics {
  requests: Counter<'method' | 'route' | 'status'>;
  requestDuration: Histogram<'method' | 'route' | 'status'>;
  errors: Counter<'code'>;
  authorizations: Counter<'decision'>;
  auditEvents: Counter<'outcome'>;
  auditFailures: Counter;
  engineRevision: Gauge;
  storeRevision: Gauge;
  followerErrors: Counter;
}

/** Creates (and registers on `registry`) all admin metrics. */
export function createMetrics(registry: Registry): AdminMetrics {
  const registers = [registry];
  return {
    requests: new Counter({ name: 'iam_admin_requests_total', help: 'Admin requests by route template, method and status', labelNames: ['method', 'route', 'status'], registers }),
    requestDuration: new Histogram({
      name: 'iam_admin_request_duration_seconds', help: 'Admin request latency by route template, method and status',
      labelNames: ['method', 'route', 'status'], buckets: REQUEST_DURATION_BUCKETS, registers,
    }),
    errors: new Counter({ name: 'iam_admin_errors_total', help: 'Error answers by error code', labelNames: ['code'], registers }),
    authorizations: new Counter({ name: 'iam_admin_authorizations_total', help: 'Operator authorization decisions', labelNames: ['decision'], registers }),
    auditEvents: new Counter({ name: 'iam_admin_audit_events_total', help: 'Audit events recorded by outcome', labelNames: ['outcome'], registers }),
    auditFailures: new Counter({ name: 'iam_admin_audit_failures_total', help: 'Audit events that could not be recorded', registers }),
    engineRevision: new Gauge({ name: 'iam_admin_engine_revision', help: 'Store revision the authorizing engine reflects', registers }),
    storeRevision: new Gauge({ name: 'iam_admin_store_revision', help: 'Latest store revision the admin plane has seen', registers }),
    followerErrors: new Counter({ name: 'iam_admin_follower_errors_total', help: 'Failures while following the store (each followed by a retry or a reload)', registers }),
  };
}
