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

export const cloudFirewallWorldSchema = z.object({
  /** Public addresses known to the Internet border firewall, with their protection status. */
  assets: z.array(assetSchema).default([]),
  /** NAT firewalls, one per protected NAT gateway. */
  natFirewalls: z.array(natFirewallSchema).default([]),
  /** Internet border firewall policies (both directions). */
  controlPolicies: z.array(controlPolicySchema).default([]),
  /** NAT firewall policies, each naming its NAT gateway. */
  natControlPolicies: z.array(controlPolicySchema.extend({ NatGatewayId: z.string().regex(/^ngw-/, 'a NAT gateway id starts with ngw-') })).default([]),
});
export type CloudFirewallWorld = z.infer<typeof cloudFirewallWorldSchema>;
export type CloudFirewallWorldPolicy = z.infer<typeof controlPolicySchema>;
