import { describe, expect, it } from 'vitest';
import { mkdtempSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { ConfigError, loadConfig } from './config.ts';

describe('loadConfig', () => {
  it('fills defaults from an empty environment', () => {
    const c = loadConfig({});
    expect(c.host).toBe('127.0.0.1');
    expect(c.port).toBe(8081);
    expect(c.store).toMatchObject({ driver: 'sqlite', file: 'iam.sqlite' });
    expect(c.quotas.usersPerAccount).toBe(5000);
    expect(c.names.userNameMax).toBe(64);
    expect(c.pagination).toEqual({ defaultPageSize: 100, maxPageSize: 1000 });
  });

  it('lets the environment override the file', () => {
    const dir = mkdtempSync(join(tmpdir(), 'admin-config-'));
    const file = join(dir, 'admin.json');
    writeFileSync(file, JSON.stringify({ port: 9000, quotas: { usersPerAccount: 3 }, names: { userNameMax: 10 }, store: { driver: 'sqlite', file: 'a.db' } }));
    const c = loadConfig({ IAM_ADMIN_CONFIG_FILE: file, IAM_ADMIN_PORT: '0', IAM_STORE_SQLITE_FILE: 'b.db' });
    expect(c.port).toBe(0);
    expect(c.quotas.usersPerAccount).toBe(3);
    expect(c.quotas.groupsPerAccount).toBe(300);
    expect(c.names.userNameMax).toBe(10);
    expect(c.store).toMatchObject({ driver: 'sqlite', file: 'b.db' });
  });

  it.each([
    [{ IAM_ADMIN_PORT: 'eighty' }, undefined, /`port` must be an integer/],
    [{ IAM_STORE_DRIVER: 'mysql' }, undefined, /`store.driver` must be one of sqlite, postgres/],
    [{ IAM_STORE_DRIVER: 'postgres' }, undefined, /`store.url` is required/],
    [{ IAM_STORE_DRIVER: 'postgres', IAM_STORE_PG_URL: 'postgres://x' }, undefined, /`store.encryptionKey` or `store.encryptionKeyFile` is required/],
    [{ IAM_ADMIN_MANAGEMENT_ACCOUNT_ID: '12' }, undefined, /`bootstrap.managementAccountId` must be a 12-digit account id/],
    [{ IAM_STORE_ENCRYPTION_KEY: 'short' }, undefined, /`store.encryptionKey` must be 32 bytes/],
    [{}, { quotas: { usersPerAcount: 1 } }, /`quotas.usersPerAcount` is not a known field/],
    [{}, { names: { userNameMax: 0 } }, /`names.userNameMax` must be an integer from 1/],
    [{}, { pagination: { defaultPageSize: 50, maxPageSize: 10 } }, /`pagination.defaultPageSize` must not exceed/],
    [{}, { pagination: { maxPageSize: 2000 } }, /`pagination.maxPageSize` must be an integer from 1 to 1000/],
    [{}, { colour: 'blue' }, /`colour` is not a known config field/],
    [{ IAM_ADMIN_TRUST_PROXY: 'maybe' }, undefined, /`trustProxy` must be true or false/],
    [{ IAM_ADMIN_BOOTSTRAP_ACCESS_KEY_ID: 'AKIAEXAMPLEEXAMPLE01' }, undefined, /`bootstrap.secretAccessKey` is required when `bootstrap.accessKeyId` is set/],
    [{}, { bootstrap: { secretAccessKey: 's'.repeat(40) } }, /`bootstrap.accessKeyId` is required when `bootstrap.secretAccessKey` is set/],
    [{ IAM_ADMIN_BOOTSTRAP_ACCESS_KEY_ID: 'akia-lower' }, undefined, /`bootstrap.accessKeyId` must be 16 to 128 uppercase letters or digits, got `akia-lower`/],
    [{ IAM_ADMIN_BOOTSTRAP_ACCESS_KEY_ID: 'AKIAEXAMPLEEXAMPLE01', IAM_ADMIN_BOOTSTRAP_SECRET_ACCESS_KEY: 'short' }, undefined, /`bootstrap.secretAccessKey` must be 32 to 128 printable/],
    [{}, { bootstrap: { secret: 'x' } }, /`bootstrap.secret` is not a known field/],
  ] as const)('rejects %j %j naming the field', (env, file, message) => {
    expect(() => loadConfig(env as Record<string, string>, file as Record<string, unknown> | undefined)).toThrow(ConfigError);
    expect(() => loadConfig(env as Record<string, string>, file as Record<string, unknown> | undefined)).toThrow(message);
  });

  it('takes the bootstrap root key from the environment over the file, and never echoes the secret in errors', () => {
    const secret = 'a-secret-of-forty-characters-0123456789ab';
    const fromFile = loadConfig({}, { bootstrap: { accessKeyId: 'AKIAFROMFILE00000001', secretAccessKey: secret } });
    expect(fromFile.bootstrap).toMatchObject({ accessKeyId: 'AKIAFROMFILE00000001', secretAccessKey: secret });
    const fromEnv = loadConfig({ IAM_ADMIN_BOOTSTRAP_ACCESS_KEY_ID: 'AKIAFROMENV000000001', IAM_ADMIN_BOOTSTRAP_SECRET_ACCESS_KEY: secret.toUpperCase() },
      { bootstrap: { accessKeyId: 'AKIAFROMFILE00000001', secretAccessKey: secret } });
    expect(fromEnv.bootstrap).toMatchObject({ accessKeyId: 'AKIAFROMENV000000001', secretAccessKey: secret.toUpperCase() });
    expect(loadConfig({}).bootstrap.accessKeyId).toBeUndefined();
    expect(() => loadConfig({ IAM_ADMIN_BOOTSTRAP_ACCESS_KEY_ID: 'AKIAFROMENV000000001', IAM_ADMIN_BOOTSTRAP_SECRET_ACCESS_KEY: 'has a space in it, 40 characters long!!!' }))
      .toThrow(/^`bootstrap.secretAccessKey` must be 32 to 128 printable ASCII characters without spaces$/);
  });

  it('names an unreadable or malformed config file', () => {
    expect(() => loadConfig({ IAM_ADMIN_CONFIG_FILE: '/nonexistent/admin.json' })).toThrow(/cannot read config file `\/nonexistent\/admin.json`/);
    const dir = mkdtempSync(join(tmpdir(), 'admin-config-'));
    const file = join(dir, 'bad.json');
    writeFileSync(file, '{ nope');
    expect(() => loadConfig({ IAM_ADMIN_CONFIG_FILE: file })).toThrow(/is not valid JSON/);
  });
});
