// Raw memory helpers: length-prefixed strings, u32 lists, FNV-1a hashing. No allocation, no throws.

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

export const FNV_OFFSET: u32 = 2166136261;
export const FNV_PRIME: u32 = 16777619;

/** FNV-1a over a byte range (the host computes the same hash when it fills tables). */
export function fnv1a(p: u32, n: u32): u32 {
  let h = FNV_OFFSET;
  for (let i: u32 = 0; i < n; i++) {
    h = (h ^ <u32>load<u8>(p + i)) * FNV_PRIME;
  }
  return h;
}

/** ASCII lowercase of one byte. */
@inline export function lower(c: u32): u32 {
  return c - 65 < 26 ? c | 32 : c;
}
