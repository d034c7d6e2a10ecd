// Context key lookup: request-derived keys, the principal's and the resource's derived keys, values the
// evaluator computes (time, resource account, org ids), then the caller's keys.

import { CTX_ENTRY_SIZE, HOST_HEAP_START, KEY_CURRENT_TIME, KEY_EPOCH_TIME, KEY_FIRST_FREE, KEY_PRINCIPAL_ORG_ID, KEY_PRINCIPAL_ORG_PATHS, KEY_RESOURCE_ACCOUNT, KEY_RESOURCE_ORG_ID, KEY_RESOURCE_ORG_PATHS, NODE_IN_ORG, NODE_ORG_PATH, NONE, PR_CONTEXT, RES_CONTEXT, ROOT_NODES, ROOT_ORG_ID, RQ_CONTEXT, RQ_DERIVED, RQ_TIME } from './layout';
import { listAt } from './mem';
import { principal, req, resAcctLen, resAcctPtr, resNode, resource, principalNode } from './state';

/** Scratch areas for computed values: one per lookup slot (condition keys, variables). */
const SLOT_SIZE: u32 = 96;
const SLOTS: u32 = <u32>memory.data(SLOT_SIZE * 2);

/** Find `key` in a context list; returns its values list ptr or 0. */
function inList(list: u32, key: u32): u32 {
  if (list == 0) return 0;
  const n = load<u32>(list);
  let e = list + 4;
  for (let i: u32 = 0; i < n; i++, e += CTX_ENTRY_SIZE) {
    if (load<u32>(e) == key) return load<u32>(e + 4);
  }
  return 0;
}

/** Values list for a one-string value written into the slot: (count=1, ptr) then the string. */
function slotList(slot: u32): u32 {
  const base = SLOTS + slot * SLOT_SIZE;
  store<u32>(base, 1);
  store<u32>(base + 4, base + 8);
  return base;
}

/** Write bytes as the slot's single value. */
function slotBytes(slot: u32, p: u32, n: u32): u32 {
  const list = slotList(slot);
  const s = list + 8;
  const len = n > SLOT_SIZE - 12 ? SLOT_SIZE - 12 : n;
  store<u32>(s, len);
  memory.copy(s + 4, p, len);
  return list;
}

/** Write a string ptr as the slot's single value (no copy). */
function slotString(slot: u32, s: u32): u32 {
  const base = SLOTS + slot * SLOT_SIZE;
  store<u32>(base, 1);
  store<u32>(base + 4, s);
  return base;
}

let w: u32 = 0;
@inline function put(c: u32): void { store<u8>(w++, <u8>c); }
function put2(v: i32): void { put(48 + <u32>(v / 10)); put(48 + <u32>(v % 10)); }

/** Format epoch ms as `YYYY-MM-DDTHH:MM:SSZ` into the slot. */
function formatIso(slot: u32, ms: f64): u32 {
  const list = slotList(slot);
  const s = list + 8;
  const days = <i32>Math.floor(ms / 86400000);
  let secs = <i32>Math.floor((ms - <f64>days * 86400000) / 1000);
  // civil from days (Howard Hinnant's algorithm)
  const z = days + 719468;
  const era = (z >= 0 ? z : z - 146096) / 146097;
  const doe = z - era * 146097;
  const yoe = (doe - doe / 1460 + doe / 36524 - doe / 146096) / 365;
  let y = yoe + era * 400;
  const doy = doe - (365 * yoe + yoe / 4 - yoe / 100);
  const mp = (5 * doy + 2) / 153;
  const d = doy - (153 * mp + 2) / 5 + 1;
  const m = mp < 10 ? mp + 3 : mp - 9;
  if (m <= 2) y++;
  w = s + 4;
  put2(y / 100); put2(y % 100); put(45); put2(m); put(45); put2(d); put(84);
  put2(secs / 3600); put(58); secs %= 3600; put2(secs / 60); put(58); put2(secs % 60); put(90);
  store<u32>(s, w - s - 4);
  return list;
}

/** Format an integer into the slot. */
function formatInt(slot: u32, v: i64): u32 {
  const list = slotList(slot);
  const s = list + 8;
  let tmp: u32 = s + 4 + 24;
  let x = v < 0 ? -v : v;
  let n: u32 = 0;
  do { store<u8>(tmp - n, <u8>(48 + <u32>(x % 10))); x /= 10; n++; } while (x > 0);
  w = s + 4;
  if (v < 0) put(45);
  memory.copy(w, tmp - n + 1, n);
  store<u32>(s, (w - s - 4) + n);
  return list;
}

/** The org node's org id string if it hangs under the organization, else 0. */
function orgIdOf(node: u32): u32 {
  if (node == NONE) return 0;
  const nb = listAt(load<u32>(HOST_HEAP_START + ROOT_NODES), node);
  if (nb == 0 || load<u32>(nb + NODE_IN_ORG) == 0) return 0;
  return load<u32>(HOST_HEAP_START + ROOT_ORG_ID);
}

function orgPathOf(node: u32): u32 {
  if (node == NONE) return 0;
  const nb = listAt(load<u32>(HOST_HEAP_START + ROOT_NODES), node);
  return nb == 0 ? 0 : load<u32>(nb + NODE_ORG_PATH);
}

/** Values of a computed key, or 0 when absent. */
function computed(key: u32, slot: u32): u32 {
  if (key == KEY_CURRENT_TIME) return formatIso(slot, load<f64>(req + RQ_TIME));
  if (key == KEY_EPOCH_TIME) return formatInt(slot, <i64>Math.floor(load<f64>(req + RQ_TIME) / 1000));
  if (key == KEY_RESOURCE_ACCOUNT) return resAcctLen == 0 ? 0 : slotBytes(slot, resAcctPtr, resAcctLen);
  let s: u32 = 0;
  if (key == KEY_RESOURCE_ORG_ID) s = orgIdOf(resNode);
  else if (key == KEY_RESOURCE_ORG_PATHS) s = orgPathOf(resNode);
  else if (key == KEY_PRINCIPAL_ORG_ID) s = orgIdOf(principalNode);
  else if (key == KEY_PRINCIPAL_ORG_PATHS) s = orgPathOf(principalNode);
  return s == 0 ? 0 : slotString(slot, s);
}

/**
 * Values list (u32 count + string ptrs) of a context key for the current request, or 0 when the
 * key is absent. `slot` (0 or 1) picks the scratch area for computed values.
 */
export function lookup(key: u32, slot: u32): u32 {
  // any key; a key callers supply is found quicker by `callerValues`
  if (key < <u32>KEY_FIRST_FREE) return computed(key, slot);
  let v = inList(load<u32>(req + RQ_DERIVED), key);
  if (v != 0) return v;
  if (principal != 0) {
    v = inList(load<u32>(principal + PR_CONTEXT), key);
    if (v != 0) return v;
  }
  if (resource != 0) {
    v = inList(load<u32>(resource + RES_CONTEXT), key);
    if (v != 0) return v;
  }
  return inList(load<u32>(req + RQ_CONTEXT), key);
}

/** Values list of a key callers supply (CF_CALLER_KEY), or 0: only the request's own context can hold one. */
export function callerValues(key: u32): u32 {
  return inList(load<u32>(req + RQ_CONTEXT), key);
}
