// The PDP's configuration: parsed once from the environment and an optional JSON file, validated field by field.

import { availableParallelism } from 'node:os';
import { ConfigError, int, LOG_LEVELS, obj, oneOf, ratio, readConfigFile, str, strList, type LogLevel, type Raw } from '@iam/runtime';
import type { StoreConfig } from '@iam/store';

/** Request limits; anything beyond gets INVALID_ARGUMENT (or RESOURCE_EXHAUSTED for the message size). */
export interface Limits {
  /** Largest accepted request message in bytes (gRPC answers RESOURCE_EXHAUSTED beyond). */
  maxMessageBytes: number;
  /** Most requests in one BatchAuthorize. */
  maxBatchSize: number;
  /** Longest ARN (principal, role, policy, resource) in UTF-8 bytes. */
  maxArnBytes: number;
  /** Longest action, session name, service or federated principal, source identity, account id. */
  maxNameBytes: number;
  /** Most context keys in one request. */
  maxContextKeys: number;
  maxContextKeyBytes: number;
  /** Longest string context value (and list item). */
  maxContextValueBytes: number;
  /** Most values in one multi-valued context key. */
  maxContextListItems: number;
  /** Most inline session policies and longest one (JSON text). */
  maxSessionPolicies: number;
  maxSessionPolicyBytes: number;
  /** Most managed session policy ARNs. */
  maxSessionPolicyArns: number;
  /** Most session tags, longest tag key and value. */
  maxSessionTags: number;
  maxTagKeyBytes: number;
  maxTagValueBytes: number;
}

/** The defaults of every limit (AWS's own where AWS has one: session tags, tag lengths, session policies). */
export const DEFAULT_LIMITS: Readonly<Limits> = Object.freeze({
  maxMessageBytes: 4 * 1024 * 1024,
  maxBatchSize: 1000,
  maxArnBytes: 2048,
  maxNameBytes: 256,
  maxContextKeys: 64,
  maxContextKeyBytes: 256,
  maxContextValueBytes: 4096,
  maxContextListItems: 256,
  maxSessionPolicies: 10,
  maxSessionPolicyBytes: 10_240,
  maxSessionPolicyArns: 10,
  maxSessionTags: 50,
  maxTagKeyBytes: 128,
  maxTagValueBytes: 256,
});

/** Where decisions are logged. */
export type DecisionLogSink = { kind: 'none' } | { kind: 'stdout' } | { kind: 'file'; path: string };

/** The decision log's settings. */
export interface DecisionLogConfig {
  sink: DecisionLogSink;
  /** Context keys whose values are replaced by `****` (case-insensitive). */
  maskKeys: string[];
  /** Fraction (0..1) of Allow decisions logged; denials are always logged. */
  allowSampleRate: number;
  /** Events held while the sink is slow; beyond, events are dropped and counted. */
  bufferSize: number;
}

export { ConfigError };

/** The complete, validated configuration of one PDP process. */
export interface PdpConfig {
  host: string;
  grpcPort: number;
  /** Port of the HTTP server for `/metrics` and `/healthz`. */
  httpPort: number;
  /** Where the world comes from when no WorldSource is handed to startPdp. */
  store: StoreConfig;
  /** Evaluation worker threads; 0 evaluates on the main thread. */
  workers: number;
  limits: Limits;
  decisionLog: DecisionLogConfig;
  /** Revision poll of the store, a safety net under its change notifications (ms). */
  pollIntervalMs: number;
  /** Longest wait for `min_revision` when the call has no deadline (ms). */
  maxRevisionWaitMs: number;
  /** How long shutdown lets calls in flight finish before cancelling them (ms). */
  shutdownGraceMs: number;
  logLevel: LogLevel;
}

/** Defaults for everything not given. */
export const CONFIG_DEFAULTS = {
  host: '127.0.0.1',
  grpcPort: 50051,
  httpPort: 9464,
  sqliteFile: 'iam.sqlite',
  pollIntervalMs: 2000,
  maxRevisionWaitMs: 5000,
  shutdownGraceMs: 5000,
  decisionLogBufferSize: 10_000,
  logLevel: 'info' as LogLevel,
} as const;

/**
 * Default evaluation threads: one per core (main thread: gRPC I/O; workers: decode, decide, encode). Measured best
 * for batches; where the PDP shares its cores with its callers, `workers: 0` answers single calls faster (README).
 */
export const DEFAULT_WORKERS = Math.max(1, availableParallelism());

/** The environment variables this module reads, by config field. */
export const ENV = {
  configFile: 'IAM_PDP_CONFIG_FILE',
  host: 'IAM_PDP_HOST',
  grpcPort: 'IAM_PDP_GRPC_PORT',
  httpPort: 'IAM_PDP_HTTP_PORT',
  workers: 'IAM_PDP_WORKERS',
  maxBatchSize: 'IAM_PDP_MAX_BATCH_SIZE',
  storeDriver: 'IAM_STORE_DRIVER',
  sqliteFile: 'IAM_STORE_SQLITE_FILE',
  postgresUrl: 'IAM_STORE_PG_URL',
  postgresSchema: 'IAM_STORE_PG_SCHEMA',
  decisionLog: 'IAM_PDP_DECISION_LOG',
  decisionLogMaskKeys: 'IAM_PDP_DECISION_LOG_MASK_KEYS',
  decisionLogAllowSampleRate: 'IAM_PDP_DECISION_LOG_ALLOW_SAMPLE_RATE',
  pollIntervalMs: 'IAM_PDP_POLL_INTERVAL_MS',
  logLevel: 'IAM_PDP_LOG_LEVEL',
} as const;

type Env = Readonly<Record<string, string | undefined>>;

function parseLimits(file: Raw, env: Env): Limits {
  const limits: Limits = { ...DEFAULT_LIMITS };
  for (const key of Object.keys(file)) {
    if (!(key in DEFAULT_LIMITS)) throw new ConfigError(`\`limits.${key}\` is not a known limit`);
    limits[key as keyof Limits] = int(file[key], `limits.${key}`, 1, 1 << 30)!;
  }
  limits.maxBatchSize = int(env[ENV.maxBatchSize], ENV.maxBatchSize, 1, 100_000) ?? limits.maxBatchSize;
  return limits;
}

function parseStore(file: Raw, env: Env): StoreConfig {
  const driver = str(env[ENV.storeDriver], ENV.storeDriver) ?? str(file.driver, 'store.driver') ?? 'sqlite';
  if (driver === 'sqlite') {
    return { driver, file: str(env[ENV.sqliteFile], ENV.sqliteFile) ?? str(file.file, 'store.file') ?? CONFIG_DEFAULTS.sqliteFile };
  }
  if (driver === 'postgres') {
    const url = str(env[ENV.postgresUrl], ENV.postgresUrl) ?? str(file.url, 'store.url');
    if (!url) throw new ConfigError(`\`store.url\` (or ${ENV.postgresUrl}) is required for the postgres driver`);
    const schema = str(env[ENV.postgresSchema], ENV.postgresSchema) ?? str(file.schema, 'store.schema');
    return schema ? { driver, url, schema } : { driver, url };
  }
  throw new ConfigError(`\`store.driver\` must be \`sqlite\` or \`postgres\`, got \`${driver}\``);
}

function parseSink(value: unknown, field: string): DecisionLogSink | undefined {
  const text = str(value, field);
  if (text === undefined) return undefined;
  if (text === 'none' || text === 'stdout') return { kind: text };
  if (text.startsWith('file:') && text.length > 5) return { kind: 'file', path: text.slice(5) };
  throw new ConfigError(`\`${field}\` must be \`none\`, \`stdout\` or \`file:PATH\`, got \`${text}\``);
}

function parseDecisionLog(file: Raw, env: Env): DecisionLogConfig {
  return {
    sink: parseSink(env[ENV.decisionLog], ENV.decisionLog) ?? parseSink(file.sink, 'decisionLog.sink') ?? { kind: 'none' },
    maskKeys: strList(env[ENV.decisionLogMaskKeys], ENV.decisionLogMaskKeys) ?? strList(file.maskKeys, 'decisionLog.maskKeys') ?? [],
    allowSampleRate:
      ratio(env[ENV.decisionLogAllowSampleRate], ENV.decisionLogAllowSampleRate) ?? ratio(file.allowSampleRate, 'decisionLog.allowSampleRate') ?? 1,
    bufferSize: int(file.bufferSize, 'decisionLog.bufferSize', 1, 10_000_000) ?? CONFIG_DEFAULTS.decisionLogBufferSize,
  };
}

/** Parses and validates a configuration from environment variables and an optional JSON file's content (env wins). */
export function parseConfig(env: Env, fileContent?: unknown): PdpConfig {
  const file = obj(fileContent, 'config file');
  const port = (envKey: keyof typeof ENV, key: string, fallback: number) =>
    int(env[ENV[envKey]], ENV[envKey], 0, 65535) ?? int(file[key], key, 0, 65535) ?? fallback;
  return {
    host: str(env[ENV.host], ENV.host) ?? str(file.host, 'host') ?? CONFIG_DEFAULTS.host,
    grpcPort: port('grpcPort', 'grpcPort', CONFIG_DEFAULTS.grpcPort),
    httpPort: port('httpPort', 'httpPort', CONFIG_DEFAULTS.httpPort),
    store: parseStore(obj(file.store, 'store'), env),
    workers: int(env[ENV.workers], ENV.workers, 0, 64) ?? int(file.workers, 'workers', 0, 64) ?? DEFAULT_WORKERS,
    limits: parseLimits(obj(file.limits, 'limits'), env),
    decisionLog: parseDecisionLog(obj(file.decisionLog, 'decisionLog'), env),
    pollIntervalMs: int(env[ENV.pollIntervalMs], ENV.pollIntervalMs, 10, 3_600_000) ?? int(file.pollIntervalMs, 'pollIntervalMs', 10, 3_600_000) ?? CONFIG_DEFAULTS.pollIntervalMs,
    maxRevisionWaitMs: int(file.maxRevisionWaitMs, 'maxRevisionWaitMs', 0, 600_000) ?? CONFIG_DEFAULTS.maxRevisionWaitMs,
    shutdownGraceMs: int(file.shutdownGraceMs, 'shutdownGraceMs', 0, 600_000) ?? CONFIG_DEFAULTS.shutdownGraceMs,
    logLevel: oneOf(env[ENV.logLevel], ENV.logLevel, LOG_LEVELS) ?? oneOf(file.logLevel, 'logLevel', LOG_LEVELS) ?? CONFIG_DEFAULTS.logLevel,
  };
}

/** Reads `process.env` (the only place this package does) and the JSON file it names, then parses both. */
export function loadConfig(env: Env = process.env): PdpConfig {
  const path = env[ENV.configFile];
  return path ? parseConfig(env, readConfigFile(path)) : parseConfig(env);
}

/** The configuration with defaults only, plus `overrides` (for tests and embedding). */
export function defaultConfig(overrides: Partial<PdpConfig> = {}): PdpConfig {
  return { ...parseConfig({}), ...overrides };
}
