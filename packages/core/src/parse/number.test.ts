import { describe, expect, it } from 'vitest';
import { parseIamNumber } from './number.ts';

describe('parseIamNumber', () => {
  it.each([
    ['10', 10],
    ['0', 0],
    ['-3', -3],
    ['+7', 7],
    ['2.5', 2.5],
    ['.5', 0.5],
    ['1.', 1],
    ['3e2', 300],
    ['1.5E-3', 0.0015],
    ['-2e+1', -20],
    ['007', 7],
  ])('parses %s', (text, expected) => {
    expect(parseIamNumber(text)).toBe(expected);
  });

  it.each(['', ' ', ' 5', '5 ', 'NaN', 'Infinity', '-Infinity', '0x10', '1e', 'e5', '1.2.3', '5abc', '--5', '1e400', '1_000', '.', '+'])(
    'rejects %j',
    (text) => {
      expect(parseIamNumber(text)).toBeNull();
    },
  );
});
