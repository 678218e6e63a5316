/**
 * VPC-side resources of the demo world in their Describe* wire shapes: VPCs,
 * vSwitches, route tables and entries, NAT gateways, SNAT entries, EIPs and the
 * network ACL binding (the ACL itself is in cloud-network-acl.ts).
 */
import { ACK_NODES } from './ack-flannel';
import { ACS_PODS, podEniId } from './acs-pods';
import type { CloudItem as Item } from './cloud-item';
import { CEN_LINK } from './cloud-firewall';
import { NETWORK_ACL_ID } from './cloud-network-acl';
import { cloudId } from './ids';
import {
  ACCOUNT_ID,
  EIPS,
  NAT_GATEWAYS,
  REGION_ID,
  RESOURCE_GROUP_ID,
  ROUTE_TABLES,
  V_SWITCHES,
  V_SWITCH_KEYS,
  VPCS,
  type RouteTableKey,
  type VSwitchKey,
} from './topology';

const CREATED = '2026-10-12T08:02:11Z';


export function vpcs(): Array<Item<'vpcs'>> {
  return Object.values(VPCS).map((vpc) => ({
    VpcId: vpc.id,
    VpcName: vpc.name,
    CidrBlock: vpc.cidr,
    Status: 'Available',
    RegionId: REGION_ID,
    VRouterId: vpc.routerId,
    IsDefault: false,
    OwnerId: Number(ACCOUNT_ID),
    ResourceGroupId: RESOURCE_GROUP_ID,
    CreationTime: CREATED,
    Description: '',
  }));
}


export function vSwitches(): Array<Item<'vSwitches'>> {
  return V_SWITCH_KEYS.map((key) => {
    const plan = V_SWITCHES[key];
    const table = ROUTE_TABLES[plan.routeTable];
    return {
      VSwitchId: plan.id,
      VSwitchName: plan.name,
      VpcId: VPCS[plan.vpc].id,
      ZoneId: plan.zone,
      CidrBlock: plan.cidr,
      Status: 'Available',
      AvailableIpAddressCount: 240,
      IsDefault: false,
      NetworkAclId: plan.networkAcl === undefined ? '' : NETWORK_ACL_ID,
      RouteTable: { RouteTableId: table.id, RouteTableType: table.type },
      Description: plan.description,
      OwnerId: Number(ACCOUNT_ID),
      ResourceGroupId: RESOURCE_GROUP_ID,
      CreationTime: CREATED,
    };
  });
}

function vSwitchesBoundTo(table: RouteTableKey): VSwitchKey[] {
  return V_SWITCH_KEYS.filter((key) => V_SWITCHES[key].routeTable === table);
}

export function routeTables(): Array<Item<'routeTables'>> {
  return (Object.keys(ROUTE_TABLES) as RouteTableKey[]).map((key) => {
    const table = ROUTE_TABLES[key];
    return {
      RouteTableId: table.id,
      RouteTableName: table.name,
      RouteTableType: table.type,
      AssociateType: 'VSwitch',
      VpcId: VPCS[table.vpc].id,
      RouterId: VPCS[table.vpc].routerId,
      RouterType: 'VRouter',
      Status: 'Available',
      VSwitchIds: { VSwitchId: vSwitchesBoundTo(key).map((vSwitchKey) => V_SWITCHES[vSwitchKey].id) },
      Description: table.type === 'Custom' ? 'Isolated subnets: no Internet route; on-premises via VPN' : '',
      ResourceGroupId: RESOURCE_GROUP_ID,
      OwnerId: Number(ACCOUNT_ID),
      CreationTime: CREATED,
    };
  });
}

interface EntryPlan {
  key: string;
  cidr: string;
  type: 'System' | 'Custom';
  name?: string;
  description?: string;
  nextHop: { type: string; id: string };
}

function routeEntry(table: RouteTableKey, plan: EntryPlan): Item<'routeEntries'> {
  return {
    RouteEntryId: cloudId('rte', `${table}/${plan.key}`),
    RouteEntryName: plan.name ?? '',
    RouteTableId: ROUTE_TABLES[table].id,
    DestinationCidrBlock: plan.cidr,
    Type: plan.type,
    Status: 'Available',
    IpVersion: 'ipv4',
    Description: plan.description ?? '',
    NextHops: {
      NextHop: [{ NextHopType: plan.nextHop.type, NextHopId: plan.nextHop.id, Enabled: 1, NextHopRegionId: REGION_ID }],
    },
  };
}

/** System routes every table of a VPC holds: one per vSwitch CIDR, and 100.64.0.0/10 for cloud services. */
function systemEntries(table: RouteTableKey): Array<Item<'routeEntries'>> {
  const vpc = ROUTE_TABLES[table].vpc;
  const local = V_SWITCH_KEYS.filter((key) => V_SWITCHES[key].vpc === vpc).map((key) =>
    routeEntry(table, { key: `system/${key}`, cidr: V_SWITCHES[key].cidr, type: 'System', nextHop: { type: 'local', id: '' } }),
  );
  return [...local, routeEntry(table, { key: 'system/service', cidr: '100.64.0.0/10', type: 'System', nextHop: { type: 'service', id: '' } })];
}

export function routeEntries(): Array<Item<'routeEntries'>> {
  return [
    ...systemEntries('prodSystem'),
    routeEntry('prodSystem', {
      key: 'internet',
      cidr: '0.0.0.0/0',
      type: 'Custom',
      name: 'internet-via-nat',
      description: 'Added when the Internet NAT gateway was created',
      nextHop: { type: 'NatGateway', id: NAT_GATEWAYS.prod.id },
    }),
    routeEntry('prodSystem', {
      key: 'shared-services',
      cidr: CEN_LINK.sharedVpc.cidr,
      type: 'Custom',
      name: 'shared-services-via-cen',
      description: 'Shared services VPC through the CEN transit router',
      nextHop: { type: 'Attachment', id: CEN_LINK.attachmentId },
    }),
    ...systemEntries('prodIsolated'),
    routeEntry('prodIsolated', {
      key: 'idc',
      cidr: '10.100.0.0/16',
      type: 'Custom',
      name: 'idc-hangzhou',
      description: 'On-premises data centre over IPsec VPN',
      nextHop: { type: 'VpnGateway', id: cloudId('vpn', 'prod-idc') },
    }),
    ...systemEntries('ackSystem'),
    routeEntry('ackSystem', {
      key: 'internet',
      cidr: '0.0.0.0/0',
      type: 'Custom',
      name: 'internet-via-nat',
      description: 'Added when the Internet NAT gateway was created',
      nextHop: { type: 'NatGateway', id: NAT_GATEWAYS.ack.id },
    }),
    // Flannel's ali-vpc backend routes each node's pod subnet to the node.
    ...ACK_NODES.map((plan) =>
      routeEntry('ackSystem', {
        key: `flannel/${plan.name}`,
        cidr: plan.podCidr,
        type: 'Custom',
        description: `flannel pod subnet of ${plan.name}`,
        nextHop: { type: 'Instance', id: plan.instanceId },
      }),
    ),
  ];
}

export function natGateways(): Array<Item<'natGateways'>> {
  const natEips = { prod: EIPS.prodNat, ack: EIPS.ackNat } as const;
  return (['prod', 'ack'] as const).map((key) => {
    const nat = NAT_GATEWAYS[key];
    const eip = natEips[key];
    return {
      NatGatewayId: nat.id,
      Name: nat.name,
      Description: '',
      VpcId: VPCS[nat.vpc].id,
      RegionId: REGION_ID,
      NatType: 'Enhanced',
      NetworkType: 'internet',
      Spec: '',
      InternetChargeType: 'PayByLcu',
      InstanceChargeType: 'PostPaid',
      EipBindMode: 'MULTI_BINDED',
      Status: 'Available',
      BusinessStatus: 'Normal',
      DeletionProtection: true,
      CreationTime: CREATED,
      ResourceGroupId: RESOURCE_GROUP_ID,
      SnatTableIds: { SnatTableId: [nat.snatTableId] },
      ForwardTableIds: { ForwardTableId: [nat.forwardTableId] },
      IpLists: { IpList: [{ IpAddress: eip.ip, AllocationId: eip.id, SnatEntryEnabled: true, UsingStatus: 'UsedBySnatTable' }] },
      NatGatewayPrivateInfo: {
        VswitchId: V_SWITCHES[nat.vSwitch].id,
        PrivateIpAddress: nat.privateIp,
        IzNo: V_SWITCHES[nat.vSwitch].zone,
        MaxBandwidth: 5120,
        EniType: 'indirect',
      },
    };
  });
}

function snatForVSwitch(nat: 'prod' | 'ack', vSwitch: VSwitchKey, snatIp: string): Item<'snatEntries'> {
  return {
    SnatEntryId: cloudId('snat', `${nat}/${vSwitch}`),
    SnatEntryName: V_SWITCHES[vSwitch].name,
    SnatTableId: NAT_GATEWAYS[nat].snatTableId,
    NatGatewayId: NAT_GATEWAYS[nat].id,
    SourceVSwitchId: V_SWITCHES[vSwitch].id,
    SourceCIDR: V_SWITCHES[vSwitch].cidr,
    SnatIp: snatIp,
    EipAffinity: '0',
    NetworkInterfaceId: '',
    Status: 'Available',
  };
}

/** A /32 entry for one pod (snat-eip-detached): more specific than its vSwitch entry, so it wins. */
function snatForPod(nat: 'prod' | 'ack', name: string, podIp: string, snatIp: string): Item<'snatEntries'> {
  return {
    SnatEntryId: cloudId('snat', `${nat}/${name}`),
    SnatEntryName: name,
    SnatTableId: NAT_GATEWAYS[nat].snatTableId,
    NatGatewayId: NAT_GATEWAYS[nat].id,
    SourceCIDR: `${podIp}/32`,
    SnatIp: snatIp,
    EipAffinity: '0',
    NetworkInterfaceId: '',
    Status: 'Available',
  };
}

/**
 * SNAT entries: every prod vSwitch with Internet-bound pods except `jobs` (snat-missing)
 * and `edge` (pod EIPs); the batch vSwitch has one, but its custom route table has no
 * Internet route (no-nat-route). ACK: both node vSwitches.
 */
export function snatEntries(): Array<Item<'snatEntries'>> {
  const prod: VSwitchKey[] = ['podsH', 'podsI', 'pci', 'batchIsolated', 'prodErpApp'];
  return [
    ...prod.map((key) => snatForVSwitch('prod', key, EIPS.prodNat.ip)),
    snatForPod('prod', 'shop/price-feed', '10.0.32.47', EIPS.spare.ip),
    snatForVSwitch('ack', 'ackNodesH', EIPS.ackNat.ip),
    snatForVSwitch('ack', 'ackNodesI', EIPS.ackNat.ip),
  ];
}

function eip(
  plan: { id: string; ip: string },
  binding: { instanceId: string; instanceType: string; privateIp?: string; vpc: 'prod' | 'ack' } | null,
  name: string,
): Item<'eips'> {
  return {
    AllocationId: plan.id,
    IpAddress: plan.ip,
    Name: name,
    Status: binding === null ? 'Available' : 'InUse',
    InstanceId: binding?.instanceId ?? '',
    InstanceType: binding?.instanceType ?? '',
    InstanceRegionId: binding === null ? '' : REGION_ID,
    PrivateIpAddress: binding?.privateIp ?? '',
    VpcId: binding === null ? '' : VPCS[binding.vpc].id,
    Mode: 'NAT',
    Bandwidth: binding?.instanceType === 'Nat' ? '200' : '10',
    InternetChargeType: 'PayByTraffic',
    ChargeType: 'PostPaid',
    ISP: 'BGP',
    Netmode: 'public',
    BusinessStatus: 'Normal',
    OperationLocks: { LockReason: [] },
    RegionId: REGION_ID,
    ResourceGroupId: RESOURCE_GROUP_ID,
    AllocationTime: CREATED,
  };
}

export function eips(): Array<Item<'eips'>> {
  const edgePod = ACS_PODS.find((plan) => plan.eip !== undefined);
  if (edgePod === undefined) throw new Error('demo world: the pod-eip-ok pod is not planned');
  return [
    eip(EIPS.prodNat, { instanceId: NAT_GATEWAYS.prod.id, instanceType: 'Nat', vpc: 'prod' }, 'acs-prod-snat-1'),
    eip(EIPS.ackNat, { instanceId: NAT_GATEWAYS.ack.id, instanceType: 'Nat', vpc: 'ack' }, 'ack-flannel-snat-1'),
    eip(EIPS.edgePod, { instanceId: podEniId(edgePod), instanceType: 'NetworkInterface', privateIp: edgePod.ip, vpc: 'prod' }, 'edge-game-relay'),
    eip(EIPS.spare, null, 'spare'),
  ];
}
