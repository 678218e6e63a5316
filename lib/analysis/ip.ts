/**
 * IPv4/IPv6 address and CIDR arithmetic on bigints. Pure.
 *
 * NOTE: a CIDR with host bits set (`10.0.1.5/16`) is read as its network (`10.0.0.0/16`),
 * as Kubernetes ipBlock and Alibaba Cloud rules do.
 */

export interface ParsedIp {
  version: 4 | 6;
  value: bigint;
}

export interface Cidr {
  version: 4 | 6;
  /** Network address (host bits cleared). */
  network: bigint;
  prefix: number;
}

const IPV4_PATTERN = /^(\d{1,3})\.(\d{1,3})\.(\d{1,3})\.(\d{1,3})$/;

/**
 * Memoises a parser. A path evaluation compares the same few hundred addresses and
 * CIDRs against each other thousands of times (rules × pods × policies), and parsing
 * dominated the profile. Results are frozen and the cache is bounded in entries and in
 * bytes: texts longer than `MEMO_KEY_MAX` (no address or CIDR is) are parsed but never kept,
 * so at most 50 000 × 64 characters stay, whatever callers pass.
 */
const MEMO_KEY_MAX = 64;

function memoize<T extends object>(parse: (text: string) => T | null): (text: string) => T | null {
  const cache = new Map<string, T | null>();
  return (text) => {
    if (text.length > MEMO_KEY_MAX) {
      const value = parse(text);
      return value === null ? null : Object.freeze(value);
    }
    const hit = cache.get(text);
    if (hit !== undefined) return hit;
    if (cache.size >= 50_000) cache.clear();
    const value = parse(text);
    const frozen = value === null ? null : Object.freeze(value);
    cache.set(text, frozen);
    return frozen;
  };
}

/** Parses a dotted IPv4 or an IPv6 address; null when it is neither. */
export const parseIp = memoize(parseIpUncached);

function parseIpUncached(text: string): ParsedIp | null {
  const trimmed = text.trim();
  const v4 = IPV4_PATTERN.exec(trimmed);
  if (v4) {
    let value = 0n;
    for (const part of v4.slice(1)) {
      const octet = Number(part);
      if (octet > 255 || (part.length > 1 && part.startsWith('0'))) return null;
      value = (value << 8n) | BigInt(octet);
    }
    return { version: 4, value };
  }
  return parseIpv6(trimmed);
}

function parseIpv6(text: string): ParsedIp | null {
  if (!text.includes(':') || !/^[0-9a-fA-F:.]+$/.test(text)) return null;
  const halves = text.split('::');
  if (halves.length > 2) return null;
  const toGroups = (part: string): number[] | null => {
    if (part === '') return [];
    const groups: number[] = [];
    for (const piece of part.split(':')) {
      if (piece.includes('.')) {
        const v4 = parseIp(piece);
        if (!v4 || v4.version !== 4) return null;
        groups.push(Number(v4.value >> 16n), Number(v4.value & 0xffffn));
      } else {
        if (!/^[0-9a-fA-F]{1,4}$/.test(piece)) return null;
        groups.push(parseInt(piece, 16));
      }
    }
    return groups;
  };
  const head = toGroups(halves[0] ?? '');
  const tail = halves.length === 2 ? toGroups(halves[1] ?? '') : [];
  if (!head || !tail) return null;
  const missing = 8 - head.length - tail.length;
  if (halves.length === 1 ? missing !== 0 : missing < 1) return null;
  const groups = [...head, ...new Array<number>(halves.length === 2 ? missing : 0).fill(0), ...tail];
  let value = 0n;
  for (const group of groups) value = (value << 16n) | BigInt(group);
  return { version: 6, value };
}

/** True when `text` is an IPv4 or IPv6 address. */
export function isIp(text: string): boolean {
  return parseIp(text) !== null;
}

const bitsOf = (version: 4 | 6): number => (version === 4 ? 32 : 128);

/** Parses `a.b.c.d/n` (or a bare address as a host route); null when invalid. */
export const parseCidr = memoize(parseCidrUncached);

function parseCidrUncached(text: string): Cidr | null {
  const [address, prefixText, extra] = text.trim().split('/');
  if (address === undefined || extra !== undefined) return null;
  const ip = parseIp(address);
  if (!ip) return null;
  const bits = bitsOf(ip.version);
  if (prefixText !== undefined && !/^\d{1,3}$/.test(prefixText)) return null;
  const prefix = prefixText === undefined ? bits : Number(prefixText);
  if (prefix > bits) return null;
  const hostBits = BigInt(bits - prefix);
  const network = (ip.value >> hostBits) << hostBits;
  return { version: ip.version, network, prefix };
}

/** True when the address lies inside the CIDR (false for mismatched versions or invalid input). */
export function cidrContains(cidr: string | Cidr, address: string | ParsedIp): boolean {
  const block = typeof cidr === 'string' ? parseCidr(cidr) : cidr;
  const ip = typeof address === 'string' ? parseIp(address) : address;
  if (!block || !ip || block.version !== ip.version) return false;
  const hostBits = BigInt(bitsOf(block.version) - block.prefix);
  return (ip.value >> hostBits) << hostBits === block.network;
}

/** True when every address of `inner` lies in `outer`. */
export function cidrCovers(outer: string, inner: string): boolean {
  const a = parseCidr(outer);
  const b = parseCidr(inner);
  if (!a || !b || a.version !== b.version || a.prefix > b.prefix) return false;
  return cidrContains(a, { version: b.version, value: b.network });
}

/** Formats a parsed CIDR's network back to text (`10.0.0.0/16`). IPv4 only prints dotted; IPv6 prints full groups. */
export function formatCidr(cidr: Cidr): string {
  return `${formatIp({ version: cidr.version, value: cidr.network })}/${cidr.prefix}`;
}

export function formatIp(ip: ParsedIp): string {
  if (ip.version === 4) {
    return [24n, 16n, 8n, 0n].map((shift) => String((ip.value >> shift) & 0xffn)).join('.');
  }
  const groups: string[] = [];
  for (let shift = 112n; shift >= 0n; shift -= 16n) groups.push(((ip.value >> shift) & 0xffffn).toString(16));
  return groups.join(':');
}

const PRIVATE_V4 = ['10.0.0.0/8', '172.16.0.0/12', '192.168.0.0/16', '100.64.0.0/10', '127.0.0.0/8', '169.254.0.0/16'];

/**
 * True for addresses that never route to the Internet: RFC 1918, the carrier-grade
 * NAT range Alibaba Cloud uses for cloud services (100.64.0.0/10), loopback, link-local,
 * and IPv6 ULA / link-local / loopback.
 */
export function isPrivateAddress(address: string): boolean {
  const ip = parseIp(address);
  if (!ip) return false;
  if (ip.version === 4) return PRIVATE_V4.some((cidr) => cidrContains(cidr, ip));
  return ['fc00::/7', 'fe80::/10', '::1/128'].some((cidr) => cidrContains(cidr, ip));
}
