/**
 * The source OSS sees (its `acs:SourceIp` and `acs:SourceVpc`): on an internal endpoint the
 * pod's private address (the node's in Flannel mode) from the pod's VPC; on the public one the
 * public address the traffic leaves with — the pod's own EIP, or the SNAT entry's EIPs — from
 * no VPC. Pure.
 */
import { gatewaySnatEntries, selectSnatEntry } from '@/lib/analysis/nat-eip-snat';
import type { PathContext, PathFacts } from '@/lib/analysis/model';
import { longestPrefixMatch } from '@/lib/analysis/route-table';

import type { OssRequestContext } from './statement-match';

type SourceIp = OssRequestContext['sourceIp'];

/** The public address(es) the pod's Internet traffic leaves with, as the natEip hop would pick them. */
export function publicSourceIp(facts: PathFacts, path: PathContext): SourceIp {
  const { cloud } = facts;
  if (cloud.sourceEni.kind === 'missing') return { kind: 'unknown', why: `the source ENI could not be read (${cloud.sourceEni.error.code ?? cloud.sourceEni.error.reason})` };
  const eni = cloud.sourceEni.value;
  if (eni === null) return { kind: 'unknown', why: 'no ENI holds the source address' };
  if (eni.publicIp) return { kind: 'known', addresses: [eni.publicIp.ip], what: path.source.networkMode === 'flannel' ? 'nodeEip' : 'podEip' };
  const destination = path.destination.addresses[0];
  if (destination === undefined) return { kind: 'unknown', why: 'the endpoint has no address' };
  if (cloud.vSwitches.kind === 'missing' || cloud.routeTables.kind === 'missing' || cloud.natGateways.kind === 'missing' || cloud.snatEntries.kind === 'missing') {
    return { kind: 'unknown', why: 'the route table, NAT gateway or SNAT entries of the source could not be read' };
  }
  const vSwitch = cloud.vSwitches.value.find((candidate) => candidate.id === eni.vSwitchId);
  const table = cloud.routeTables.value.find((candidate) => candidate.id === vSwitch?.routeTableId);
  const route = table ? longestPrefixMatch(table, destination) : null;
  const natId = route?.nextHops.find((hop) => hop.type === 'NatGateway')?.id;
  const gateway = cloud.natGateways.value.find((candidate) => candidate.id === natId);
  if (!vSwitch || !gateway) return { kind: 'unknown', why: `no route from ${eni.vSwitchId} leads ${destination} to a NAT gateway that was read` };
  const address = path.source.sourceAddress ?? eni.primaryIp;
  const entry = selectSnatEntry(gatewaySnatEntries(gateway, cloud.snatEntries.value), { address, vSwitchId: vSwitch.id, vSwitchCidr: vSwitch.cidrBlock });
  if (!entry || entry.snatIps.length === 0) return { kind: 'unknown', why: `no SNAT entry of ${gateway.id} covers ${address}` };
  return { kind: 'known', addresses: entry.snatIps, what: 'snatEip' };
}

/** `acs:SourceIp` and `acs:SourceVpc` as OSS sees them on the `internal` or public endpoint. */
export function sourceSeenByOss(facts: PathFacts, path: PathContext, internal: boolean): Pick<OssRequestContext, 'sourceIp' | 'sourceVpc'> {
  if (!internal) return { sourceIp: publicSourceIp(facts, path), sourceVpc: null };
  const address = path.source.sourceAddress;
  const what = path.source.networkMode === 'flannel' ? 'nodeIp' : 'podIp';
  return {
    sourceIp: address === null ? { kind: 'unknown', why: 'the source address is unknown' } : { kind: 'known', addresses: [address], what },
    sourceVpc: path.source.vpcId ?? undefined,
  };
}
