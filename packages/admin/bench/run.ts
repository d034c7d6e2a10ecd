// Admin write throughput over HTTP: create user and attach policy at a few concurrencies, on a fresh SQLite store.
// Run: npx nx run admin:bench (or `node --import tsx bench/run.ts [--synchronous=normal]` in packages/admin). Prints requests/s.

import { randomBytes } from 'node:crypto';
import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { authorizationHeader } from '../src/auth/credentials.ts';
import { loadConfig } from '../src/config.ts';
import { silentLogger } from '../src/log.ts';
import { startAdmin } from '../src/server.ts';

/** Concurrency levels measured. */
const CONCURRENCY = [1, 8, 32];
/** Requests per level and operation. */
const REQUESTS = 600;
/** Requests before each measurement that are not counted. */
const WARMUP = 50;

/** SQLite durability: `full` (the default, fsync per commit) or `normal` (survives process crashes, not power loss). */
const SYNCHRONOUS = process.argv.includes('--synchronous=normal') ? 'normal' : 'full';

const dir = mkdtempSync(join(tmpdir(), 'iam-admin-bench-'));
const config = loadConfig({
  IAM_STORE_DRIVER: 'sqlite', IAM_STORE_SQLITE_FILE: join(dir, 'bench.sqlite'), IAM_STORE_ENCRYPTION_KEY: randomBytes(32).toString('hex'), IAM_ADMIN_PORT: '0',
}, { quotas: { usersPerAccount: 1_000_000, attachedPoliciesPerUser: 1_000_000 }, store: { synchronous: SYNCHRONOUS } });
const admin = await startAdmin({ config, logger: silentLogger, print: () => {} });
const creds = admin.bootstrap.credentials!;
const headers = { authorization: authorizationHeader(creds.accessKeyId, creds.secretAccessKey), 'content-type': 'application/json' };
const acct = admin.bootstrap.managementAccountId;

async function call(method: string, path: string, body?: unknown): Promise<any> {
  const res = await fetch(admin.url + path, { method, headers, body: body === undefined ? undefined : JSON.stringify(body) });
  const json = await res.json();
  if (res.status >= 300) throw new Error(`${method} ${path}: ${res.status} ${JSON.stringify(json)}`);
  return json;
}

/** Runs `n` requests made by `make(i)` with `concurrency` in flight; returns requests/s. */
async function measure(n: number, concurrency: number, make: (i: number) => Promise<unknown>): Promise<number> {
  let next = 0;
  const start = process.hrtime.bigint();
  await Promise.all(Array.from({ length: concurrency }, async () => {
    while (next < n) await make(next++);
  }));
  return n / (Number(process.hrtime.bigint() - start) / 1e9);
}

let seq = 0;
const createUser = () => call('POST', `/v1/accounts/${acct}/users`, { userName: `bench${seq++}` });
const policies: string[] = [];
for (let i = 0; i < 10; i++) {
  policies.push((await call('POST', `/v1/accounts/${acct}/policies`, { policyName: `BenchPolicy${i}`, document: { Version: '2012-10-17', Statement: [{ Effect: 'Allow', Action: 's3:GetObject', Resource: '*' }] } })).policy.arn);
}
const targets: string[] = [];
/** Each attach goes to a fresh user (attaching twice is a no-op write in the store). */
const attach = (i: number) => call('POST', `/v1/accounts/${acct}/users/${targets[i]}/attached-policies`, { policyArn: policies[i % policies.length] });

console.log(`admin write throughput over HTTP (SQLite, synchronous=${SYNCHRONOUS}, ${REQUESTS} requests per row)`);
console.log('operation        concurrency   requests/s');
for (const c of CONCURRENCY) {
  await measure(WARMUP, c, createUser);
  const rps = await measure(REQUESTS, c, createUser);
  console.log(`create user      ${String(c).padStart(11)}   ${rps.toFixed(0).padStart(10)}`);
}
for (const [k, c] of CONCURRENCY.entries()) {
  // A separate set of users per row: attaching a policy a user already has would be a different write.
  targets.length = 0;
  for (let i = 0; i < REQUESTS; i++) targets.push(`bench${k * REQUESTS + i}`);
  const rps = await measure(REQUESTS, c, attach);
  console.log(`attach policy    ${String(c).padStart(11)}   ${rps.toFixed(0).padStart(10)}`);
}
await admin.close();
rmSync(dir, { recursive: true, force: true });
