// Store benchmark: write throughput (create user, attach policy) and export/import time of large worlds,
// on SQLite and, when IAM_TEST_PG_URL is set, PostgreSQL. Run: node --import tsx bench/run.ts

import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import pg from 'pg';
import { openStore, type Store, type StoreConfig } from '../src/index.ts';
import { generateWorld } from '../test/world-gen.ts';

/** Sequential writes per throughput measurement. */
const WRITES = 500;
/** In-flight writes in the concurrent measurement. */
const CONCURRENCY = 16;
/** World sizes (principals) for export/import. */
const WORLD_SIZES = [2_000, 20_000];
const ACCOUNT = '123456789012';
const KEY = '00112233445566778899aabbccddeeff00112233445566778899aabbccddeeff';

type Fresh = () => Promise<Store>;

function rate(n: number, ms: number): string {
  return `${Math.round((n / ms) * 1000).toLocaleString('en-US')} writes/s`;
}

async function timed<T>(fn: () => Promise<T>): Promise<{ ms: number; value: T }> {
  const t = performance.now();
  const value = await fn();
  return { ms: performance.now() - t, value };
}

/** Runs `count` calls of `op(i)` with at most `parallel` in flight. */
async function pooled(count: number, parallel: number, op: (i: number) => Promise<unknown>): Promise<void> {
  let next = 0;
  await Promise.all(Array.from({ length: parallel }, async () => {
    while (next < count) await op(next++);
  }));
}

async function writeThroughput(label: string, fresh: Fresh): Promise<void> {
  const s = await fresh();
  await s.createAccount({ id: ACCOUNT });
  const policy = (await s.createPolicy({ accountId: ACCOUNT, name: 'bench', document: { Version: '2012-10-17', Statement: [{ Effect: 'Allow', Action: 's3:GetObject', Resource: '*' }] } })).value.arn;
  const create = await timed(async () => { for (let i = 0; i < WRITES; i++) await s.createUser({ accountId: ACCOUNT, name: `u${i}` }); });
  const attach = await timed(async () => { for (let i = 0; i < WRITES; i++) await s.attachPolicy({ kind: 'user', accountId: ACCOUNT, name: `u${i}` }, policy); });
  const createPar = await timed(() => pooled(WRITES, CONCURRENCY, (i) => s.createUser({ accountId: ACCOUNT, name: `p${i}` })));
  console.log(`${label}  create user   ${rate(WRITES, create.ms)} sequential, ${rate(WRITES, createPar.ms)} with ${CONCURRENCY} in flight`);
  console.log(`${label}  attach policy ${rate(WRITES, attach.ms)} sequential`);
  await s.close();
}

async function exportImport(label: string, fresh: Fresh): Promise<void> {
  for (const size of WORLD_SIZES) {
    const world = generateWorld(size);
    const target = await fresh();
    const imp = await timed(() => target.importSnapshot(world));
    const exp = await timed(() => target.exportSnapshot());
    const principals = (exp.value.users?.length ?? 0) + (exp.value.roles?.length ?? 0);
    if (principals !== size) throw new Error(`exported ${principals} principals, expected ${size}`);
    const bytes = Buffer.byteLength(JSON.stringify(exp.value));
    console.log(`${label}  ${size.toLocaleString('en-US')} principals (${(bytes / 1e6).toFixed(1)} MB): import ${imp.ms.toFixed(0)} ms, export ${exp.ms.toFixed(0)} ms`);
    await target.close();
  }
}

async function sqlite(): Promise<void> {
  const dir = mkdtempSync(join(tmpdir(), 'iam-store-bench-'));
  let n = 0;
  const fresh: Fresh = () => openStore({ driver: 'sqlite', file: join(dir, `b${++n}.db`), encryptionKey: KEY });
  try {
    await writeThroughput('sqlite  ', fresh);
    await exportImport('sqlite  ', fresh);
  } finally {
    rmSync(dir, { recursive: true, force: true });
  }
}

async function postgres(url: string): Promise<void> {
  const schemas: string[] = [];
  const fresh: Fresh = () => {
    const schema = `iam_bench_${process.pid}_${schemas.length}`;
    schemas.push(schema);
    return openStore({ driver: 'postgres', url, schema, encryptionKey: KEY } as StoreConfig);
  };
  try {
    await writeThroughput('postgres', fresh);
    await exportImport('postgres', fresh);
  } finally {
    const client = new pg.Client({ connectionString: url });
    await client.connect();
    for (const s of schemas) await client.query(`drop schema if exists "${s}" cascade`);
    await client.end();
  }
}

console.log(`store benchmark: ${WRITES} writes per measurement, worlds of ${WORLD_SIZES.join(' and ')} principals`);
await sqlite();
const url = process.env.IAM_TEST_PG_URL;
if (url) await postgres(url);
else console.log('postgres: skipped (set IAM_TEST_PG_URL to include it)');
