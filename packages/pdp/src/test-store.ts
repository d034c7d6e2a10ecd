// A PDP following a real store in a temporary folder, and asking until its answers reach a revision: the setup
// shared by store-follow.test.ts and admin-write.test.ts.

import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { openStore, type Store, type StoreConfig } from '@iam/store';
import type { AuthorizeResponse__Output } from '@iam/proto';
import { createPdpClient, type PdpClient } from './client.ts';
import { silentLogger } from './logger.ts';
import { startPdp, type RunningPdp } from './server.ts';
import { testConfig } from './test-world.ts';

/** A store, a PDP following it and a client of that PDP. */
export interface FollowingPdp {
  dir: string;
  store: Store;
  pdp: RunningPdp;
  client: PdpClient;
  /** Closes the client, the PDP and the store, then removes the folder. */
  close(): Promise<void>;
}

async function closeAll(parts: Partial<FollowingPdp> & { dir: string }): Promise<void> {
  parts.client?.close();
  await parts.pdp?.close();
  await parts.store?.close();
  rmSync(parts.dir, { recursive: true, force: true });
}

/**
 * Opens the store `storeConfig(dir)` in a fresh temporary folder, runs `prepare` on it (before the PDP's first
 * snapshot), then starts a PDP following it. When a step fails, what was started is closed again.
 */
export async function startFollowingPdp(storeConfig: (dir: string) => StoreConfig, prepare?: (store: Store, dir: string) => Promise<void>): Promise<FollowingPdp> {
  const parts: Partial<FollowingPdp> & { dir: string } = { dir: mkdtempSync(join(tmpdir(), 'pdp-store-')) };
  try {
    const store = (parts.store = await openStore(storeConfig(parts.dir)));
    await prepare?.(store, parts.dir);
    // A slow poll, so that a fast answer shows the store's change notifications at work.
    const pdp = (parts.pdp = await startPdp({ config: testConfig({ pollIntervalMs: 1000 }), source: store, logger: silentLogger }));
    const client = createPdpClient(`127.0.0.1:${pdp.grpcPort}`);
    return { dir: parts.dir, store, pdp, client, close: () => closeAll({ ...parts, client }) };
  } catch (err) {
    await closeAll(parts);
    throw err;
  }
}

/** Asks until the answer reflects `revision` (at most 2,000 more calls); returns the last answer. */
export async function askUntil(ask: () => Promise<AuthorizeResponse__Output>, revision: number): Promise<AuthorizeResponse__Output> {
  let res = await ask();
  for (let k = 0; k < 2000 && res.revision < revision; k++) res = await ask();
  return res;
}
