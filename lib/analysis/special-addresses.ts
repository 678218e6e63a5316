/**
 * Addresses that never cross the VPC: loopback, unspecified, link-local, the metadata
 * service, and addresses that are not unicast destinations (IANA special-purpose registries,
 * RFC 6890). Pure.
 *
 * NOTE: the documentation ranges (RFC 5737 192.0.2.0/24, 198.51.100.0/24, 203.0.113.0/24;
 * RFC 3849 2001:db8::/32) are deliberately NOT special here: the sandbox and the docs use them
 * as stand-ins for public Internet addresses.
 */
import { cidrContains, parseIp } from './ip';
import type { DestinationKind } from './model';

/** The kinds of destination that {@link specialAddress} decides from the address alone. */
export type SpecialDestinationKind = Extract<DestinationKind, 'loopback' | 'unspecified' | 'linkLocal' | 'metadata' | 'nonUnicast'>;

/** What the address is and the range that says so. */
export interface SpecialAddress {
  kind: SpecialDestinationKind;
  /** The range the address falls in, e.g. `127.0.0.0/8`. */
  range: string;
  /** Name of the range for people, e.g. "loopback" or "multicast". */
  name: string;
}

/** Alibaba Cloud's instance metadata service (also served to ACS and ECI pods). */
export const METADATA_ADDRESS = '100.100.100.200';

/** In match order: the first range holding the address decides. */
const RANGES: ReadonlyArray<SpecialAddress> = [
  { kind: 'metadata', range: `${METADATA_ADDRESS}/32`, name: 'the Alibaba Cloud metadata service' },
  { kind: 'loopback', range: '127.0.0.0/8', name: 'loopback' },
  { kind: 'loopback', range: '::1/128', name: 'loopback' },
  // Linux connects a socket aimed at the unspecified address to the host itself (the pod's own namespace).
  { kind: 'loopback', range: '0.0.0.0/32', name: 'the unspecified address (Linux connects it to the pod itself)' },
  { kind: 'loopback', range: '::/128', name: 'the unspecified address (Linux connects it to the pod itself)' },
  { kind: 'unspecified', range: '0.0.0.0/8', name: '"this network" (RFC 1122), not a destination' },
  { kind: 'linkLocal', range: '169.254.0.0/16', name: 'link-local' },
  { kind: 'linkLocal', range: 'fe80::/10', name: 'link-local' },
  { kind: 'nonUnicast', range: '224.0.0.0/4', name: 'multicast' },
  { kind: 'nonUnicast', range: 'ff00::/8', name: 'multicast' },
  { kind: 'nonUnicast', range: '255.255.255.255/32', name: 'the limited broadcast address' },
  { kind: 'nonUnicast', range: '240.0.0.0/4', name: 'reserved (RFC 1112), not routed' },
];

/** The special class of `address`, or null for an ordinary unicast address (or text that is no address). */
export function specialAddress(address: string): SpecialAddress | null {
  const ip = parseIp(address);
  if (!ip) return null;
  return RANGES.find((entry) => cidrContains(entry.range, ip)) ?? null;
}

/** True for the destination kinds whose packets never reach the pod's ENI and the VPC behind it. */
export function isSpecialDestinationKind(kind: DestinationKind): kind is SpecialDestinationKind {
  return kind === 'loopback' || kind === 'unspecified' || kind === 'linkLocal' || kind === 'metadata' || kind === 'nonUnicast';
}
