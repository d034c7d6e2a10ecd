// The admin engine follower over core's WorldFollower: catching up before authorizing, and refusing to decide when it cannot.

import { openStore, type Store, type StoreConfig } from '@iam/store';
import { afterEach, expect, it } from 'vitest';
import { describeDrivers, freshStoreEnv } from '../../test/harness.ts';
import { AdminError } from '../errors.ts';
import { followStore, type EngineFollower } from './follower.ts';

/** Fast poll and a short catch-up limit, so the test stays quick. */
const POLL_MS = 50;
const SYNC_TIMEOUT_MS = 300;
const ACCT = '123456789012';
const allow = (action: string) => ({ Version: '2012-10-17', Statement: [{ Effect: 'Allow', Action: action, Resource: '*' }] });

describeDrivers('engine follower (core WorldFollower)', (driver) => {
  const cleanups: Array<() => Promise<void> | void> = [];
  afterEach(async () => {
    for (const c of cleanups.splice(0).reverse()) await c();
  });

  /** Two store instances on one fresh file / schema. */
  async function stores(): Promise<[Store, Store]> {
    const fresh = freshStoreEnv(driver.name);
    cleanups.push(fresh.cleanup);
    const e = fresh.env;
    const config: StoreConfig = e.IAM_STORE_DRIVER === 'postgres'
      ? { driver: 'postgres', url: e.IAM_STORE_PG_URL, schema: e.IAM_STORE_PG_SCHEMA, encryptionKey: e.IAM_STORE_ENCRYPTION_KEY, pollIntervalMs: POLL_MS }
      : { driver: 'sqlite', file: e.IAM_STORE_SQLITE_FILE, encryptionKey: e.IAM_STORE_ENCRYPTION_KEY, pollIntervalMs: POLL_MS };
    const a = await openStore(config);
    cleanups.push(() => a.close());
    const b = await openStore(config);
    cleanups.push(() => b.close());
    return [a, b];
  }

  async function follow(store: Store, seen: number[] = []): Promise<EngineFollower> {
    const follower = await followStore(store, { pollIntervalMs: POLL_MS, syncTimeoutMs: SYNC_TIMEOUT_MS, onRevision: (engine) => seen.push(engine) });
    cleanups.push(() => follower.close());
    return follower;
  }

  it('applies this process\'s writes before the next authorization, and another\'s once asked for their revision', async () => {
    const [store, other] = await stores();
    const seen: number[] = [];
    const follower = await follow(store, seen);
    const ask = async () => (await follower.sync()).authorize({ principal: { arn: `arn:aws:iam::${ACCT}:user/u` }, action: 'orders:Get', resource: '*' }).decision;
    await store.createAccount({ id: ACCT });
    await store.createUser({ accountId: ACCT, name: 'u' });
    expect(await ask()).toBe('ImplicitDeny');
    const granted = await store.putInlinePolicy({ kind: 'user', accountId: ACCT, name: 'u' }, 'p', allow('orders:Get'));
    // no wait: the write was heard of in-process, so sync() catches up before answering
    expect(await ask()).toBe('Allow');
    expect(follower.engine.revision).toBe(granted.revision);
    expect(seen.at(-1)).toBe(granted.revision);

    const revoked = await other.deleteInlinePolicy({ kind: 'user', accountId: ACCT, name: 'u' }, 'p');
    expect((await follower.sync(revoked.revision)).authorize({ principal: { arn: `arn:aws:iam::${ACCT}:user/u` }, action: 'orders:Get', resource: '*' }).decision).toBe('ImplicitDeny');
  });

  it('refuses to answer on a world it cannot bring to the asked revision', async () => {
    const [store] = await stores();
    const follower = await follow(store);
    const ahead = (await store.currentRevision()) + 5;
    const err = await follower.sync(ahead).catch((e: unknown) => e);
    expect(err).toBeInstanceOf(AdminError);
    expect((err as AdminError).code).toBe('service_unavailable');
    expect(follower.engine.revision).toBe(await store.currentRevision());
  });
});
