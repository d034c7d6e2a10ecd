// Child process for the durability test: streams user creations and prints each acknowledged revision until killed.
// Usage: node --import tsx test/durability-writer.ts '<StoreConfig JSON>' <accountId>

import { openStore, type StoreConfig } from '../src/index.ts';

/** Upper bound on writes, so a writer that is never killed still stops. */
const MAX_WRITES = 20_000;

const config = JSON.parse(process.argv[2] ?? '') as StoreConfig;
const accountId = process.argv[3] ?? '';
const store = await openStore(config);
console.log('ready');
for (let i = 0; i < MAX_WRITES; i++) {
  const { revision } = await store.createUser({ accountId, name: `durable${i}` });
  console.log(`ack durable${i} ${revision}`);
}
await store.close();
