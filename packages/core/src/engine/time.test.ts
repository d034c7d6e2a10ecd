// The fast ISO path must agree with Date.parse wherever it accepts, and defer to it elsewhere.

import { describe, expect, it } from 'vitest';
import { parseIsoUtc, timeToMs } from './time.ts';

describe('request times', () => {
  it('agrees with Date.parse on the fast shapes', () => {
    for (const t of ['2026-01-01T00:00:00Z', '1999-12-31T23:59:59.999Z', '2024-02-29T12:34:56.007Z', '1970-01-01T00:00:00Z', '2100-03-01T00:00:00Z']) {
      expect(parseIsoUtc(t)).toBe(Date.parse(t));
    }
  });
  it('leaves other shapes to Date.parse', () => {
    expect(Number.isNaN(parseIsoUtc('2026-01-01T00:00:00+02:00'))).toBe(true);
    expect(timeToMs('2026-01-01T00:00:00+02:00')).toBe(Date.parse('2026-01-01T00:00:00+02:00'));
    expect(timeToMs(1234)).toBe(1234);
    expect(Number.isNaN(timeToMs('yesterday'))).toBe(true);
    expect(Number.isNaN(timeToMs(Number.NaN))).toBe(true);
  });
});
