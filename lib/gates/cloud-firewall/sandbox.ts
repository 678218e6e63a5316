/**
 * The Cloudfw 2017-12-07 actions the sandbox serves from the world's `cloud.cloudFirewall`
 * section: assets, NAT firewalls and their policies, Internet border policies, VPC firewalls
 * (CEN and Express Connect) and their policies, answered in the
 * real actions' shapes (`Policys`, string `TotalCount`, `CurrentPage`/`PageNo` paging). Cloud
 * Firewall is a central product: no `RegionId`. Imported only through lib/gates/sandbox.ts.
 */
import { missingParameter } from '@/lib/sandbox/openapi/fault';
import type { RequestParams } from '@/lib/sandbox/openapi/request-params';
import type { ActionContext, ActionTable } from '@/lib/sandbox/openapi/actions/types';

import type { CloudFirewallWorld } from './world-schema';

const EMPTY: CloudFirewallWorld = { assets: [], natFirewalls: [], controlPolicies: [], natControlPolicies: [], vpcFirewallCens: [], vpcFirewalls: [], vpcControlPolicies: [] };
const sectionOf = (context: ActionContext): CloudFirewallWorld => context.cloud.cloudFirewall ?? EMPTY;

/** `CurrentPage` (or `PageNo`) and `PageSize`; the real actions cap the size at 50 or 100. */
function page<T>(items: readonly T[], params: RequestParams, pageParam: 'CurrentPage' | 'PageNo', maxSize: number): { items: T[]; page: number; size: number } {
  const size = params.integer('PageSize', 10, 1, maxSize);
  const number = params.integer(pageParam, 1, 1, Number.MAX_SAFE_INTEGER);
  return { items: items.slice((number - 1) * size, number * size), page: number, size };
}

function requirePaging(params: RequestParams): void {
  for (const name of ['CurrentPage', 'PageSize']) if (params.get(name) === undefined) throw missingParameter(name);
}

function describeAssetList(context: ActionContext): Record<string, unknown> {
  const { params } = context;
  requirePaging(params);
  const search = params.get('SearchItem');
  const status = params.get('Status');
  const found = sectionOf(context).assets.filter(
    (asset) => (search === undefined || asset.InternetAddress.includes(search) || asset.ResourceInstanceId === search) && (status === undefined || asset.ProtectStatus === status),
  );
  const { items } = page(found, params, 'CurrentPage', 100);
  return { TotalCount: found.length, Assets: items };
}

function describeNatFirewallList(context: ActionContext): Record<string, unknown> {
  const { params } = context;
  const filters = ['VpcId', 'NatGatewayId', 'ProxyId'] as const;
  const found = sectionOf(context).natFirewalls.filter((firewall) => filters.every((name) => params.get(name) === undefined || firewall[name] === params.get(name)));
  const { items } = page(found, params, 'PageNo', 50);
  return { TotalCount: found.length, NatFirewallList: items };
}

function policiesAnswer<T extends { Direction: string; Order: number }>(policies: readonly T[], params: RequestParams): Record<string, unknown> {
  requirePaging(params);
  const direction = params.get('Direction');
  const found = policies.filter((policy) => direction === undefined || policy.Direction === direction).sort((a, b) => a.Order - b.Order);
  const { items, page: number, size } = page(found, params, 'CurrentPage', 100);
  return { TotalCount: String(found.length), PageNo: String(number), PageSize: String(size), Policys: items };
}

function describeControlPolicy(context: ActionContext): Record<string, unknown> {
  return policiesAnswer(sectionOf(context).controlPolicies, context.params);
}

function describeNatFirewallControlPolicy(context: ActionContext): Record<string, unknown> {
  const natGatewayId = context.params.require('NatGatewayId');
  return policiesAnswer(sectionOf(context).natControlPolicies.filter((policy) => policy.NatGatewayId === natGatewayId), context.params);
}

/** VPC firewalls between a VPC and its CEN: filters `NetworkInstanceId`, `CenId`, `VpcFirewallId`, `FirewallSwitchStatus`; at most 50 a page. */
function describeVpcFirewallCenList(context: ActionContext): Record<string, unknown> {
  const { params } = context;
  const wanted = (name: string, value: string | undefined): boolean => params.get(name) === undefined || params.get(name) === value;
  const found = sectionOf(context).vpcFirewallCens.filter(
    (firewall) =>
      wanted('NetworkInstanceId', firewall.LocalVpc.NetworkInstanceId ?? firewall.LocalVpc.VpcId) && wanted('CenId', firewall.CenId) && wanted('VpcFirewallId', firewall.VpcFirewallId) && wanted('FirewallSwitchStatus', firewall.FirewallSwitchStatus),
  );
  const { items } = page(found, params, 'CurrentPage', 50);
  return { TotalCount: found.length, VpcFirewalls: items.map((firewall) => ({ ...firewall, LocalVpc: { NetworkInstanceId: firewall.LocalVpc.VpcId, ...firewall.LocalVpc } })) };
}

/** VPC firewalls between two VPCs: `VpcId` matches either side; filters `VpcFirewallId`, `FirewallSwitchStatus`; at most 50 a page. */
function describeVpcFirewallList(context: ActionContext): Record<string, unknown> {
  const { params } = context;
  const vpcId = params.get('VpcId');
  const found = sectionOf(context).vpcFirewalls.filter(
    (firewall) =>
      (vpcId === undefined || firewall.LocalVpc.VpcId === vpcId || firewall.PeerVpc.VpcId === vpcId) &&
      ['VpcFirewallId', 'FirewallSwitchStatus'].every((name) => params.get(name) === undefined || params.get(name) === firewall[name]),
  );
  const { items } = page(found, params, 'CurrentPage', 50);
  return { TotalCount: found.length, VpcFirewalls: items };
}

/** The policies of one policy group (`VpcFirewallId`: a CEN id or an Express Connect firewall id), in order; at most 50 a page. */
function describeVpcFirewallControlPolicy(context: ActionContext): Record<string, unknown> {
  const { params } = context;
  const group = params.require('VpcFirewallId');
  requirePaging(params);
  const found = sectionOf(context).vpcControlPolicies.filter((policy) => policy.VpcFirewallId === group).sort((a, b) => a.Order - b.Order);
  const { items } = page(found, params, 'CurrentPage', 50);
  // The answer's items do not repeat the group id.
  return { TotalCount: String(found.length), Policys: items.map((policy) => Object.fromEntries(Object.entries(policy).filter(([key]) => key !== 'VpcFirewallId'))) };
}

const read = (resourceType: string, handle: ActionTable[string]['handle']) => ({ product: 'yundun-cloudfirewall', resourceType, regional: false, handle });

/** Cloudfw 2017-12-07 actions by name. */
export const cloudFirewallActions: ActionTable = {
  DescribeAssetList: read('asset', describeAssetList),
  DescribeNatFirewallList: read('natfirewall', describeNatFirewallList),
  DescribeControlPolicy: read('controlpolicy', describeControlPolicy),
  DescribeNatFirewallControlPolicy: read('natfirewall', describeNatFirewallControlPolicy),
  DescribeVpcFirewallCenList: read('vpcfirewall', describeVpcFirewallCenList),
  DescribeVpcFirewallList: read('vpcfirewall', describeVpcFirewallList),
  DescribeVpcFirewallControlPolicy: read('vpcfirewall', describeVpcFirewallControlPolicy),
};
