// The all-in-one's configuration: its defaults over the admin plane's and the PDP's loaders, overrides, and refusals.

import { mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { ConfigError, loadServerConfig, loadTryConfig } from './config.ts';

describe('loadServerConfig', () => {
  it('defaults: admin 8080, PDP 50051/9464, SQLite data/iam.db, management account 111122223333, demo on', () => {
    const c = loadServerConfig({});
    expect(c.admin).toMatchObject({ host: '127.0.0.1', port: 8080, store: { driver: 'sqlite', file: 'data/iam.db' } });
    expect(c.admin.bootstrap.managementAccountId).toBe('111122223333');
    expect(c.pdp).toMatchObject({ host: '127.0.0.1', grpcPort: 50051, httpPort: 9464 });
    expect(c.demo).toBe(true);
  });

  it('takes every listener, the store and the demo switch from the environment', () => {
    const c = loadServerConfig({
      IAM_ADMIN_PORT: '9000', IAM_PDP_GRPC_PORT: '6000', IAM_PDP_HTTP_PORT: '6001', IAM_STORE_SQLITE_FILE: '/var/lib/iam/x.db',
      IAM_ADMIN_MANAGEMENT_ACCOUNT_ID: '444455556666', IAM_SERVER_DEMO: 'false', IAM_PDP_WORKERS: '3',
    });
    expect([c.admin.port, c.pdp.grpcPort, c.pdp.httpPort, c.pdp.workers]).toEqual([9000, 6000, 6001, 3]);
    expect(c.admin.store).toMatchObject({ driver: 'sqlite', file: '/var/lib/iam/x.db' });
    expect(c.admin.bootstrap.managementAccountId).toBe('444455556666');
    expect(c.demo).toBe(false);
  });

  it('selects PostgreSQL through the store variables, which then need a URL and a key', () => {
    expect(() => loadServerConfig({ IAM_STORE_DRIVER: 'postgres' })).toThrow(/`store\.url` is required/);
    expect(() => loadServerConfig({ IAM_STORE_DRIVER: 'postgres', IAM_STORE_PG_URL: 'postgres://x@h/db' })).toThrow(/encryptionKey/);
    const c = loadServerConfig({ IAM_STORE_DRIVER: 'postgres', IAM_STORE_PG_URL: 'postgres://x@h/db', IAM_STORE_ENCRYPTION_KEY: 'ab'.repeat(32) });
    expect(c.admin.store).toMatchObject({ driver: 'postgres', url: 'postgres://x@h/db' });
  });

  it('layers the admin config file between its defaults and the environment', () => {
    const dir = mkdtempSync(join(tmpdir(), 'iam-server-config-'));
    try {
      const path = join(dir, 'admin.json');
      writeFileSync(path, JSON.stringify({ port: 7000, store: { file: 'f.db' }, logLevel: 'warn' }));
      const fromFile = loadServerConfig({ IAM_ADMIN_CONFIG_FILE: path });
      expect([fromFile.admin.port, fromFile.admin.logLevel]).toEqual([7000, 'warn']);
      expect(fromFile.admin.store).toMatchObject({ file: 'f.db' });
      expect(fromFile.admin.bootstrap.managementAccountId).toBe('111122223333');
      expect(loadServerConfig({ IAM_ADMIN_CONFIG_FILE: path, IAM_ADMIN_PORT: '7001' }).admin.port).toBe(7001);
      expect(() => loadServerConfig({ IAM_ADMIN_CONFIG_FILE: join(dir, 'missing.json') })).toThrow(/cannot read config file `.*missing\.json`/);
    } finally {
      rmSync(dir, { recursive: true, force: true });
    }
  });

  it('refuses two listeners on one port, and bad values, naming the variable', () => {
    expect(() => loadServerConfig({ IAM_PDP_HTTP_PORT: '8080' })).toThrow('`IAM_ADMIN_PORT` and `IAM_PDP_HTTP_PORT` must differ, both are `8080`');
    expect(() => loadServerConfig({ IAM_PDP_HTTP_PORT: '8080', IAM_PDP_HOST: '127.0.0.2' })).not.toThrow();
    expect(() => loadServerConfig({ IAM_ADMIN_PORT: '0', IAM_PDP_GRPC_PORT: '0', IAM_PDP_HTTP_PORT: '0' })).not.toThrow();
    expect(() => loadServerConfig({ IAM_SERVER_DEMO: 'maybe' })).toThrow('`IAM_SERVER_DEMO` must be true or false, got `maybe`');
    expect(() => loadServerConfig({ IAM_ADMIN_PORT: 'eighty' })).toThrow(ConfigError);
    expect(() => loadServerConfig({ IAM_PDP_GRPC_PORT: '70000' })).toThrow(/IAM_PDP_GRPC_PORT/);
  });
});

describe('loadTryConfig', () => {
  it('dials what the same environment makes the server listen on (wildcard hosts as loopback)', () => {
    expect(loadTryConfig({})).toEqual({ pdpAddress: '127.0.0.1:50051', adminUrl: 'http://127.0.0.1:8080', accountId: '111122223333' });
    const c = loadTryConfig({ IAM_PDP_HOST: '0.0.0.0', IAM_PDP_GRPC_PORT: '6000', IAM_ADMIN_HOST: '::', IAM_ADMIN_PORT: '9000' });
    expect(c).toMatchObject({ pdpAddress: '127.0.0.1:6000', adminUrl: 'http://[::1]:9000' });
  });
});
