// WASM entry points: ABI checks and batch evaluation over request records the host wrote into memory.

import { ABI_VERSION, ACTION_BIT_M1, ACTION_BIT_M2, DEC_ALLOW, HASH_SEED, LAYER_NONE, NONE, PK_ROLE, PK_ROOT, PK_UNKNOWN, PK_USER, RES_ACCOUNT, RQ_ACTION, RQ_PACCOUNT, RQ_PKIND, RQ_PRINCIPAL, RQ_RESOURCE, RQ_RES_ACCOUNT } from './layout';
import { REQ_PARTS, splitArn } from './arn';
import { decide, setAssumeRole } from './evaluate';
import { bytesEqual, hashFinish, hashWord, strData, strHash, strLen, tailBytes } from './mem';
import { beginBatch, beginRequest, explainCount, resultFlags, setNodes, setPrincipal, setResource, setResourceAccount, setService } from './state';
import { setActionBit, setResourceIsArn } from './statement';
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
/** Parents are cut at slashes within the first PARENT_SPAN bytes (ARNs are at most 2048 characters). */
const PARENT_SPAN: u32 = 4096;
/** The hash state before each word of the first PARENT_SPAN bytes of the request resource. */
const WORD_STATES: u32 = <u32>memory.data(PARENT_SPAN);

/** Position of the last `/` in [p, p+end), or -1. */
function lastSlash(p: u32, end: u32): i32 {
  let i = end;
  for (; i >= 16; i -= 16) {
    const m = <u32>i8x16.bitmask(i8x16.eq(v128.load(p + i - 16), i8x16.splat(47)));
    if (m != 0) return <i32>(i - 16 + 31 - clz<u32>(m));
  }
  while (i > 0) {
    i--;
    if (<u32>load<u8>(p + i) == 47) return <i32>i;
  }
  return -1;
}

/**
 * Find the resource block: the exact ARN, else the nearest parent cut at a `/`. The text is hashed once; a parent's
 * hash is finished from the state before its last word (kept in WORD_STATES), so each costs a few steps.
 */
function resolveResource(p: u32, n: u32): u32 {
  let h = <u32>HASH_SEED;
  let i: u32 = 0;
  const span = n < PARENT_SPAN ? n : PARENT_SPAN;
  for (; i + 4 <= span; i += 4) {
    store<u32>(WORD_STATES + i, h);
    h = hashWord(h, load<u32>(p + i));
  }
  if (i < PARENT_SPAN) store<u32>(WORD_STATES + i, h); // a slash among the last bytes
  for (; i + 4 <= n; i += 4) h = hashWord(h, load<u32>(p + i));
  const r = findResource(hashFinish(h, tailBytes(p + i, n - i), n), p, n);
  if (r != 0) return r;
  let cut = lastSlash(p, span);
  while (cut >= 0) {
    const at = <u32>cut;
    const whole = at & ~3;
    const parent = findResource(hashFinish(load<u32>(WORD_STATES + whole), tailBytes(p + whole, at - whole), at), p, at);
    if (parent != 0) return parent;
    cut = lastSlash(p, at);
  }
  return 0;
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
  const first = colon + 1 < an ? <u32>load<u8>(ap + colon + 1) : 0;
  const second = colon + 2 < an ? <u32>load<u8>(ap + colon + 2) : 0;
  setActionBit(<u32>1 << ((first * <u32>ACTION_BIT_M1 + second * <u32>ACTION_BIT_M2) >> 27));

  const res = load<u32>(r + RQ_RESOURCE);
  const rp = strData(res);
  const rn = strLen(res);
  const isArn = splitArn(rp, rn, REQ_PARTS);
  const block = hasResources() ? resolveResource(rp, rn) : 0;
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

/** The tables' string hash, exported for the host's consistency test. */
export function hashBytes(p: u32, n: u32): u32 {
  return strHash(p, n);
}

