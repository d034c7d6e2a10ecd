// Durability: a child process streams writes and is SIGKILLed mid-stream; every acknowledged write must survive.

import { spawn } from 'node:child_process';
import { createInterface } from 'node:readline';
import { fileURLToPath } from 'node:url';
import { afterAll, describe, expect, it } from 'vitest';
import type { WorldSnapshot } from './core.ts';
import { applyChanges } from '../test/apply.ts';
import { postgresFactory, sqliteFactory, testPgUrl, type StoreFactory } from '../test/harness.ts';
import type { StoreConfig } from './index.ts';

/** Acknowledged writes to wait for before killing the writer. */
const ACKS_BEFORE_KILL = 60;
/** Longest the writer may take to produce them (ms). */
const WRITER_TIMEOUT_MS = 30_000;
const ACCOUNT = '333333333333';
const packageDir = fileURLToPath(new URL('..', import.meta.url));

/** Runs the writer until ACKS_BEFORE_KILL acknowledgements, SIGKILLs it, and returns what it acknowledged. */
async function writeAndKill(config: StoreConfig): Promise<Array<{ name: string; revision: number }>> {
  const child = spawn(process.execPath, ['--import', 'tsx', 'test/durability-writer.ts', JSON.stringify(config), ACCOUNT], { cwd: packageDir, stdio: ['ignore', 'pipe', 'pipe'] });
  const acks: Array<{ name: string; revision: number }> = [];
  let stderr = '';
  child.stderr.on('data', (d) => (stderr += String(d)));
  const exited = new Promise<NodeJS.Signals | null>((resolve) => child.on('exit', (_code, signal) => resolve(signal)));
  const timer = setTimeout(() => child.kill('SIGKILL'), WRITER_TIMEOUT_MS);
  for await (const line of createInterface({ input: child.stdout })) {
    const m = /^ack (\S+) (\d+)$/.exec(line);
    if (m) acks.push({ name: m[1], revision: Number(m[2]) });
    if (acks.length >= ACKS_BEFORE_KILL) {
      child.kill('SIGKILL');
      break;
    }
  }
  const signal = await exited;
  clearTimeout(timer);
  if (acks.length < ACKS_BEFORE_KILL) throw new Error(`writer stopped after ${acks.length} writes: ${stderr}`);
  expect(signal).toBe('SIGKILL');
  return acks;
}

function durability(name: string, makeFactory: () => StoreFactory, overrides: Record<string, unknown>): void {
  describe(`durability: ${name}`, () => {
    const factory = makeFactory();
    afterAll(() => factory.dispose());
    it('keeps every acknowledged write after SIGKILL and stays consistent', async () => {
      const h = await factory.fresh(overrides);
      await h.store.createAccount({ id: ACCOUNT });
      await h.store.close();
      const acks = await writeAndKill(h.config);
      const store = await h.reopen();
      const last = acks[acks.length - 1].revision;
      const current = await store.currentRevision();
      expect(current).toBeGreaterThanOrEqual(last);
      for (const a of acks) expect((await store.getUser(ACCOUNT, a.name)).name).toBe(a.name);
      const log = await store.listChanges(0, 10_000);
      expect([...new Set(log.map((e) => e.revision))]).toEqual(Array.from({ length: current }, (_, i) => i + 1));
      const empty: WorldSnapshot = { format: 'iam-world-snapshot', version: 1, revision: 0 };
      const batch = await store.changesSince(0);
      expect(applyChanges(empty, batch!.changes, batch!.revision)).toEqual(await store.snapshot());
      await store.createUser({ accountId: ACCOUNT, name: 'after-crash' });
    }, WRITER_TIMEOUT_MS * 2);
  });
}

durability('sqlite', sqliteFactory, { synchronous: 'full' });
const url = testPgUrl();
if (url) durability('postgres', () => postgresFactory(url), { synchronousCommit: 'on' });
else {
  console.warn('SKIPPING the PostgreSQL durability test: set IAM_TEST_PG_URL (e.g. postgres://postgres@127.0.0.1:5432/test) to run it');
  describe.skip('durability: postgres (IAM_TEST_PG_URL not set)', () => it('needs IAM_TEST_PG_URL', () => undefined));
}
