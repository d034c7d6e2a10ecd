// Request times: epoch milliseconds or ISO 8601, with a fast path for the common `YYYY-MM-DDTHH:MM:SS(.sss)Z`.

/** Days from 1970-01-01 to a civil date (proleptic Gregorian), for years from 1 on: integer arithmetic only. */
function daysFromCivil(y: number, m: number, d: number): number {
  y -= m <= 2 ? 1 : 0;
  const era = (y / 400) | 0;
  const yoe = y - era * 400;
  const doy = (((153 * (m > 2 ? m - 3 : m + 9) + 2) / 5) | 0) + d - 1;
  const doe = yoe * 365 + ((yoe / 4) | 0) - ((yoe / 100) | 0) + doy;
  return era * 146097 + doe - 719468;
}

/** Epoch ms of `YYYY-MM-DDTHH:MM:SS[.fff]Z` (years 0001 to 9999), or NaN when the text has another shape. */
export function parseIsoUtc(s: string): number {
  const n = s.length;
  if ((n !== 20 && n !== 24) || s.charCodeAt(4) !== 45 || s.charCodeAt(7) !== 45 || s.charCodeAt(10) !== 84 || s.charCodeAt(13) !== 58 || s.charCodeAt(16) !== 58 || s.charCodeAt(n - 1) !== 90) return NaN;
  // each digit as its value; `bad` turns negative when any is outside 0..9
  const y0 = s.charCodeAt(0) - 48, y1 = s.charCodeAt(1) - 48, y2 = s.charCodeAt(2) - 48, y3 = s.charCodeAt(3) - 48;
  const mo0 = s.charCodeAt(5) - 48, mo1 = s.charCodeAt(6) - 48, d0 = s.charCodeAt(8) - 48, d1 = s.charCodeAt(9) - 48;
  const h0 = s.charCodeAt(11) - 48, h1 = s.charCodeAt(12) - 48, mi0 = s.charCodeAt(14) - 48, mi1 = s.charCodeAt(15) - 48;
  const s0 = s.charCodeAt(17) - 48, s1 = s.charCodeAt(18) - 48;
  let bad = y0 | y1 | y2 | y3 | mo0 | mo1 | d0 | d1 | h0 | h1 | mi0 | mi1 | s0 | s1;
  bad |= (9 - y0) | (9 - y1) | (9 - y2) | (9 - y3) | (9 - mo0) | (9 - mo1) | (9 - d0) | (9 - d1) | (9 - h0) | (9 - h1) | (9 - mi0) | (9 - mi1) | (9 - s0) | (9 - s1);
  let ms = 0;
  if (n === 24) {
    const f0 = s.charCodeAt(20) - 48, f1 = s.charCodeAt(21) - 48, f2 = s.charCodeAt(22) - 48;
    bad |= f0 | f1 | f2 | (9 - f0) | (9 - f1) | (9 - f2) | (s.charCodeAt(19) === 46 ? 0 : -1);
    ms = f0 * 100 + f1 * 10 + f2;
  }
  if (bad < 0) return NaN;
  const y = y0 * 1000 + y1 * 100 + y2 * 10 + y3, mo = mo0 * 10 + mo1, d = d0 * 10 + d1;
  const h = h0 * 10 + h1, mi = mi0 * 10 + mi1, sec = s0 * 10 + s1;
  if (y < 1 || mo < 1 || mo > 12 || d < 1 || d > 31 || h > 23 || mi > 59 || sec > 59) return NaN;
  return daysFromCivil(y, mo, d) * 86400000 + (h * 3600 + mi * 60 + sec) * 1000 + ms;
}

/** Epoch ms of a time input, or NaN. */
export function timeToMs(t: unknown): number {
  if (typeof t === 'number') return Number.isFinite(t) ? t : NaN;
  if (typeof t !== 'string') return NaN;
  const fast = parseIsoUtc(t);
  return Number.isNaN(fast) ? Date.parse(t) : fast;
}
