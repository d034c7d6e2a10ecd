// Runs the shared store contract against the SQLite driver (temp files; two instances share a file in concurrency tests).

import { describeStoreContract } from '../test/contract.ts';
import { sqliteFactory } from '../test/harness.ts';

describeStoreContract('sqlite', sqliteFactory);
