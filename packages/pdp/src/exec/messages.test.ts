// Payloads cross threads as their own bytes, not as views into a shared pool.

import { describe, expect, it } from 'vitest';
import { ownBytes } from './messages.ts';

describe('ownBytes', () => {
  it('copies a view of a larger buffer into a buffer of its own, and passes whole buffers through', () => {
    const pooled = Buffer.from('a small payload'); // small Buffers are views into Node's 8 KiB pool
    expect(pooled.buffer.byteLength).toBeGreaterThan(pooled.byteLength);
    const own = ownBytes(pooled);
    expect(own.buffer.byteLength).toBe(pooled.byteLength);
    expect(Buffer.from(own).toString()).toBe('a small payload');
    const whole = new Uint8Array([1, 2, 3]);
    expect(ownBytes(whole)).toBe(whole);
  });
});
