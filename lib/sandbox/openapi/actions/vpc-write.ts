/** VPC 2016-04-28 write actions of the sandbox: SNAT entries, route entries, network ACL entries. */
import { invalidParameter, missingParameter, OpenApiFault, resourceNotFound } from '../fault';
import type { RequestParams } from '../request-params';
import { newId } from './new-id';
import type { ActionContext, ActionTable } from './types';

const ipv4 = /^(\d{1,3})\.(\d{1,3})\.(\d{1,3})\.(\d{1,3})$/;
const isIpv4 = (value: string) => ipv4.test(value) && value.split('.').every((part) => Number(part) <= 255);
const isCidr = (value: string) => {
  const [address, bits, extra] = value.split('/');
  return extra === undefined && address !== undefined && isIpv4(address) && bits !== undefined && /^\d{1,2}$/.test(bits) && Number(bits) <= 32;
};

function createSnatEntry({ params, cloud }: ActionContext): Record<string, unknown> {
  const tableId = params.require('SnatTableId');
  const gateway = cloud.natGateways.find((candidate) => candidate.SnatTableIds.SnatTableId.includes(tableId));
  if (!gateway) throw resourceNotFound('InvalidSnatTableId.NotFound', tableId);
  const snatIp = params.require('SnatIp');
  const ips = snatIp.split(',').map((ip) => ip.trim());
  const badIp = ips.find((ip) => !isIpv4(ip));
  if (badIp !== undefined) throw invalidParameter('SnatIp', snatIp, 'InvalidSnatIp.Malformed');
  const vSwitchId = params.get('SourceVSwitchId');
  const sourceCidr = params.get('SourceCIDR');
  if (vSwitchId === undefined && sourceCidr === undefined) throw missingParameter('SourceVSwitchId');
  if (sourceCidr !== undefined && !isCidr(sourceCidr)) throw invalidParameter('SourceCIDR', sourceCidr, 'InvalidSourceCIDR.Malformed');
  const vSwitch = vSwitchId === undefined ? undefined : cloud.vSwitches.find((candidate) => candidate.VSwitchId === vSwitchId);
  if (vSwitchId !== undefined && !vSwitch) throw resourceNotFound('InvalidVSwitchId.NotFound', vSwitchId);
  const entries = cloud.snatEntries.filter((entry) => entry.SnatTableId === tableId);
  // NOTE: each vSwitch (and each CIDR) may be in one SNAT entry only.
  if (entries.some((entry) => (vSwitchId !== undefined && entry.SourceVSwitchId === vSwitchId) || (sourceCidr !== undefined && entry.SourceCIDR === sourceCidr))) {
    throw new OpenApiFault(400, 'Forbidden.SourceVSwitchId.Duplicated', 'The specified source vSwitch or CIDR block already has an SNAT entry in this SNAT table.');
  }
  const id = newId('snat');
  cloud.snatEntries.push({
    SnatEntryId: id,
    SnatEntryName: params.get('SnatEntryName') ?? '',
    SnatTableId: tableId,
    NatGatewayId: gateway.NatGatewayId,
    ...(vSwitchId === undefined ? {} : { SourceVSwitchId: vSwitchId }),
    SourceCIDR: sourceCidr ?? vSwitch?.CidrBlock ?? '',
    SnatIp: ips.join(','),
    EipAffinity: params.get('EipAffinity') ?? '0',
    NetworkInterfaceId: '',
    // NOTE: the real entry is Pending for a few seconds; the sandbox completes at once.
    Status: 'Available',
  });
  return { SnatEntryId: id };
}

function deleteSnatEntry({ params, cloud }: ActionContext): Record<string, unknown> {
  const tableId = params.require('SnatTableId');
  const entryId = params.require('SnatEntryId');
  if (!cloud.natGateways.some((gateway) => gateway.SnatTableIds.SnatTableId.includes(tableId))) throw resourceNotFound('InvalidSnatTableId.NotFound', tableId);
  const index = cloud.snatEntries.findIndex((entry) => entry.SnatTableId === tableId && entry.SnatEntryId === entryId);
  if (index < 0) throw resourceNotFound('InvalidSnatEntryId.NotFound', entryId);
  cloud.snatEntries.splice(index, 1);
  return {};
}

function createRouteEntry({ params, cloud }: ActionContext): Record<string, unknown> {
  const tableId = params.require('RouteTableId');
  if (!cloud.routeTables.some((table) => table.RouteTableId === tableId)) throw resourceNotFound('InvalidRouteTableId.NotFound', tableId);
  const destination = params.require('DestinationCidrBlock');
  if (!isCidr(destination)) throw invalidParameter('DestinationCidrBlock', destination, 'InvalidDestinationCidrBlock.Malformed');
  const nextHopType = params.get('NextHopType') ?? 'Instance';
  const nextHopId = params.require('NextHopId');
  if (nextHopType === 'NatGateway' && !cloud.natGateways.some((gateway) => gateway.NatGatewayId === nextHopId)) {
    throw resourceNotFound('InvalidNatGatewayId.NotFound', nextHopId);
  }
  if (cloud.routeEntries.some((entry) => entry.RouteTableId === tableId && entry.DestinationCidrBlock === destination)) {
    throw new OpenApiFault(400, 'InvalidCIDRBlock.Duplicate', 'The specified CIDR block already exists in the route table.');
  }
  const id = newId('rte');
  cloud.routeEntries.push({
    RouteEntryId: id,
    RouteEntryName: params.get('RouteEntryName') ?? '',
    RouteTableId: tableId,
    DestinationCidrBlock: destination,
    Type: 'Custom',
    Status: 'Available',
    IpVersion: 'ipv4',
    Description: params.get('Description') ?? '',
    NextHops: { NextHop: [{ NextHopType: nextHopType, NextHopId: nextHopId, Enabled: 1, NextHopRegionId: cloud.regionId }] },
  });
  return { RouteEntryId: id };
}

function deleteRouteEntry({ params, cloud }: ActionContext): Record<string, unknown> {
  const entryId = params.get('RouteEntryId');
  const tableId = params.get('RouteTableId');
  const destination = params.get('DestinationCidrBlock');
  if (entryId === undefined && (tableId === undefined || destination === undefined)) throw missingParameter('RouteEntryId');
  const index = cloud.routeEntries.findIndex((entry) =>
    entryId !== undefined ? entry.RouteEntryId === entryId : entry.RouteTableId === tableId && entry.DestinationCidrBlock === destination,
  );
  if (index < 0) throw resourceNotFound('InvalidRouteEntry.NotFound', entryId ?? `${tableId ?? ''} ${destination ?? ''}`);
  if (cloud.routeEntries[index]?.Type !== 'Custom') throw new OpenApiFault(400, 'OperationUnsupported.SystemRoute', 'System route entries cannot be deleted.');
  cloud.routeEntries.splice(index, 1);
  return {};
}

/** `Prefix.N.*` entries in index order, each as a field reader. */
function indexedEntries(params: RequestParams, prefix: string): Array<(name: string) => string | undefined> {
  const indexes = [...new Set(params.entries().map(([key]) => new RegExp(`^${prefix}\\.(\\d+)\\.`).exec(key)?.[1]).filter((index): index is string => index !== undefined))];
  return indexes.sort((a, b) => Number(a) - Number(b)).map((index) => (name) => params.get(`${prefix}.${index}.${name}`));
}

function aclEntry(field: (name: string) => string | undefined, prefix: string, cidrKey: string, previous: ReadonlyArray<Record<string, unknown>>): Record<string, unknown> & { NetworkAclEntryId: string; Policy: string; Protocol: string; Port: string } {
  const policy = (field('Policy') ?? '').toLowerCase();
  if (policy !== 'accept' && policy !== 'drop') throw invalidParameter(`${prefix}.N.Policy`, policy);
  const protocol = (field('Protocol') ?? '').toLowerCase();
  if (!['tcp', 'udp', 'icmp', 'gre', 'all'].includes(protocol)) throw invalidParameter(`${prefix}.N.Protocol`, protocol);
  const port = field('Port') ?? '-1/-1';
  if (!/^-?\d+\/-?\d+$/.test(port)) throw invalidParameter(`${prefix}.N.Port`, port);
  const cidr = field(cidrKey);
  if (cidr === undefined) throw missingParameter(`${prefix}.N.${cidrKey}`);
  const name = field('NetworkAclEntryName') ?? '';
  // An entry keeps its id when the caller names it (by id, or by an unchanged name).
  const kept = field('NetworkAclEntryId') ?? previous.find((entry) => name !== '' && entry.NetworkAclEntryName === name)?.NetworkAclEntryId;
  return {
    NetworkAclEntryId: typeof kept === 'string' ? kept : newId('nae'),
    NetworkAclEntryName: name,
    EntryType: field('EntryType') ?? 'custom',
    IpVersion: field('IpVersion') ?? 'IPV4',
    Policy: policy,
    Protocol: protocol,
    Port: port,
    [cidrKey]: cidr,
    Description: field('Description') ?? '',
  };
}

function updateNetworkAclEntries({ params, cloud }: ActionContext): Record<string, unknown> {
  const id = params.require('NetworkAclId');
  const acl = cloud.networkAcls.find((candidate) => candidate.NetworkAclId === id);
  if (!acl) throw resourceNotFound('InvalidNetworkAclId.NotFound', id);
  const flag = (name: string) => {
    const value = params.get(name);
    if (value !== undefined && value !== 'true' && value !== 'false') throw invalidParameter(name, value);
    return value === 'true';
  };
  // NOTE: each flagged direction's list is replaced as a whole; an absent list empties it.
  if (flag('UpdateEgressAclEntries')) {
    const previous = acl.EgressAclEntries.EgressAclEntry;
    acl.EgressAclEntries.EgressAclEntry = indexedEntries(params, 'EgressAclEntries').map((field) => aclEntry(field, 'EgressAclEntries', 'DestinationCidrIp', previous));
  }
  if (flag('UpdateIngressAclEntries')) {
    const previous = acl.IngressAclEntries.IngressAclEntry;
    acl.IngressAclEntries.IngressAclEntry = indexedEntries(params, 'IngressAclEntries').map((field) => aclEntry(field, 'IngressAclEntries', 'SourceCidrIp', previous));
  }
  return {};
}

/** VPC 2016-04-28 write actions by name. */
export const vpcWriteActions: ActionTable = {
  CreateSnatEntry: { product: 'vpc', resourceType: 'snattable', regional: true, write: true, handle: createSnatEntry },
  DeleteSnatEntry: { product: 'vpc', resourceType: 'snattable', regional: true, write: true, handle: deleteSnatEntry },
  CreateRouteEntry: { product: 'vpc', resourceType: 'routetable', regional: true, write: true, handle: createRouteEntry },
  DeleteRouteEntry: { product: 'vpc', resourceType: 'routetable', regional: true, write: true, handle: deleteRouteEntry },
  UpdateNetworkAclEntries: { product: 'vpc', resourceType: 'networkacl', regional: true, write: true, handle: updateNetworkAclEntries },
};
