/**
 * Where the path meets Cloud Firewall: the NAT gateway the traffic goes through (its NAT
 * firewall sees the private source address, before SNAT) and the public addresses it leaves
 * with (the Internet border firewall sees those). The same route → NAT gateway → SNAT entry
 * walk as the natEip hop (domain doc §3), reduced to what the firewall needs. Pure.
 */
import { msg, type Message } from '@/lib/analysis/message';
import { longestPrefixMatch } from '@/lib/analysis/route-table';
import type { PathContext, PathFacts } from '@/lib/analysis/model';
import { gatewaySnatEntries, selectSnatEntry } from '@/lib/analysis/nat-eip-snat';

export type Egress =
  /** The source ENI's own public address carries the traffic: no NAT gateway on the way. */
  | { kind: 'eip'; publicIps: string[]; natGatewayId: null; eniId: string }
  /** Through a NAT gateway; `publicIps` are the SNAT addresses of the entry that covers the source (empty when none does). */
  | { kind: 'nat'; publicIps: string[]; natGatewayId: string; snatEntryId: string | null }
  /** The traffic has no way to the Internet (the natEip hop says why): no firewall is reached. */
  | { kind: 'none'; reason: Message }
  /** A fact the walk needs was not read, or the route leads to an appliance. */
  | { kind: 'unknown'; reason: Message };

const M = 'analysis.cloudFirewall';

/** The egress of an Internet-bound IPv4 path, from the facts the natEip hop reads too. */
export function egressOf(facts: PathFacts, path: PathContext): Egress {
  const address = path.destination.addresses[0];
  const { cloud } = facts;
  if (address === undefined) return { kind: 'none', reason: msg(`${M}.noAddress`) };
  if (cloud.sourceEni.kind === 'missing') return { kind: 'unknown', reason: msg(`${M}.sourceEniNotRead`) };
  const eni = cloud.sourceEni.value;
  if (eni === null) return { kind: 'unknown', reason: msg(`${M}.noEniForAddress`, { address: path.source.sourceAddress ?? '(none)' }) };
  if (eni.publicIp !== null) return { kind: 'eip', publicIps: [eni.publicIp.ip], natGatewayId: null, eniId: eni.id };
  if (cloud.vSwitches.kind === 'missing' || cloud.routeTables.kind === 'missing') return { kind: 'unknown', reason: msg(`${M}.sourceRouteTableNotRead`) };
  const vSwitch = cloud.vSwitches.value.find((candidate) => candidate.id === eni.vSwitchId);
  const table = cloud.routeTables.value.find((candidate) => candidate.id === vSwitch?.routeTableId);
  if (vSwitch === undefined || table === undefined) return { kind: 'unknown', reason: msg(`${M}.routeTableNotRead`, { vSwitch: eni.vSwitchId }) };
  const route = longestPrefixMatch(table, address);
  const natHop = route?.nextHops.find((hop) => hop.type === 'NatGateway');
  if (route === null) return { kind: 'none', reason: msg(`${M}.noRoute`, { table: table.id, address }) };
  if (natHop === undefined) {
    const hops = route.nextHops.map((hop) => `${hop.type} ${hop.id}`).join(', ');
    const params = { cidr: route.destinationCidr, target: hops === '' ? msg(`${M}.nowhere`) : hops };
    return route.nextHops.some((hop) => ['Instance', 'HaVip', 'NetworkInterface'].includes(hop.type))
      ? { kind: 'unknown', reason: msg(`${M}.routeToAppliance`, params) }
      : { kind: 'none', reason: msg(`${M}.routeNotNat`, params) };
  }
  if (cloud.natGateways.kind === 'missing' || cloud.snatEntries.kind === 'missing') return { kind: 'unknown', reason: msg(`${M}.snatNotRead`, { gateway: natHop.id }) };
  const gateway = cloud.natGateways.value.find((candidate) => candidate.id === natHop.id);
  if (gateway === undefined) return { kind: 'unknown', reason: msg(`${M}.natGatewayNotRead`, { gateway: natHop.id }) };
  const source = { address: path.source.sourceAddress ?? '', vSwitchId: eni.vSwitchId, vSwitchCidr: vSwitch.cidrBlock };
  const entry = selectSnatEntry(gatewaySnatEntries(gateway, cloud.snatEntries.value), source);
  return { kind: 'nat', publicIps: entry?.snatIps ?? [], natGatewayId: gateway.id, snatEntryId: entry?.id ?? null };
}
