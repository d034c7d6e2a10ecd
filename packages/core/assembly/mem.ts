// Raw memory helpers: length-prefixed strings, u32 lists, the tables' string hash. No allocation, no throws.

import { HASH_C1, HASH_C2, HASH_SEED } from './layout';

/** Byte length of a length-prefixed string. */
@inline export function strLen(s: u32): u32 {
  return load<u32>(s);
}

/** Address of the first byte of a length-prefixed string. */
@inline export function strData(s: u32): u32 {
  return s + 4;
}

/** Number of items of a list (0 for a null list pointer). */
@inline export function listLen(list: u32): u32 {
  return list == 0 ? 0 : load<u32>(list);
}

/** Item `i` of a u32 list. */
@inline export function listAt(list: u32, i: u32): u32 {
  return load<u32>(list + 4 + (i << 2));
}

/** Byte equality of two ranges. */
export function bytesEqual(a: u32, aLen: u32, b: u32, bLen: u32): bool {
  if (aLen != bLen) return false;
  let i: u32 = 0;
  for (; i + 4 <= aLen; i += 4) {
    if (load<u32>(a + i) != load<u32>(b + i)) return false;
  }
  for (; i < aLen; i++) {
    if (load<u8>(a + i) != load<u8>(b + i)) return false;
  }
  return true;
}

/** Equality of two length-prefixed strings. */
export function strEqual(a: u32, b: u32): bool {
  if (a == b) return true;
  if (a == 0 || b == 0) return false;
  return bytesEqual(strData(a), strLen(a), strData(b), strLen(b));
}

/** Equality of a length-prefixed string with a byte range. */
export function strEqualBytes(s: u32, p: u32, n: u32): bool {
  return s != 0 && bytesEqual(strData(s), strLen(s), p, n);
}

/** One 4-byte little-endian word into a string hash's state (see HASH_SEED in layout.ts). */
@inline export function hashWord(h: u32, w: u32): u32 {
  w *= <u32>HASH_C1;
  w = rotl<u32>(w, 15);
  w *= <u32>HASH_C2;
  h ^= w;
  h = rotl<u32>(h, 13);
  return h * 5 + 0xe6546b64;
}

/** The hash of `n` bytes from the state after their whole words and the last `n % 4` bytes (little-endian in `tail`). */
export function hashFinish(h: u32, tail: u32, n: u32): u32 {
  if ((n & 3) != 0) {
    tail *= <u32>HASH_C1;
    tail = rotl<u32>(tail, 15);
    tail *= <u32>HASH_C2;
    h ^= tail;
  }
  h ^= n;
  h ^= h >> 16;
  h *= 0x85ebca6b;
  h ^= h >> 13;
  h *= 0xc2b2ae35;
  h ^= h >> 16;
  return h;
}

/** The `k` < 4 bytes at `p` as a little-endian value (read one by one: they may end the memory). */
export function tailBytes(p: u32, k: u32): u32 {
  let v: u32 = 0;
  if (k > 2) v = <u32>load<u8>(p + 2) << 16;
  if (k > 1) v |= <u32>load<u8>(p + 1) << 8;
  if (k > 0) v |= <u32>load<u8>(p);
  return v;
}

/** The tables' hash of a byte range (the host computes the same when it fills them). */
export function strHash(p: u32, n: u32): u32 {
  let h = <u32>HASH_SEED;
  let i: u32 = 0;
  for (; i + 4 <= n; i += 4) h = hashWord(h, load<u32>(p + i));
  return hashFinish(h, tailBytes(p + i, n - i), n);
}

/** ASCII lowercase of one byte. */
@inline export function lower(c: u32): u32 {
  return c - 65 < 26 ? c | 32 : c;
}
