// The shared store contract: one suite of behaviour, run once per driver (see src/*.test.ts).

import { afterAll, afterEach, beforeEach, describe, expect } from 'vitest';
import { isStoreError, type StoreErrorCode } from '../src/index.ts';
import { ACCT, type StoreFactory, type StoreHandle } from './harness.ts';
import { auditContract } from './contract-audit.ts';
import { batchContract } from './contract-batch.ts';
import { concurrencyContract } from './contract-concurrency.ts';
import { feedContract } from './contract-feed.ts';
import { orgContract } from './contract-org.ts';
import { policyContract } from './contract-policies.ts';
import { principalContract } from './contract-principals.ts';
import { resourceKeyContract } from './contract-resources-keys.ts';
import { restoreContract } from './contract-restore.ts';
import { snapshotContract } from './contract-snapshot.ts';

export { ACCT, ACCT2 } from './harness.ts';

/** Access to the current test's fresh store. */
export interface ContractEnv {
  h(): StoreHandle;
  factory: StoreFactory;
}

/**
 * Expects `fn` to be refused with `code`, and the store to be unchanged: same revision, no new change log rows,
 * identical lossless export.
 */
export async function expectRefused(h: StoreHandle, code: StoreErrorCode, fn: () => Promise<unknown>): Promise<Error> {
  const before = await h.store.exportSnapshot();
  const changes = (await h.store.listChanges(0, 10_000)).length;
  let caught: unknown;
  try {
    await fn();
  } catch (e) {
    caught = e;
  }
  expect(caught, `expected a \`${code}\` error`).toBeDefined();
  if (!isStoreError(caught, code)) throw caught;
  expect((caught as Error).message).toMatch(/^[a-z`]/);
  expect(await h.store.exportSnapshot()).toEqual(before);
  expect((await h.store.listChanges(0, 10_000)).length).toBe(changes);
  return caught as Error;
}

/** Registers the whole contract for one driver. */
export function describeStoreContract(name: string, makeFactory: () => StoreFactory): void {
  describe(`store contract: ${name}`, () => {
    const factory = makeFactory();
    let handle: StoreHandle | undefined;
    beforeEach(async () => {
      handle = await factory.fresh();
      await handle.store.createAccount({ id: ACCT, name: 'main' });
    });
    afterEach(async () => {
      await factory.closeAll();
      handle = undefined;
    });
    afterAll(() => factory.dispose());
    const env: ContractEnv = {
      factory,
      h: () => {
        if (!handle) throw new Error('no store open');
        return handle;
      },
    };
    orgContract(env);
    policyContract(env);
    principalContract(env);
    resourceKeyContract(env);
    feedContract(env);
    snapshotContract(env);
    restoreContract(env);
    batchContract(env);
    auditContract(env);
    concurrencyContract(env);
  });
}
