// Runs the shared store contract against PostgreSQL at IAM_TEST_PG_URL (one schema per test), or skips loudly.

import { describe, it } from 'vitest';
import { describeStoreContract } from '../test/contract.ts';
import { postgresFactory, testPgUrl } from '../test/harness.ts';

const url = testPgUrl();
if (url) {
  describeStoreContract('postgres', () => postgresFactory(url));
} else {
  console.warn('SKIPPING the PostgreSQL store contract: set IAM_TEST_PG_URL (e.g. postgres://postgres@127.0.0.1:5432/test) to run it');
  describe.skip('store contract: postgres (IAM_TEST_PG_URL not set)', () => {
    it('needs IAM_TEST_PG_URL', () => undefined);
  });
}
