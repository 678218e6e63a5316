/** Field converters shared by the adapters (Alibaba Cloud wire conventions → domain values). */
import 'server-only';

import type { PortRange, SecurityGroupRule } from '@/lib/analysis/model';

type RuleProtocol = SecurityGroupRule['protocol'];

const protocols: readonly RuleProtocol[] = ['tcp', 'udp', 'icmp', 'icmpv6', 'gre', 'all'];

/**
 * `TCP`/`tcp`/`ALL` → lower-case protocol. SG rules return upper case and NACL entries lower
 * case (domain doc §0). NOTE: an unknown value becomes `all`, so analysis over-matches rather
 * than silently ignoring a rule.
 */
export function toProtocol(raw: string | undefined): RuleProtocol {
  const lower = (raw ?? '').toLowerCase();
  return protocols.find((protocol) => protocol === lower) ?? 'all';
}

/** `"80/443"` → `{ from: 80, to: 443 }`; `"-1/-1"`, empty or malformed → null (all ports). */
export function toPortRange(raw: string | undefined): PortRange | null {
  const match = /^\s*(-?\d+)\s*(?:\/\s*(-?\d+)\s*)?$/.exec(raw ?? '');
  if (!match?.[1]) return null;
  const from = Number(match[1]);
  const to = match[2] === undefined ? from : Number(match[2]);
  if (from < 0 || to < 0) return null;
  return { from, to };
}

/** `accept`/`Accept`/`allow` → `accept`; anything else (`drop`, `Drop`) → `drop`. */
export function toPolicy(raw: string | undefined): 'accept' | 'drop' {
  return /^(accept|allow)$/i.test(raw ?? '') ? 'accept' : 'drop';
}

/** A comma-separated address list (`"10.0.0.1,10.0.1.0/24"`) → trimmed, non-empty entries. */
export function splitList(raw: string | undefined): string[] {
  return (raw ?? '').split(',').map((entry) => entry.trim()).filter((entry) => entry !== '');
}

/** Empty strings from the wire (`NetworkAclId: ""`) → null. */
export function orNull(raw: string | undefined | null): string | null {
  return raw === undefined || raw === null || raw === '' ? null : raw;
}

/** Splits a list into chunks of at most `size` (API list parameters are capped, e.g. 100 ids). */
export function chunk<T>(items: readonly T[], size: number): T[][] {
  const chunks: T[][] = [];
  for (let start = 0; start < items.length; start += size) chunks.push(items.slice(start, start + size));
  return chunks;
}
