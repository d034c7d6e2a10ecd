// The tables' string hash (MurmurHash3 on the host, the same value in the evaluator for any bytes and any length),
// and the hash table's reuse of a replaced key's slot.

import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { HOST_HEAP_START } from '../../assembly/layout.ts';
import { instantiateEvaluator } from '../wasm/module.ts';
import { WasmHeap } from '../wasm/heap.ts';
import { HashTable, strHash } from './tables.ts';

const text = (s: string): Uint8Array => new TextEncoder().encode(s);

describe('strHash', () => {
  it('is MurmurHash3 (x86, 32-bit): published test vectors', () => {
    expect(strHash(text(''), 0)).toBe(0);
    expect(strHash(text(''), 1)).toBe(0x514e28b7);
    expect(strHash(text(''), 0xffffffff)).toBe(0x81f16f39);
    expect(strHash(new Uint8Array(4), 0)).toBe(0x2362f9de);
    expect(strHash(text('aaaa'), 0x9747b28c)).toBe(0x5a97808a);
    expect(strHash(text('Hello, world!'), 0x9747b28c)).toBe(0x24884cba);
    expect(strHash(text('The quick brown fox jumps over the lazy dog'), 0x9747b28c)).toBe(0x2fa826cd);
  });

  it('equals the evaluator’s hash of the same bytes', () => {
    const wasm = instantiateEvaluator();
    const at = HOST_HEAP_START;
    fc.assert(
      fc.property(fc.uint8Array({ maxLength: 70 }), (bytes) => {
        new Uint8Array(wasm.memory.buffer).set(bytes, at);
        expect(wasm.hashBytes(at, bytes.length) >>> 0).toBe(strHash(bytes));
      }),
      { numRuns: 500 },
    );
  });

  it('reads no byte past the text: a text that ends the memory hashes without a trap', () => {
    const wasm = instantiateEvaluator();
    const end = wasm.memory.buffer.byteLength;
    for (let n = 0; n <= 7; n++) {
      const bytes = text('arn:aws:s3:::x').subarray(0, n);
      new Uint8Array(wasm.memory.buffer).set(bytes, end - n);
      expect(wasm.hashBytes(end - n, n) >>> 0).toBe(strHash(bytes));
    }
  });
});

describe('HashTable', () => {
  it('reuses a replaced key\'s slot, so rewriting keys leaves no trail of tombstones', () => {
    const heap = new WasmHeap(new WebAssembly.Memory({ initial: 32 }));
    const table = new HashTable(heap, 0);
    for (let round = 0; round < 500; round++) for (let k = 0; k < 10; k++) table.set(`account-${k}`, 2 + ((round + k) % 7));
    const at = heap.u32[HOST_HEAP_START >>> 2];
    const cap = heap.u32[at >>> 2];
    let taken = 0;
    for (let slot = 0; slot < cap; slot++) if (heap.u32[((at + 4 + 8 * slot) >>> 2) + 1] > 1) taken++;
    let tombstones = 0;
    for (let slot = 0; slot < cap; slot++) if (heap.u32[((at + 4 + 8 * slot) >>> 2) + 1] === 1) tombstones++;
    expect([table.size, taken, tombstones]).toEqual([10, 10, 0]);
    expect(table.get('account-3')).toBe(2 + ((499 + 3) % 7));
  });
});
