import { describe, expect, it } from 'vitest';
import fc from 'fast-check';
import { parseCidr, parseCidrDetail, parseIp } from './cidr.ts';

const hex = (bytes: Uint8Array | undefined): string => Buffer.from(bytes ?? []).toString('hex');

describe('parseIp', () => {
  it('maps IPv4 into ::ffff:a.b.c.d', () => {
    const ip = parseIp('203.0.113.7');
    expect(ip?.family).toBe(4);
    expect(hex(ip?.bytes)).toBe('00000000000000000000ffffcb007107');
  });

  it.each([
    ['2001:DB8:1234:5678::1', '20010db8123456780000000000000001'],
    ['::', '00000000000000000000000000000000'],
    ['::1', '00000000000000000000000000000001'],
    ['fe80::', 'fe800000000000000000000000000000'],
    ['1:2:3:4:5:6:7:8', '00010002000300040005000600070008'],
    ['1:2:3:4:5:6:7::', '00010002000300040005000600070000'],
    ['::ffff:192.0.2.1', '00000000000000000000ffffc0000201'],
    ['64:ff9b::192.0.2.33', '0064ff9b0000000000000000c0000221'],
  ])('parses IPv6 %s', (text, bytes) => {
    const ip = parseIp(text);
    expect(ip?.family).toBe(6);
    expect(hex(ip?.bytes)).toBe(bytes);
  });

  it.each([
    '',
    '1.2.3',
    '1.2.3.4.5',
    '256.1.1.1',
    '01.2.3.4',
    '1.2.3.-4',
    '1..3.4',
    ' 1.2.3.4',
    '1:2:3:4:5:6:7:8:9',
    '1:2:3:4:5:6:7',
    '1::2::3',
    ':1:2:3:4:5:6:7',
    '12345::',
    'g::1',
    '::ffff:1.2.3',
    '1.2.3.4::',
    'fe80::1%eth0',
    '1:2:3:4:5:6:7:8::',
    '1.2.3.4/32',
  ])('rejects %j', (text) => {
    expect(parseIp(text)).toBeNull();
  });

  it('round-trips every IPv4 address through its dotted form', () => {
    fc.assert(
      fc.property(fc.ipV4(), (text) => {
        const ip = parseIp(text);
        expect(ip).not.toBeNull();
        expect([...ip!.bytes.slice(12)].join('.')).toBe(text);
      }),
    );
  });

  it('parses every IPv6 address fast-check generates', () => {
    fc.assert(fc.property(fc.ipV6(), (text) => parseIp(text)?.family === 6));
  });
});

describe('parseCidr', () => {
  it('maps an IPv4 block into the 128-bit space', () => {
    expect(parseCidr('203.0.113.0/24')).toEqual({ family: 4, bytes: parseIp('203.0.113.0')!.bytes, prefix: 120 });
  });

  it('maps an IPv6 block as is', () => {
    const block = parseCidr('2001:DB8:1234:5678::/64');
    expect(block?.family).toBe(6);
    expect(block?.prefix).toBe(64);
    expect(hex(block?.bytes)).toBe('20010db8123456780000000000000000');
  });

  it('takes a bare address as a single host', () => {
    expect(parseCidr('203.0.113.1')?.prefix).toBe(128);
    expect(parseCidr('2001:db8::1')?.prefix).toBe(128);
  });

  it('accepts the extreme prefixes', () => {
    expect(parseCidr('0.0.0.0/0')?.prefix).toBe(96);
    expect(parseCidr('10.1.2.3/32')?.prefix).toBe(128);
    expect(parseCidr('::/0')?.prefix).toBe(0);
    expect(parseCidr('::1/128')?.prefix).toBe(128);
  });

  it('zeroes host bits and says they were set', () => {
    const detail = parseCidrDetail('10.1.2.3/8');
    expect(detail?.hostBitsSet).toBe(true);
    expect(hex(detail?.bytes)).toBe('00000000000000000000ffff0a000000');
    expect(parseCidrDetail('10.0.0.0/8')?.hostBitsSet).toBe(false);
    expect(hex(parseCidr('2001:db8::ff/120')?.bytes)).toBe('20010db8000000000000000000000000');
    expect(hex(parseCidr('2001:db8::ff/121')?.bytes)).toBe('20010db8000000000000000000000080');
  });

  it.each(['10.0.0.0/33', '10.0.0.0/', '10.0.0.0/-1', '10.0.0.0/08', '10.0.0.0/8/8', '10.0.0.0/ 8', '::/129', 'x/8', '/8', '10.0.0.0/8a'])(
    'rejects %j',
    (text) => {
      expect(parseCidr(text)).toBeNull();
    },
  );
});
