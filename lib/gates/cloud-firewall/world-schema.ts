/**
 * The Cloud Firewall section of a world file (`cloud.cloudFirewall`, docs/world-format.md):
 * assets with their protection status, NAT firewalls, and control policies, in the PascalCase
 * shapes the Cloudfw 2017-12-07 actions answer. Pure.
 */
import { z } from 'zod';

/** DescribeAssetList → Assets[] item. */
const assetSchema = z.looseObject({
  InternetAddress: z.string().min(1),
  IntranetAddress: z.string().optional(),
  ResourceType: z.string().default('EIP'),
  ResourceInstanceId: z.string().default(''),
  /** open, opening, closed, closing. */
  ProtectStatus: z.enum(['open', 'opening', 'closed', 'closing']),
  RegionID: z.string().optional(),
});

/** DescribeNatFirewallList → NatFirewallList[] item. */
const natFirewallSchema = z.looseObject({
  ProxyId: z.string().min(1),
  ProxyName: z.string().default(''),
  NatGatewayId: z.string().regex(/^ngw-/, 'a NAT gateway id starts with ngw-'),
  VpcId: z.string().regex(/^vpc-/, 'a VPC id starts with vpc-'),
  /** normal (on), configuring, opening, closing, closed, deleting, abnormal. */
  ProxyStatus: z.enum(['normal', 'configuring', 'opening', 'closing', 'closed', 'deleting', 'abnormal']),
  /** 1: strict mode on. */
  StrictMode: z.union([z.literal(0), z.literal(1)]).default(0),
});

const addressType = z.enum(['net', 'group', 'domain', 'location']);

/** DescribeControlPolicy → Policys[] item (DescribeNatFirewallControlPolicy adds NatGatewayId). */
const controlPolicySchema = z.looseObject({
  AclUuid: z.string().min(1),
  Direction: z.enum(['in', 'out']),
  Order: z.number().int().min(1),
  AclAction: z.enum(['accept', 'drop', 'log']),
  Source: z.string().min(1),
  SourceType: addressType.default('net'),
  SourceGroupCidrs: z.array(z.string()).optional(),
  Destination: z.string().min(1),
  DestinationType: addressType.default('net'),
  DestinationGroupCidrs: z.array(z.string()).optional(),
  /** ANY, TCP, UDP, ICMP. */
  Proto: z.string().default('ANY'),
  DestPort: z.string().default(''),
  DestPortType: z.enum(['port', 'group']).default('port'),
  DestPortGroupPorts: z.array(z.string()).optional(),
  ApplicationNameList: z.array(z.string()).default(['ANY']),
  DomainResolveType: z.enum(['FQDN', 'DNS', 'FQDN_AND_DNS']).optional(),
  Description: z.string().default(''),
  /** "true" when the policy is enabled. */
  Release: z.enum(['true', 'false']).default('true'),
  IpVersion: z.string().default('4'),
});

/** The switch of a VPC firewall: opened (on), closed, notconfigured, configured (set up but off). */
const vpcFirewallStatus = z.enum(['opened', 'closed', 'notconfigured', 'configured']);
/** `VpcCidrTableList[]`: a route table of the VPC and the CIDR blocks it routes. */
const vpcCidrTableSchema = z.looseObject({
  RouteTableId: z.string().default(''),
  RouteEntryList: z.array(z.looseObject({ DestinationCidr: z.string().min(1), NextHopInstanceId: z.string().default('') })).default([]),
});
const vpcSideSchema = z.looseObject({
  VpcId: z.string().regex(/^vpc-/, 'a VPC id starts with vpc-'),
  VpcName: z.string().default(''),
  RegionNo: z.string().optional(),
  VpcCidrTableList: z.array(vpcCidrTableSchema).default([]),
});

/** DescribeVpcFirewallCenList → VpcFirewalls[] item: the firewall between one VPC and its CEN transit router. */
const vpcFirewallCenSchema = z.looseObject({
  VpcFirewallId: z.string().min(1),
  VpcFirewallName: z.string().default(''),
  ConnectType: z.literal('cen').default('cen'),
  /** The CEN instance: its id is also the id of the policy group (DescribeVpcFirewallControlPolicy `VpcFirewallId`). */
  CenId: z.string().regex(/^cen-/, 'a CEN id starts with cen-'),
  CenName: z.string().default(''),
  FirewallSwitchStatus: vpcFirewallStatus,
  LocalVpc: vpcSideSchema.extend({
    NetworkInstanceId: z.string().optional(),
    NetworkInstanceType: z.enum(['VPC', 'VBR', 'CCN']).default('VPC'),
    TransitRouterType: z.enum(['Basic', 'Enterprise']).default('Enterprise'),
    /** The CIDR blocks the firewall protects. */
    DefendCidrList: z.array(z.string()).default([]),
  }),
});

/** DescribeVpcFirewallList → VpcFirewalls[] item: the firewall between two VPCs over Express Connect or VPC peering. */
const vpcFirewallSchema = z.looseObject({
  VpcFirewallId: z.string().min(1),
  VpcFirewallName: z.string().default(''),
  ConnectType: z.literal('expressconnect').default('expressconnect'),
  /** vpc2vpc (Express Connect) or vpcpeer (VPC peering). */
  ConnectSubType: z.enum(['vpc2vpc', 'vpcpeer']).default('vpcpeer'),
  FirewallSwitchStatus: vpcFirewallStatus,
  LocalVpc: vpcSideSchema,
  PeerVpc: vpcSideSchema,
});

/** DescribeVpcFirewallControlPolicy → Policys[] item (no Direction: a VPC border policy filters both ways), with its policy group. */
const vpcControlPolicySchema = controlPolicySchema.omit({ Direction: true, IpVersion: true }).extend({
  /** The policy group: the CEN id (cen-…) or the Express Connect firewall's id (vfw-…). */
  VpcFirewallId: z.string().min(1),
});

export const cloudFirewallWorldSchema = z.object({
  /** Public addresses known to the Internet border firewall, with their protection status. */
  assets: z.array(assetSchema).default([]),
  /** NAT firewalls, one per protected NAT gateway. */
  natFirewalls: z.array(natFirewallSchema).default([]),
  /** Internet border firewall policies (both directions). */
  controlPolicies: z.array(controlPolicySchema).default([]),
  /** NAT firewall policies, each naming its NAT gateway. */
  natControlPolicies: z.array(controlPolicySchema.extend({ NatGatewayId: z.string().regex(/^ngw-/, 'a NAT gateway id starts with ngw-') })).default([]),
  /** VPC firewalls between a VPC and its CEN transit router. */
  vpcFirewallCens: z.array(vpcFirewallCenSchema).default([]),
  /** VPC firewalls between two VPCs (Express Connect, VPC peering). */
  vpcFirewalls: z.array(vpcFirewallSchema).default([]),
  /** VPC border firewall policies, each naming its policy group. */
  vpcControlPolicies: z.array(vpcControlPolicySchema).default([]),
});
export type CloudFirewallWorld = z.infer<typeof cloudFirewallWorldSchema>;
export type CloudFirewallWorldPolicy = z.infer<typeof controlPolicySchema>;
export type CloudFirewallWorldVpcPolicy = z.infer<typeof vpcControlPolicySchema>;
