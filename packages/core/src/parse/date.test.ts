import { describe, expect, it } from 'vitest';
import { parseIamDate } from './date.ts';

describe('parseIamDate', () => {
  it.each([
    ['2020-04-01T00:00:00Z', Date.UTC(2020, 3, 1)],
    ['2019-07-16T12:00:00Z', Date.UTC(2019, 6, 16, 12)],
    ['2013-06-30', Date.UTC(2013, 5, 30)],
    ['2024-02-29', Date.UTC(2024, 1, 29)],
    ['2000-02-29T23:59:59Z', Date.UTC(2000, 1, 29, 23, 59, 59)],
    ['2024-01-31T12:00Z', Date.UTC(2024, 0, 31, 12)],
    ['2024-01-31T12:00:00.5Z', Date.UTC(2024, 0, 31, 12, 0, 0, 500)],
    ['2024-01-31T12:00:00.123456Z', Date.UTC(2024, 0, 31, 12, 0, 0, 123)],
    ['2024-01-31T12:00:00+02:00', Date.UTC(2024, 0, 31, 10)],
    ['2024-01-31T12:00:00-05:30', Date.UTC(2024, 0, 31, 17, 30)],
    ['0099-01-01', Date.parse('0099-01-01T00:00:00Z')],
    ['1700000000', 1_700_000_000_000],
    ['0', 0],
  ])('parses %s', (text, expected) => {
    expect(parseIamDate(text)).toBe(expected);
  });

  it.each([
    '',
    'yesterday',
    '2023-02-29',
    '1900-02-29',
    '2024-13-01',
    '2024-00-10',
    '2024-04-31',
    '2024-1-5',
    '2024-01-31T12:00:00',
    '2024-01-31 12:00:00Z',
    '2024-01-31T24:00:00Z',
    '2024-01-31T12:60:00Z',
    '2024-01-31T12:00:61Z',
    '2024-01-31T12:00:00+25:00',
    '2024-01-31T12:00:00+0200',
    '2024-01-31T12Z',
    '-1700000000',
    '1700000000.5',
    '1234567890123',
    '${aws:CurrentTime}',
  ])('rejects %j', (text) => {
    expect(parseIamDate(text)).toBeNull();
  });

  it('orders dates the same as the instants they name', () => {
    const a = parseIamDate('2024-01-31T23:30:00-01:00')!;
    const b = parseIamDate('2024-02-01T00:45:00Z')!;
    expect(a).toBeLessThan(b);
    expect(b - a).toBe(15 * 60_000);
    expect(parseIamDate('2024-02-01')).toBe(parseIamDate(String(Date.UTC(2024, 1, 1) / 1000)));
  });
});
