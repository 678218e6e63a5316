/**
 * The facts the Cloud Firewall gate reads (Cloudfw 2017-12-07, docs/gates/cloud-firewall.md):
 * which of the path's public addresses the Internet border firewall protects, the NAT
 * firewalls of the VPC, and the outbound control policies of the firewalls that are on.
 * Pure data.
 */
import type { CloudFirewallWorld } from './world-schema';

/** A public address Cloud Firewall knows as an asset (DescribeAssetList item). */
export interface CloudFirewallAsset {
  /** `InternetAddress`: the public address. */
  ip: string;
  /** `ResourceType`: EIP, NatEIP, EniEIP, EcsEIP, EcsPublicIP, NatPublicIP, … */
  resourceType: string;
  /** `ResourceInstanceId`: the instance the address belongs to. */
  instanceId: string;
  /** `ProtectStatus`: open (protected), opening, closed, closing. */
  protectStatus: string;
}

/** A NAT firewall (DescribeNatFirewallList item), bound to one NAT gateway. */
export interface NatFirewall {
  /** `ProxyId`. */
  id: string;
  name: string;
  natGatewayId: string;
  vpcId: string;
  /** `ProxyStatus`: normal (on), configuring, opening, closing, closed, deleting, abnormal. */
  status: string;
  /** `StrictMode` 1: traffic an application or domain rule cannot identify yet is not let through by a later rule (see the doc). */
  strictMode: boolean;
}

/** Where an address-side of a rule points (`SourceType` / `DestinationType`). */
export type PolicyAddressType = 'net' | 'group' | 'domain' | 'location';

/** One access control policy, in the shape both the Internet border and the NAT firewall use. */
export interface ControlPolicy {
  /** `AclUuid`. */
  id: string;
  /** `Direction`: out (from the VPC to the Internet) or in. */
  direction: 'in' | 'out';
  /** `Order`: 1 is evaluated first. */
  order: number;
  /** `AclAction`: accept, drop, or log (monitor: let through and record). */
  action: 'accept' | 'drop' | 'log';
  /** `Source`: a CIDR (net), an address book name (group) or a location code. */
  source: string;
  sourceType: PolicyAddressType;
  /** The CIDRs of the address book when `sourceType` is group (`SourceGroupCidrs`), null when not listed. */
  sourceCidrs: string[] | null;
  destination: string;
  destinationType: PolicyAddressType;
  /** `DestinationGroupCidrs` for an address book destination, null when not listed. */
  destinationCidrs: string[] | null;
  /** `Proto`: ANY, TCP, UDP, ICMP. */
  protocol: string;
  /** `DestPort`: `443`, `80/88`, or empty / `0/0` for every port. */
  destinationPort: string;
  /** `DestPortGroupPorts` when the port is an address book of ports, null otherwise. */
  destinationPorts: string[] | null;
  /** `ApplicationNameList` (or `ApplicationName`): ANY, HTTP, HTTPS, SSL, SMTP, … */
  applications: string[];
  /** `DomainResolveType` for domain destinations: FQDN (by SNI/Host), DNS (by resolved address), FQDN_AND_DNS. */
  domainResolveType: 'FQDN' | 'DNS' | 'FQDN_AND_DNS' | null;
  /** `Description`: often why the rule exists. */
  description: string;
  /** `Release`: false when the policy is disabled (it matches nothing). */
  enabled: boolean;
}

/** The NAT firewall of one NAT gateway, with its outbound policies (read only when it is on). */
export interface NatFirewallPolicies {
  natGatewayId: string;
  policies: ControlPolicy[];
}

/** A VPC border firewall (DescribeVpcFirewallCenList or DescribeVpcFirewallList item). */
export interface VpcFirewall {
  /** `VpcFirewallId`. */
  id: string;
  name: string;
  /** `cen` (between a VPC and its CEN transit router) or `expressconnect` (between two VPCs: Express Connect or VPC peering). */
  connectType: 'cen' | 'expressconnect';
  /** Whose policies apply: the CEN instance (`CenId`) for a CEN firewall, the firewall itself for Express Connect. */
  policyGroupId: string;
  /** `FirewallSwitchStatus`: opened (on), closed, notconfigured, configured (set up but off). */
  status: string;
  /** The VPCs it guards with their CIDR blocks (`LocalVpc`, and `PeerVpc` for Express Connect). */
  vpcs: Array<{ vpcId: string; cidrs: string[] }>;
}

/** The route to a destination in another VPC, as the source vSwitch's route table says. */
export interface CrossVpcRoute {
  routeEntryId: string;
  destinationCidr: string;
  nextHopType: string;
  nextHopId: string;
  /** `cen`: a transit router attachment or a CEN route; `peering`: a VPC peering connection or an Express Connect router interface. */
  via: 'cen' | 'peering';
}

/** What the VPC border firewall read for a destination reached through another VPC's connection. */
export interface VpcBorderFacts {
  route: CrossVpcRoute;
  /** The VPC firewalls of that kind of connection (every CEN one, or the Express Connect ones of the source VPC). */
  firewalls: VpcFirewall[];
  /** The policies of each policy group with a firewall on this path that is on. */
  policies: Array<{ policyGroupId: string; policies: ControlPolicy[] }>;
}

/** Everything the gate read for one path. */
export interface CloudFirewallFacts {
  /** False when the destination is not on the Internet: nothing was read, the gate does not apply. */
  internet: boolean;
  /** The assets found for the path's candidate public addresses (the source ENI's, the VPC's SNAT EIPs). */
  assets: CloudFirewallAsset[];
  /** The public addresses that were looked up (an address with no asset is not protected). */
  lookedUp: string[];
  /** NAT firewalls of the source VPC. */
  natFirewalls: NatFirewall[];
  /** Outbound Internet border policies; null when no looked-up address is protected (not read). */
  internetPolicies: ControlPolicy[] | null;
  /** Outbound policies of each NAT firewall that is on. */
  natPolicies: NatFirewallPolicies[];
  /**
   * The VPC border firewall for a destination reached through a transit router or a peering
   * route; null when the route does not leave the VPC that way (nothing read); absent in facts
   * saved before it was read.
   */
  vpcBorder?: VpcBorderFacts | null;
}

declare module '../types' {
  interface GateFactsMap {
    cloudFirewall: CloudFirewallFacts;
  }
  interface GateWorldMap {
    cloudFirewall: CloudFirewallWorld;
  }
}
