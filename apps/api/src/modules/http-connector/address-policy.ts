import { isIPv4, isIPv6 } from 'node:net';

// Outbound calls go where an admin's template says. These ranges are never a SaaS API but are
// where a server finds its own admin ports, its neighbours and its cloud's metadata service.
type Range4 = { base: number; bits: number; reason: string };
type Range6 = { prefix: bigint; bits: number; reason: string; embedsIpv4?: (value: bigint) => number };

const ipv4Ranges: Range4[] = [
  ['0.0.0.0', 8, 'a "this network" address (0.0.0.0/8)'],
  ['10.0.0.0', 8, 'a private address (10.0.0.0/8)'],
  ['100.64.0.0', 10, 'a carrier-grade NAT address (100.64.0.0/10)'],
  ['127.0.0.0', 8, 'a loopback address (127.0.0.0/8)'],
  ['169.254.0.0', 16, 'a link-local address (169.254.0.0/16, where cloud metadata services live)'],
  ['172.16.0.0', 12, 'a private address (172.16.0.0/12)'],
  ['192.0.0.0', 24, 'a reserved address (192.0.0.0/24)'],
  ['192.168.0.0', 16, 'a private address (192.168.0.0/16)'],
  ['198.18.0.0', 15, 'a reserved address (198.18.0.0/15)'],
  ['224.0.0.0', 4, 'a multicast address (224.0.0.0/4)'],
  ['240.0.0.0', 4, 'a reserved or broadcast address (240.0.0.0/4)'],
  // Cloud metadata endpoints outside the ranges above.
  ['168.63.129.16', 32, 'a cloud metadata address (168.63.129.16)'],
].map(([addr, bits, reason]) => ({ base: parseIpv4(addr as string)!, bits: bits as number, reason: reason as string }));

const low32 = (v: bigint) => Number(v & 0xffffffffn);
const ipv6Ranges: Range6[] = [
  { prefix: 0n, bits: 128, reason: 'the unspecified address (::)' },
  { prefix: 1n, bits: 128, reason: 'a loopback address (::1)' },
  { prefix: 0xffffn << 32n, bits: 96, reason: 'an IPv4-mapped address', embedsIpv4: low32 },
  { prefix: 0n, bits: 96, reason: 'an IPv4-compatible address', embedsIpv4: low32 },
  { prefix: 0x0064ff9bn << 96n, bits: 96, reason: 'a NAT64 address', embedsIpv4: low32 },
  { prefix: 0x0064ff9b0001n << 80n, bits: 48, reason: 'a local-use NAT64 address (64:ff9b:1::/48)' },
  { prefix: 0x2002n << 112n, bits: 16, reason: 'a 6to4 address', embedsIpv4: (v) => Number((v >> 80n) & 0xffffffffn) },
  { prefix: 0x0100n << 112n, bits: 64, reason: 'a discard-only address (100::/64)' },
  { prefix: 0xfc00n << 112n, bits: 7, reason: 'a unique local (private) address (fc00::/7)' },
  { prefix: 0xfe80n << 112n, bits: 10, reason: 'a link-local address (fe80::/10)' },
  { prefix: 0xfec0n << 112n, bits: 10, reason: 'a site-local address (fec0::/10)' },
  { prefix: 0xff00n << 112n, bits: 8, reason: 'a multicast address (ff00::/8)' },
];

export function parseIpv4(address: string): number | undefined {
  if (!isIPv4(address)) return undefined;
  return address.split('.').reduce((acc, part) => acc * 256 + Number(part), 0);
}

export function parseIpv6(address: string): bigint | undefined {
  const plain = address.replace(/^\[|\]$/g, '').replace(/%.*$/, '');
  if (!isIPv6(plain)) return undefined;
  let text = plain;
  // A trailing dotted IPv4 part (::ffff:1.2.3.4) becomes two hex groups.
  const dotted = /(\d+\.\d+\.\d+\.\d+)$/.exec(text);
  if (dotted) {
    const v4 = parseIpv4(dotted[1]!)!;
    text = `${text.slice(0, dotted.index)}${(v4 >>> 16).toString(16)}:${(v4 & 0xffff).toString(16)}`;
  }
  const [head, tail] = text.includes('::') ? (text.split('::') as [string, string]) : [text, undefined];
  const headGroups = head ? head.split(':') : [];
  const tailGroups = tail ? tail.split(':') : [];
  const missing = 8 - headGroups.length - tailGroups.length;
  const groups = tail === undefined ? headGroups : [...headGroups, ...Array<string>(missing).fill('0'), ...tailGroups];
  return groups.reduce((acc, g) => (acc << 16n) | BigInt(parseInt(g, 16)), 0n);
}

function ipv4Reason(value: number): string | undefined {
  for (const range of ipv4Ranges) {
    const mask = range.bits === 0 ? 0 : (0xffffffff << (32 - range.bits)) >>> 0;
    if (((value & mask) >>> 0) === ((range.base & mask) >>> 0)) return range.reason;
  }
  return undefined;
}

function ipv6Reason(value: bigint): string | undefined {
  for (const range of ipv6Ranges) {
    const shift = BigInt(128 - range.bits);
    if (value >> shift !== range.prefix >> shift) continue;
    if (!range.embedsIpv4) return range.reason;
    const inner = ipv4Reason(range.embedsIpv4(value) >>> 0);
    if (inner) return `${range.reason} of ${inner}`;
    return undefined;
  }
  return undefined;
}

/**
 * Why an outbound call must not connect to this IP address, or undefined when it may.
 * Loopback, private, link-local, CGNAT, "this network", multicast/reserved and cloud-metadata
 * addresses are refused, including when wrapped in IPv6 (IPv4-mapped, NAT64, 6to4).
 * Anything that is not an IP address at all is refused too.
 */
export function forbiddenAddressReason(address: string): string | undefined {
  const v4 = parseIpv4(address);
  if (v4 !== undefined) return ipv4Reason(v4);
  const v6 = parseIpv6(address);
  if (v6 !== undefined) return ipv6Reason(v6);
  return `"${address}" is not an IP address`;
}

/** The URL host as an IP address when it is a literal (brackets removed), else undefined. */
export function ipLiteralHost(hostname: string): string | undefined {
  const plain = hostname.replace(/^\[|\]$/g, '');
  return isIPv4(plain) || isIPv6(plain) ? plain : undefined;
}
