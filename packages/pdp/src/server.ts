// Starts a PDP: world follower, evaluators, gRPC (authz, health, reflection), HTTP (metrics, health); ordered shutdown.

import type { Writable } from 'node:stream';
import * as grpc from '@grpc/grpc-js';
import * as protoLoader from '@grpc/proto-loader';
import { ReflectionService } from '@grpc/reflection';
import { HealthImplementation, protoPath as healthProtoPath } from 'grpc-health-check';
import { Registry } from 'prom-client';
import { AUTHZ_SERVICE_NAME, LOADER_OPTIONS, loadAuthzPackage } from '@iam/proto';
import { openStore, type Store } from '@iam/store';
import { WorldFollower, type WorldSource } from './core.ts';
import type { PdpConfig } from './config.ts';
import { draftOptions, openDecisionLog } from './decision-log.ts';
import type { Executor } from './exec/executor.ts';
import { LocalExecutor } from './exec/local-executor.ts';
import { WorkerPool } from './exec/worker-pool.ts';
import { closeHttp, startHttp, type HealthReport } from './http.ts';
import { createLogger, type Logger } from './logger.ts';
import { createMetrics } from './metrics.ts';
import { AuthzService } from './service/authz-service.ts';
import { followerEvents } from './world/follower-events.ts';

/** How to start a PDP. */
export interface StartPdpOptions {
  config: PdpConfig;
  /** An already opened world source (shared with the admin plane); when absent the PDP opens `config.store` and owns it. */
  source?: WorldSource;
  /** Registry for the metrics (default: a fresh one). */
  registry?: Registry;
  /** Whether to register Node's default metrics on the registry (default true; off when sharing one that has them). */
  defaultMetrics?: boolean;
  logger?: Logger;
  /** Where the `stdout` decision-log sink writes (default process.stdout). */
  stdout?: Writable;
}

/** A running PDP. */
export interface RunningPdp {
  grpcPort: number;
  httpPort: number;
  registry: Registry;
  /** The health report /healthz serves. */
  health(): HealthReport;
  /** Ordered shutdown: health NOT_SERVING, drain gRPC, close HTTP, flush logs, stop following, close the store if owned. */
  close(): Promise<void>;
}

/** Package definitions reflection lists: authz and health. */
function reflectionDefinitions(): protoLoader.PackageDefinition {
  return { ...protoLoader.loadSync(healthProtoPath, LOADER_OPTIONS), ...loadAuthzPackage().definition };
}

function bindGrpc(server: grpc.Server, host: string, port: number): Promise<number> {
  return new Promise((resolve, reject) => {
    server.bindAsync(`${host.includes(':') ? `[${host}]` : host}:${port}`, grpc.ServerCredentials.createInsecure(), (err, bound) =>
      err ? reject(err) : resolve(bound),
    );
  });
}

function drainGrpc(server: grpc.Server, graceMs: number): Promise<void> {
  return new Promise((resolve) => {
    const timer = setTimeout(() => {
      server.forceShutdown();
      resolve();
    }, graceMs);
    server.tryShutdown(() => {
      clearTimeout(timer);
      resolve();
    });
  });
}

/** Starts a PDP and resolves once it serves the source's current world. */
export async function startPdp(options: StartPdpOptions): Promise<RunningPdp> {
  const { config } = options;
  const logger = options.logger ?? createLogger(config.logLevel);
  const registry = options.registry ?? new Registry();
  const cleanups: Array<() => Promise<void> | void> = [];
  const cleanup = async () => {
    for (const step of cleanups.splice(0).reverse()) await step();
  };
  try {
    let source = options.source;
    if (!source) {
      const store: Store = await openStore(config.store);
      cleanups.push(() => store.close());
      source = store;
    }
    let follower: WorldFollower | undefined;
    const metrics = createMetrics(registry, { staleness: () => follower?.staleness() ?? 0, defaultMetrics: options.defaultMetrics });
    const decisionLog = openDecisionLog(
      config.decisionLog,
      { written: (n) => metrics.decisionLogEvents.inc(n), dropped: (n) => metrics.decisionLogDropped.inc(n) },
      options.stdout,
    );
    if (decisionLog) cleanups.push(() => decisionLog.close());
    const drafts = decisionLog ? draftOptions(config.decisionLog) : null;
    const executor: Executor = config.workers > 0
      ? new WorkerPool(config.workers, { limits: config.limits, drafts }, logger)
      : new LocalExecutor(config.limits, drafts);
    cleanups.push(() => executor.close());
    metrics.workers.set(executor.threads);
    const worldFollower = new WorldFollower(source, executor, { pollIntervalMs: config.pollIntervalMs, events: followerEvents(metrics, logger) });
    follower = worldFollower;
    cleanups.push(() => worldFollower.close());
    executor.onWorldLost(() => worldFollower.requestReload());
    await worldFollower.start();

    const health = new HealthImplementation({ '': 'SERVING', [AUTHZ_SERVICE_NAME]: 'SERVING' });
    const grpcServer = new grpc.Server({
      'grpc.max_receive_message_length': config.limits.maxMessageBytes,
      'grpc.max_send_message_length': -1,
      // Channelz bookkeeping costs time on every call and nothing here reads it.
      'grpc.enable_channelz': 0,
    });
    new AuthzService(executor, worldFollower, metrics, decisionLog, logger, { maxRevisionWaitMs: config.maxRevisionWaitMs }).addToServer(grpcServer);
    health.addToServer(grpcServer);
    new ReflectionService(reflectionDefinitions()).addToServer(grpcServer);
    const grpcPort = await bindGrpc(grpcServer, config.host, config.grpcPort);
    let serving = true;
    cleanups.push(() => drainGrpc(grpcServer, config.shutdownGraceMs));
    const report = (): HealthReport => {
      const s = worldFollower.status();
      return { status: !serving ? 'not_serving' : s.stale ? 'degraded' : 'serving', workers: executor.threads, ...s };
    };
    const http = await startHttp(config.host, config.httpPort, registry, report, logger);
    // Cleanups run in reverse: health NOT_SERVING, drain gRPC, close HTTP, stop following, stop workers, flush the
    // decision log, close an owned store. HTTP goes in just before the drain (which is registered before HTTP starts).
    cleanups.splice(cleanups.length - 1, 0, () => closeHttp(http.server));
    cleanups.push(() => {
      serving = false;
      health.setStatus('', 'NOT_SERVING');
      health.setStatus(AUTHZ_SERVICE_NAME, 'NOT_SERVING');
    });
    logger.info('pdp serving', { grpcPort, httpPort: http.port, revision: worldFollower.revision, workers: executor.threads });
    let closing: Promise<void> | undefined;
    return {
      grpcPort,
      httpPort: http.port,
      registry,
      health: report,
      close: () => (closing ??= cleanup().then(() => logger.info('pdp stopped'))),
    };
  } catch (err) {
    await cleanup();
    throw err;
  }
}
