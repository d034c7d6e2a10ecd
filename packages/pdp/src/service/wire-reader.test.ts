// Tests of the wire reader: its key cache (whatever the order, collisions and lengths, key() reads what string() reads)
// and its UTF-8 checks.

import { describe, expect, it, vi } from 'vitest';
import { WireReader } from './wire-reader.ts';

/** Length-prefixed byte strings, one after the other (lengths under 128 take one byte). */
function prefixed(items: Buffer[]): Buffer {
  return Buffer.concat(items.flatMap((b) => [Buffer.from([b.length]), b]));
}

function readAll(buf: Buffer, read: (r: WireReader) => string | null): Array<string | null> {
  const r = new WireReader(buf, 0, buf.length);
  const out: Array<string | null> = [];
  while (r.more()) out.push(read(r));
  return out;
}

/** A deterministic shuffle (xorshift), so a failure replays. */
function shuffled<T>(items: T[], seed: number): T[] {
  const out = [...items];
  let x = seed;
  for (let i = out.length - 1; i > 0; i--) {
    x ^= x << 13; x ^= x >>> 17; x ^= x << 5;
    const j = (x >>> 0) % (i + 1);
    [out[i], out[j]] = [out[j], out[i]];
  }
  return out;
}

describe('WireReader.key', () => {
  it('returns the right key when many keys of one length share slots (more keys than slots)', () => {
    // keys that differ only in their last characters: many share a slot and all but one byte
    const chars = 'abcdefghijklmnopqrstuvwxyzABCDEFGHIJKLMNOPQRSTUVWXYZ0123456789';
    const keys = [...chars].flatMap((a) => [...chars].flatMap((b) => [`svc:Key${a}${b}`, `svc:Key${a}${b}${a}`]));
    for (let round = 0; round < 4; round++) {
      const order = shuffled(keys, round + 1);
      expect(readAll(prefixed(order.map((k) => Buffer.from(k))), (r) => r.key())).toEqual(order);
    }
  });

  it('keeps both keys of a pair that differ in one byte cached, whatever their order', () => {
    const pairs = [['iam:GetUser', 'iam:PutUser'], ['iam:GetRolePolicy', 'iam:PutRolePolicy'], ['s3:GetObject', 's3:PutObject']];
    const order = Array.from({ length: 60 }, (_, i) => pairs[i % 3][(i >> 1) % 2]);
    const bytes = prefixed(order.map((k) => Buffer.from(k)));
    readAll(bytes, (r) => r.key()); // first sight of each key
    const slices = vi.spyOn(Buffer.prototype as unknown as { latin1Slice(start: number, end: number): string }, 'latin1Slice');
    try {
      expect(readAll(bytes, (r) => r.key())).toEqual(order);
      expect(slices).not.toHaveBeenCalled(); // every key came from the cache
    } finally {
      slices.mockRestore();
    }
  });

  it('reads empty, long, non-ASCII and invalid UTF-8 keys as string() does', () => {
    const items = [
      Buffer.from(''), Buffer.from('aws:SourceIp'), Buffer.from('x'.repeat(64)), Buffer.from('y'.repeat(65)), Buffer.from('z'.repeat(120)),
      Buffer.from('clé:été'), Buffer.from('键'), Buffer.from([0x61, 0xff, 0x62]), Buffer.from([0xc3]), Buffer.from('aws:SourceIp'), Buffer.from(''),
    ];
    const bytes = prefixed([...items, ...items]);
    const got = readAll(bytes, (r) => r.key());
    expect(got).toEqual(readAll(bytes, (r) => r.string()));
    expect(got.slice(0, 3)).toEqual(['', 'aws:SourceIp', 'x'.repeat(64)]);
    expect(got[7]).toBeNull();
  });
});

describe('WireReader.string', () => {
  it('decodes valid UTF-8, U+FFFD itself included, and refuses invalid bytes', () => {
    const items: Array<[Buffer, string | null]> = [
      [Buffer.from('arn:aws:s3:::bucket/key'), 'arn:aws:s3:::bucket/key'],
      [Buffer.from('clé:été 键 😀'), 'clé:été 键 😀'],
      [Buffer.from('a\uFFFDb'), 'a\uFFFDb'], // the replacement character, sent as such, is valid text
      [Buffer.from([0x61, 0xff, 0x62]), null],
      [Buffer.from([0xc3]), null], // truncated sequence
      [Buffer.from([0xed, 0xa0, 0x80]), null], // an encoded surrogate
      [Buffer.from([0xc0, 0xaf]), null], // an overlong encoding
      [Buffer.from([0xef, 0xbf, 0xbd, 0xff]), null], // U+FFFD followed by an invalid byte
    ];
    expect(readAll(prefixed(items.map(([b]) => b)), (r) => r.string())).toEqual(items.map(([, text]) => text));
  });
});
