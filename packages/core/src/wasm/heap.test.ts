// The host allocator: size classes, free lists, and large blocks split for reuse instead of being stranded.

import { describe, expect, it } from 'vitest';
import { WasmHeap } from './heap.ts';

const heap = () => new WasmHeap(new WebAssembly.Memory({ initial: 32 }));

describe('WasmHeap', () => {
  it('reuses a freed block of the same class', () => {
    const h = heap();
    const a = h.alloc(100);
    h.release(a, 100);
    expect(h.alloc(120)).toBe(a);
  });

  it('splits a larger free block for a large allocation and hands out its tail', () => {
    const h = heap();
    const big = h.alloc(1 << 20);
    h.release(big, 1 << 20);
    const top = h.footprint;
    const part = h.alloc(600_000);
    expect(part).toBe(big);
    // the tail, 1 MiB - 600,000 bytes, serves a 200 KB block and then power-of-two classes, all inside the old block
    const tail = h.alloc(200_000);
    expect(tail).toBe(big + 600_000);
    const small = h.alloc(65_536);
    expect(small).toBeGreaterThanOrEqual(big + 800_000);
    expect(small + 65_536).toBeLessThanOrEqual(big + (1 << 20));
    expect(h.footprint).toBe(top);
    expect(h.u8[part]).toBe(0); // allocations are zeroed
  });

  it('serves many small allocations from one freed large block, piece by piece', () => {
    const h = heap();
    const big = h.alloc(1 << 20);
    h.release(big, 1 << 20);
    const top = h.footprint;
    for (let i = 0; i < 20_000; i++) {
      const p = h.alloc(16);
      expect(p >= big && p + 16 <= big + (1 << 20)).toBe(true);
    }
    expect(h.footprint).toBe(top);
  });

  it('takes the smallest free block that fits', () => {
    const h = heap();
    const a = h.alloc(400_000);
    const b = h.alloc(200_000);
    h.alloc(16); // keeps b from being the top
    h.release(a, 400_000);
    h.release(b, 200_000);
    expect(h.alloc(150_000)).toBe(b);
  });
});
