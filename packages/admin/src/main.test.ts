import { spawn, type ChildProcess } from 'node:child_process';
import { fileURLToPath } from 'node:url';
import { dirname, join } from 'node:path';
import { expect, it } from 'vitest';
import { ApiClient } from '../test/client.ts';
import { describeDrivers, freshStoreEnv } from '../test/harness.ts';

const PACKAGE_DIR = join(dirname(fileURLToPath(import.meta.url)), '..');
/** Writes acknowledged before the kill (more are in flight when it lands). */
const ACKS_BEFORE_KILL = 40;
/** Writers streaming at once. */
const WRITERS = 4;
/** How long a start may take (ms). */
const START_TIMEOUT_MS = 30_000;

/** A child admin process and what it printed. */
interface Child { proc: ChildProcess; url: string; key?: { accessKeyId: string; secret: string } }

/** Starts `node --import tsx src/main.ts` with `env`; resolves once it prints its URL. */
function startChild(env: Record<string, string>): Promise<Child> {
  const proc = spawn(process.execPath, ['--import', 'tsx', 'src/main.ts'], {
    cwd: PACKAGE_DIR, env: { PATH: process.env.PATH ?? '', ...env, IAM_ADMIN_PORT: '0', IAM_ADMIN_LOG_LEVEL: 'warn' }, stdio: ['ignore', 'pipe', 'pipe'],
  });
  return new Promise((resolve, reject) => {
    let out = '';
    let err = '';
    const timer = setTimeout(() => { proc.kill('SIGKILL'); reject(new Error(`admin did not start: ${out} ${err}`)); }, START_TIMEOUT_MS);
    proc.stderr!.on('data', (d) => { err += d; });
    proc.stdout!.on('data', (d) => {
      out += d;
      const url = /listening on (http:\/\/\S+)/.exec(out)?.[1];
      if (!url) return;
      clearTimeout(timer);
      const id = /accessKeyId=(\S+)/.exec(out)?.[1];
      const secret = /secretAccessKey=(\S+)/.exec(out)?.[1];
      resolve({ proc, url, key: id && secret ? { accessKeyId: id, secret } : undefined });
    });
    proc.once('exit', (code) => { clearTimeout(timer); reject(new Error(`admin exited with ${code}: ${out} ${err}`)); });
  });
}

function killed(proc: ChildProcess): Promise<void> {
  return new Promise((resolve) => {
    if (proc.exitCode !== null || proc.signalCode !== null) return resolve();
    proc.once('exit', () => resolve());
    proc.kill('SIGKILL');
  });
}

describeDrivers('durability across SIGKILL', (driver) => {
  it('keeps every acknowledged write and a consistent store', async () => {
    const store = freshStoreEnv(driver.name);
    let child: Child | undefined;
    try {
      child = await startChild(store.env);
      expect(child.key, 'bootstrap credentials are printed on first start').toBeDefined();
      const key = child.key!;
      const acct = (await new ApiClient(child.url, key).get('/v1/organization')).body.organization.managementAccountId;
      const acked: { name: string; revision: number }[] = [];
      let next = 0;
      let stop = false;
      const writer = async (api: ApiClient) => {
        while (!stop && next < 10_000) {
          const name = `d${next++}`;
          try {
            const res = await api.post(`/v1/accounts/${acct}/users`, { userName: name });
            if (res.status === 201) acked.push({ name, revision: res.body.revision });
          } catch {
            return; // the connection died with the process
          }
          if (acked.length >= ACKS_BEFORE_KILL && child!.proc.exitCode === null) {
            stop = true;
            child!.proc.kill('SIGKILL');
          }
        }
      };
      const api = new ApiClient(child.url, key);
      await Promise.all(Array.from({ length: WRITERS }, () => writer(api)));
      await killed(child.proc);
      expect(acked.length).toBeGreaterThanOrEqual(ACKS_BEFORE_KILL);

      child = await startChild(store.env);
      expect(child.key, 'a non-empty store is not bootstrapped again').toBeUndefined();
      const again = new ApiClient(child.url, key);
      const users = new Set<string>();
      let cursor: string | undefined;
      for (let page = 0; page < 100; page++) {
        const res = await again.get(`/v1/accounts/${acct}/users?limit=1000${cursor ? `&cursor=${encodeURIComponent(cursor)}` : ''}`);
        expect(res.status).toBe(200);
        for (const u of res.body.items) users.add(u.name);
        cursor = res.body.nextCursor;
        if (!cursor) break;
      }
      for (const a of acked) expect(users.has(a.name), `acknowledged user ${a.name}`).toBe(true);
      const health = await again.get('/v1/health');
      expect(health.body.storeRevision).toBeGreaterThanOrEqual(Math.max(...acked.map((a) => a.revision)));
      // The store is consistent: the restarted engine reflects it, and the audit log holds each acknowledged write.
      expect(health.body.engineRevision).toBe(health.body.storeRevision);
      const audit = await again.get('/v1/audit?action=iam:CreateUser&outcome=success&limit=1000');
      const audited = new Set(audit.body.items.map((e: { parameters?: { userName?: string } }) => e.parameters?.userName));
      for (const a of acked) expect(audited.has(a.name)).toBe(true);
      // And it takes writes again.
      expect((await again.post(`/v1/accounts/${acct}/users`, { userName: 'after-restart' })).status).toBe(201);
    } finally {
      if (child) await killed(child.proc);
      await store.cleanup();
    }
  });
});
