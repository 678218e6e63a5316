/**
 * Route selection in a VPC route table. Pure.
 */
import { cidrContains, parseCidr, parseIp } from './ip';
import type { RouteEntry, RouteTable } from './model';

/**
 * The `Available` entry whose destination CIDR holds `address` with the longest prefix
 * (first listed wins a tie); null when none does. NOTE: Alibaba Cloud documents no
 * selection rule verbatim; longest-prefix match is the standard behaviour (domain doc §3.1).
 */
export function longestPrefixMatch(table: RouteTable, address: string): RouteEntry | null {
  const ip = parseIp(address);
  if (!ip) return null;
  let best: { entry: RouteEntry; prefix: number } | null = null;
  for (const entry of table.entries) {
    if (entry.status !== 'Available') continue;
    const cidr = parseCidr(entry.destinationCidr);
    if (!cidr || !cidrContains(cidr, ip)) continue;
    if (best === null || cidr.prefix > best.prefix) best = { entry, prefix: cidr.prefix };
  }
  return best?.entry ?? null;
}
