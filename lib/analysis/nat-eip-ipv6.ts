/**
 * The Internet path of an IPv6 destination: IPv6 traffic does not use NAT gateways or EIPs;
 * it leaves through the VPC's IPv6 gateway, routed by an IPv6 route (`::/0` → `IPv6Gateway`),
 * and only for IPv6 addresses with Internet bandwidth (domain doc §3). Pure.
 */
import { manualFix } from '@/lib/fixes/cloud-fixes';

import { makeHop, ref, unknownHop } from './hop-helpers';
import type { EvidenceTable, Hop, RouteEntry, RouteTable } from './model';
import { longestPrefixMatch } from './route-table';

/** Next-hop type of an IPv6 gateway in a VPC route entry (`IPv6Gateway`; compared without case). */
const isIpv6Gateway = (type: string): boolean => type.toLowerCase() === 'ipv6gateway';

function ipv6Fix(table: RouteTable) {
  return manualFix({
    id: `routeTable-ipv6-internet-${table.id}`,
    title: 'Give the pod an IPv6 way to the Internet',
    description: `IPv6 traffic leaves a VPC through its IPv6 gateway, not a NAT gateway: route ${table.id} needs ::/0 → the IPv6 gateway.`,
    risk: 'An IPv6 address with Internet bandwidth is reachable from the Internet unless security groups drop it: check the groups\' IPv6 inbound rules.',
    target: ref('routeTable', table.id),
    steps: [
      `Create an IPv6 gateway for VPC ${table.vpcId} (VPC console → IPv6 Gateway) if it has none`,
      `Add a route ::/0 with next hop the IPv6 gateway to ${table.id}`,
      'Open Internet bandwidth for the pod\'s IPv6 address (IPv6 gateway → Internet bandwidth)',
    ],
  });
}

/**
 * The natEip hop for an IPv6 destination from the route table of the source vSwitch:
 * `block` with the IPv6 fix (never the IPv4 default route) when no route or a route to
 * something that does not carry IPv6 to the Internet matches; `unknown` when the route leads
 * to an IPv6 gateway (its Internet bandwidth for the pod's address is not read) or to a
 * self-managed appliance.
 */
export function evaluateIpv6Internet(table: RouteTable, address: string, routeEvidence: (table: RouteTable, matched: RouteEntry | null) => EvidenceTable, facts: ReturnType<typeof ref>[]): Hop {
  const matched = longestPrefixMatch(table, address);
  const evidence = { facts, tables: [routeEvidence(table, matched)] };
  if (matched === null) {
    return makeHop('natEip', 'block', `No IPv6 route to the Internet: route table ${table.id} has no route for ${address}`, { evidence, fixes: [ipv6Fix(table)] });
  }
  const routeRef = ref('routeEntry', matched.id, `${matched.destinationCidr} in ${table.id}`);
  const target = matched.nextHops.map((hop) => `${hop.type} ${hop.id}`).join(', ') || 'nowhere';
  const gateway = matched.nextHops.find((hop) => isIpv6Gateway(hop.type));
  if (gateway) {
    return unknownHop(
      'natEip',
      `route ${matched.destinationCidr} sends ${address} to IPv6 gateway ${gateway.id}; whether the pod's IPv6 address has Internet bandwidth there is not read`,
      { ...evidence, decidedBy: routeRef },
    );
  }
  if (matched.nextHops.some((hop) => ['Instance', 'HaVip', 'NetworkInterface'].includes(hop.type))) {
    return unknownHop('natEip', `route ${matched.destinationCidr} sends ${address} to ${target}, a self-managed appliance whose path to the Internet is not read`, { ...evidence, decidedBy: routeRef });
  }
  return makeHop('natEip', 'block', `No IPv6 route to the Internet: ${matched.destinationCidr} leads to ${target}, not an IPv6 gateway`, {
    evidence: { ...evidence, decidedBy: routeRef },
    fixes: [ipv6Fix(table)],
  });
}
