// Parsing request values inside WASM: numbers, dates (ISO 8601 / epoch seconds), IP addresses, booleans.

import { lower } from './mem';

/** Result slot of the parsers (no allocation). */
export let parsedNumber: f64 = 0;
/** Parsed IP address: 16 bytes (IPv4 as ::ffff:a.b.c.d). */
export const IP_BUF: u32 = <u32>memory.data(16);

const POW10: StaticArray<f64> = [1e0, 1e1, 1e2, 1e3, 1e4, 1e5, 1e6, 1e7, 1e8, 1e9, 1e10, 1e11, 1e12, 1e13, 1e14, 1e15, 1e16, 1e17, 1e18, 1e19, 1e20, 1e21, 1e22];

@inline function isDigit(c: u32): bool { return c - 48 < 10; }

/** Parse a decimal number (sign, digits, fraction, exponent) into `parsedNumber`. */
export function parseNumber(p: u32, n: u32): bool {
  let i: u32 = 0;
  let neg = false;
  if (n == 0) return false;
  let c = <u32>load<u8>(p);
  if (c == 45 || c == 43) { neg = c == 45; i++; }
  let mant: f64 = 0;
  let digits: u32 = 0;
  let exp: i32 = 0;
  while (i < n && isDigit(<u32>load<u8>(p + i))) { mant = mant * 10 + <f64>(<u32>load<u8>(p + i) - 48); i++; digits++; }
  if (i < n && <u32>load<u8>(p + i) == 46) {
    i++;
    while (i < n && isDigit(<u32>load<u8>(p + i))) { mant = mant * 10 + <f64>(<u32>load<u8>(p + i) - 48); i++; digits++; exp--; }
  }
  if (digits == 0) return false;
  if (i < n && lower(<u32>load<u8>(p + i)) == 101) {
    i++;
    let eneg = false;
    if (i < n) { c = <u32>load<u8>(p + i); if (c == 45 || c == 43) { eneg = c == 45; i++; } }
    let e: i32 = 0;
    let ed: u32 = 0;
    while (i < n && isDigit(<u32>load<u8>(p + i))) { if (e < 100000) e = e * 10 + <i32>(<u32>load<u8>(p + i) - 48); i++; ed++; }
    if (ed == 0) return false;
    exp += eneg ? -e : e;
  }
  if (i != n) return false;
  let v = mant;
  if (exp > 0) { while (exp > 22) { v *= 1e22; exp -= 22; } v *= unchecked(POW10[exp]); }
  else if (exp < 0) { let e = -exp; while (e > 22) { v /= 1e22; e -= 22; } v /= unchecked(POW10[e]); }
  parsedNumber = neg ? -v : v;
  return true;
}

/** Days since 1970-01-01 of a proleptic Gregorian date. */
function daysFromCivil(y: i32, m: i32, d: i32): i32 {
  y -= m <= 2 ? 1 : 0;
  const era = (y >= 0 ? y : y - 399) / 400;
  const yoe = y - era * 400;
  const mp = (m + 9) % 12;
  const doy = (153 * mp + 2) / 5 + d - 1;
  const doe = yoe * 365 + yoe / 4 - yoe / 100 + doy;
  return era * 146097 + doe - 719468;
}

let cur: u32 = 0;
let end: u32 = 0;

/** Read exactly `k` digits at the cursor, or -1. */
function digitsN(k: u32): i32 {
  if (cur + k > end) return -1;
  let v: i32 = 0;
  for (let j: u32 = 0; j < k; j++) {
    const c = <u32>load<u8>(cur + j);
    if (!isDigit(c)) return -1;
    v = v * 10 + <i32>(c - 48);
  }
  cur += k;
  return v;
}

@inline function peekIs(c: u32): bool { return cur < end && <u32>load<u8>(cur) == c; }

/** Parse an IAM date (ISO 8601, or epoch seconds as digits) into `parsedNumber` as epoch ms. */
export function parseDate(p: u32, n: u32): bool {
  let allDigits = n > 0;
  for (let i: u32 = 0; i < n; i++) if (!isDigit(<u32>load<u8>(p + i))) { allDigits = false; break; }
  if (allDigits && n != 8) {
    if (!parseNumber(p, n)) return false;
    parsedNumber *= 1000;
    return true;
  }
  cur = p; end = p + n;
  const y = digitsN(4);
  if (y < 0) return false;
  let mo: i32 = 1, d: i32 = 1;
  const dashed = peekIs(45);
  if (dashed) cur++;
  mo = digitsN(2);
  if (mo < 1 || mo > 12) return false;
  if (dashed) { if (!peekIs(45)) return false; cur++; }
  d = digitsN(2);
  if (d < 1 || d > 31) return false;
  let ms: f64 = <f64>daysFromCivil(y, mo, d) * 86400000;
  if (cur == end) { parsedNumber = ms; return true; }
  if (!peekIs(84) && !peekIs(116)) return false;
  cur++;
  const h = digitsN(2);
  if (h < 0 || h > 24) return false;
  const colon = peekIs(58);
  if (colon) cur++;
  const mi = digitsN(2);
  if (mi < 0 || mi > 59) return false;
  let s: i32 = 0;
  let frac: f64 = 0;
  if (colon ? peekIs(58) : (cur < end && isDigit(<u32>load<u8>(cur)))) {
    if (colon) cur++;
    s = digitsN(2);
    if (s < 0 || s > 60) return false;
    if (peekIs(46) || peekIs(44)) {
      cur++;
      let scale: f64 = 100;
      let any = false;
      while (cur < end && isDigit(<u32>load<u8>(cur))) { frac += <f64>(<u32>load<u8>(cur) - 48) * scale; scale /= 10; cur++; any = true; }
      if (!any) return false;
    }
  }
  ms += <f64>(h * 3600 + mi * 60 + s) * 1000 + Math.floor(frac);
  if (cur == end) { parsedNumber = ms; return true; }
  if (peekIs(90) || peekIs(122)) { cur++; parsedNumber = ms; return cur == end; }
  if (!peekIs(43) && !peekIs(45)) return false;
  const sign: i32 = peekIs(45) ? -1 : 1;
  cur++;
  const oh = digitsN(2);
  if (oh < 0 || oh > 23) return false;
  if (peekIs(58)) cur++;
  let om: i32 = 0;
  if (cur < end) { om = digitsN(2); if (om < 0 || om > 59) return false; }
  if (cur != end) return false;
  parsedNumber = ms - <f64>(sign * (oh * 60 + om)) * 60000;
  return true;
}

/** Parse an IPv4 dotted quad at [p, p+n) into bytes 12..15 of IP_BUF (with the ::ffff: prefix). */
function parseV4(p: u32, n: u32, out: u32): bool {
  let part: u32 = 0;
  let val: u32 = 0;
  let nd: u32 = 0;
  for (let i: u32 = 0; i <= n; i++) {
    const c: u32 = i < n ? <u32>load<u8>(p + i) : 46;
    if (c == 46) {
      if (nd == 0 || part > 3) return false;
      store<u8>(out + part, <u8>val);
      part++; val = 0; nd = 0;
    } else if (isDigit(c)) {
      val = val * 10 + (c - 48);
      nd++;
      if (val > 255 || nd > 3) return false;
    } else return false;
  }
  return part == 4;
}

@inline function hexVal(c: u32): i32 {
  if (isDigit(c)) return <i32>(c - 48);
  const l = lower(c);
  if (l - 97 < 6) return <i32>(l - 87);
  return -1;
}

/** Parse an IPv4 or IPv6 address into IP_BUF. */
export function parseIp(p: u32, n: u32): bool {
  let hasColon = false;
  for (let i: u32 = 0; i < n; i++) if (<u32>load<u8>(p + i) == 58) { hasColon = true; break; }
  if (!hasColon) {
    memory.fill(IP_BUF, 0, 10);
    store<u8>(IP_BUF + 10, 0xff);
    store<u8>(IP_BUF + 11, 0xff);
    return parseV4(p, n, IP_BUF + 12);
  }
  // IPv6: groups before and after an optional `::`, an optional trailing dotted quad
  memory.fill(IP_BUF, 0, 16);
  let head: u32 = 0; // bytes written from the front
  let gapAt: i32 = -1;
  let i: u32 = 0;
  if (n >= 2 && <u32>load<u8>(p) == 58) {
    if (<u32>load<u8>(p + 1) != 58) return false;
    gapAt = 0; i = 2;
  }
  const TMP = IP_BUF; // groups are written in place, then shifted to close the gap
  while (i < n) {
    // a dotted quad tail
    let j = i; let dot = false;
    while (j < n && <u32>load<u8>(p + j) != 58) { if (<u32>load<u8>(p + j) == 46) dot = true; j++; }
    if (dot) {
      if (j != n || head > 12) return false;
      if (!parseV4(p + i, n - i, TMP + head)) return false;
      head += 4; i = n; break;
    }
    if (j == i || j - i > 4 || head >= 16) return false;
    let v: i32 = 0;
    for (let k = i; k < j; k++) { const h = hexVal(<u32>load<u8>(p + k)); if (h < 0) return false; v = (v << 4) | h; }
    store<u8>(TMP + head, <u8>(v >> 8));
    store<u8>(TMP + head + 1, <u8>v);
    head += 2;
    i = j;
    if (i < n) {
      i++; // the colon
      if (i < n && <u32>load<u8>(p + i) == 58) { if (gapAt >= 0) return false; gapAt = <i32>head; i++; }
      else if (i == n) return false;
    }
  }
  if (gapAt < 0) return head == 16;
  if (head > 14) return false;
  // move the tail (bytes gapAt..head) to the end
  const tail = head - <u32>gapAt;
  memory.copy(IP_BUF + 16 - tail, IP_BUF + <u32>gapAt, tail);
  memory.fill(IP_BUF + <u32>gapAt, 0, 16 - tail - <u32>gapAt);
  return true;
}

/** Whether IP_BUF lies in the network `net` (16 bytes) / `prefix` bits. */
export function ipInNet(net: u32, prefix: u32): bool {
  let bits = prefix;
  for (let i: u32 = 0; i < 16 && bits > 0; i++) {
    const a = <u32>load<u8>(IP_BUF + i);
    const b = <u32>load<u8>(net + i);
    if (bits >= 8) { if (a != b) return false; bits -= 8; }
    else { const mask: u32 = (0xff << (8 - bits)) & 0xff; return (a & mask) == (b & mask); }
  }
  return true;
}

/** Parse `true` / `false` case-insensitively: 1, 0, or -1 when neither. */
export function parseBool(p: u32, n: u32): i32 {
  if (n == 4 && lower(<u32>load<u8>(p)) == 116 && lower(<u32>load<u8>(p + 1)) == 114 && lower(<u32>load<u8>(p + 2)) == 117 && lower(<u32>load<u8>(p + 3)) == 101) return 1;
  if (n == 5 && lower(<u32>load<u8>(p)) == 102 && lower(<u32>load<u8>(p + 1)) == 97 && lower(<u32>load<u8>(p + 2)) == 108 && lower(<u32>load<u8>(p + 3)) == 115 && lower(<u32>load<u8>(p + 4)) == 101) return 0;
  return -1;
}
