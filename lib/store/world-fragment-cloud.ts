/**
 * The Alibaba Cloud half of a world fragment: the cloud facts of one diagnosis turned back
 * into the wire shapes of lib/schemas/world.ts (pure).
 *
 * A fragment must pass the world loader's cross-reference checks, but the facts of one path
 * name things the path never read (the other vSwitches of a SNAT entry, the vSwitch of an
 * ENI whose vSwitch read was forbidden). Those get placeholders: items with the id and
 * nothing else known. They are harmless to a re-evaluation because the app only asks for
 * them by id, and a forbidden read is denied by `ram.deny` before the item is looked up.
 */
import type { CloudFacts, Eip, Fact, FactError, LoadBalancer, NetworkAclEntry, NetworkInterface, PortRange, PortRangeList, PrefixList, SecurityGroup, SecurityGroupRule } from '@/lib/analysis/model';
import { gateReadFacts } from '@/lib/gates/registry';
import type { World, WorldCloud } from '@/lib/schemas/world';

import { whitelistInstances, whitelistPartFacts, type RecognisedAddress } from './world-fragment-whitelist';

type Item<K extends keyof WorldCloud> = WorldCloud[K] extends Array<infer T> ? T : never;
type Deny = World['ram']['deny'][number];

const valueOr = <T>(fact: Fact<T> | null, fallback: T): T => (fact !== null && fact.kind === 'ok' ? fact.value : fallback);
const uniqueBy = <T>(items: T[], key: (item: T) => string): T[] => [...new Map(items.map((item) => [key(item), item])).values()];
const portRange = (range: PortRange | null): string => (range === null ? '-1/-1' : `${range.from}/${range.to}`);

function networkInterface(eni: NetworkInterface): Item<'networkInterfaces'> {
  return {
    NetworkInterfaceId: eni.id,
    Type: eni.type,
    Status: eni.status,
    InstanceId: eni.instanceId ?? '',
    VpcId: eni.vpcId,
    VSwitchId: eni.vSwitchId,
    ZoneId: eni.zoneId ?? '',
    PrivateIpAddress: eni.primaryIp,
    PrivateIpSets: { PrivateIpSet: eni.privateIps.map((ip) => ({ PrivateIpAddress: ip, Primary: ip === eni.primaryIp })) },
    SecurityGroupIds: { SecurityGroupId: eni.securityGroupIds },
    ...(eni.publicIp === null ? {} : { AssociatedPublicIp: { PublicIpAddress: eni.publicIp.ip, AllocationId: eni.publicIp.allocationId ?? '' } }),
  };
}

function permission(rule: SecurityGroupRule): Item<'securityGroups'>['Permissions']['Permission'][number] {
  const side = rule.direction === 'egress' ? 'Dest' : 'Source';
  const remote: Record<string, string> = {};
  if (rule.remote.kind === 'cidr') remote[rule.remote.cidr.includes(':') ? `Ipv6${side}CidrIp` : `${side}CidrIp`] = rule.remote.cidr;
  if (rule.remote.kind === 'securityGroup') remote[`${side}GroupId`] = rule.remote.groupId;
  if (rule.remote.kind === 'prefixList') remote[`${side}PrefixListId`] = rule.remote.prefixListId;
  return {
    SecurityGroupRuleId: rule.id,
    Direction: rule.direction,
    Policy: rule.policy === 'accept' ? 'Accept' : 'Drop',
    Priority: String(rule.priority),
    IpProtocol: rule.protocol.toUpperCase(),
    PortRange: portRange(rule.portRange),
    ...(rule.portRangeListId === null ? {} : { PortRangeListId: rule.portRangeListId }),
    ...remote,
    Description: rule.description,
  };
}

function securityGroup(group: SecurityGroup): Item<'securityGroups'> {
  return {
    SecurityGroupId: group.id,
    SecurityGroupName: group.name,
    VpcId: group.vpcId,
    SecurityGroupType: group.type,
    InnerAccessPolicy: group.innerAccessPolicy,
    Permissions: { Permission: group.rules.map(permission) },
  };
}

function aclEntry(entry: NetworkAclEntry, cidrKey: 'SourceCidrIp' | 'DestinationCidrIp'): Item<'networkAcls'>['IngressAclEntries']['IngressAclEntry'][number] {
  return { NetworkAclEntryId: entry.id, NetworkAclEntryName: entry.name, EntryType: entry.entryType, Policy: entry.policy, Protocol: entry.protocol, Port: portRange(entry.portRange), [cidrKey]: entry.cidr };
}

function eip(address: Eip): Item<'eips'> {
  return {
    AllocationId: address.allocationId,
    IpAddress: address.ip,
    Status: address.status,
    InstanceId: address.instanceId ?? '',
    InstanceType: address.instanceType ?? '',
    PrivateIpAddress: address.privateIp ?? '',
    BusinessStatus: address.businessStatus,
    OperationLocks: { LockReason: address.locks.map((reason) => ({ LockReason: reason })) },
  };
}

function prefixList(list: PrefixList): Item<'prefixLists'> {
  return {
    PrefixListId: list.id,
    PrefixListName: list.name,
    AddressFamily: list.addressFamily === 'IPv6' ? 'IPv6' : 'IPv4',
    Entries: { Entry: list.entries.map((entry) => ({ Cidr: entry.cidr, Description: entry.description })) },
  };
}

function portRangeList(list: PortRangeList): Item<'portRangeLists'> {
  return { PortRangeListId: list.id, Entries: list.entries.map((entry) => ({ PortRange: portRange(entry.portRange), Description: entry.description })) };
}

/**
 * A `ram.deny` entry that makes the sandbox refuse the read that failed, so the re-evaluation
 * reports the same hop `unknown`. The action is the first word of the fact error's resource
 * (`DescribeDBInstanceIPArrayList rm-…`); a single id narrows it, a filter denies the action.
 */
export function toDeny(error: FactError): Deny | null {
  // NOTE: other failures (throttled, 5xx, timeout) replay as `faults.cloud` (world-fragment-faults.ts).
  if (error.source !== 'alicloud' || (error.reason !== 'forbidden' && error.reason !== 'unauthorized')) return null;
  const [action, target] = error.resource.split(' ');
  if (action === undefined || !/^Describe[A-Za-z]+$/.test(action)) return null;
  return target !== undefined && /^[a-z]+-[A-Za-z0-9]+$/.test(target) ? { action, resource: target } : { action };
}

/** Every cloud fact of the path, the registered gates' included. */
export function cloudFactsOf(cloud: CloudFacts): Array<Fact<unknown> | null> {
  const { gates, destinationOwners = [], ...collections } = cloud;
  const facts: Array<Fact<unknown> | null> = Object.values(collections);
  // A whitelisted-instance listing that failed (its `open` basis) replays failing too, so the hop stays `unknown`.
  const listings: Array<Fact<unknown>> = destinationOwners.flatMap((owner) => (owner.whitelistInstance?.open ?? []).flatMap((open) => (open.error === null ? [] : [{ kind: 'missing' as const, error: open.error }])));
  const owners: Array<Fact<unknown>> = [...destinationOwners.flatMap((owner) => [owner.destinationEni, owner.loadBalancer]), ...listings];
  return [...facts, ...owners, ...gateReadFacts(gates), ...whitelistPartFacts(cloud)];
}

/** The deny entries of every cloud fact that could not be read, without repeats. */
export function toDenyList(cloud: CloudFacts): Deny[] {
  const facts = cloudFactsOf(cloud);
  const denies = facts.flatMap((fact) => (fact !== null && fact.kind === 'missing' ? [toDeny(fact.error)] : [])).filter((deny): deny is Deny => deny !== null);
  return uniqueBy(denies, (deny) => `${deny.action} ${deny.resource ?? '*'}`);
}

/** The cloud resources the facts hold, in wire shapes, with placeholders for dangling references. */
export function toWorldCloud(cloud: CloudFacts, regionId: string, vpcId: string): WorldCloud {
  const owners = cloud.destinationOwners ?? [];
  const destinationEnis = [cloud.destinationEni, ...owners.map((owner) => owner.destinationEni)].map((fact) => valueOr(fact, null));
  const enis = uniqueBy([valueOr(cloud.sourceEni, null), ...destinationEnis].filter((eni): eni is NetworkInterface => eni !== null), (eni) => eni.id);
  const vSwitches = valueOr(cloud.vSwitches, []);
  const routeTables = valueOr(cloud.routeTables, []);
  const natGateways = valueOr(cloud.natGateways, []);
  const loadBalancers = uniqueBy(
    [cloud.loadBalancer, ...owners.map((owner) => owner.loadBalancer)].map((fact) => valueOr(fact, null)).filter((balancer): balancer is LoadBalancer => balancer !== null),
    (balancer) => balancer.id,
  );
  const world: WorldCloud = {
    regionId,
    vpcs: [],
    vSwitches: vSwitches.map((vSwitch) => ({
      VSwitchId: vSwitch.id, VpcId: vSwitch.vpcId, ZoneId: vSwitch.zoneId, CidrBlock: vSwitch.cidrBlock, NetworkAclId: vSwitch.networkAclId ?? '',
      ...(vSwitch.routeTableId === null ? {} : { RouteTable: { RouteTableId: vSwitch.routeTableId, RouteTableType: vSwitch.routeTableType ?? 'System' } }),
    })),
    routeTables: routeTables.map((table) => ({ RouteTableId: table.id, RouteTableType: table.type, VpcId: table.vpcId, VSwitchIds: { VSwitchId: table.vSwitchIds } })),
    routeEntries: routeTables.flatMap((table) =>
      table.entries.map((entry) => ({
        RouteEntryId: entry.id, RouteTableId: table.id, DestinationCidrBlock: entry.destinationCidr, Type: entry.type, Status: entry.status,
        NextHops: { NextHop: entry.nextHops.map((hop) => ({ NextHopType: hop.type, NextHopId: hop.id })) },
      })),
    ),
    natGateways: natGateways.map((gateway) => ({
      NatGatewayId: gateway.id, Name: gateway.name, VpcId: gateway.vpcId, NetworkType: gateway.networkType, Status: gateway.status, BusinessStatus: gateway.businessStatus,
      SnatTableIds: { SnatTableId: [...gateway.snatTableIds] },
      IpLists: { IpList: gateway.ipAddresses.map((address) => ({ IpAddress: address.ip, AllocationId: address.allocationId ?? '' })) },
    })),
    snatEntries: valueOr(cloud.snatEntries, []).map((entry) => ({
      SnatEntryId: entry.id, SnatEntryName: entry.name, SnatTableId: entry.snatTableId, NatGatewayId: entry.natGatewayId, SnatIp: entry.snatIps.join(','), Status: entry.status,
      ...(entry.sourceVSwitchId === null ? {} : { SourceVSwitchId: entry.sourceVSwitchId }),
      ...(entry.sourceCidr === null ? {} : { SourceCIDR: entry.sourceCidr }),
    })),
    eips: uniqueBy(valueOr(cloud.eips, []), (address) => address.allocationId).map(eip),
    securityGroups: uniqueBy(valueOr(cloud.securityGroups, []), (group) => group.id).map(securityGroup),
    networkAcls: valueOr(cloud.networkAcls, []).map((acl) => ({
      NetworkAclId: acl.id, VpcId: acl.vpcId, Status: acl.status,
      ...(acl.name === '' ? {} : { NetworkAclName: acl.name }),
      Resources: { Resource: acl.vSwitchIds.map((id) => ({ ResourceId: id, ResourceType: 'VSwitch' })) },
      IngressAclEntries: { IngressAclEntry: acl.ingress.map((entry) => aclEntry(entry, 'SourceCidrIp')) },
      EgressAclEntries: { EgressAclEntry: acl.egress.map((entry) => aclEntry(entry, 'DestinationCidrIp')) },
    })),
    prefixLists: valueOr(cloud.prefixLists, []).map(prefixList),
    portRangeLists: valueOr(cloud.portRangeLists, []).map(portRangeList),
    networkInterfaces: enis.map(networkInterface),
    instances: [],
    loadBalancers: loadBalancers.map((loadBalancer) => ({
      LoadBalancerId: loadBalancer.id, LoadBalancerName: loadBalancer.name, Address: loadBalancer.address, AddressType: loadBalancer.addressType,
      VpcId: loadBalancer.vpcId ?? '', VSwitchId: loadBalancer.vSwitchId ?? '', LoadBalancerStatus: loadBalancer.status,
      Listeners: loadBalancer.listeners.map((listener) => ({
        ListenerPort: listener.port, ListenerProtocol: listener.protocol, Status: listener.status, AclStatus: listener.aclStatus, AclType: listener.aclType ?? '',
        AclId: listener.aclIds[0] ?? '', AclIds: { AclId: listener.aclIds },
      })),
    })),
    slbAcls: valueOr(cloud.slbAcls, []).map((acl) => ({ AclId: acl.id, AclName: acl.name, AclEntrys: { AclEntry: acl.entries.map((entry) => ({ AclEntryIP: entry.cidr, AclEntryComment: entry.comment })) } })),
    ...whitelistInstances(valueOr(cloud.whitelist, null), recognisedAddress(cloud, vpcId)),
  };
  return withPlaceholders(world, vpcId);
}

/** The address the read whitelist's instance was recognised by, and the VPC listed (the source's), when it was recognised by address. */
function recognisedAddress(cloud: CloudFacts, vpcId: string): RecognisedAddress | null {
  const whitelist = valueOr(cloud.whitelist, null);
  const owner = (cloud.destinationOwners ?? []).find((candidate) => candidate.whitelistInstance?.owner?.instanceId === whitelist?.instanceId);
  if (whitelist === null || owner === undefined) return null;
  const source = valueOr(cloud.sourceEni, null);
  return { address: owner.address, vpcId: source?.vpcId ?? vpcId };
}

/** Adds placeholder items for references to things the facts do not hold, and the VPCs (see the file comment). */
function withPlaceholders(cloud: WorldCloud, vpcId: string): WorldCloud {
  const has = <T>(items: T[], id: (item: T) => string, wanted: string) => items.some((item) => id(item) === wanted);
  const addVSwitch = (id: string, cidr: string, zone: string) => {
    if (id !== '' && !has(cloud.vSwitches, (item) => item.VSwitchId, id)) cloud.vSwitches.push({ VSwitchId: id, VpcId: vpcId, ZoneId: zone, CidrBlock: cidr, NetworkAclId: '' });
  };
  for (const eni of cloud.networkInterfaces) {
    addVSwitch(eni.VSwitchId, '', typeof eni['ZoneId'] === 'string' ? eni['ZoneId'] : '');
    for (const id of eni.SecurityGroupIds.SecurityGroupId) {
      if (!has(cloud.securityGroups, (item) => item.SecurityGroupId, id)) cloud.securityGroups.push({ SecurityGroupId: id, VpcId: eni.VpcId, SecurityGroupType: 'normal', Permissions: { Permission: [] } });
    }
  }
  for (const entry of cloud.snatEntries) {
    addVSwitch(entry.SourceVSwitchId ?? '', entry.SourceCIDR ?? '', '');
    const gateway = cloud.natGateways.find((item) => item.NatGatewayId === entry.NatGatewayId);
    if (gateway === undefined) cloud.natGateways.push({ NatGatewayId: entry.NatGatewayId, VpcId: vpcId, Status: 'Available', SnatTableIds: { SnatTableId: [entry.SnatTableId] } });
    else if (!gateway.SnatTableIds.SnatTableId.includes(entry.SnatTableId)) gateway.SnatTableIds.SnatTableId.push(entry.SnatTableId);
  }
  for (const vSwitch of cloud.vSwitches) {
    const table = vSwitch.RouteTable;
    if (table !== undefined && !has(cloud.routeTables, (item) => item.RouteTableId, table.RouteTableId)) cloud.routeTables.push({ RouteTableId: table.RouteTableId, RouteTableType: table.RouteTableType, VpcId: vSwitch.VpcId });
    const aclId = vSwitch.NetworkAclId ?? '';
    if (aclId !== '' && !has(cloud.networkAcls, (item) => item.NetworkAclId, aclId)) {
      cloud.networkAcls.push({ NetworkAclId: aclId, VpcId: vSwitch.VpcId, Resources: { Resource: [] }, IngressAclEntries: { IngressAclEntry: [] }, EgressAclEntries: { EgressAclEntry: [] } });
    }
  }
  for (const rule of cloud.securityGroups.flatMap((group) => group.Permissions.Permission)) {
    // NOTE: a list that was not read (forbidden) is denied by `ram.deny`; its placeholder has no entries.
    for (const id of [rule['SourcePrefixListId'], rule['DestPrefixListId']]) {
      if (typeof id === 'string' && id !== '' && !has(cloud.prefixLists, (item) => item.PrefixListId, id)) cloud.prefixLists.push({ PrefixListId: id, AddressFamily: 'IPv4', Entries: { Entry: [] } });
    }
    const portListId = rule['PortRangeListId'];
    if (typeof portListId === 'string' && portListId !== '' && !has(cloud.portRangeLists, (item) => item.PortRangeListId, portListId)) cloud.portRangeLists.push({ PortRangeListId: portListId, Entries: [] });
  }
  const vSwitchIds = new Set(cloud.vSwitches.map((item) => item.VSwitchId));
  for (const table of cloud.routeTables) if (table.VSwitchIds) table.VSwitchIds.VSwitchId = table.VSwitchIds.VSwitchId.filter((id) => vSwitchIds.has(id));
  for (const acl of cloud.networkAcls) acl.Resources.Resource = acl.Resources.Resource.filter((resource) => resource.ResourceType !== 'VSwitch' || vSwitchIds.has(resource.ResourceId));
  for (const entry of cloud.routeEntries) {
    for (const hop of entry.NextHops.NextHop) {
      if (hop.NextHopType === 'NatGateway' && !has(cloud.natGateways, (item) => item.NatGatewayId, hop.NextHopId)) cloud.natGateways.push({ NatGatewayId: hop.NextHopId, VpcId: vpcId, Status: 'Available', SnatTableIds: { SnatTableId: [] } });
    }
  }
  for (const balancer of cloud.loadBalancers) {
    for (const listener of balancer.Listeners) {
      const aclId = listener.AclId ?? '';
      if (aclId !== '' && !has(cloud.slbAcls, (item) => item.AclId, aclId)) cloud.slbAcls.push({ AclId: aclId, AclEntrys: { AclEntry: [] } });
    }
  }
  const eniIds = new Set(cloud.networkInterfaces.map((item) => item.NetworkInterfaceId));
  const natIds = new Set(cloud.natGateways.map((item) => item.NatGatewayId));
  for (const address of cloud.eips) {
    // NOTE: an EIP bound to an ENI or NAT gateway outside the path keeps its status but loses the binding's id.
    const bound = address.InstanceType === 'Nat' ? natIds : address.InstanceType === 'NetworkInterface' ? eniIds : null;
    if (bound !== null && address.InstanceId !== undefined && address.InstanceId !== '' && !bound.has(address.InstanceId)) address.InstanceId = '';
  }
  const vpcIds = new Set([vpcId, ...cloud.vSwitches.map((item) => item.VpcId)]);
  cloud.vpcs = [...vpcIds].map((id) => ({ VpcId: id, CidrBlock: '' }));
  return cloud;
}
