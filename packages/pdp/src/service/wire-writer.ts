// Protobuf wire-format writing primitives over a Buffer: varint and string sizes, varints, length-prefixed strings.

/** ASCII strings shorter than this are copied by a loop; longer or non-ASCII ones by Buffer#write. */
const ASCII_LOOP_MAX = 64;

/** Bytes of an unsigned varint (any safe integer). */
export function varintSize(value: number): number {
  let size = 1;
  while (value > 0x7f) {
    value = Math.floor(value / 128);
    size++;
  }
  return size;
}

/** Writes an unsigned varint (any safe integer) at `pos`; returns the position after it. */
export function writeVarint(out: Uint8Array, pos: number, value: number): number {
  while (value > 0x7f) {
    const low = value & 0x7f;
    out[pos++] = low | 0x80;
    value = (value - low) / 128;
  }
  out[pos++] = value;
  return pos;
}

/** UTF-8 length of `text` as Buffer#write encodes it (a lone surrogate becomes U+FFFD, 3 bytes). */
export function utf8Size(text: string): number {
  const n = text.length;
  let size = n;
  for (let i = 0; i < n; i++) {
    const c = text.charCodeAt(i);
    if (c < 0x80) continue;
    if (c < 0x800) size += 1;
    else if (c >= 0xd800 && c < 0xdc00 && i + 1 < n && (text.charCodeAt(i + 1) & 0xfc00) === 0xdc00) {
      size += 2; // a pair: two UTF-16 units, four bytes
      i++;
    } else size += 2;
  }
  return size;
}

/** Size of a string field with its tag and length prefix, written even when empty (repeated items). */
export function stringFieldSize(text: string): number {
  const bytes = utf8Size(text);
  return 1 + varintSize(bytes) + bytes;
}

/** Size of a singular string field: nothing when empty (proto3 leaves defaults out). */
export function textFieldSize(text: string): number {
  return text.length === 0 ? 0 : stringFieldSize(text);
}

/** Writes a string field (one-byte `tag`, length, UTF-8) at `pos`, even when empty; returns the position after it. */
export function writeString(out: Buffer, pos: number, tag: number, text: string): number {
  const bytes = utf8Size(text);
  out[pos++] = tag;
  pos = writeVarint(out, pos, bytes);
  if (bytes === text.length && bytes < ASCII_LOOP_MAX) {
    for (let i = 0; i < bytes; i++) out[pos + i] = text.charCodeAt(i);
  } else {
    out.write(text, pos, bytes, 'utf8');
  }
  return pos + bytes;
}

/** Writes a singular string field, nothing when empty. */
export function writeText(out: Buffer, pos: number, tag: number, text: string): number {
  return text.length === 0 ? pos : writeString(out, pos, tag, text);
}

/** Size of a singular uint32 field: nothing when 0 (values are taken `>>> 0`, as protobufjs writes a uint32). */
export function uint32FieldSize(value: number): number {
  const v = value >>> 0;
  return v === 0 ? 0 : 1 + varintSize(v);
}

/** Writes a singular uint32 field (one-byte `tag`), nothing when 0. */
export function writeUint32(out: Buffer, pos: number, tag: number, value: number): number {
  const v = value >>> 0;
  if (v === 0) return pos;
  out[pos++] = tag;
  return writeVarint(out, pos, v);
}

/** Size of a singular uint64 field held as a safe integer: nothing when 0. */
export function uint64FieldSize(value: number): number {
  return value === 0 ? 0 : 1 + varintSize(value);
}

/** Writes a singular uint64 field (one-byte `tag`) held as a safe integer, nothing when 0. */
export function writeUint64(out: Uint8Array, pos: number, tag: number, value: number): number {
  if (value === 0) return pos;
  out[pos++] = tag;
  return writeVarint(out, pos, value);
}
