// WASM entry points: ABI checks and batch evaluation over request records the host wrote into memory.

import { ABI_VERSION, DEC_ALLOW, LAYER_NONE, NONE, PK_ROLE, PK_ROOT, PK_UNKNOWN, PK_USER, RES_ACCOUNT, RQ_ACTION, RQ_PACCOUNT, RQ_PKIND, RQ_PRINCIPAL, RQ_RESOURCE, RQ_RES_ACCOUNT } from './layout';
import { REQ_PARTS, isArnPrefix, splitArn } from './arn';
import { decide, setAssumeRole } from './evaluate';
import { fnv1a, FNV_PRIME, strData, strLen, bytesEqual } from './mem';
import { beginBatch, beginRequest, explainCount, resultFlags, setNodes, setPrincipal, setResource, setResourceAccount, setService } from './state';
import { setResourceIsArn } from './statement';
import { findAccount, findResource, findService, hasResources } from './table';

/** The layout version this module was built for. */
export function abiVersion(): u32 {
  return ABI_VERSION;
}

/** End of the module's static data; must lie below HOST_HEAP_START. */
export function heapBase(): u32 {
  return <u32>__heap_base;
}

const GET_CALLER_IDENTITY: u32 = <u32>memory.data<u8>([115, 116, 115, 58, 103, 101, 116, 99, 97, 108, 108, 101, 114, 105, 100, 101, 110, 116, 105, 116, 121]); // "sts:getcalleridentity"
const ASSUME_ROLE: u32 = <u32>memory.data<u8>([115, 116, 115, 58, 97, 115, 115, 117, 109, 101, 114, 111, 108, 101]); // "sts:assumerole"
const SLASH_HASHES: u32 = <u32>memory.data(4 * 64);
const SLASH_POS: u32 = <u32>memory.data(4 * 64);
const MAX_SLASHES: u32 = 64;

/** Whether the request resource is an ARN, from `resolveResource`. */
let scannedArn: bool = false;

/**
 * Find the resource block (the exact ARN, else the nearest parent cut at a `/`) and split the text into REQ_PARTS
 * (`scannedArn` tells whether it is an ARN), in one pass: the FNV-1a state at each `/` is the hash of the prefix before it.
 */
function resolveResource(p: u32, n: u32): u32 {
  if (!hasResources()) {
    scannedArn = splitArn(p, n, REQ_PARTS);
    return 0;
  }
  let h: u32 = 2166136261;
  let slashes: u32 = 0;
  let colons: u32 = 0;
  let start: u32 = 0;
  let i: u32 = 0;
  // up to the fifth colon: the ARN components too (as splitArn does)
  for (; i < n && colons < 5; i++) {
    const c = <u32>load<u8>(p + i);
    if (c == 58) {
      store<u32>(REQ_PARTS + colons * 8, p + start);
      store<u32>(REQ_PARTS + colons * 8 + 4, i - start);
      colons++;
      start = i + 1;
    } else if (c == 47 && slashes < MAX_SLASHES) {
      store<u32>(SLASH_HASHES + slashes * 4, h);
      store<u32>(SLASH_POS + slashes * 4, i);
      slashes++;
    }
    h = (h ^ c) * FNV_PRIME;
  }
  for (; i < n; i++) {
    const c = <u32>load<u8>(p + i);
    if (c == 47 && slashes < MAX_SLASHES) {
      store<u32>(SLASH_HASHES + slashes * 4, h);
      store<u32>(SLASH_POS + slashes * 4, i);
      slashes++;
    }
    h = (h ^ c) * FNV_PRIME;
  }
  scannedArn = colons == 5 && isArnPrefix(p, REQ_PARTS);
  if (scannedArn) {
    store<u32>(REQ_PARTS + 40, p + start);
    store<u32>(REQ_PARTS + 44, n - start);
  }
  let r = findResource(h, p, n);
  while (r == 0 && slashes > 0) {
    slashes--;
    r = findResource(load<u32>(SLASH_HASHES + slashes * 4), p, load<u32>(SLASH_POS + slashes * 4));
  }
  return r;
}

/** Evaluate one request record; returns the packed result. */
function evaluateOne(r: u32, index: u32): u32 {
  beginRequest(r, index);
  const pk = load<u32>(r + RQ_PKIND);
  const principalBlock = load<u32>(r + RQ_PRINCIPAL);
  setPrincipal(principalBlock);
  const action = load<u32>(r + RQ_ACTION);
  const ap = strData(action);
  const an = strLen(action);
  // needs no permission, but a caller the world does not know is not authenticated: it falls through to a deny
  if (pk != PK_UNKNOWN && bytesEqual(ap, an, GET_CALLER_IDENTITY, 21)) return DEC_ALLOW | (LAYER_NONE << 8);
  setAssumeRole(an >= 14 && bytesEqual(ap, 14, ASSUME_ROLE, 14));
  let colon: u32 = 0;
  while (colon < an && <u32>load<u8>(ap + colon) != 58) colon++;
  setService(colon < an ? findService(ap, colon) : 0xffffffff);

  const res = load<u32>(r + RQ_RESOURCE);
  const rp = strData(res);
  const rn = strLen(res);
  const block = resolveResource(rp, rn);
  const isArn = scannedArn;
  setResourceIsArn(isArn);
  setResource(block);

  // resource account: the ARN's account field, else the stored resource's, else the caller's statement
  let acctPtr: u32 = 0;
  let acctLen: u32 = 0;
  if (isArn && load<u32>(REQ_PARTS + 36) != 0) {
    acctPtr = load<u32>(REQ_PARTS + 32);
    acctLen = load<u32>(REQ_PARTS + 36);
  } else if (block != 0 && load<u32>(block + RES_ACCOUNT) != 0) {
    const s = load<u32>(block + RES_ACCOUNT);
    acctPtr = strData(s);
    acctLen = strLen(s);
  } else {
    const s = load<u32>(r + RQ_RES_ACCOUNT);
    if (s != 0) { acctPtr = strData(s); acctLen = strLen(s); }
  }
  const pAcct = load<u32>(r + RQ_PACCOUNT);
  const pNode = pAcct != 0 ? findAccount(strData(pAcct), strLen(pAcct)) : NONE;
  if (acctLen == 0 && pAcct != 0 && (pk == PK_USER || pk == PK_ROLE || pk == PK_ROOT)) {
    // unknown resource account: treated as same-account
    acctPtr = strData(pAcct);
    acctLen = strLen(pAcct);
  }
  setResourceAccount(acctPtr, acctLen);
  // most requests stay in the caller's account: its node is already known
  const same = pAcct != 0 && acctLen != 0 && bytesEqual(strData(pAcct), strLen(pAcct), acctPtr, acctLen);
  const rNode = same ? pNode : acctLen != 0 ? findAccount(acctPtr, acctLen) : NONE;
  setNodes(pNode, rNode);
  const cross = pAcct != 0 && acctLen != 0 && !same;
  return decide(cross) | (resultFlags << 16);
}

/**
 * Evaluate `count` requests: `records` points to `count` u32 request-record pointers; one u32 result
 * per request is written at `results`. Returns the number of explanation records written.
 */
export function evaluateBatch(records: u32, count: u32, results: u32): u32 {
  beginBatch();
  for (let i: u32 = 0; i < count; i++) {
    const r = evaluateOne(load<u32>(records + i * 4), i);
    store<u32>(results + i * 4, r);
  }
  return explainCount();
}

/** Hash helper exported for the host's table-consistency test. */
export function hashBytes(p: u32, n: u32): u32 {
  return fnv1a(p, n);
}

