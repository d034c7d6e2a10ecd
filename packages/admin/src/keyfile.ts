// The store's encryption key for access-key secrets: from config, or a key file created once beside an SQLite store.

import { randomBytes } from 'node:crypto';
import { readFileSync, writeFileSync } from 'node:fs';
import type { StoreSection } from './config.ts';
import { ConfigError } from './config.ts';

/** Suffix of the key file created beside an SQLite file when no key is configured. */
export const KEY_FILE_SUFFIX = '.key';

/**
 * The 32-byte key as 64 hex characters: `encryptionKey`, else the content of `encryptionKeyFile`, else (SQLite)
 * `<file>.key`, created with mode 0600 on first start; an in-memory SQLite store gets a fresh key.
 */
export function resolveEncryptionKey(store: StoreSection): string {
  if (store.encryptionKey) return store.encryptionKey;
  if (store.driver === 'sqlite' && !store.encryptionKeyFile && store.file === ':memory:') return randomBytes(32).toString('hex');
  const path = store.encryptionKeyFile ?? (store.driver === 'sqlite' ? store.file + KEY_FILE_SUFFIX : undefined);
  if (!path) throw new ConfigError('`store.encryptionKey` or `store.encryptionKeyFile` is required');
  try {
    writeFileSync(path, randomBytes(32).toString('hex') + '\n', { flag: 'wx', mode: 0o600 });
  } catch (err) {
    if ((err as NodeJS.ErrnoException).code !== 'EEXIST') throw new ConfigError(`key file \`${path}\` cannot be created: ${(err as Error).message}`);
  }
  const key = readFileSync(path, 'utf8').trim();
  if (!/^([0-9a-fA-F]{64}|[A-Za-z0-9+/]{43}=)$/.test(key)) throw new ConfigError(`key file \`${path}\` must hold 32 bytes as 64 hex characters or base64`);
  return key;
}
