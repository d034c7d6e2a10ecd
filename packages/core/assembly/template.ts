// Rendering patterns with policy variables: literal segments are copied, variables are replaced by
// the request's value (its bytes always literal), or the default, or the pattern does not match.

import { PLAIN_BYTES, PLAIN_LEN, HOST_HEAP_START, ROOT_SCRATCH, ROOT_SCRATCH_SIZE, SEG_LITERAL, SEG_SIZE, SEG_VAR_CALLER, WILD_ONE, WILD_STAR } from './layout';
import { callerValues, lookup } from './context';
import { listAt, listLen, strData, strLen } from './mem';

/** The rendered pattern: bytes at [renderedPtr, renderedPtr + renderedLen). */
export let renderedPtr: u32 = 0;
export let renderedLen: u32 = 0;

/** Scratch bytes used by the renders of the current comparison (two regions: patterns and ARN parts). */
let scratchUsed: u32 = 0;

/** Release scratch space; call before each top-level comparison. */
@inline export function resetScratch(): void {
  scratchUsed = 0;
}

/**
 * Render a pattern into scratch; false when a variable has no value and no default (the pattern then
 * matches nothing) or the rendered text does not fit.
 */
export function render(t: u32): bool {
  const segs = load<u32>(t);
  if (segs == 0) {
    renderedPtr = t + PLAIN_BYTES;
    renderedLen = load<u32>(t + PLAIN_LEN);
    return true;
  }
  const base = load<u32>(HOST_HEAP_START + ROOT_SCRATCH);
  const cap = load<u32>(HOST_HEAP_START + ROOT_SCRATCH_SIZE);
  const start = base + scratchUsed;
  let out = start;
  const limit = base + cap;
  let s = t + 4;
  for (let i: u32 = 0; i < segs; i++, s += SEG_SIZE) {
    const kind = load<u32>(s);
    let src: u32 = 0;
    let n: u32 = 0;
    if (kind == SEG_LITERAL) {
      const lit = load<u32>(s + 4);
      src = strData(lit);
      n = strLen(lit);
    } else {
      const values = kind == SEG_VAR_CALLER ? callerValues(load<u32>(s + 4)) : lookup(load<u32>(s + 4), 1);
      if (listLen(values) == 1) {
        const v = listAt(values, 0);
        src = strData(v);
        n = strLen(v);
        // a value never contributes wildcards
        for (let k: u32 = 0; k < n; k++) {
          const c = <u32>load<u8>(src + k);
          if (c == WILD_STAR || c == WILD_ONE) return false;
        }
      } else {
        const dflt = load<u32>(s + 8);
        if (dflt == 0) return false;
        src = strData(dflt);
        n = strLen(dflt);
      }
    }
    if (out + n > limit) return false;
    memory.copy(out, src, n);
    out += n;
  }
  renderedPtr = start;
  renderedLen = out - start;
  scratchUsed += renderedLen;
  return true;
}
