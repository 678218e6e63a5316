/**
 * Builders of Alibaba Cloud fixes: each returns one OpenAPI request (product, version,
 * action, parameters) with its `aliyun` CLI line, a stable id, and plain-words risk. Pure.
 */
import { english, messageOf, msg, textOf, type Message, type Text } from '@/lib/analysis/message';
import type { FactRef, Fix, NetworkAclEntry, PortRange, Protocol, WhitelistService } from '@/lib/analysis/model';

import { type AlicloudProduct, toAliyunCli } from './aliyun-cli';

/** A fix of a product the dashboard applies (a gate's product, such as Cloudfw, builds its own). */
type AlicloudFix = Extract<Fix, { kind: 'alicloud' }> & { product: AlicloudProduct };
export type ManualFix = Extract<Fix, { kind: 'manual' }>;

const API_VERSION: Record<AlicloudProduct, string> = {
  Ecs: '2014-05-26',
  Vpc: '2016-04-28',
  Slb: '2014-05-15',
  Rds: '2014-08-15',
  'R-kvstore': '2015-01-01',
  Polardb: '2017-08-01',
  Dds: '2015-12-01',
};

/** Description written into the rules and entries we create, so people can find them. */
export const FIX_DESCRIPTION = 'added by ACS Egress Doctor';

interface AlicloudFixInput {
  id: string;
  title: string;
  description: string;
  risk: string;
  titleMessage?: Message;
  descriptionMessage?: Message;
  riskMessage?: Message;
  target: FactRef;
  product: AlicloudProduct;
  action: string;
  parameters: Record<string, string>;
}

/** Assembles an `alicloud` fix and renders its CLI line. */
export function alicloudFix(input: AlicloudFixInput): AlicloudFix {
  return {
    kind: 'alicloud',
    id: input.id,
    title: input.title,
    description: input.description,
    risk: input.risk,
    ...(input.titleMessage ? { titleMessage: input.titleMessage } : {}),
    ...(input.descriptionMessage ? { descriptionMessage: input.descriptionMessage } : {}),
    ...(input.riskMessage ? { riskMessage: input.riskMessage } : {}),
    target: input.target,
    product: input.product,
    version: API_VERSION[input.product],
    action: input.action,
    parameters: input.parameters,
    command: toAliyunCli(input.product, input.action, input.parameters),
  };
}

/** A fix people carry out by hand when no single API call does it. */
export function manualFix(input: Omit<ManualFix, 'kind'>): ManualFix {
  return { kind: 'manual', ...input };
}

/** `{ RegionId }` when the region is known (the CLI otherwise uses its profile's region). */
function region(regionId: string | null): Record<string, string> {
  return regionId === null ? {} : { RegionId: regionId };
}

/** `443/443` for one port, `-1/-1` for all ports. */
export function formatPortRange(range: PortRange | null): string {
  return range === null ? '-1/-1' : `${range.from}/${range.to}`;
}

/** `/32` for IPv4 or `/128` for IPv6 host routes. */
export function hostCidr(address: string): string {
  return address.includes(':') ? `${address}/128` : `${address}/32`;
}

const isIpv6Cidr = (cidr: string): boolean => cidr.includes(':');

export interface SecurityGroupRuleFixInput {
  regionId: string | null;
  securityGroupId: string;
  protocol: Protocol;
  port: number;
  /** Far side: destination for egress, source for ingress. */
  cidr: string;
  /** 1–100; smaller wins. */
  priority: number;
  risk: string;
}

/** Words and parameter names of the two rule directions. */
const RULE_DIRECTIONS = {
  egress: { action: 'AuthorizeSecurityGroupEgress', word: 'outbound', preposition: 'to', toward: 'toward', remoteKey: 'DestCidrIp', remoteKeyV6: 'Ipv6DestCidrIp' },
  ingress: { action: 'AuthorizeSecurityGroup', word: 'inbound', preposition: 'from', toward: 'from', remoteKey: 'SourceCidrIp', remoteKeyV6: 'Ipv6SourceCidrIp' },
} as const;

/** ECS AuthorizeSecurityGroup(Egress): accept `protocol`/`port` toward (egress) or from (ingress) `cidr`. */
function authorizeSecurityGroupRule(direction: 'egress' | 'ingress', input: SecurityGroupRuleFixInput, idSuffix = ''): AlicloudFix {
  const words = RULE_DIRECTIONS[direction];
  const remoteKey = isIpv6Cidr(input.cidr) ? words.remoteKeyV6 : words.remoteKey;
  return alicloudFix({
    id: `securityGroup-authorize-${direction}-${input.securityGroupId}${idSuffix}`,
    title: `Allow ${input.protocol.toUpperCase()} ${input.port} ${words.preposition} ${input.cidr} in ${input.securityGroupId}`,
    description: `Adds an ${words.word} accept rule at priority ${input.priority} to security group ${input.securityGroupId} for ${input.protocol}/${input.port} ${words.toward} ${input.cidr}.`,
    risk: input.risk,
    target: { kind: 'securityGroup', id: input.securityGroupId, label: input.securityGroupId },
    product: 'Ecs',
    action: words.action,
    parameters: {
      ...region(input.regionId),
      SecurityGroupId: input.securityGroupId,
      // NOTE: security-group rules name tcp, udp, icmp, gre or all: SCTP is only admitted by `all` (ports -1/-1).
      IpProtocol: input.protocol === 'sctp' ? 'all' : input.protocol,
      PortRange: input.protocol === 'sctp' ? '-1/-1' : `${input.port}/${input.port}`,
      [remoteKey]: input.cidr,
      Policy: 'accept',
      Priority: String(input.priority),
      Description: FIX_DESCRIPTION,
    },
  });
}

/** ECS AuthorizeSecurityGroupEgress: accept `protocol`/`port` toward `cidr`. */
export function authorizeSecurityGroupEgress(input: SecurityGroupRuleFixInput): AlicloudFix {
  return authorizeSecurityGroupRule('egress', input);
}

/** ECS AuthorizeSecurityGroup (inbound): accept `protocol`/`port` from `cidr`. */
export function authorizeSecurityGroupIngress(input: SecurityGroupRuleFixInput & { idSuffix?: string }): AlicloudFix {
  return authorizeSecurityGroupRule('ingress', input, input.idSuffix);
}

/** ECS RevokeSecurityGroupEgress of one rule by id. */
export function revokeSecurityGroupEgress(input: {
  regionId: string | null;
  securityGroupId: string;
  ruleId: string;
  risk: Text;
}): AlicloudFix {
  const title = msg('analysis.fix.securityGroupRevokeTitle', { rule: input.ruleId, group: input.securityGroupId });
  const description = msg('analysis.fix.securityGroupRevokeDescription', { rule: input.ruleId, group: input.securityGroupId });
  const riskMessage = messageOf(input.risk);
  return alicloudFix({
    id: `securityGroup-revoke-egress-${input.ruleId}`,
    title: english(title),
    titleMessage: title,
    description: english(description),
    descriptionMessage: description,
    risk: textOf(input.risk),
    ...(riskMessage ? { riskMessage } : {}),
    target: { kind: 'securityGroupRule', id: input.ruleId, label: `${input.securityGroupId} ${input.ruleId}` },
    product: 'Ecs',
    action: 'RevokeSecurityGroupEgress',
    parameters: { ...region(input.regionId), SecurityGroupId: input.securityGroupId, 'SecurityGroupRuleId.1': input.ruleId },
  });
}

/** The id of an entry a fix adds (the cloud assigns the real one): sent without `NetworkAclEntryId`. */
export const NEW_ENTRY_ID = 'new';

/**
 * VPC UpdateNetworkAclEntries for one direction.
 *
 * NOTE: the call replaces the whole ordered list of that direction, so `entries` must be
 * the complete new list (index 0 = first evaluated), not just the added entry.
 */
export function updateNetworkAclEntries(input: {
  regionId: string | null;
  networkAclId: string;
  direction: 'ingress' | 'egress';
  entries: NetworkAclEntry[];
  summary: string;
  risk: string;
}): AlicloudFix {
  const prefix = input.direction === 'egress' ? 'EgressAclEntries' : 'IngressAclEntries';
  const cidrKey = input.direction === 'egress' ? 'DestinationCidrIp' : 'SourceCidrIp';
  const entryParameters = input.entries.flatMap((entry, index) => {
    const key = `${prefix}.${index + 1}`;
    // NOTE: every field of a kept entry is sent back (its id, name, description, type and IP
    // version): the call replaces the list, and a field left out is lost.
    const fields: Array<[string, string]> = [
      ...(entry.id === NEW_ENTRY_ID || entry.id === '' ? [] : [[`${key}.NetworkAclEntryId`, entry.id] satisfies [string, string]]),
      [`${key}.NetworkAclEntryName`, entry.name],
      [`${key}.EntryType`, entry.entryType],
      [`${key}.IpVersion`, isIpv6Cidr(entry.cidr) ? 'IPV6' : 'IPV4'],
      [`${key}.Policy`, entry.policy],
      [`${key}.Protocol`, entry.protocol],
      [`${key}.Port`, formatPortRange(entry.portRange)],
      [`${key}.${cidrKey}`, entry.cidr],
      [`${key}.Description`, entry.description ?? ''],
    ];
    return fields;
  });
  const updateFlag = input.direction === 'egress' ? 'UpdateEgressAclEntries' : 'UpdateIngressAclEntries';
  return alicloudFix({
    id: `networkAcl-update-${input.direction}-${input.networkAclId}`,
    title: `${input.summary} in network ACL ${input.networkAclId}`,
    description: `Replaces the ${input.direction} entries of ${input.networkAclId} with the same list plus the new accept entry ahead of the entry that denied. The call replaces the whole ordered list: review every entry.`,
    risk: input.risk,
    target: { kind: 'networkAcl', id: input.networkAclId, label: input.networkAclId },
    product: 'Vpc',
    action: 'UpdateNetworkAclEntries',
    parameters: {
      ...region(input.regionId),
      NetworkAclId: input.networkAclId,
      [updateFlag]: 'true',
      ...Object.fromEntries(entryParameters),
    },
  });
}

/** VPC CreateRouteEntry: `destinationCidr` → NAT gateway. */
export function createRouteToNatGateway(input: {
  regionId: string | null;
  routeTableId: string;
  destinationCidr: string;
  natGatewayId: string;
}): AlicloudFix {
  return alicloudFix({
    id: `routeTable-create-route-${input.routeTableId}`,
    title: `Route ${input.destinationCidr} to NAT gateway ${input.natGatewayId}`,
    description: `Adds a custom route ${input.destinationCidr} → ${input.natGatewayId} to route table ${input.routeTableId}.`,
    risk: `Every vSwitch bound to ${input.routeTableId} sends Internet traffic through ${input.natGatewayId}; instances without an EIP can then reach the Internet if an SNAT entry covers them.`,
    target: { kind: 'routeTable', id: input.routeTableId, label: input.routeTableId },
    product: 'Vpc',
    action: 'CreateRouteEntry',
    parameters: {
      ...region(input.regionId),
      RouteTableId: input.routeTableId,
      DestinationCidrBlock: input.destinationCidr,
      NextHopType: 'NatGateway',
      NextHopId: input.natGatewayId,
    },
  });
}

/** VPC CreateSnatEntry for a whole vSwitch. */
export function createSnatEntry(input: {
  regionId: string | null;
  snatTableId: string;
  sourceVSwitchId: string;
  snatIp: string;
  natGatewayId: string;
}): AlicloudFix {
  return alicloudFix({
    id: `snatEntry-create-${input.sourceVSwitchId}`,
    title: `SNAT vSwitch ${input.sourceVSwitchId} to ${input.snatIp}`,
    description: `Adds an SNAT entry to ${input.snatTableId} (NAT gateway ${input.natGatewayId}) translating every address of ${input.sourceVSwitchId} to ${input.snatIp}.`,
    risk: `Every instance and pod in ${input.sourceVSwitchId} without its own public IP can reach the Internet as ${input.snatIp}.`,
    target: { kind: 'natGateway', id: input.natGatewayId, label: input.natGatewayId },
    product: 'Vpc',
    action: 'CreateSnatEntry',
    parameters: {
      ...region(input.regionId),
      SnatTableId: input.snatTableId,
      SourceVSwitchId: input.sourceVSwitchId,
      SnatIp: input.snatIp,
      SnatEntryName: 'egress-doctor',
    },
  });
}

/** SLB StartLoadBalancerListener. */
export function startLoadBalancerListener(input: { regionId: string | null; loadBalancerId: string; port: number }): AlicloudFix {
  return alicloudFix({
    id: `loadBalancer-start-listener-${input.loadBalancerId}-${input.port}`,
    title: `Start listener ${input.port} of ${input.loadBalancerId}`,
    description: `Starts the stopped listener on port ${input.port} of ${input.loadBalancerId}.`,
    risk: 'The listener forwards traffic again to its backends, from every source its ACL admits.',
    target: { kind: 'loadBalancer', id: input.loadBalancerId, label: input.loadBalancerId },
    product: 'Slb',
    action: 'StartLoadBalancerListener',
    parameters: { ...region(input.regionId), LoadBalancerId: input.loadBalancerId, ListenerPort: String(input.port) },
  });
}

/** SLB AddAccessControlListEntry / RemoveAccessControlListEntry with one `AclEntrys` entry. */
export function slbAclEntryFix(input: {
  regionId: string | null;
  aclId: string;
  cidr: string;
  comment: string;
  operation: 'add' | 'remove';
  risk: string;
}): AlicloudFix {
  const entry = input.operation === 'add' ? { entry: input.cidr, comment: input.comment } : { entry: input.cidr };
  return alicloudFix({
    id: `slbAcl-${input.operation}-entry-${input.aclId}`,
    title: `${input.operation === 'add' ? 'Add' : 'Remove'} ${input.cidr} ${input.operation === 'add' ? 'to' : 'from'} SLB ACL ${input.aclId}`,
    description: `${input.operation === 'add' ? 'Adds' : 'Removes'} the entry ${input.cidr} ${input.operation === 'add' ? 'to' : 'from'} access control list ${input.aclId}.`,
    risk: input.risk,
    target: { kind: 'slbAcl', id: input.aclId, label: input.aclId },
    product: 'Slb',
    action: input.operation === 'add' ? 'AddAccessControlListEntry' : 'RemoveAccessControlListEntry',
    parameters: { ...region(input.regionId), AclId: input.aclId, AclEntrys: JSON.stringify([entry]) },
  });
}

/** Name of the whitelist group our fixes append to. */
export const WHITELIST_GROUP_NAME = 'egress_doctor';

/** Per service: the product, the action that appends to an IP group, and its parameter names. */
const WHITELIST_APPEND: Record<WhitelistService, { product: AlicloudProduct; action: string; idParameter: string; groupParameter: string }> = {
  rds: { product: 'Rds', action: 'ModifySecurityIps', idParameter: 'DBInstanceId', groupParameter: 'DBInstanceIPArrayName' },
  redis: { product: 'R-kvstore', action: 'ModifySecurityIps', idParameter: 'InstanceId', groupParameter: 'SecurityIpGroupName' },
  polardb: { product: 'Polardb', action: 'ModifyDBClusterAccessWhitelist', idParameter: 'DBClusterId', groupParameter: 'DBClusterIPArrayName' },
  mongodb: { product: 'Dds', action: 'ModifySecurityIps', idParameter: 'DBInstanceId', groupParameter: 'SecurityIpGroupName' },
};

/**
 * Appends `securityIps` to our own whitelist group (created if missing): RDS, Redis and MongoDB
 * ModifySecurityIps, PolarDB ModifyDBClusterAccessWhitelist, each with `ModifyMode=Append`.
 */
export function appendWhitelistFix(input: {
  service: WhitelistService;
  regionId: string | null;
  instanceId: string;
  securityIps: string;
  risk: string;
}): AlicloudFix {
  const shape = WHITELIST_APPEND[input.service];
  return alicloudFix({
    id: `whitelist-append-${input.instanceId}`,
    title: `Add ${input.securityIps} to the whitelist of ${input.instanceId}`,
    description: `Appends ${input.securityIps} to the whitelist group ${WHITELIST_GROUP_NAME} of ${input.instanceId} (created if missing).`,
    risk: input.risk,
    target: { kind: input.service, id: input.instanceId, label: input.instanceId },
    product: shape.product,
    action: shape.action,
    parameters: {
      ...region(input.regionId),
      [shape.idParameter]: input.instanceId,
      SecurityIps: input.securityIps,
      [shape.groupParameter]: WHITELIST_GROUP_NAME,
      ModifyMode: 'Append',
    },
  });
}
