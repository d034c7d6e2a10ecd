// Test harness: a real admin server on 127.0.0.1:0 over a real store (SQLite always, PostgreSQL when IAM_TEST_PG_URL is set).

import { randomBytes } from 'node:crypto';
import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import pg from 'pg';
import { afterAll, beforeAll, describe } from 'vitest';
import { loadConfig, type AdminConfig } from '../src/config.ts';
import { silentLogger } from '../src/log.ts';
import { startAdmin, type RunningAdmin } from '../src/server.ts';
import { ApiClient } from './client.ts';
import { checkAgainstOpenApi, type OpenApiDoc } from './openapi-check.ts';

/** PostgreSQL URL for tests; PostgreSQL suites skip (loudly) without it. */
export const PG_URL = process.env.IAM_TEST_PG_URL;

/** A store driver under test. */
export interface DriverCase {
  name: 'sqlite' | 'postgres';
  enabled: boolean;
}

/** Both drivers; postgres only when IAM_TEST_PG_URL is set. */
export const DRIVERS: DriverCase[] = [
  { name: 'sqlite', enabled: true },
  { name: 'postgres', enabled: PG_URL !== undefined && PG_URL !== '' },
];

let warned = false;
/** `describe` once per driver; the PostgreSQL one is skipped with a warning when IAM_TEST_PG_URL is unset. */
export function describeDrivers(title: string, body: (driver: DriverCase) => void): void {
  for (const d of DRIVERS) {
    if (!d.enabled && !warned) {
      warned = true;
      console.warn('SKIPPING PostgreSQL admin tests: set IAM_TEST_PG_URL (e.g. postgres://postgres@127.0.0.1:5432/test) to run them');
    }
    describe.skipIf(!d.enabled)(`${title} [${d.name}]`, () => body(d));
  }
}

/** Store settings for a fresh, isolated store: a temp SQLite file, or a fresh PostgreSQL schema. */
export function freshStoreEnv(driver: DriverCase['name']): { env: Record<string, string>; cleanup: () => Promise<void> } {
  const key = randomBytes(32).toString('hex');
  if (driver === 'sqlite') {
    const dir = mkdtempSync(join(tmpdir(), 'iam-admin-test-'));
    return {
      env: { IAM_STORE_DRIVER: 'sqlite', IAM_STORE_SQLITE_FILE: join(dir, 'iam.sqlite'), IAM_STORE_ENCRYPTION_KEY: key },
      cleanup: async () => rmSync(dir, { recursive: true, force: true }),
    };
  }
  const schema = `admin_test_${randomBytes(6).toString('hex')}`;
  return {
    env: { IAM_STORE_DRIVER: 'postgres', IAM_STORE_PG_URL: PG_URL!, IAM_STORE_PG_SCHEMA: schema, IAM_STORE_ENCRYPTION_KEY: key },
    cleanup: async () => dropSchema(schema),
  };
}

/** Drops a test schema. */
export async function dropSchema(schema: string): Promise<void> {
  const client = new pg.Client({ connectionString: PG_URL });
  await client.connect();
  try {
    await client.query(`DROP SCHEMA IF EXISTS "${schema}" CASCADE`);
  } finally {
    await client.end();
  }
}

/** A running admin server with a client authenticated as the bootstrap operator. */
export interface TestAdmin {
  admin: RunningAdmin;
  config: AdminConfig;
  /** Authenticated as the bootstrap operator. */
  api: ApiClient;
  managementAccountId: string;
  rootId: string;
  /** Validates every answer recorded in this file against the served OpenAPI document. */
  checkOpenApi(): Promise<number>;
  close(): Promise<void>;
}

/** Options of startTestAdmin. */
export interface TestAdminOptions {
  /** Config-file settings (quotas, names, ...). */
  file?: Record<string, unknown>;
  /** Extra environment (e.g. the encryption key and import file of a restore). */
  env?: Record<string, string>;
  /** Credentials of the client when the store is restored rather than bootstrapped. */
  key?: { accessKeyId: string; secret: string };
}

/** Starts an admin server over a fresh store. */
/**
 * Registers the suite lifecycle most route tests share: start a server over a fresh store before the
 * tests, then check every answer against the OpenAPI document and close. `ready` receives the server.
 */
export function useTestAdmin(driver: DriverCase['name'], ready: (t: TestAdmin) => void, options: TestAdminOptions = {}): void {
  let t: TestAdmin | undefined;
  beforeAll(async () => {
    t = await startTestAdmin(driver, options);
    ready(t);
  });
  afterAll(async () => {
    try {
      await t?.checkOpenApi();
    } finally {
      await t?.close();
    }
  });
}

export async function startTestAdmin(driver: DriverCase['name'], options: TestAdminOptions = {}): Promise<TestAdmin> {
  const store = freshStoreEnv(driver);
  const config = loadConfig({ ...store.env, ...options.env, IAM_ADMIN_PORT: '0' }, options.file ?? {});
  const admin = await startAdmin({ config, logger: silentLogger, print: () => {} });
  const creds = admin.bootstrap.credentials;
  const api = new ApiClient(admin.url, options.key ?? (creds && { accessKeyId: creds.accessKeyId, secret: creds.secretAccessKey }));
  const org = await admin.store.getOrganization();
  return {
    admin, config, api, managementAccountId: org.managementAccountId, rootId: org.rootId,
    async checkOpenApi() {
      const res = await fetch(admin.url + '/v1/openapi.json');
      return checkAgainstOpenApi((await res.json()) as OpenApiDoc);
    },
    async close() {
      try {
        await admin.close();
      } finally {
        await store.cleanup();
      }
    },
  };
}
