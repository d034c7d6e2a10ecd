// startServer: one store, the admin plane and the PDP on it with one metrics registry, the demo world, ordered shutdown.

import { mkdirSync } from 'node:fs';
import { dirname } from 'node:path';
import { startAdmin, type BootstrapResult, type RunningAdmin, type StartAdminOptions } from '@iam/admin';
import { startPdp, type Logger, type RunningPdp } from '@iam/pdp';
import type { Store } from '@iam/store';
import { Registry } from 'prom-client';
import { dialHost, type ServerConfig } from './config.ts';
import { seedDemo, type DemoResult } from './demo.ts';

/** How to start the all-in-one. */
export interface StartServerOptions {
  config: ServerConfig;
  /** Operational log of both halves (default: each writes JSON lines to stderr under its own component name). */
  logger?: Logger;
  /** Where the admin bootstrap prints its credentials once (default: stdout). */
  print?: (line: string) => void;
}

/** A running all-in-one. */
export interface RunningServer {
  /** The admin plane's base URL (REST under `/v1`, `/metrics`). */
  adminUrl: string;
  /** The PDP's gRPC address, `host:port`. */
  grpcAddress: string;
  /** The PDP's HTTP base URL (`/metrics`, `/healthz`). */
  pdpHttpUrl: string;
  store: Store;
  /** The registry both halves' metrics live on. */
  registry: Registry;
  bootstrap: BootstrapResult;
  /** Null when the demo is switched off. */
  demo: DemoResult | null;
  /** Ordered shutdown: PDP (health NOT_SERVING, drain, HTTP), then the admin plane, then the store. */
  close(): Promise<void>;
}

/** The print function of `options` (default: stdout). */
function print(options: StartServerOptions): (line: string) => void {
  return options.print ?? ((line) => process.stdout.write(line + '\n'));
}

/** Creates the folder of an SQLite file (the default `data/iam.db` lives in a folder a fresh clone lacks). */
function ensureStoreFolder(config: ServerConfig): void {
  const store = config.admin.store;
  if (store.driver === 'sqlite' && store.file !== ':memory:') mkdirSync(dirname(store.file), { recursive: true });
}

/**
 * Starts the all-in-one: the admin plane opens the one store (bootstrapping it when empty), the demo world is seeded
 * when enabled and missing, then the PDP serves the same store. Both register their metrics on one registry, so the
 * admin plane's `/metrics` and the PDP's HTTP `/metrics` each show everything.
 */
export async function startServer(options: StartServerOptions): Promise<RunningServer> {
  const { config, logger } = options;
  ensureStoreFolder(config);
  const registry = new Registry();
  const adminOptions: StartAdminOptions = { config: config.admin, registry, print: print(options), ...(logger ? { logger } : {}) };
  const admin: RunningAdmin = await startAdmin(adminOptions);
  let pdp: RunningPdp;
  let demo: DemoResult | null = null;
  try {
    if (config.demo) demo = await seedDemo(admin.store);
    pdp = await startPdp({ config: config.pdp, source: admin.store, registry, defaultMetrics: true, ...(logger ? { logger } : {}) });
  } catch (err) {
    await admin.close();
    if (admin.bootstrap.credentialsSource === 'generated') print(options)('iam-server: the operator key printed above was created by this failed start and is not shown again');
    throw err;
  }
  let closing: Promise<void> | undefined;
  return {
    adminUrl: `http://${dialHost(config.admin.host)}:${admin.port}`,
    grpcAddress: `${dialHost(config.pdp.host)}:${pdp.grpcPort}`,
    pdpHttpUrl: `http://${dialHost(config.pdp.host)}:${pdp.httpPort}`,
    store: admin.store,
    registry,
    bootstrap: admin.bootstrap,
    demo,
    // The admin plane opened the store, so its close() ends with closing the store, after the PDP stopped using it.
    close: () => (closing ??= pdp.close().then(() => admin.close(), async (err) => {
      await admin.close();
      throw err;
    })),
  };
}
