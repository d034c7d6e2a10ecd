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

/** A poll interval longer than any test, so that no poll runs. */
const NO_POLL_MS = 3_600_000;

/** A store, and a client of a PDP following it. */
export interface FollowingPdp {
  store: Store;
  client: PdpClient;
  /** Closes the client, the PDP and the store, then removes the folder. */
  close(): Promise<void>;
}

/** What startFollowingPdp has started so far, closed in reverse order. */
interface Parts {
  dir: string;
  store?: Store;
  pdp?: RunningPdp;
  client?: PdpClient;
}

async function closeAll(parts: Parts): Promise<void> {
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
  const parts: Parts = { dir: mkdtempSync(join(tmpdir(), 'pdp-store-')) };
  try {
    // Neither the store's safety-net poll nor the PDP's runs during a test (an hour apart): a write can only reach
    // the answers through the store's change notifications.
    const store = (parts.store = await openStore({ ...storeConfig(parts.dir), pollIntervalMs: NO_POLL_MS }));
    await prepare?.(store, parts.dir);
    const pdp = (parts.pdp = await startPdp({ config: testConfig({ pollIntervalMs: NO_POLL_MS }), source: store, logger: silentLogger }));
    const client = createPdpClient(`127.0.0.1:${pdp.grpcPort}`);
    return { store, client, close: () => closeAll({ ...parts, client }) };
  } catch (err) {
    await closeAll(parts);
    throw err;
  }
}

/**
 * Asks until the answer reflects `revision` (at most 2,000 more calls); returns the last answer. With the polls
 * switched off, reaching `revision` shows that the store notified the PDP of the write.
 */
export async function askUntil(ask: () => Promise<AuthorizeResponse__Output>, revision: number): Promise<AuthorizeResponse__Output> {
  let res = await ask();
  for (let k = 0; k < 2000 && res.revision < revision; k++) res = await ask();
  return res;
}
