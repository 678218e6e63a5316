/**
 * Reads the Cloud Firewall facts of one path through the generic OpenAPI client (Cloudfw
 * 2017-12-07 has no SDK package on the registry): the assets of the path's candidate public
 * addresses (DescribeAssetList), the NAT firewalls of the source VPC (DescribeNatFirewallList),
 * and the outbound policies of the firewalls that are on (DescribeControlPolicy,
 * DescribeNatFirewallControlPolicy). Raw PascalCase bodies are narrowed by hand. Server only.
 */
import 'server-only';

import type { CloudClients, GenericProduct } from '@/lib/alicloud/clients';
import { collectByNumber } from '@/lib/alicloud/paging';
import { callRpc } from '@/lib/alicloud/rpc-params';
import { isIp, isPrivateAddress } from '@/lib/analysis/ip';
import { snatEntryCoversEni } from '@/lib/analysis/nat-eip-snat';
import { specialAddress } from '@/lib/analysis/special-addresses';
import { known, readFact } from '@/lib/diagnose/facts';

import type { GatePrefetchContext, GateReadContext } from '../readers';
import type { GateFacts } from '../types';
import type { CloudFirewallAsset, CloudFirewallFacts, ControlPolicy, CrossVpcRoute, NatFirewall, PolicyAddressType, VpcBorderFacts, VpcFirewall } from './facts';
import { crossVpcRouteOf, firewallsOnPath } from './vpc-route';

const VERSION = '2017-12-07';
const PAGE_SIZE = 50;

/** Cloud Firewall's endpoint: the mainland China one for cn-* regions, the international one otherwise. */
export const CLOUDFW: GenericProduct = {
  code: 'cloudfw',
  publicEndpoint: (region) => (region.startsWith('cn-') ? 'cloudfw.aliyuncs.com' : 'cloudfw.ap-southeast-1.aliyuncs.com'),
};

type Raw = Record<string, unknown>;
const isRecord = (value: unknown): value is Raw => typeof value === 'object' && value !== null && !Array.isArray(value);
const text = (record: Raw, key: string): string => {
  const value = record[key];
  return typeof value === 'string' ? value : typeof value === 'number' ? String(value) : '';
};
const list = (record: Raw, key: string): Raw[] => {
  const value = record[key];
  return Array.isArray(value) ? value.filter(isRecord) : [];
};
const strings = (record: Raw, key: string): string[] | null => {
  const value = record[key];
  return Array.isArray(value) ? value.filter((item): item is string => typeof item === 'string') : null;
};
const unique = (values: Array<string | null | undefined>): string[] => [...new Set(values.filter((value): value is string => Boolean(value)))];
const record = (value: unknown): Raw => (isRecord(value) ? value : {});
const total = (body: Raw): number | undefined => {
  const value = Number(text(body, 'TotalCount'));
  return Number.isFinite(value) && text(body, 'TotalCount') !== '' ? value : undefined;
};

async function callCloudfw(clients: CloudClients, action: string, query: Record<string, unknown>, resource: string): Promise<Raw> {
  const body = await callRpc(clients.product(CLOUDFW), VERSION, action, { Lang: 'en', ...query }, resource);
  return isRecord(body) ? body : {};
}

const addressType = (value: string): PolicyAddressType => (value === 'group' || value === 'domain' || value === 'location' ? value : 'net');

/** Converts one `Policys[]` item of DescribeControlPolicy / DescribeNatFirewallControlPolicy. */
export function toControlPolicy(raw: Raw): ControlPolicy {
  const action = text(raw, 'AclAction');
  const resolve = text(raw, 'DomainResolveType');
  const applications = strings(raw, 'ApplicationNameList') ?? [];
  return {
    id: text(raw, 'AclUuid'),
    direction: text(raw, 'Direction') === 'in' ? 'in' : 'out',
    order: Number(text(raw, 'Order')) || Number.MAX_SAFE_INTEGER,
    action: action === 'drop' || action === 'log' ? action : 'accept',
    source: text(raw, 'Source'),
    sourceType: addressType(text(raw, 'SourceType')),
    sourceCidrs: strings(raw, 'SourceGroupCidrs'),
    destination: text(raw, 'Destination'),
    destinationType: addressType(text(raw, 'DestinationType')),
    destinationCidrs: strings(raw, 'DestinationGroupCidrs'),
    protocol: text(raw, 'Proto') || 'ANY',
    destinationPort: text(raw, 'DestPort'),
    destinationPorts: text(raw, 'DestPortType') === 'group' ? strings(raw, 'DestPortGroupPorts') ?? [] : null,
    applications: applications.length > 0 ? applications : [text(raw, 'ApplicationName') || 'ANY'],
    domainResolveType: resolve === 'FQDN' || resolve === 'DNS' || resolve === 'FQDN_AND_DNS' ? resolve : null,
    description: text(raw, 'Description'),
    enabled: text(raw, 'Release') !== 'false',
  };
}

/** Converts one `Assets[]` item of DescribeAssetList. */
export function toAsset(raw: Raw): CloudFirewallAsset {
  return { ip: text(raw, 'InternetAddress'), resourceType: text(raw, 'ResourceType'), instanceId: text(raw, 'ResourceInstanceId'), protectStatus: text(raw, 'ProtectStatus') || 'closed' };
}

/** Converts one `NatFirewallList[]` item of DescribeNatFirewallList. */
export function toNatFirewall(raw: Raw): NatFirewall {
  return { id: text(raw, 'ProxyId'), name: text(raw, 'ProxyName'), natGatewayId: text(raw, 'NatGatewayId'), vpcId: text(raw, 'VpcId'), status: text(raw, 'ProxyStatus'), strictMode: text(raw, 'StrictMode') === '1' };
}

/** The CIDR blocks of one `LocalVpc` / `PeerVpc`: `DefendCidrList` and the `VpcCidrTableList` route entries. */
function vpcCidrs(vpc: Raw): string[] {
  const tables = list(vpc, 'VpcCidrTableList').flatMap((table) => list(table, 'RouteEntryList').map((entry) => text(entry, 'DestinationCidr')));
  return unique([...(strings(vpc, 'DefendCidrList') ?? []), ...tables]);
}

/** Converts one `VpcFirewalls[]` item of DescribeVpcFirewallCenList (`cen`) or DescribeVpcFirewallList (`expressconnect`). */
export function toVpcFirewall(raw: Raw, connectType: VpcFirewall['connectType']): VpcFirewall {
  const sides = connectType === 'cen' ? [record(raw['LocalVpc'])] : [record(raw['LocalVpc']), record(raw['PeerVpc'])];
  return {
    id: text(raw, 'VpcFirewallId'),
    name: text(raw, 'VpcFirewallName'),
    connectType,
    policyGroupId: connectType === 'cen' ? text(raw, 'CenId') : text(raw, 'VpcFirewallId'),
    status: text(raw, 'FirewallSwitchStatus') || 'notconfigured',
    vpcs: sides.map((vpc) => ({ vpcId: text(vpc, 'VpcId'), cidrs: vpcCidrs(vpc) })),
  };
}

async function describeAssets(clients: CloudClients, ip: string): Promise<CloudFirewallAsset[]> {
  const assets = await collectByNumber(PAGE_SIZE, async (page) => {
    const body = await callCloudfw(clients, 'DescribeAssetList', { SearchItem: ip, CurrentPage: String(page), PageSize: String(PAGE_SIZE) }, `DescribeAssetList ${ip}`);
    return { items: list(body, 'Assets').map(toAsset), totalCount: total(body) };
  });
  // SearchItem also matches instance ids and parts of addresses: keep the address itself.
  return assets.filter((asset) => asset.ip === ip);
}

async function describeNatFirewalls(clients: CloudClients, vpcId: string): Promise<NatFirewall[]> {
  return collectByNumber(PAGE_SIZE, async (page) => {
    const body = await callCloudfw(clients, 'DescribeNatFirewallList', { VpcId: vpcId, RegionNo: clients.region, PageNo: String(page), PageSize: String(PAGE_SIZE) }, `DescribeNatFirewallList ${vpcId}`);
    return { items: list(body, 'NatFirewallList').map(toNatFirewall), totalCount: total(body) };
  });
}

async function describePolicies(clients: CloudClients, action: 'DescribeControlPolicy' | 'DescribeNatFirewallControlPolicy', natGatewayId: string | null): Promise<ControlPolicy[]> {
  return collectByNumber(PAGE_SIZE, async (page) => {
    const query = { ...(natGatewayId === null ? {} : { NatGatewayId: natGatewayId }), Direction: 'out', CurrentPage: String(page), PageSize: String(PAGE_SIZE) };
    const body = await callCloudfw(clients, action, query, natGatewayId === null ? action : `${action} ${natGatewayId}`);
    return { items: list(body, 'Policys').map(toControlPolicy), totalCount: total(body) };
  });
}

/** The VPC firewalls of the route's kind of connection: every CEN one (the destination VPC's side counts too), or the source VPC's Express Connect ones. */
async function describeVpcFirewalls(clients: CloudClients, route: CrossVpcRoute, sourceVpcId: string): Promise<VpcFirewall[]> {
  const action = route.via === 'cen' ? 'DescribeVpcFirewallCenList' : 'DescribeVpcFirewallList';
  const query = route.via === 'cen' ? {} : { VpcId: sourceVpcId };
  return collectByNumber(PAGE_SIZE, async (page) => {
    const body = await callCloudfw(clients, action, { ...query, CurrentPage: String(page), PageSize: String(PAGE_SIZE) }, route.via === 'cen' ? action : `${action} ${sourceVpcId}`);
    return { items: list(body, 'VpcFirewalls').map((item) => toVpcFirewall(item, route.via === 'cen' ? 'cen' : 'expressconnect')), totalCount: total(body) };
  });
}

/** The policies of one VPC firewall policy group (a CEN id or an Express Connect firewall id); they have no direction. */
async function describeVpcPolicies(clients: CloudClients, policyGroupId: string): Promise<ControlPolicy[]> {
  return collectByNumber(PAGE_SIZE, async (page) => {
    const body = await callCloudfw(clients, 'DescribeVpcFirewallControlPolicy', { VpcFirewallId: policyGroupId, CurrentPage: String(page), PageSize: String(PAGE_SIZE) }, `DescribeVpcFirewallControlPolicy ${policyGroupId}`);
    return { items: list(body, 'Policys').map((item) => ({ ...toControlPolicy(item), direction: 'out' as const })), totalCount: total(body) };
  });
}

/** The VPC border firewall's facts for a destination reached through another VPC's connection. */
async function readVpcBorder(clients: CloudClients, route: CrossVpcRoute, sourceVpcId: string, destination: string): Promise<VpcBorderFacts> {
  const firewalls = await describeVpcFirewalls(clients, route, sourceVpcId);
  const groups = unique(firewallsOnPath(firewalls, route, sourceVpcId, destination).filter((firewall) => firewall.status === 'opened').map((firewall) => firewall.policyGroupId));
  const policies = await Promise.all(groups.map(async (policyGroupId) => ({ policyGroupId, policies: await describeVpcPolicies(clients, policyGroupId) })));
  return { route, firewalls, policies };
}

const isInternetAddress = (address: string | undefined): boolean => address !== undefined && isIp(address) && specialAddress(address) === null && !isPrivateAddress(address);

/** NAT gateway addresses looked up ahead of the SNAT entries that name them (a speculative read each). */
const MAX_PREFETCHED_NAT_ADDRESSES = 4;

/**
 * The reader's calls, each started as soon as what it needs is read: the Internet border's
 * policies at once (speculatively: the reader wants them only when an address is protected),
 * the source EIP's asset and the VPC's NAT firewalls with the source ENI, their policies right
 * after, and the NAT gateways' addresses' assets with the gateways (the SNAT addresses are
 * among them). Three rounds instead of five.
 */
export function prefetchCloudFirewall({ clients, destinationAddresses, sourceEni, natGateways }: GatePrefetchContext): void {
  if (!isInternetAddress(destinationAddresses[0])) return;
  const quietly = (read: Promise<unknown>) => void read.catch(() => undefined);
  quietly(describePolicies(clients, 'DescribeControlPolicy', null));
  quietly(
    sourceEni.then(async (eni) => {
      if (eni.kind !== 'ok' || eni.value === null) return;
      if (eni.value.publicIp?.ip) quietly(describeAssets(clients, eni.value.publicIp.ip));
      const firewalls = await describeNatFirewalls(clients, eni.value.vpcId);
      await Promise.all(firewalls.filter((firewall) => firewall.status === 'normal').map((firewall) => describePolicies(clients, 'DescribeNatFirewallControlPolicy', firewall.natGatewayId)));
    }),
  );
  quietly(
    natGateways.then(async (gateways) => {
      if (gateways.kind !== 'ok') return;
      const addresses = unique(gateways.value.flatMap((gateway) => gateway.ipAddresses.map((address) => address.ip)));
      if (addresses.length <= MAX_PREFETCHED_NAT_ADDRESSES) await Promise.all(addresses.map((ip) => describeAssets(clients, ip)));
    }),
  );
}

/** The gate's facts; `missing` when a read failed, or when the source ENI it starts from was not read. */
export async function readCloudFirewallFacts({ clients, cloud, destinationAddresses }: GateReadContext): Promise<GateFacts> {
  const destination = destinationAddresses[0];
  if (!isInternetAddress(destination)) {
    // Not on the Internet: only the VPC border firewall can be on the way, when the route leads into another VPC.
    const route = destination === undefined || !isIp(destination) ? null : crossVpcRouteOf(cloud, destination);
    const none: CloudFirewallFacts = { internet: false, assets: [], lookedUp: [], natFirewalls: [], internetPolicies: null, natPolicies: [], vpcBorder: null };
    if (route?.kind !== 'crossVpc' || destination === undefined) return { cloudFirewall: known(none) };
    return { cloudFirewall: await readFact(async () => ({ ...none, vpcBorder: await readVpcBorder(clients, route.route, route.sourceVpcId, destination) })) };
  }
  if (cloud.sourceEni.kind === 'missing') return { cloudFirewall: cloud.sourceEni };
  const eni = cloud.sourceEni.value;
  const vpcId = eni?.vpcId ?? null;
  // The addresses of the SNAT entries that can apply to the source (the evaluation takes the most specific of them).
  const snatIps = cloud.snatEntries.kind === 'ok' ? cloud.snatEntries.value.filter((entry) => snatEntryCoversEni(entry, eni)).flatMap((entry) => entry.snatIps) : [];
  const lookedUp = unique([eni?.publicIp?.ip, ...snatIps]);
  const fact = await readFact(async (): Promise<CloudFirewallFacts> => {
    const [assets, natFirewalls] = await Promise.all([
      Promise.all(lookedUp.map((ip) => describeAssets(clients, ip))).then((lists) => lists.flat()),
      vpcId === null ? Promise.resolve([]) : describeNatFirewalls(clients, vpcId),
    ]);
    const anyProtected = assets.some((asset) => asset.protectStatus !== 'closed');
    const [internetPolicies, natPolicies] = await Promise.all([
      anyProtected ? describePolicies(clients, 'DescribeControlPolicy', null) : Promise.resolve(null),
      Promise.all(natFirewalls.filter((firewall) => firewall.status === 'normal').map(async (firewall) => ({ natGatewayId: firewall.natGatewayId, policies: await describePolicies(clients, 'DescribeNatFirewallControlPolicy', firewall.natGatewayId) }))),
    ]);
    return { internet: true, assets, lookedUp, natFirewalls, internetPolicies, natPolicies, vpcBorder: null };
  });
  return { cloudFirewall: fact };
}
