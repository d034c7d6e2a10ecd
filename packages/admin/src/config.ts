// The admin plane's configuration: parsed once from the environment and an optional JSON file, validated field by field.

import { DEFAULT_PAGE_SIZE, DEFAULT_QUOTAS, MAX_PAGE_SIZE, rootKeyProblem, type Quotas } from '@iam/store';
import { bool, ConfigError, int, LOG_LEVELS, obj, oneOf, pattern, readConfigFile, str, type LogLevel, type Raw } from '@iam/runtime';
import { DEFAULT_NAME_LIMITS, type NameLimits } from './limits.ts';

/** Where the entity store lives and how its access-key secrets are encrypted. */
export type StoreSection = ({ driver: 'sqlite'; file: string; synchronous?: 'full' | 'normal' } | { driver: 'postgres'; url: string; schema?: string; poolSize?: number }) & {
  /** 32-byte key (64 hex characters or base64) encrypting access-key secrets. */
  encryptionKey?: string;
  /** File holding that key; for SQLite, `<file>.key` is created on first start when neither is given. */
  encryptionKeyFile?: string;
  /** Revision poll interval of the change feed (ms). */
  pollIntervalMs?: number;
};

/** What the first start with an empty store uses (each field generated when absent). */
export interface BootstrapConfig {
  managementAccountId?: string;
  managementAccountName: string;
  /** A snapshot (a `GET /v1/snapshot` backup) to restore into an empty store instead of bootstrapping it. */
  importFile?: string;
  /**
   * The management account root's first access key, when it should not be generated (deployments that put it in a
   * secret store beforehand): both or neither. Used only when the store is empty; the secret is then not printed.
   */
  accessKeyId?: string;
  secretAccessKey?: string;
}

/** Log verbosity. */
export type { LogLevel };
export { ConfigError };

/** The complete, validated configuration of one admin process. */
export interface AdminConfig {
  host: string;
  port: number;
  store: StoreSection;
  bootstrap: BootstrapConfig;
  /** Quotas the store enforces in its write transactions. */
  quotas: Quotas;
  names: NameLimits;
  pagination: { defaultPageSize: number; maxPageSize: number };
  /** Largest accepted JSON body in bytes. */
  bodyLimitBytes: number;
  /** Take the source IP from X-Forwarded-For (behind a trusted proxy). */
  trustProxy: boolean;
  logLevel: LogLevel;
  /** Request parameter names whose values the audit log masks (case-insensitive), on top of the built-in ones. */
  auditMaskKeys: string[];
}

/** Defaults for everything but the store. */
export const CONFIG_DEFAULTS = {
  host: '127.0.0.1',
  port: 8081,
  sqliteFile: 'iam.sqlite',
  managementAccountName: 'management',
  defaultPageSize: DEFAULT_PAGE_SIZE,
  maxPageSize: MAX_PAGE_SIZE,
  bodyLimitBytes: 1_048_576,
  logLevel: 'info' as LogLevel,
} as const;

/** The environment variables this module reads, by config field. */
export const ENV = {
  configFile: 'IAM_ADMIN_CONFIG_FILE',
  host: 'IAM_ADMIN_HOST',
  port: 'IAM_ADMIN_PORT',
  storeDriver: 'IAM_STORE_DRIVER',
  sqliteFile: 'IAM_STORE_SQLITE_FILE',
  postgresUrl: 'IAM_STORE_PG_URL',
  postgresSchema: 'IAM_STORE_PG_SCHEMA',
  encryptionKey: 'IAM_STORE_ENCRYPTION_KEY',
  encryptionKeyFile: 'IAM_STORE_ENCRYPTION_KEY_FILE',
  managementAccountId: 'IAM_ADMIN_MANAGEMENT_ACCOUNT_ID',
  importFile: 'IAM_ADMIN_IMPORT_FILE',
  bootstrapAccessKeyId: 'IAM_ADMIN_BOOTSTRAP_ACCESS_KEY_ID',
  bootstrapSecretAccessKey: 'IAM_ADMIN_BOOTSTRAP_SECRET_ACCESS_KEY',
  trustProxy: 'IAM_ADMIN_TRUST_PROXY',
  logLevel: 'IAM_ADMIN_LOG_LEVEL',
  bodyLimitBytes: 'IAM_ADMIN_BODY_LIMIT_BYTES',
} as const;

function parseNumbers<T extends object>(raw: Raw, defaults: Readonly<T>, section: string, min: number): T {
  const out = { ...defaults } as Record<string, number>;
  for (const key of Object.keys(raw)) {
    if (!(key in defaults)) throw new ConfigError(`\`${section}.${key}\` is not a known field`);
    out[key] = int(raw[key], `${section}.${key}`, min, 1_000_000_000)!;
  }
  return out as T;
}

function parseStore(file: Raw, env: Raw): StoreSection {
  for (const key of Object.keys(file)) {
    if (!['driver', 'file', 'synchronous', 'url', 'schema', 'poolSize', 'encryptionKey', 'encryptionKeyFile', 'pollIntervalMs'].includes(key)) {
      throw new ConfigError(`\`store.${key}\` is not a known field`);
    }
  }
  const driver = oneOf(env[ENV.storeDriver] ?? file.driver, 'store.driver', ['sqlite', 'postgres'] as const) ?? 'sqlite';
  const common = {
    encryptionKey: pattern(str(env[ENV.encryptionKey] ?? file.encryptionKey, 'store.encryptionKey'), 'store.encryptionKey',
      /^([0-9a-fA-F]{64}|[A-Za-z0-9+/]{43}=)$/, '32 bytes as 64 hex characters or base64'),
    encryptionKeyFile: str(env[ENV.encryptionKeyFile] ?? file.encryptionKeyFile, 'store.encryptionKeyFile'),
    pollIntervalMs: int(file.pollIntervalMs, 'store.pollIntervalMs', 10, 3_600_000),
  };
  if (driver === 'postgres') {
    const url = str(env[ENV.postgresUrl] ?? file.url, 'store.url');
    if (!url) throw new ConfigError('`store.url` is required when `store.driver` is postgres');
    if (!common.encryptionKey && !common.encryptionKeyFile) {
      throw new ConfigError('`store.encryptionKey` or `store.encryptionKeyFile` is required when `store.driver` is postgres');
    }
    const schema = str(env[ENV.postgresSchema] ?? file.schema, 'store.schema');
    return { driver, url, schema, poolSize: int(file.poolSize, 'store.poolSize', 1, 1000), ...common };
  }
  const synchronous = oneOf(file.synchronous, 'store.synchronous', ['full', 'normal'] as const);
  return { driver, file: str(env[ENV.sqliteFile] ?? file.file, 'store.file') ?? CONFIG_DEFAULTS.sqliteFile, synchronous, ...common };
}

const BOOTSTRAP_FIELDS = ['managementAccountId', 'managementAccountName', 'importFile', 'accessKeyId', 'secretAccessKey'];

function parseBootstrap(file: Raw, env: Raw): BootstrapConfig {
  for (const key of Object.keys(file)) if (!BOOTSTRAP_FIELDS.includes(key)) throw new ConfigError(`\`bootstrap.${key}\` is not a known field`);
  const accountId = pattern(str(env[ENV.managementAccountId] ?? file.managementAccountId, 'bootstrap.managementAccountId'),
    'bootstrap.managementAccountId', /^[0-9]{12}$/, 'a 12-digit account id');
  const name = str(file.managementAccountName, 'bootstrap.managementAccountName') ?? CONFIG_DEFAULTS.managementAccountName;
  const importFile = str(env[ENV.importFile] ?? file.importFile, 'bootstrap.importFile');
  return { managementAccountId: accountId, managementAccountName: name, importFile, ...parseBootstrapKey(file, env) };
}

/** The configured root key of the management account: both fields or neither, as the store takes it (the secret itself is never echoed). */
function parseBootstrapKey(file: Raw, env: Raw): Pick<BootstrapConfig, 'accessKeyId' | 'secretAccessKey'> {
  const accessKeyId = str(env[ENV.bootstrapAccessKeyId] ?? file.accessKeyId, 'bootstrap.accessKeyId');
  const secretAccessKey = str(env[ENV.bootstrapSecretAccessKey] ?? file.secretAccessKey, 'bootstrap.secretAccessKey');
  const problem = rootKeyProblem(accessKeyId, secretAccessKey, { accessKeyId: 'bootstrap.accessKeyId', secretAccessKey: 'bootstrap.secretAccessKey' });
  if (problem) throw new ConfigError(problem);
  return accessKeyId === undefined || secretAccessKey === undefined ? {} : { accessKeyId, secretAccessKey };
}

const KNOWN_FILE_KEYS = new Set(['host', 'port', 'store', 'bootstrap', 'quotas', 'names', 'pagination', 'bodyLimitBytes', 'trustProxy', 'logLevel', 'auditMaskKeys']);

/**
 * Parses the configuration once: `env` (default: the process environment) overrides the JSON file
 * named by `IAM_ADMIN_CONFIG_FILE`, which overrides the defaults. Throws ConfigError naming the field.
 */
export function loadConfig(env: Record<string, string | undefined> = process.env, fileOverride?: Raw): AdminConfig {
  const filePath = str(env[ENV.configFile], ENV.configFile);
  const file = fileOverride ?? (filePath ? readConfigFile(filePath) : {});
  for (const key of Object.keys(file)) if (!KNOWN_FILE_KEYS.has(key)) throw new ConfigError(`\`${key}\` is not a known config field`);
  const pagination = obj(file.pagination, 'pagination');
  // the store refuses pages over its own maximum: the admin plane may only narrow it
  const defaultPageSize = int(pagination.defaultPageSize, 'pagination.defaultPageSize', 1, MAX_PAGE_SIZE) ?? CONFIG_DEFAULTS.defaultPageSize;
  const maxPageSize = int(pagination.maxPageSize, 'pagination.maxPageSize', 1, MAX_PAGE_SIZE) ?? CONFIG_DEFAULTS.maxPageSize;
  if (defaultPageSize > maxPageSize) throw new ConfigError('`pagination.defaultPageSize` must not exceed `pagination.maxPageSize`');
  const maskKeys = file.auditMaskKeys ?? [];
  if (!Array.isArray(maskKeys) || maskKeys.some((k) => typeof k !== 'string')) throw new ConfigError('`auditMaskKeys` must be an array of strings');
  return {
    host: str(env[ENV.host] ?? file.host, 'host') ?? CONFIG_DEFAULTS.host,
    port: int(env[ENV.port] ?? file.port, 'port', 0, 65535) ?? CONFIG_DEFAULTS.port,
    store: parseStore(obj(file.store, 'store'), env),
    bootstrap: parseBootstrap(obj(file.bootstrap, 'bootstrap'), env),
    quotas: parseNumbers(obj(file.quotas, 'quotas'), DEFAULT_QUOTAS, 'quotas', 0),
    names: parseNumbers(obj(file.names, 'names'), DEFAULT_NAME_LIMITS, 'names', 1),
    pagination: { defaultPageSize, maxPageSize },
    bodyLimitBytes: int(env[ENV.bodyLimitBytes] ?? file.bodyLimitBytes, 'bodyLimitBytes', 1024, 64 * 1_048_576) ?? CONFIG_DEFAULTS.bodyLimitBytes,
    trustProxy: bool(env[ENV.trustProxy] ?? file.trustProxy, 'trustProxy') ?? false,
    logLevel: oneOf(env[ENV.logLevel] ?? file.logLevel, 'logLevel', LOG_LEVELS) ?? CONFIG_DEFAULTS.logLevel,
    auditMaskKeys: maskKeys as string[],
  };
}
