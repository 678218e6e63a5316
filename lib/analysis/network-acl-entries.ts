/**
 * First-match evaluation of network ACL entries over a range of destination ports
 * (domain doc §2). A range is needed for return traffic, whose destination port is any of
 * the client's ephemeral ports: each port is decided by the first entry that covers it. Pure.
 */
import { cidrContains } from './ip';
import type { NetworkAclEntry, PortRange, Protocol } from './model';

/** Linux's default ephemeral port range (`net.ipv4.ip_local_port_range`). */
export const EPHEMERAL_PORTS: PortRange = { from: 32768, to: 60999 };

/** Ranges network ACLs always allow: VPC DNS (two /28) and the metadata server. */
export const ALWAYS_ALLOWED_CIDRS = ['100.100.2.128/28', '100.100.2.112/28', '100.100.100.200/32'];

/** The packet side an entry list is matched against. */
export interface AclMatchInput {
  /** Destination address (egress entries) or source address (ingress entries). */
  address: string;
  protocol: Protocol;
  /** Destination ports to decide. */
  ports: PortRange;
}

/** Outcome of {@link decideAclEntries}. */
export interface AclPortDecision {
  accepted: PortRange[];
  denied: PortRange[];
  /** Ports no entry matched: denied by the implicit default. */
  unmatched: PortRange[];
  /** Indices of entries that decided some port, in order. */
  decidingIndices: number[];
  /** Indices of prefix-list entries met while ports were still undecided (treated as not matching). */
  unexpandedIndices: number[];
}

/** True when the address lies in a range every network ACL allows. */
export function isAlwaysAllowed(address: string): boolean {
  return ALWAYS_ALLOWED_CIDRS.some((cidr) => cidrContains(cidr, address));
}

/** True when the entry's cidr is a prefix-list id rather than a CIDR. */
export function isPrefixListEntry(entry: NetworkAclEntry): boolean {
  return entry.cidr.startsWith('pl-');
}

function protocolMatches(entry: NetworkAclEntry, protocol: Protocol): boolean {
  const entryProtocol = entry.protocol.toLowerCase();
  return entryProtocol === 'all' || entryProtocol === protocol;
}

function intersect(a: PortRange, b: PortRange): PortRange | null {
  const from = Math.max(a.from, b.from);
  const to = Math.min(a.to, b.to);
  return from <= to ? { from, to } : null;
}

function subtract(range: PortRange, cut: PortRange): PortRange[] {
  const parts: PortRange[] = [];
  if (cut.from > range.from) parts.push({ from: range.from, to: Math.min(range.to, cut.from - 1) });
  if (cut.to < range.to) parts.push({ from: Math.max(range.from, cut.to + 1), to: range.to });
  return parts.filter((part) => part.from <= part.to);
}

const ALL_PORTS: PortRange = { from: 0, to: 65535 };

/**
 * Walks `entries` in order (index 0 first). Each entry whose protocol and cidr match decides
 * the still-undecided ports inside its port range (`null` = all). Ports left over are denied
 * by default. Prefix-list entries are recorded and treated as not matching.
 */
export function decideAclEntries(entries: NetworkAclEntry[], input: AclMatchInput): AclPortDecision {
  let remaining: PortRange[] = [input.ports];
  const decision: AclPortDecision = { accepted: [], denied: [], unmatched: [], decidingIndices: [], unexpandedIndices: [] };
  entries.forEach((entry, index) => {
    if (remaining.length === 0 || !protocolMatches(entry, input.protocol)) return;
    const entryPorts = entry.portRange ?? ALL_PORTS;
    const overlaps = remaining.flatMap((range) => intersect(range, entryPorts) ?? []);
    if (overlaps.length === 0) return;
    if (isPrefixListEntry(entry)) {
      decision.unexpandedIndices.push(index);
      return;
    }
    if (!cidrContains(entry.cidr, input.address)) return;
    (entry.policy === 'accept' ? decision.accepted : decision.denied).push(...overlaps);
    decision.decidingIndices.push(index);
    remaining = remaining.flatMap((range) => subtract(range, entryPorts));
  });
  decision.unmatched = remaining;
  return decision;
}
