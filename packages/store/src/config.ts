// Store configuration: defaults, quotas and validation, parsed once by openStore.

import { InvalidInputError } from './errors.ts';
import type { Quotas, StoreConfig } from './types.ts';

/** Default quotas (iam-semantics.md §8). */
export const DEFAULT_QUOTAS: Readonly<Quotas> = Object.freeze({
  usersPerAccount: 5000,
  groupsPerAccount: 300,
  rolesPerAccount: 1000,
  policiesPerAccount: 1500,
  groupsPerUser: 10,
  attachedPoliciesPerUser: 10,
  attachedPoliciesPerRole: 10,
  attachedPoliciesPerGroup: 10,
  versionsPerPolicy: 5,
  managedPolicySize: 6144,
  inlineUserSize: 2048,
  inlineGroupSize: 5120,
  inlineRoleSize: 10240,
  trustPolicySize: 2048,
  orgPolicySize: 5120,
  tagsPerPrincipal: 50,
  tagsPerResource: 50,
  ouDepth: 5,
  orgPoliciesPerTarget: 5,
  accessKeysPerUser: 2,
});

/** Default revision poll interval of subscribers (ms). */
export const DEFAULT_POLL_INTERVAL_MS = 1000;
/** Default wait for the SQLite write lock (ms). */
export const DEFAULT_LOCK_TIMEOUT_MS = 10_000;
/** Default PostgreSQL pool size. */
export const DEFAULT_POOL_SIZE = 10;
/** Audit parameter keys masked by default (substring match, case-insensitive). */
export const DEFAULT_AUDIT_MASK_KEYS = ['secret', 'password', 'token', 'privatekey', 'credential', 'authorization'];

/** The configuration after defaults and validation. */
export interface ResolvedConfig {
  config: StoreConfig;
  quotas: Quotas;
  pollIntervalMs: number;
  partition: string;
  encryptionKey?: Buffer;
  auditMaskKeys: string[];
  now: () => Date;
}

/** Validates `config` and fills in defaults; errors name the field. */
export function resolveConfig(config: StoreConfig): ResolvedConfig {
  if (!config || (config.driver !== 'sqlite' && config.driver !== 'postgres')) {
    throw new InvalidInputError('`driver` must be `sqlite` or `postgres`');
  }
  if (config.driver === 'sqlite' && (typeof config.file !== 'string' || config.file === '')) {
    throw new InvalidInputError('`file` is required for the sqlite driver');
  }
  if (config.driver === 'postgres') {
    if (typeof config.url !== 'string' || config.url === '') throw new InvalidInputError('`url` is required for the postgres driver');
    if (config.schema !== undefined && !/^[a-z_][a-z0-9_]{0,62}$/.test(config.schema)) {
      throw new InvalidInputError(`\`schema\` must be a lowercase identifier, got \`${config.schema}\``);
    }
  }
  const quotas: Quotas = { ...DEFAULT_QUOTAS };
  for (const [k, v] of Object.entries(config.quotas ?? {})) {
    if (!(k in DEFAULT_QUOTAS)) throw new InvalidInputError(`unknown quota \`${k}\``);
    if (!Number.isInteger(v) || (v as number) < 0) throw new InvalidInputError(`quota \`${k}\` must be a non-negative integer`);
    (quotas as unknown as Record<string, number>)[k] = v as number;
  }
  return {
    config,
    quotas,
    pollIntervalMs: positive(config.pollIntervalMs, DEFAULT_POLL_INTERVAL_MS, 'pollIntervalMs'),
    partition: config.partition ?? 'aws',
    encryptionKey: config.encryptionKey === undefined ? undefined : parseKey(config.encryptionKey),
    auditMaskKeys: [...DEFAULT_AUDIT_MASK_KEYS, ...(config.auditMaskKeys ?? [])].map((k) => k.toLowerCase()),
    now: config.now ?? (() => new Date()),
  };
}

function positive(value: number | undefined, fallback: number, field: string): number {
  if (value === undefined) return fallback;
  if (!Number.isFinite(value) || value <= 0) throw new InvalidInputError(`\`${field}\` must be a positive number`);
  return value;
}

/** Accepts a 32-byte key as bytes, 64 hex characters or base64. */
function parseKey(key: string | Uint8Array): Buffer {
  let buf: Buffer;
  if (typeof key !== 'string') buf = Buffer.from(key);
  else if (/^[0-9a-fA-F]{64}$/.test(key)) buf = Buffer.from(key, 'hex');
  else buf = Buffer.from(key, 'base64');
  if (buf.length !== 32) throw new InvalidInputError('`encryptionKey` must be 32 bytes (64 hex characters or base64)');
  return buf;
}
