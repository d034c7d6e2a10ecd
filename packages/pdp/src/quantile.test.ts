// Tests of the nearest-rank quantile shared by the benchmarks and the store-following tests.

import { describe, expect, it } from 'vitest';
import { quantile } from './quantile.ts';

describe('quantile', () => {
  it('takes the nearest rank, clamped to the samples', () => {
    const ten = [1, 2, 3, 4, 5, 6, 7, 8, 9, 10];
    expect(quantile(ten, 0.5)).toBe(5);
    expect(quantile(ten, 0.99)).toBe(10);
    expect(quantile(ten, 0.1)).toBe(1);
    expect(quantile(ten, 0)).toBe(1);
    expect(quantile(ten, 1)).toBe(10);
    expect(quantile(Float64Array.from([2, 4, 6]), 0.5)).toBe(4);
  });

  it('is NaN without samples', () => {
    expect(quantile([], 0.5)).toBeNaN();
  });
});
