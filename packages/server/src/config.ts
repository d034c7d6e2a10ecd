// The all-in-one's configuration: the admin plane's and the PDP's own loaders, parsed once, under the server's defaults.

import { loadConfig as loadAdminConfig, type AdminConfig } from '@iam/admin';
import { loadConfig as loadPdpConfig, type PdpConfig } from '@iam/pdp';
import { bool, ConfigError, obj, readConfigFile, type Raw } from '@iam/runtime';

/** The account the demo world lives in (the AWS documentation's example account). */
export const DEMO_ACCOUNT_ID = '111122223333';

/** Defaults of the all-in-one where they differ from the standalone deployables'. */
export const SERVER_DEFAULTS = {
  /** Admin plane port (the standalone admin plane defaults to 8081). */
  adminPort: 8080,
  /** SQLite file, relative to the working directory; its folder is created when missing. */
  sqliteFile: 'data/iam.db',
  /** Management account the bootstrap creates on an empty store, so the demo world lives in it. */
  managementAccountId: DEMO_ACCOUNT_ID,
  /** Seed the demo world into a store that has none. */
  demo: true,
} as const;

/**
 * The environment variables of the all-in-one. The admin plane's (`IAM_ADMIN_*`), the PDP's (`IAM_PDP_*`) and the
 * store's (`IAM_STORE_*`) are read by their own loaders; these are the ones the server adds or reads itself.
 */
export const ENV = {
  demo: 'IAM_SERVER_DEMO',
  adminConfigFile: 'IAM_ADMIN_CONFIG_FILE',
  adminHost: 'IAM_ADMIN_HOST',
  adminPort: 'IAM_ADMIN_PORT',
  pdpHost: 'IAM_PDP_HOST',
  pdpGrpcPort: 'IAM_PDP_GRPC_PORT',
  pdpHttpPort: 'IAM_PDP_HTTP_PORT',
} as const;

/** A configuration problem (the one class the admin plane's and the PDP's loaders throw too). */
export { ConfigError };

/** The complete, validated configuration of one all-in-one process. */
export interface ServerConfig {
  /** The admin plane's configuration; its `store` section is the one store both halves share. */
  admin: AdminConfig;
  /** The PDP's configuration (its `store` section is unused: the PDP serves the shared store). */
  pdp: PdpConfig;
  /** Whether to seed the demo world into a store that has none. */
  demo: boolean;
}

/** Where the try script finds a running all-in-one, and the account of the demo world. */
export interface TryConfig {
  pdpAddress: string;
  adminUrl: string;
  accountId: string;
}

type Env = Readonly<Record<string, string | undefined>>;

/** The admin plane's config file (when named) with the server's defaults underneath. */
function adminFile(env: Env): Raw {
  const path = env[ENV.adminConfigFile];
  const file = path ? readConfigFile(path) : {};
  const store = obj(file.store, 'store');
  const bootstrap = obj(file.bootstrap, 'bootstrap');
  return {
    ...file,
    port: file.port ?? SERVER_DEFAULTS.adminPort,
    store: { ...store, file: store.file ?? SERVER_DEFAULTS.sqliteFile },
    bootstrap: { ...bootstrap, managementAccountId: bootstrap.managementAccountId ?? SERVER_DEFAULTS.managementAccountId },
  };
}

/** Refuses two listeners on one host and port (0 picks a free port and never clashes). */
function checkPorts(admin: AdminConfig, pdp: PdpConfig): void {
  const ports: Array<[string, string, number]> = [
    [ENV.adminPort, admin.host, admin.port],
    [ENV.pdpGrpcPort, pdp.host, pdp.grpcPort],
    [ENV.pdpHttpPort, pdp.host, pdp.httpPort],
  ];
  for (let i = 0; i < ports.length; i++) {
    for (let j = i + 1; j < ports.length; j++) {
      const [a, hostA, portA] = ports[i];
      const [b, hostB, portB] = ports[j];
      if (portA !== 0 && portA === portB && hostA === hostB) throw new ConfigError(`\`${a}\` and \`${b}\` must differ, both are \`${portA}\``);
    }
  }
}

/**
 * Parses the configuration once from `env` (default: the process environment): the admin plane's loader (with the
 * server's defaults under `IAM_ADMIN_CONFIG_FILE`'s content), the PDP's loader, and `IAM_SERVER_DEMO`.
 */
export function loadServerConfig(env: Env = process.env): ServerConfig {
  const admin = loadAdminConfig({ ...env }, adminFile(env));
  const pdp = loadPdpConfig(env);
  checkPorts(admin, pdp);
  return { admin, pdp, demo: bool(env[ENV.demo], ENV.demo) ?? SERVER_DEFAULTS.demo };
}

/** `host` as a client dials it: a wildcard listen address becomes the loopback address. */
export function dialHost(host: string): string {
  const h = host === '0.0.0.0' || host === '' ? '127.0.0.1' : host === '::' ? '::1' : host;
  return h.includes(':') ? `[${h}]` : h;
}

/** Where the try script connects: the ports and hosts the same environment gives the server. */
export function loadTryConfig(env: Env = process.env): TryConfig {
  const { admin, pdp } = loadServerConfig(env);
  return {
    pdpAddress: `${dialHost(pdp.host)}:${pdp.grpcPort}`,
    adminUrl: `http://${dialHost(admin.host)}:${admin.port}`,
    accountId: DEMO_ACCOUNT_ID,
  };
}
