// Conservative coverage between wildcard patterns: does every string one matches also match the other?

/**
 * True when every string matched by `narrow` is also matched by `wide` (`*` any run, `?` one
 * character). Conservative: a `*` in `narrow` is covered only by a `*` in `wide`, and a pattern
 * with a policy variable (`${`) is covered only by `*` or by itself.
 */
export function patternCovers(wide: string, narrow: string, ignoreCase: boolean): boolean {
  if (wide === '*' || wide === narrow) return true;
  if (wide.includes('${') || narrow.includes('${')) return false;
  const w = ignoreCase ? wide.toLowerCase() : wide;
  const n = ignoreCase ? narrow.toLowerCase() : narrow;
  // covers[j] = w[i..] covers n[j..], filled from the end of w backwards.
  let next = new Uint8Array(n.length + 1);
  next[n.length] = 1;
  for (let i = w.length - 1; i >= 0; i--) {
    const cur = new Uint8Array(n.length + 1);
    const c = w[i];
    for (let j = n.length; j >= 0; j--) {
      if (c === '*') cur[j] = next[j] || (j < n.length ? cur[j + 1] : 0);
      else if (j === n.length) cur[j] = 0;
      else if (c === '?') cur[j] = n[j] !== '*' ? next[j + 1] : 0;
      else cur[j] = n[j] === c ? next[j + 1] : 0;
    }
    next = cur;
  }
  return next[0] === 1;
}

/** True when each pattern of `narrow` is covered by some pattern of `wide`. */
export function listCovers(wide: readonly string[], narrow: readonly string[], ignoreCase: boolean): boolean {
  return narrow.every((n) => wide.some((w) => patternCovers(w, n, ignoreCase)));
}
