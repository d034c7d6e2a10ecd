// Every Prometheus metric of the PDP, created on an injected registry. Labels are bounded: methods, codes, outcomes.

import { Counter, Gauge, Histogram, collectDefaultMetrics, type Registry } from 'prom-client';

/** RPC latency buckets (seconds): decisions take microseconds, batches and waits for a revision longer. */
export const RPC_DURATION_BUCKETS = [0.0001, 0.00025, 0.0005, 0.001, 0.0025, 0.005, 0.01, 0.025, 0.05, 0.1, 0.25, 1, 5];
/** Evaluation time buckets (seconds) for one engine call (a single decision or a whole batch). */
export const EVALUATION_DURATION_BUCKETS = [0.00001, 0.000025, 0.00005, 0.0001, 0.00025, 0.0005, 0.001, 0.0025, 0.01, 0.05];
/** Batch size buckets (requests per BatchAuthorize). */
export const BATCH_SIZE_BUCKETS = [1, 5, 10, 25, 50, 100, 250, 500, 1000];
/** World (re)load duration buckets (seconds). */
export const RELOAD_DURATION_BUCKETS = [0.001, 0.01, 0.05, 0.1, 0.5, 1, 5, 30];

/** Outcome label values of `iam_pdp_decisions_total`. */
export type DecisionOutcome = 'allow' | 'explicit_deny' | 'implicit_deny';

/** The PDP's metrics. */
export interface PdpMetrics {
  decisions: Counter<'outcome'>;
  rpcDuration: Histogram<'method' | 'code'>;
  batchSize: Histogram;
  evaluationDuration: Histogram<'method'>;
  /** Revision the served world reflects. */
  worldRevision: Gauge;
  /** Latest revision the store reported. */
  storeRevision: Gauge;
  storeStaleness: Gauge;
  reloads: Counter<'kind'>;
  reloadDuration: Histogram<'kind'>;
  reloadFailures: Counter<'kind'>;
  changesApplied: Counter;
  imageSize: Gauge;
  workers: Gauge;
  decisionLogEvents: Counter;
  decisionLogDropped: Counter;
}

/** Creates (and registers on `registry`) all PDP metrics; `staleness` is read at each scrape. */
export function createMetrics(registry: Registry, opts: { staleness: () => number; defaultMetrics?: boolean }): PdpMetrics {
  const registers = [registry];
  if (opts.defaultMetrics !== false) collectDefaultMetrics({ register: registry });
  return {
    decisions: new Counter({ name: 'iam_pdp_decisions_total', help: 'Decisions by outcome', labelNames: ['outcome'], registers }),
    rpcDuration: new Histogram({
      name: 'iam_pdp_rpc_duration_seconds', help: 'gRPC call latency by method and status code',
      labelNames: ['method', 'code'], buckets: RPC_DURATION_BUCKETS, registers,
    }),
    batchSize: new Histogram({ name: 'iam_pdp_batch_size_requests', help: 'Requests per BatchAuthorize call', buckets: BATCH_SIZE_BUCKETS, registers }),
    evaluationDuration: new Histogram({
      name: 'iam_pdp_evaluation_duration_seconds', help: 'Engine time per call (one decision, or one whole batch)',
      labelNames: ['method'], buckets: EVALUATION_DURATION_BUCKETS, registers,
    }),
    worldRevision: new Gauge({ name: 'iam_pdp_world_revision', help: 'Store revision the served world reflects', registers }),
    storeRevision: new Gauge({ name: 'iam_pdp_store_revision', help: 'Latest store revision the PDP has seen', registers }),
    storeStaleness: new Gauge({
      name: 'iam_pdp_store_staleness_seconds', help: 'Seconds since the PDP last confirmed its world is current (0 while the store answers)',
      registers, collect() { this.set(opts.staleness()); },
    }),
    reloads: new Counter({ name: 'iam_pdp_world_reloads_total', help: 'World loads: full snapshots and incremental change batches', labelNames: ['kind'], registers }),
    reloadDuration: new Histogram({
      name: 'iam_pdp_world_reload_duration_seconds', help: 'Time to load a snapshot or apply a change batch',
      labelNames: ['kind'], buckets: RELOAD_DURATION_BUCKETS, registers,
    }),
    reloadFailures: new Counter({ name: 'iam_pdp_world_reload_failures_total', help: 'Failed snapshot loads or change batches', labelNames: ['kind'], registers }),
    changesApplied: new Counter({ name: 'iam_pdp_world_changes_total', help: 'Entity changes applied incrementally', registers }),
    imageSize: new Gauge({ name: 'iam_pdp_image_size_bytes', help: 'Size of the compiled world image (per engine)', registers }),
    workers: new Gauge({ name: 'iam_pdp_workers', help: 'Evaluation worker threads (0: the main thread evaluates)', registers }),
    decisionLogEvents: new Counter({ name: 'iam_pdp_decision_log_events_total', help: 'Decision log events written', registers }),
    decisionLogDropped: new Counter({ name: 'iam_pdp_decision_log_dropped_total', help: 'Decision log events dropped because the buffer was full', registers }),
  };
}
