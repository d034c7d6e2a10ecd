// Protobuf wire-format primitives over a Buffer: varints, length-delimited slices, UTF-8-checked strings (keys cached), skipping.

import { isUtf8 } from 'node:buffer';

/** Wire types of the protobuf encoding. */
export const WIRE_VARINT = 0;
export const WIRE_FIXED64 = 1;
export const WIRE_LEN = 2;
export const WIRE_FIXED32 = 5;

/** What UTF-8 decoding puts in place of an invalid sequence. */
const REPLACEMENT = '\uFFFD';

/**
 * Keys (context and tag keys) and actions come from a small vocabulary. A new string per occurrence costs a native
 * call, and as a property key V8 must look it up in its string table again; so ASCII ones up to KEY_MAX_BYTES come
 * from a small cache of this thread (hash and byte compare in JS; small enough to stay in L1 cache).
 * High-cardinality strings (principals, resources) stay out: a large cache cost more in memory misses than it saved.
 * The slot hash samples bytes, so keys that differ in one unsampled byte (`iam:GetUser`, `iam:PutUser`) share a
 * set: sets of two slots, the least recently used one replaced, keep such pairs both cached.
 */
const KEY_SLOTS = 256;
const KEY_MAX_BYTES = 64;
const keys: string[] = new Array<string>(KEY_SLOTS).fill('');
/** The bytes of `keys[slot]`, at `slot * KEY_MAX_BYTES`. */
const keyBytes = new Uint8Array(KEY_SLOTS * KEY_MAX_BYTES);
/** Per set of two slots: which one to replace next (the one not used last). */
const victims = new Uint8Array(KEY_SLOTS / 2);

/** Whether slot `slot` holds the `len` bytes at `buf[start]`. */
function holds(slot: number, buf: Buffer, start: number, len: number): boolean {
  if (keys[slot].length !== len) return false;
  const at = slot * KEY_MAX_BYTES;
  let i = 0;
  while (i < len && keyBytes[at + i] === buf[start + i]) i++;
  return i === len;
}

/** Buffer's direct slicers (what Buffer#toString calls after normalizing its arguments; protobufjs uses them too). */
interface FastSlices {
  latin1Slice(start: number, end: number): string;
  utf8Slice(start: number, end: number): string;
}

/** The message is not valid protobuf (truncated, bad varint, groups, bad wire type). */
export class MalformedError extends Error {
  constructor(message: string) {
    super(message);
    this.name = 'MalformedError';
  }
}

/** A read position inside one message of a buffer; nested messages are read by entering and leaving them. */
export class WireReader {
  pos: number;
  /** Position of a map entry's value after `mapKey` (-1 when the entry had none). */
  mark = -1;
  private readonly fast: FastSlices;

  constructor(readonly buf: Buffer, start: number, public end: number) {
    this.pos = start;
    this.fast = buf as unknown as FastSlices;
  }

  /** Reads a length prefix and narrows the reader to that nested message; returns what `leave` needs. */
  enter(): number {
    const outer = this.end;
    this.end = this.lengthDelimited();
    return outer;
  }

  /** Moves past the nested message entered last and widens the reader back to `outer`. */
  leave(outer: number): void {
    this.pos = this.end;
    this.end = outer;
  }

  /** Whether bytes remain in this message. */
  more(): boolean {
    return this.pos < this.end;
  }

  /** Reads an unsigned varint (up to 2^53 exactly; larger values are refused). */
  varint(): number {
    const buf = this.buf;
    let result = 0;
    let scale = 1;
    for (let i = 0; i < 10; i++) {
      if (this.pos >= this.end) throw new MalformedError('truncated varint');
      const byte = buf[this.pos++];
      result += (byte & 0x7f) * scale;
      if (byte < 0x80) {
        if (result > Number.MAX_SAFE_INTEGER) throw new MalformedError('varint out of range');
        return result;
      }
      scale *= 128;
    }
    throw new MalformedError('varint too long');
  }

  /** Reads a signed int64 varint as a number (two's complement; safe range only). */
  int64(): number {
    const start = this.pos;
    const buf = this.buf;
    // Ten-byte varints are negative numbers: decode the low 53 bits' complement through BigInt (rare).
    let len = 0;
    while (len < 10 && this.pos + len < this.end && buf[this.pos + len] >= 0x80) len++;
    if (len < 9) return this.varint();
    let value = 0n;
    for (let i = 0; i <= len; i++) value |= BigInt(buf[start + i] & 0x7f) << BigInt(7 * i);
    this.pos = start + len + 1;
    if (this.pos > this.end) throw new MalformedError('truncated varint');
    const signed = BigInt.asIntN(64, value);
    if (signed < BigInt(Number.MIN_SAFE_INTEGER) || signed > BigInt(Number.MAX_SAFE_INTEGER)) throw new MalformedError('varint out of range');
    return Number(signed);
  }

  /** Reads a little-endian double. */
  double(): number {
    if (this.pos + 8 > this.end) throw new MalformedError('truncated double');
    const value = this.buf.readDoubleLE(this.pos);
    this.pos += 8;
    return value;
  }

  /** Reads a length prefix and returns the end of the slice it announces (the position moves to its start). */
  lengthDelimited(): number {
    const len = this.varint();
    const end = this.pos + len;
    if (end > this.end) throw new MalformedError('truncated length-delimited field');
    return end;
  }

  /** Reads a string; returns null when its bytes are not valid UTF-8. */
  string(): string | null {
    const end = this.lengthDelimited();
    const start = this.pos;
    this.pos = end;
    return this.text(start, end);
  }

  /** Reads a string from a small vocabulary (see `keys`); returns null when its bytes are not valid UTF-8. */
  key(): string | null {
    const end = this.lengthDelimited();
    const start = this.pos;
    this.pos = end;
    const len = end - start;
    if (len > KEY_MAX_BYTES) return this.text(start, end);
    const buf = this.buf;
    if (len === 0) return '';
    // the slot from the length, every third byte and the last (a JS loop costs about 20 instructions a byte, and the
    // compare below decides anyway); FNV-1a steps
    let h = len;
    for (let i = start; i < end; i += 3) h = Math.imul(h ^ buf[i], 0x01000193);
    h = Math.imul(h ^ buf[end - 1], 0x01000193);
    const set = (h ^ (h >>> 16)) & (KEY_SLOTS - 2);
    // the cache holds ASCII only: equal bytes are ASCII too
    if (holds(set, buf, start, len)) {
      victims[set >>> 1] = 1;
      return keys[set];
    }
    if (holds(set + 1, buf, start, len)) {
      victims[set >>> 1] = 0;
      return keys[set + 1];
    }
    for (let i = start; i < end; i++) if (buf[i] > 0x7f) return this.text(start, end);
    const text = this.fast.latin1Slice(start, end);
    const slot = set + victims[set >>> 1];
    victims[set >>> 1] ^= 1;
    keys[slot] = text;
    const at = slot * KEY_MAX_BYTES;
    for (let i = 0; i < len; i++) keyBytes[at + i] = buf[start + i];
    return text;
  }

  /**
   * The string of bytes `[start, end)`, or null when they are not valid UTF-8. Decoding replaces invalid sequences
   * with U+FFFD, so only a string that contains one needs the validity check (a JS loop over the bytes would cost
   * about 20 instructions a byte).
   */
  private text(start: number, end: number): string | null {
    const text = this.fast.utf8Slice(start, end);
    if (text.includes(REPLACEMENT) && !isUtf8(this.buf.subarray(start, end))) return null;
    return text;
  }

  /** Skips one field's value of `wireType` (groups are refused: proto3 has none). */
  skip(wireType: number): void {
    switch (wireType) {
      case WIRE_VARINT:
        this.varint();
        return;
      case WIRE_FIXED64:
        this.pos += 8;
        break;
      case WIRE_LEN:
        this.pos = this.lengthDelimited();
        return;
      case WIRE_FIXED32:
        this.pos += 4;
        break;
      default:
        throw new MalformedError(`unsupported wire type ${wireType}`);
    }
    if (this.pos > this.end) throw new MalformedError('truncated field');
  }
}
