// Unit tests of config resolution and audit masking.

import { describe, expect, it } from 'vitest';
import { maskParameters } from './audit.ts';
import { DEFAULT_QUOTAS, resolveConfig } from './config.ts';

describe('config', () => {
  it('fills defaults and overrides quotas', () => {
    const cfg = resolveConfig({ driver: 'sqlite', file: ':memory:', quotas: { groupsPerUser: 3 } });
    expect(cfg.quotas.groupsPerUser).toBe(3);
    expect(cfg.quotas.versionsPerPolicy).toBe(DEFAULT_QUOTAS.versionsPerPolicy);
    expect(cfg.encryptionKey).toBeUndefined();
  });

  it('names the bad field', () => {
    expect(() => resolveConfig({ driver: 'sqlite', file: '' })).toThrow(/`file`/);
    expect(() => resolveConfig({ driver: 'postgres', url: 'postgres://x', schema: 'Bad-Name' })).toThrow(/`schema`/);
    expect(() => resolveConfig({ driver: 'sqlite', file: 'x', quotas: { nope: 1 } as never })).toThrow(/`nope`/);
    expect(() => resolveConfig({ driver: 'sqlite', file: 'x', encryptionKey: 'abcd' })).toThrow(/`encryptionKey`/);
    expect(resolveConfig({ driver: 'sqlite', file: 'x', encryptionKey: Buffer.alloc(32).toString('base64') }).encryptionKey?.length).toBe(32);
  });

  it('masks secret-looking keys at any depth', () => {
    const masked = maskParameters({ user: 'a', SecretAccessKey: 's', list: [{ password: 'p', ok: 1 }], nested: { sessionToken: 't' } }, ['secret', 'password', 'token']);
    expect(masked).toEqual({ user: 'a', SecretAccessKey: '***', list: [{ password: '***', ok: 1 }], nested: { sessionToken: '***' } });
  });
});
