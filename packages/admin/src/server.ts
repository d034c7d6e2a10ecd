// startAdmin: opens the store, bootstraps it when empty, follows it with an engine and serves the admin app over HTTP.

import type { AddressInfo } from 'node:net';
import type { Server } from 'node:http';
import { createEngine } from '@iam/core';
import { openStore, type Store, type StoreConfig } from '@iam/store';
import { Registry } from 'prom-client';
import { createAdminApp } from './app.ts';
import { bootstrap, type BootstrapResult } from './bootstrap.ts';
import type { AdminConfig } from './config.ts';
import { followStore, type EngineFactory } from './engine/follower.ts';
import { resolveEncryptionKey } from './keyfile.ts';
import { createLogger, type Logger } from './log.ts';
import { createMetrics } from './metrics.ts';

/** How long close() waits for open requests before cutting connections (ms). */
export const SHUTDOWN_GRACE_MS = 5000;

/** Options of startAdmin. */
export interface StartAdminOptions {
  config: AdminConfig;
  logger?: Logger;
  registry?: Registry;
  /** A store opened by the caller (all-in-one process); otherwise one is opened from `config.store` and closed on close(). */
  store?: Store;
  /**
   * Engine factory for custom-policy simulation (default: `createEngine` of @iam/core). The engine that authorizes
   * follows the store with core's WorldFollower, which always builds with core's `createEngine`.
   */
  createEngine?: EngineFactory;
  /**
   * Where the bootstrap credentials are printed once (default: stdout). The all-in-one passes a no-op and prints the
   * generated key once itself, as a ready `export` line.
   */
  print?: (line: string) => void;
}

/** A running admin server. */
export interface RunningAdmin {
  url: string;
  port: number;
  store: Store;
  bootstrap: BootstrapResult;
  /** Stops accepting, drains, stops following and closes the store it opened. */
  close(): Promise<void>;
}

/** Starts the admin plane on `config.host` (default 127.0.0.1) and `config.port` (0 picks a free port). */
export async function startAdmin(options: StartAdminOptions): Promise<RunningAdmin> {
  const { config } = options;
  const logger = options.logger ?? createLogger(config.logLevel);
  const print = options.print ?? ((line: string) => process.stdout.write(line + '\n'));
  const factory = options.createEngine ?? ((s) => createEngine(s));
  const ownStore = !options.store;
  const store = options.store ?? (await openStore(storeConfig(config)));
  try {
    const boot = await bootstrap(store, config.bootstrap, logger);
    if (boot.credentials) printCredentials(print, boot);
    const registry = options.registry ?? new Registry();
    const metrics = createMetrics(registry);
    const follower = await followStore(store, {
      pollIntervalMs: config.store.pollIntervalMs,
      onRevision: (engineRev, storeRev) => { metrics.engineRevision.set(engineRev); metrics.storeRevision.set(storeRev); },
      onError: (err) => { metrics.followerErrors.inc(); logger.warn('engine follower failed, reloading', { err }); },
    });
    const app = createAdminApp({ store, follower, createEngine: factory, config, logger, registry, metrics });
    const server = await listen(app, config.host, config.port);
    const port = (server.address() as AddressInfo).port;
    const url = `http://${config.host.includes(':') ? `[${config.host}]` : config.host}:${port}`;
    logger.info('admin plane listening', { url, driver: store.driver });
    return {
      url, port, store, bootstrap: boot,
      async close() {
        await stop(server);
        follower.close();
        if (ownStore) await store.close();
      },
    };
  } catch (err) {
    if (ownStore) await store.close().catch(() => undefined);
    throw err;
  }
}

/** The store's configuration from ours (the key file resolved to a key). */
function storeConfig(config: AdminConfig): StoreConfig {
  const { encryptionKeyFile: _file, ...store } = config.store;
  return { ...store, encryptionKey: resolveEncryptionKey(config.store), quotas: config.quotas, auditMaskKeys: config.auditMaskKeys };
}

/** Prints a generated root key once (id and secret); a configured one by its id only. */
function printCredentials(print: (line: string) => void, boot: BootstrapResult): void {
  const c = boot.credentials!;
  if (boot.credentialsSource === 'config') {
    print(`iam-admin: bootstrap access key ${c.accessKeyId} of ${c.principalArn} taken from the configuration`);
    return;
  }
  print(`iam-admin: bootstrap credentials for ${c.principalArn} (shown once, store them now)`);
  print(`iam-admin: accessKeyId=${c.accessKeyId}`);
  print(`iam-admin: secretAccessKey=${c.secretAccessKey}`);
}

function listen(app: ReturnType<typeof createAdminApp>, host: string, port: number): Promise<Server> {
  return new Promise((resolve, reject) => {
    const server = app.listen(port, host, (err?: Error) => (err ? reject(err) : resolve(server)));
    server.once('error', reject);
  });
}

function stop(server: Server): Promise<void> {
  return new Promise((resolve) => {
    const timer = setTimeout(() => server.closeAllConnections(), SHUTDOWN_GRACE_MS).unref();
    server.close(() => { clearTimeout(timer); resolve(); });
    server.closeIdleConnections();
  });
}
