/**
 * Whether a destination is reached through another VPC's connection, and which VPC border
 * firewalls stand on that way (docs/gates/cloud-firewall.md): the source vSwitch's route table
 * sends the address to a transit router attachment or a CEN route (a CEN VPC firewall guards a
 * VPC's side of the transit router), or to a VPC peering connection or an Express Connect router
 * interface (an Express Connect VPC firewall guards a pair of VPCs). Used by the reader (what to
 * read) and the evaluation (what applies). Pure.
 */
import { cidrContains } from '@/lib/analysis/ip';
import type { CloudFacts } from '@/lib/analysis/model';
import { longestPrefixMatch } from '@/lib/analysis/route-table';

import type { CrossVpcRoute, VpcFirewall } from './facts';

/** Next hops that lead into a CEN transit router. */
const CEN_NEXT_HOPS = new Set(['Attachment', 'TransitRouter']);
/** Next hops that lead straight into another VPC. */
const PEERING_NEXT_HOPS = new Set(['VpcPeer', 'RouterInterface']);

export type VpcRouteResult =
  | { kind: 'crossVpc'; route: CrossVpcRoute; sourceVpcId: string }
  /** The route stays in the VPC or leads elsewhere (NAT, VPN, an appliance): no VPC border is crossed. */
  | { kind: 'none'; reason: string }
  /** The route table or the source ENI was not read. */
  | { kind: 'unknown'; reason: string };

/** The route `address` takes out of the source ENI's vSwitch, when it leads into another VPC. */
export function crossVpcRouteOf(cloud: Pick<CloudFacts, 'sourceEni' | 'vSwitches' | 'routeTables'>, address: string): VpcRouteResult {
  if (cloud.sourceEni.kind === 'missing') return { kind: 'unknown', reason: 'the source ENI was not read' };
  const eni = cloud.sourceEni.value;
  if (eni === null) return { kind: 'unknown', reason: 'no ENI holds the source address' };
  if (cloud.vSwitches.kind === 'missing' || cloud.routeTables.kind === 'missing') return { kind: 'unknown', reason: `the route table of ${eni.vSwitchId} was not read` };
  const vSwitch = cloud.vSwitches.value.find((candidate) => candidate.id === eni.vSwitchId);
  const table = cloud.routeTables.value.find((candidate) => candidate.id === vSwitch?.routeTableId);
  if (vSwitch === undefined || table === undefined) return { kind: 'unknown', reason: `the route table of ${eni.vSwitchId} was not read` };
  const route = longestPrefixMatch(table, address);
  if (route === null) return { kind: 'none', reason: `route table ${table.id} has no route for ${address}` };
  const cen = route.nextHops.find((hop) => CEN_NEXT_HOPS.has(hop.type)) ?? (route.type === 'CEN' ? (route.nextHops[0] ?? { type: 'CEN', id: '' }) : undefined);
  const peering = route.nextHops.find((hop) => PEERING_NEXT_HOPS.has(hop.type));
  const hop = cen ?? peering;
  if (hop === undefined) {
    const target = route.nextHops.map((next) => `${next.type}${next.id ? ` ${next.id}` : ''}`).join(', ') || 'nowhere';
    return { kind: 'none', reason: `route ${route.destinationCidr} leads to ${target}, not into another VPC` };
  }
  return {
    kind: 'crossVpc',
    sourceVpcId: eni.vpcId,
    route: { routeEntryId: route.id, destinationCidr: route.destinationCidr, nextHopType: hop.type, nextHopId: hop.id, via: cen === undefined ? 'peering' : 'cen' },
  };
}

const covers = (cidrs: readonly string[], address: string): boolean => cidrs.some((cidr) => cidrContains(cidr, address));

/**
 * The VPC firewalls on the way: for a CEN route, the CEN firewalls of the source VPC and of the
 * VPC whose CIDR holds the destination; for a peering route, the Express Connect firewalls
 * between the source VPC and a VPC whose CIDR holds the destination (a side listed without
 * CIDRs cannot be ruled out, so it counts).
 */
export function firewallsOnPath(firewalls: readonly VpcFirewall[], route: CrossVpcRoute, sourceVpcId: string, destination: string): VpcFirewall[] {
  if (route.via === 'cen') {
    return firewalls.filter((firewall) => firewall.connectType === 'cen' && firewall.vpcs.some((vpc) => vpc.vpcId === sourceVpcId || covers(vpc.cidrs, destination)));
  }
  return firewalls.filter((firewall) => {
    if (firewall.connectType !== 'expressconnect') return false;
    const local = firewall.vpcs.findIndex((vpc) => vpc.vpcId === sourceVpcId);
    const other = firewall.vpcs.find((_vpc, index) => index !== local);
    return local !== -1 && other !== undefined && (other.cidrs.length === 0 || covers(other.cidrs, destination));
  });
}

/** `FirewallSwitchStatus` values that mean the firewall does not filter: it does not apply. */
export const VPC_FIREWALL_OFF: ReadonlySet<string> = new Set(['closed', 'notconfigured', 'configured']);
