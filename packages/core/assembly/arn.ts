// Splitting ARNs into their six components (the resource part keeps its colons and slashes).

/** Component offsets and lengths of the last split: 6 x (u32 ptr, u32 len). */
export const REQ_PARTS: u32 = <u32>memory.data(48);
export const VAL_PARTS: u32 = <u32>memory.data(48);

/** Split [p, p+n) into arn:partition:service:region:account:resource; false when it is not an ARN. */
export function splitArn(p: u32, n: u32, out: u32): bool {
  let start: u32 = 0;
  let part: u32 = 0;
  let i: u32 = 0;
  // 16 bytes at a time (SIMD), then byte by byte
  for (; i + 16 <= n && part < 5; i += 16) {
    let m = <u32>i8x16.bitmask(i8x16.eq(v128.load(p + i), i8x16.splat(58)));
    while (m != 0 && part < 5) {
      const at = i + ctz<u32>(m);
      m &= m - 1;
      store<u32>(out + part * 8, p + start);
      store<u32>(out + part * 8 + 4, at - start);
      part++;
      start = at + 1;
    }
  }
  for (; i < n && part < 5; i++) {
    if (<u32>load<u8>(p + i) == 58) {
      store<u32>(out + part * 8, p + start);
      store<u32>(out + part * 8 + 4, i - start);
      part++;
      start = i + 1;
    }
  }
  if (part < 5) return false;
  store<u32>(out + 40, p + start);
  store<u32>(out + 44, n - start);
  return isArnPrefix(p, out);
}

/** Whether the first component of a split (five colons found) is the literal `arn`. */
@inline export function isArnPrefix(p: u32, out: u32): bool {
  return load<u32>(out + 4) == 3 && <u32>load<u8>(p) == 97 && <u32>load<u8>(p + 1) == 114 && <u32>load<u8>(p + 2) == 110;
}
