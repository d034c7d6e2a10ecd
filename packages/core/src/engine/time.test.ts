// The fast ISO path must agree with Date.parse wherever it accepts, and defer to it elsewhere.

import fc from 'fast-check';
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

  it('equals Date.parse on any text of the fast shapes, digits or not', () => {
    const digit = fc.constantFrom(...'0123456789', '/', ':', 'a', ' ');
    const field = (n: number) => fc.array(digit, { minLength: n, maxLength: n }).map((c) => c.join(''));
    const text = fc
      .tuple(field(4), field(2), field(2), field(2), field(2), field(2), fc.option(field(3)), fc.constantFrom('.', ','))
      .map(([y, mo, d, h, mi, s, f, dot]) => `${y}-${mo}-${d}T${h}:${mi}:${s}${f === null ? '' : dot + f}Z`);
    const likely = fc
      .record({ y: fc.integer({ min: 0, max: 9999 }), mo: fc.integer({ min: 0, max: 13 }), d: fc.integer({ min: 0, max: 32 }), h: fc.integer({ min: 0, max: 24 }), mi: fc.integer({ min: 0, max: 60 }), s: fc.integer({ min: 0, max: 60 }), f: fc.option(fc.integer({ min: 0, max: 999 })) })
      .map(({ y, mo, d, h, mi, s, f }) => {
        const p = (v: number, w = 2) => String(v).padStart(w, '0');
        return `${p(y, 4)}-${p(mo)}-${p(d)}T${p(h)}:${p(mi)}:${p(s)}${f === null ? '' : `.${p(f, 3)}`}Z`;
      });
    // a valid-looking time with one character replaced
    const flawed = fc
      .tuple(likely, fc.nat(), fc.constantFrom(':', '/', 'a', ' ', '.', '-', '0'))
      .map(([t, at, c]) => t.slice(0, at % t.length) + c + t.slice((at % t.length) + 1));
    fc.assert(
      fc.property(fc.oneof(text, likely, flawed), (t) => {
        expect(timeToMs(t)).toBe(Date.parse(t));
      }),
      { numRuns: 3000 },
    );
  });
});
