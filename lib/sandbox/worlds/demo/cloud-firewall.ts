/**
 * Cloud Firewall of the demo account (world `cloud.cloudFirewall`, lib/gates/cloud-firewall):
 * the NAT firewall of acs-prod's NAT gateway is on, with a deliberate drop of one SaaS address
 * for the pod vSwitch (cfw-nat-deny); the Internet border protects acs-prod's SNAT EIP and
 * drops another address from it (cfw-internet-deny); ack-flannel's NAT firewall and EIP are
 * closed, so the account-wide border drop of a third address does not apply there
 * (cfw-disabled-ok). acs-prod reaches the shared-services VPC through a CEN transit router whose
 * VPC border firewall is on for acs-prod: only the data sync jobs may reach the shared
 * database, everything else from acs-prod is dropped (cfw-vpc-deny). Other destinations match no policy.
 */
import type { WorldInput } from './build-demo-world';
import { cloudId } from './ids';
import { EIPS, NAT_GATEWAYS, VPCS, V_SWITCHES } from './topology';

type CloudFirewallInput = NonNullable<NonNullable<WorldInput['cloud']>['cloudFirewall']>;

/** The destinations the three scenarios call (documentation addresses). */
export const CLOUD_FIREWALL_DESTINATIONS = { natDenied: '203.0.113.60', borderDenied: '203.0.113.61', denyWhereOff: '203.0.113.62', peerVpcDenied: '10.1.8.20' } as const;

/** The shared-services VPC (another team's, not in the world's clusters) and acs-prod's way to it: a CEN transit router attachment. */
export const CEN_LINK = {
  cenId: cloudId('cen', 'corp'),
  attachmentId: cloudId('tr-attach', 'prod'),
  sharedVpc: { id: cloudId('vpc', 'shared'), name: 'shared-services-vpc', cidr: '10.1.0.0/16' },
} as const;

const base = (uuid: string, order: number, overrides: Record<string, unknown>) => ({
  AclUuid: uuid, Order: order, AclAction: 'drop' as const, Source: '0.0.0.0/0', SourceType: 'net' as const,
  Destination: '0.0.0.0/0', DestinationType: 'net' as const, Proto: 'ANY', DestPort: '', ApplicationNameList: ['ANY'], Release: 'true' as const, ...overrides,
});

/** An outbound policy of the NAT or Internet border firewall (an override may turn it inbound). */
const policy = (uuid: string, order: number, overrides: Record<string, unknown>) => ({ Direction: 'out' as const, ...base(uuid, order, overrides) });
/** A VPC border policy: no direction, named by its policy group (the CEN). */
const vpcPolicy = (uuid: string, order: number, overrides: Record<string, unknown>) => ({ ...base(uuid, order, overrides), VpcFirewallId: CEN_LINK.cenId });

export function cloudFirewall(): CloudFirewallInput {
  return {
    assets: [
      { InternetAddress: EIPS.prodNat.ip, ResourceType: 'NatEIP', ResourceInstanceId: NAT_GATEWAYS.prod.id, ProtectStatus: 'open', RegionID: 'cn-hangzhou' },
      { InternetAddress: EIPS.ackNat.ip, ResourceType: 'NatEIP', ResourceInstanceId: NAT_GATEWAYS.ack.id, ProtectStatus: 'closed', RegionID: 'cn-hangzhou' },
    ],
    natFirewalls: [
      { ProxyId: 'proxy-nat-prod01', ProxyName: 'acs-prod-egress-fw', NatGatewayId: NAT_GATEWAYS.prod.id, VpcId: VPCS.prod.id, ProxyStatus: 'normal', StrictMode: 0 },
      { ProxyId: 'proxy-nat-ack01', ProxyName: 'ack-flannel-egress-fw', NatGatewayId: NAT_GATEWAYS.ack.id, VpcId: VPCS.ack.id, ProxyStatus: 'closed', StrictMode: 0 },
    ],
    controlPolicies: [
      policy('acl-border-0001', 1, { Source: `${EIPS.prodNat.ip}/32`, Destination: `${CLOUD_FIREWALL_DESTINATIONS.borderDenied}/32`, Proto: 'TCP', DestPort: '443', Description: 'Block exfiltration host flagged by threat intel (SEC-2291)' }),
      policy('acl-border-0002', 2, { Destination: `${CLOUD_FIREWALL_DESTINATIONS.denyWhereOff}/32`, Description: 'Unsanctioned file-sharing service' }),
      policy('acl-border-0003', 3, { AclAction: 'accept', Direction: 'in', Source: '0.0.0.0/0', Destination: `${EIPS.prodNat.ip}/32`, Proto: 'TCP', DestPort: '22', Release: 'false', Description: 'Bastion (disabled)' }),
    ],
    natControlPolicies: [
      { ...policy('acl-nat-0001', 1, { Source: '10.0.32.0/24', Destination: `${CLOUD_FIREWALL_DESTINATIONS.natDenied}/32`, Proto: 'TCP', DestPort: '443', Description: 'Pods may not call unvetted SaaS (SEC-2104)' }), NatGatewayId: NAT_GATEWAYS.prod.id },
      { ...policy('acl-nat-0002', 1, { Destination: `${CLOUD_FIREWALL_DESTINATIONS.denyWhereOff}/32` }), NatGatewayId: NAT_GATEWAYS.ack.id },
    ],
    vpcFirewallCens: [
      {
        VpcFirewallId: cloudId('vfw', 'prod-cen'), VpcFirewallName: 'acs-prod-to-cen', ConnectType: 'cen', CenId: CEN_LINK.cenId, CenName: 'corp-cen', FirewallSwitchStatus: 'opened',
        LocalVpc: { VpcId: VPCS.prod.id, VpcName: VPCS.prod.name, RegionNo: 'cn-hangzhou', NetworkInstanceType: 'VPC', TransitRouterType: 'Enterprise', DefendCidrList: [VPCS.prod.cidr] },
      },
      {
        VpcFirewallId: cloudId('vfw', 'shared-cen'), VpcFirewallName: 'shared-services-to-cen', ConnectType: 'cen', CenId: CEN_LINK.cenId, CenName: 'corp-cen', FirewallSwitchStatus: 'opened',
        LocalVpc: { VpcId: CEN_LINK.sharedVpc.id, VpcName: CEN_LINK.sharedVpc.name, RegionNo: 'cn-hangzhou', NetworkInstanceType: 'VPC', TransitRouterType: 'Enterprise', DefendCidrList: [CEN_LINK.sharedVpc.cidr] },
      },
    ],
    vpcControlPolicies: [
      { ...vpcPolicy('acl-vpc-0001', 1, { AclAction: 'accept', Source: V_SWITCHES.jobs.cidr, Destination: `${CLOUD_FIREWALL_DESTINATIONS.peerVpcDenied}/32`, Proto: 'TCP', DestPort: '5432', Description: 'Data sync jobs to the shared PostgreSQL (NET-231)' }) },
      { ...vpcPolicy('acl-vpc-0002', 2, { Source: VPCS.prod.cidr, Destination: CEN_LINK.sharedVpc.cidr, Description: 'acs-prod may reach shared-services only through approved flows (NET-118)' }) },
    ],
  };
}
