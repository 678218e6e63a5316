/**
 * Compute and service resources of the demo world in their Describe* wire shapes:
 * security groups with rules, ENIs (one per ACS pod, one primary ENI per ECS
 * instance), ECS instances, CLB instances with listeners and ACLs, RDS and Redis.
 */
import { IDC_CIDR } from './ack-dns';
import { ACK_NODES } from './ack-flannel';
import { ACS_COREDNS, ACS_PODS, podEniId } from './acs-pods';
import { CEN_LINK } from './cloud-firewall';
import type { CloudItem as Item } from './cloud-item';
import { cloudId, macAddress } from './ids';
import {
  ACCOUNT_ID,
  REGION_ID,
  RESOURCE_GROUP_ID,
  PREFIX_LISTS,
  SECURITY_GROUPS,
  V_SWITCHES,
  VPCS,
  type SecurityGroupKey,
  type VpcKey,
  type VSwitchKey,
} from './topology';

const CREATED = '2026-10-12T08:05:37Z';


interface RulePlan {
  key: string;
  direction: 'ingress' | 'egress';
  policy: 'Accept' | 'Drop';
  priority: number;
  protocol: 'TCP' | 'UDP' | 'ICMP' | 'ALL';
  ports: string;
  /** Destination (egress) or source (ingress) CIDR. */
  cidr: string;
  description: string;
  /** Destination (egress) or source (ingress) prefix list instead of `cidr`. */
  prefixListId?: string;
}

function permission(group: SecurityGroupKey, rule: RulePlan): Item<'securityGroups'>['Permissions']['Permission'][number] {
  return {
    SecurityGroupRuleId: cloudId('sgr', `${group}/${rule.key}`),
    Direction: rule.direction,
    Policy: rule.policy,
    Priority: String(rule.priority),
    IpProtocol: rule.protocol,
    PortRange: rule.ports,
    SourceCidrIp: rule.direction === 'ingress' ? rule.cidr : '',
    DestCidrIp: rule.direction === 'egress' ? rule.cidr : '',
    SourcePortRange: '',
    SourceGroupId: '',
    DestGroupId: '',
    SourcePrefixListId: rule.direction === 'ingress' ? (rule.prefixListId ?? '') : '',
    DestPrefixListId: rule.direction === 'egress' ? (rule.prefixListId ?? '') : '',
    Ipv6SourceCidrIp: '',
    Ipv6DestCidrIp: '',
    NicType: 'intranet',
    Description: rule.description,
    CreateTime: CREATED,
  };
}

const rule = (
  key: string,
  direction: RulePlan['direction'],
  policy: RulePlan['policy'],
  priority: number,
  protocol: RulePlan['protocol'],
  ports: string,
  cidr: string,
  description: string,
): RulePlan => ({ key, direction, policy, priority, protocol, ports, cidr, description });

/** Rules by group. Every group is `normal` with explicit egress accepts, so no scenario leans on a default. */
const RULES: Readonly<Record<SecurityGroupKey, RulePlan[]>> = {
  acsPods: [
    rule('in-vpc', 'ingress', 'Accept', 1, 'ALL', '-1/-1', VPCS.prod.cidr, 'VPC internal'),
    rule('in-slb', 'ingress', 'Accept', 1, 'TCP', '1/65535', '100.64.0.0/10', 'CLB forwarding and health checks'),
    rule('out-vpc', 'egress', 'Accept', 1, 'ALL', '-1/-1', VPCS.prod.cidr, 'VPC internal'),
    rule('out-https', 'egress', 'Accept', 1, 'TCP', '443/443', '0.0.0.0/0', 'HTTPS to the Internet'),
    rule('out-http', 'egress', 'Accept', 1, 'TCP', '80/80', '0.0.0.0/0', 'HTTP to the Internet'),
    rule('out-game', 'egress', 'Accept', 1, 'UDP', '7000/7999', '0.0.0.0/0', 'Game relay'),
    rule('out-shared-pg', 'egress', 'Accept', 1, 'TCP', '5432/5432', CEN_LINK.sharedVpc.cidr, 'PostgreSQL in shared-services (over CEN)'),
    rule('out-dns-1', 'egress', 'Accept', 1, 'UDP', '53/53', '100.100.2.136/32', 'Alibaba Cloud DNS'),
    rule('out-dns-2', 'egress', 'Accept', 1, 'UDP', '53/53', '100.100.2.138/32', 'Alibaba Cloud DNS'),
  ],
  acsPaymentsEgress: [
    rule('in-vpc', 'ingress', 'Accept', 1, 'ALL', '-1/-1', VPCS.prod.cidr, 'VPC internal'),
    rule('out-vpc', 'egress', 'Accept', 1, 'ALL', '-1/-1', VPCS.prod.cidr, 'VPC internal (egress proxy lives here)'),
    rule('out-https-drop', 'egress', 'Drop', 1, 'TCP', '443/443', '0.0.0.0/0', 'SEC-2291: no direct Internet HTTPS, use the egress proxy'),
    rule('out-https', 'egress', 'Accept', 10, 'TCP', '443/443', '0.0.0.0/0', 'HTTPS to the Internet (before SEC-2291)'),
  ],
  legacyBilling: [
    rule('in-erp', 'ingress', 'Accept', 1, 'TCP', '8080/8080', V_SWITCHES.prodErpApp.cidr, 'ERP application tier'),
    rule('in-ssh', 'ingress', 'Accept', 1, 'TCP', '22/22', '10.0.0.10/32', 'Bastion host'),
    rule('in-icmp', 'ingress', 'Accept', 100, 'ICMP', '-1/-1', VPCS.prod.cidr, 'Ping from the VPC'),
    rule('out-all', 'egress', 'Accept', 1, 'ALL', '-1/-1', '0.0.0.0/0', 'All outbound'),
  ],
  acsMarketing: [
    rule('in-vpc', 'ingress', 'Accept', 1, 'ALL', '-1/-1', VPCS.prod.cidr, 'VPC internal'),
    { ...rule('out-denylist', 'egress', 'Drop', 1, 'ALL', '-1/-1', '', 'SEC-3120: the security team\'s egress deny list'), prefixListId: PREFIX_LISTS.egressDenylist.id },
    rule('out-all', 'egress', 'Accept', 1, 'ALL', '-1/-1', '0.0.0.0/0', 'All outbound'),
  ],
  ackNodes: [
    rule('in-pods', 'ingress', 'Accept', 1, 'ALL', '-1/-1', '172.20.0.0/16', 'Flannel pod CIDR'),
    rule('in-vpc', 'ingress', 'Accept', 1, 'ALL', '-1/-1', VPCS.ack.cidr, 'VPC internal'),
    rule('in-icmp', 'ingress', 'Accept', 100, 'ICMP', '-1/-1', '0.0.0.0/0', 'Ping'),
    rule('out-all', 'egress', 'Accept', 1, 'ALL', '-1/-1', '0.0.0.0/0', 'All outbound'),
    // coredns-stub-forward: the Corefile forwards the IDC zone to these servers anyway.
    rule('out-idc-dns-udp', 'egress', 'Drop', 1, 'UDP', '53/53', IDC_CIDR, 'SEC-4410: resolve IDC names through PrivateZone, not the IDC DNS servers'),
    rule('out-idc-dns-tcp', 'egress', 'Drop', 1, 'TCP', '53/53', IDC_CIDR, 'SEC-4410: resolve IDC names through PrivateZone, not the IDC DNS servers'),
  ],
};

export function securityGroups(): Array<Item<'securityGroups'>> {
  return (Object.keys(SECURITY_GROUPS) as SecurityGroupKey[]).map((key) => {
    const group = SECURITY_GROUPS[key];
    return {
      SecurityGroupId: group.id,
      SecurityGroupName: group.name,
      Description: group.description,
      SecurityGroupType: 'normal',
      VpcId: VPCS[group.vpc].id,
      InnerAccessPolicy: 'Accept',
      RegionId: REGION_ID,
      ResourceGroupId: RESOURCE_GROUP_ID,
      ServiceManaged: false,
      CreationTime: CREATED,
      Permissions: { Permission: RULES[key].map((plan) => permission(key, plan)) },
    };
  });
}

interface EniPlan {
  id: string;
  type: 'Primary' | 'Secondary';
  name: string;
  description: string;
  vSwitch: VSwitchKey;
  ip: string;
  groups: SecurityGroupKey[];
  instanceId?: string;
  publicIp?: { ip: string; allocationId: string };
}

function networkInterface(plan: EniPlan): Item<'networkInterfaces'> {
  const vSwitch = V_SWITCHES[plan.vSwitch];
  const publicIp = plan.publicIp === undefined ? undefined : { PublicIpAddress: plan.publicIp.ip, AllocationId: plan.publicIp.allocationId };
  return {
    NetworkInterfaceId: plan.id,
    NetworkInterfaceName: plan.name,
    Description: plan.description,
    Type: plan.type,
    Status: 'InUse',
    InstanceId: plan.instanceId ?? '',
    VpcId: VPCS[vSwitch.vpc].id,
    VSwitchId: vSwitch.id,
    ZoneId: vSwitch.zone,
    PrivateIpAddress: plan.ip,
    PrivateIpSets: { PrivateIpSet: [{ PrivateIpAddress: plan.ip, Primary: true, ...(publicIp === undefined ? {} : { AssociatedPublicIp: publicIp }) }] },
    ...(publicIp === undefined ? {} : { AssociatedPublicIp: publicIp }),
    MacAddress: macAddress(plan.id),
    SecurityGroupIds: { SecurityGroupId: plan.groups.map((key) => SECURITY_GROUPS[key].id) },
    ServiceManaged: false,
    OwnerId: ACCOUNT_ID,
    ResourceGroupId: RESOURCE_GROUP_ID,
    CreationTime: CREATED,
  };
}

/** The legacy billing ECS instance, the ecs-sg-inbound destination. */
export const BILLING_INSTANCE = { id: cloudId('i', 'legacy-billing-01'), name: 'legacy-billing-01', ip: '10.0.2.15', eniId: cloudId('eni', 'legacy-billing-01') };

export function networkInterfaces(): Array<Item<'networkInterfaces'>> {
  const acsPods: EniPlan[] = ACS_PODS.map((plan) => ({
    id: podEniId(plan),
    type: 'Secondary',
    name: '',
    description: `ACS pod ${plan.namespace}/${plan.name}`,
    vSwitch: plan.vSwitch,
    ip: plan.ip,
    groups: plan.securityGroups,
    publicIp: plan.eip === undefined ? undefined : { ip: plan.eip.ip, allocationId: plan.eip.allocationId },
  }));
  const coreDns: EniPlan[] = ACS_COREDNS.map((replica) => {
    const name = `coredns-7c8d9b6f54-${replica.suffix}`;
    return {
      id: podEniId({ namespace: 'kube-system', name }),
      type: 'Secondary',
      name: '',
      description: `ACS pod kube-system/${name}`,
      vSwitch: replica.vSwitch,
      ip: replica.ip,
      groups: ['acsPods'],
    };
  });
  const ackNodes: EniPlan[] = ACK_NODES.map((plan) => ({
    id: plan.eniId,
    type: 'Primary',
    name: '',
    description: '',
    vSwitch: plan.vSwitch,
    ip: plan.ip,
    groups: ['ackNodes'],
    instanceId: plan.instanceId,
  }));
  const billing: EniPlan = {
    id: BILLING_INSTANCE.eniId,
    type: 'Primary',
    name: '',
    description: '',
    vSwitch: 'prodLegacy',
    ip: BILLING_INSTANCE.ip,
    groups: ['legacyBilling'],
    instanceId: BILLING_INSTANCE.id,
  };
  return [...coreDns, ...acsPods, ...ackNodes, billing].map(networkInterface);
}

function instance(plan: { id: string; name: string; ip: string; eniId: string; vSwitch: VSwitchKey; groups: SecurityGroupKey[]; tags: Record<string, string> }): Item<'instances'> {
  const vSwitch = V_SWITCHES[plan.vSwitch];
  const vpc: VpcKey = vSwitch.vpc;
  return {
    InstanceId: plan.id,
    InstanceName: plan.name,
    HostName: plan.name,
    Status: 'Running',
    RegionId: REGION_ID,
    ZoneId: vSwitch.zone,
    InstanceType: 'ecs.g7.xlarge',
    Cpu: 4,
    Memory: 16384,
    OSName: 'Alibaba Cloud Linux  3.2104 LTS 64位',
    OSType: 'linux',
    ImageId: 'aliyun_3_x64_20G_alibase_20260915.vhd',
    InstanceNetworkType: 'vpc',
    InternetMaxBandwidthOut: 0,
    VpcAttributes: { VpcId: VPCS[vpc].id, VSwitchId: vSwitch.id, PrivateIpAddress: { IpAddress: [plan.ip] }, NatIpAddress: '' },
    SecurityGroupIds: { SecurityGroupId: plan.groups.map((key) => SECURITY_GROUPS[key].id) },
    NetworkInterfaces: { NetworkInterface: [{ NetworkInterfaceId: plan.eniId, Type: 'Primary', PrimaryIpAddress: plan.ip, MacAddress: macAddress(plan.eniId) }] },
    PublicIpAddress: { IpAddress: [] },
    EipAddress: { AllocationId: '', IpAddress: '', InternetChargeType: '' },
    ResourceGroupId: RESOURCE_GROUP_ID,
    CreationTime: '2026-10-12T08:20Z',
    Tags: { Tag: Object.entries(plan.tags).map(([TagKey, TagValue]) => ({ TagKey, TagValue })) },
  };
}

export function instances(): Array<Item<'instances'>> {
  return [
    ...ACK_NODES.map((plan) =>
      instance({
        id: plan.instanceId,
        name: plan.instanceName,
        ip: plan.ip,
        eniId: plan.eniId,
        vSwitch: plan.vSwitch,
        groups: ['ackNodes'],
        tags: { 'ack.aliyun.com': 'c8f1e2d3a4b5c6d7e8f9a0b1c2d3e4f5a', 'acs:autoscaling:scalingGroupId': 'asg-bp1d9k2m4x6c8v0b3n5q' },
      }),
    ),
    instance({ ...BILLING_INSTANCE, vSwitch: 'prodLegacy', groups: ['legacyBilling'], tags: { team: 'billing', env: 'prod' } }),
  ];
}

/** The prefix lists of the account (DescribePrefixListAttributes bodies). */
export function prefixLists(): Array<Item<'prefixLists'>> {
  const list = PREFIX_LISTS.egressDenylist;
  return [
    {
      PrefixListId: list.id,
      PrefixListName: list.name,
      Description: list.description,
      AddressFamily: 'IPv4',
      MaxEntries: 50,
      CreationTime: '2026-11-02T09:41:12Z',
      Entries: {
        Entry: [
          { Cidr: '198.51.100.160/27', Description: 'retired payment gateway (SEC-2977)' },
          { Cidr: '203.0.113.20/32', Description: 'api.partner.example.com: contract under review (SEC-3120)' },
          { Cidr: '203.0.113.7/32', Description: 'one ingest node of adtrack: flagged by threat intel (SEC-3188)' },
        ],
      },
    },
  ];
}
