// IP addresses and CIDR blocks for IpAddress / NotIpAddress, mapped into one 128-bit space.

/** An address in the 128-bit space: IPv6 as is, IPv4 as the IPv4-mapped `::ffff:a.b.c.d`. */
export interface IpValue {
  /** Family as written. */
  family: 4 | 6;
  /** 16 bytes, network order. */
  bytes: Uint8Array;
}

/** A CIDR block in the 128-bit space; host bits beyond `prefix` are zeroed. */
export interface CidrValue extends IpValue {
  /** Prefix length in the 128-bit space (an IPv4 `/n` becomes `n + 96`). */
  prefix: number;
}

/** A parsed CIDR plus whether the text had host bits set (`10.0.0.1/8`). */
export interface CidrDetail extends CidrValue {
  hostBitsSet: boolean;
}

const IPV4_BITS = 32;
const IPV6_BITS = 128;
const IPV4_MAPPED_OFFSET = 96;
const IPV6_GROUPS = 8;
const DECIMAL = /^(?:0|[1-9]\d{0,2})$/;
const HEX_GROUP = /^[0-9A-Fa-f]{1,4}$/;

/** Parse a bare IPv4 or IPv6 address (no prefix, no zone id). Returns null when malformed. */
export function parseIp(text: string): IpValue | null {
  if (text.includes(':')) {
    const bytes = parseIpv6(text);
    return bytes ? { family: 6, bytes } : null;
  }
  const v4 = parseIpv4(text);
  return v4 ? { family: 4, bytes: mapIpv4(v4) } : null;
}

/**
 * Parse `address/prefix` or a bare address (a /32 or /128). Prefixes are decimal without leading
 * zeros, 0-32 for IPv4 and 0-128 for IPv6. Host bits are zeroed in `bytes`.
 */
export function parseCidr(text: string): CidrValue | null {
  const detail = parseCidrDetail(text);
  return detail ? { family: detail.family, bytes: detail.bytes, prefix: detail.prefix } : null;
}

/** Like `parseCidr`, and also says whether host bits were set in the text. */
export function parseCidrDetail(text: string): CidrDetail | null {
  const slash = text.indexOf('/');
  const addressText = slash < 0 ? text : text.slice(0, slash);
  const ip = parseIp(addressText);
  if (!ip) return null;
  const familyBits = ip.family === 4 ? IPV4_BITS : IPV6_BITS;
  let prefix = familyBits;
  if (slash >= 0) {
    const prefixText = text.slice(slash + 1);
    if (!DECIMAL.test(prefixText)) return null;
    prefix = Number(prefixText);
    if (prefix > familyBits) return null;
  }
  const mapped = ip.family === 4 ? prefix + IPV4_MAPPED_OFFSET : prefix;
  const hostBitsSet = maskHostBits(ip.bytes, mapped);
  return { family: ip.family, bytes: ip.bytes, prefix: mapped, hostBitsSet };
}

/** Zero the bits after `prefix`; true when any was set. */
function maskHostBits(bytes: Uint8Array, prefix: number): boolean {
  let changed = false;
  for (let i = 0; i < bytes.length; i++) {
    const keep = Math.max(0, Math.min(8, prefix - i * 8));
    const mask = keep === 0 ? 0 : (0xff << (8 - keep)) & 0xff;
    if ((bytes[i] & ~mask & 0xff) !== 0) changed = true;
    bytes[i] &= mask;
  }
  return changed;
}

function parseIpv4(text: string): number[] | null {
  const parts = text.split('.');
  if (parts.length !== 4) return null;
  const octets: number[] = [];
  for (const part of parts) {
    if (!DECIMAL.test(part)) return null;
    const n = Number(part);
    if (n > 255) return null;
    octets.push(n);
  }
  return octets;
}

function mapIpv4(octets: number[]): Uint8Array {
  const bytes = new Uint8Array(16);
  bytes[10] = 0xff;
  bytes[11] = 0xff;
  bytes.set(octets, 12);
  return bytes;
}

/** RFC 4291 text forms: full, `::`-compressed, and a trailing dotted IPv4. */
function parseIpv6(text: string): Uint8Array | null {
  const halves = text.split('::');
  if (halves.length > 2) return null;
  const head = parseGroups(halves[0], halves.length === 1);
  const tail = halves.length === 2 ? parseGroups(halves[1], true) : [];
  if (!head || !tail) return null;
  const total = head.length + tail.length;
  if (halves.length === 1 ? total !== IPV6_GROUPS : total > IPV6_GROUPS - 1) return null;
  const groups = [...head, ...new Array<number>(IPV6_GROUPS - total).fill(0), ...tail];
  const bytes = new Uint8Array(16);
  groups.forEach((g, i) => {
    bytes[i * 2] = g >> 8;
    bytes[i * 2 + 1] = g & 0xff;
  });
  return bytes;
}

/** Hex groups of one side of `::`; the last side may end in a dotted IPv4 (two groups). */
function parseGroups(text: string, mayEndWithIpv4: boolean): number[] | null {
  if (text === '') return [];
  const parts = text.split(':');
  const groups: number[] = [];
  for (let i = 0; i < parts.length; i++) {
    const part = parts[i];
    if (i === parts.length - 1 && mayEndWithIpv4 && part.includes('.')) {
      const v4 = parseIpv4(part);
      if (!v4) return null;
      groups.push((v4[0] << 8) | v4[1], (v4[2] << 8) | v4[3]);
    } else if (HEX_GROUP.test(part)) {
      groups.push(parseInt(part, 16));
    } else {
      return null;
    }
  }
  return groups;
}
