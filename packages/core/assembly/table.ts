// Lookups in the host-built open-addressing hash tables (accounts, resources, services).

import { HT_CAP, HT_ENTRIES, HT_ENTRY_SIZE, NODE_ACCOUNT_ID, NONE, RES_ARN, ROOT_ACCOUNTS_HT, ROOT_NODES, ROOT_RESOURCES_HT, ROOT_SERVICES_HT, SERVICE_UNKNOWN, SVC_ID, SVC_NAME, HOST_HEAP_START } from './layout';
import { listAt, strEqualBytes, strHash } from './mem';

/** Probe a table for `hash`; `keyOf(value)` gives the key string to compare. Returns the value or 0. */
function probe(table: u32, hash: u32, p: u32, n: u32, kind: u32): u32 {
  if (table == 0) return 0;
  const cap = load<u32>(table + HT_CAP);
  if (cap == 0) return 0;
  const mask = cap - 1;
  let slot = hash & mask;
  for (let i: u32 = 0; i < cap; i++) {
    const e = table + HT_ENTRIES + slot * HT_ENTRY_SIZE;
    const value = load<u32>(e + 4);
    if (value == 0) return 0;
    if (load<u32>(e) == hash && value != 1 && strEqualBytes(keyOf(value, kind), p, n)) return value;
    slot = (slot + 1) & mask;
  }
  return 0;
}

const KIND_ACCOUNT: u32 = 0;
const KIND_RESOURCE: u32 = 1;
const KIND_SERVICE: u32 = 2;

/** The key string behind a table value. Account values are node index + 2 (0 empty, 1 tombstone). */
function keyOf(value: u32, kind: u32): u32 {
  if (kind == KIND_ACCOUNT) {
    const node = listAt(load<u32>(HOST_HEAP_START + ROOT_NODES), value - 2);
    return load<u32>(node + NODE_ACCOUNT_ID);
  }
  if (kind == KIND_RESOURCE) return load<u32>(value + RES_ARN);
  return value + SVC_NAME;
}

/** Node index of an account id, or NONE. */
export function findAccount(p: u32, n: u32): u32 {
  const v = probe(load<u32>(HOST_HEAP_START + ROOT_ACCOUNTS_HT), strHash(p, n), p, n, KIND_ACCOUNT);
  return v == 0 ? NONE : v - 2;
}

/** Resource block for an exact ARN with a precomputed hash, or 0. */
export function findResource(hash: u32, p: u32, n: u32): u32 {
  return probe(load<u32>(HOST_HEAP_START + ROOT_RESOURCES_HT), hash, p, n, KIND_RESOURCE);
}

/** Whether the image has any resource entries at all. */
export function hasResources(): bool {
  const t = load<u32>(HOST_HEAP_START + ROOT_RESOURCES_HT);
  return t != 0 && load<u32>(t + HT_CAP) != 0;
}

/** Service id of a service prefix, or SERVICE_UNKNOWN. */
export function findService(p: u32, n: u32): u32 {
  const v = probe(load<u32>(HOST_HEAP_START + ROOT_SERVICES_HT), strHash(p, n), p, n, KIND_SERVICE);
  return v == 0 ? SERVICE_UNKNOWN : load<u32>(v + SVC_ID);
}
