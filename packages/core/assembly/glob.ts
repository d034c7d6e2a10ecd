// Wildcard matching: 0x01 in a pattern matches any run of bytes, 0x02 exactly one UTF-8 character.

import { PLAIN_BYTES, PLAIN_LEN, PLAIN_SHAPE, SHAPE_ANY, SHAPE_LITERAL, SHAPE_PREFIX, WILD_ONE, WILD_STAR } from './layout';
import { bytesEqual } from './mem';
import { lower } from './mem';

/** Byte length of the UTF-8 character starting at `p` (1 for malformed bytes). */
@inline function charLen(c: u32): u32 {
  if (c < 0xc0) return 1;
  if (c < 0xe0) return 2;
  if (c < 0xf0) return 3;
  return 4;
}

/**
 * Whether text [t, t+tn) matches pattern [p, p+pn). With `fold`, text bytes are ASCII-lowercased
 * before comparison (the pattern is lowercased at compile time). Greedy with single backtrack point:
 * linear for patterns with one `*`, O(n*m) worst case, never recursive.
 */
export function globMatch(p: u32, pn: u32, t: u32, tn: u32, fold: bool): bool {
  let pi: u32 = 0;
  let ti: u32 = 0;
  let starP: u32 = 0xffffffff;
  let starT: u32 = 0;
  while (ti < tn) {
    if (pi < pn) {
      const pc = <u32>load<u8>(p + pi);
      if (pc == WILD_STAR) {
        starP = pi++;
        starT = ti;
        continue;
      }
      let tc = <u32>load<u8>(t + ti);
      if (pc == WILD_ONE) {
        let step = charLen(tc);
        if (ti + step > tn) step = tn - ti;
        pi++;
        ti += step;
        continue;
      }
      if (fold) tc = lower(tc);
      if (pc == tc) {
        pi++;
        ti++;
        continue;
      }
    }
    if (starP == 0xffffffff) return false;
    pi = starP + 1;
    starT++;
    // advance the star over whole characters so `?` after `*` stays aligned
    while (starT < tn && (<u32>load<u8>(t + starT) & 0xc0) == 0x80) starT++;
    ti = starT;
  }
  while (pi < pn && <u32>load<u8>(p + pi) == WILD_STAR) pi++;
  return pi == pn;
}

/** Whether a pattern contains no wildcard (then matching is plain equality). */
export function isLiteral(p: u32, pn: u32): bool {
  for (let i: u32 = 0; i < pn; i++) {
    const c = <u32>load<u8>(p + i);
    if (c == WILD_STAR || c == WILD_ONE) return false;
  }
  return true;
}

/** Byte equality with optional ASCII folding of the text side. */
export function textEquals(p: u32, pn: u32, t: u32, tn: u32, fold: bool): bool {
  if (pn != tn) return false;
  if (!fold) return bytesEqual(p, pn, t, tn);
  for (let i: u32 = 0; i < pn; i++) {
    let c = <u32>load<u8>(t + i);
    let pc = <u32>load<u8>(p + i);
    if (fold) { c = lower(c); pc = lower(pc); }
    if (pc != c) return false;
  }
  return true;
}

/** Match a plain (variable-free) pattern by its precomputed shape: equality, prefix, any, or glob. */
export function plainMatches(t: u32, p: u32, n: u32): bool {
  const len = load<u32>(t + PLAIN_LEN);
  const shape = load<u32>(t + PLAIN_SHAPE);
  const pat = t + PLAIN_BYTES;
  if (shape == SHAPE_LITERAL) return bytesEqual(pat, len, p, n);
  if (shape == SHAPE_PREFIX) return n >= len - 1 && bytesEqual(pat, len - 1, p, len - 1);
  if (shape == SHAPE_ANY) return true;
  return globMatch(pat, len, p, n, false);
}
