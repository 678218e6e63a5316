/**
 * PrivateZone (pvtz 2018-01-01) actions of the sandbox: zones, their VPC bindings and records,
 * resolver forwarding rules, and the three writes the DNS fixes use. PrivateZone is a global
 * product: no `RegionId` is required. Lists answer `TotalItems`/`TotalPages`, as the real API does.
 */
import type { WorldCloud, WorldPrivateZone } from '@/lib/schemas/world';

import { invalidParameter, resourceNotFound } from '../fault';
import type { RequestParams } from '../request-params';
import type { ActionContext, ActionTable } from './types';
import { omit } from './wire';

const zonesOf = (cloud: WorldCloud): WorldPrivateZone[] => cloud.privateZones ?? [];

function page<T>(items: T[], params: RequestParams): { items: T[]; PageNumber: number; PageSize: number; TotalItems: number; TotalPages: number } {
  const pageSize = params.integer('PageSize', 20, 1, 100);
  const pageNumber = params.integer('PageNumber', 1, 1, Number.MAX_SAFE_INTEGER);
  const start = (pageNumber - 1) * pageSize;
  return { items: items.slice(start, start + pageSize), PageNumber: pageNumber, PageSize: pageSize, TotalItems: items.length, TotalPages: Math.ceil(items.length / pageSize) };
}

/** `Keyword` matched as `%Keyword%` (SearchMode LIKE) or exactly (EXACT, the default), case-insensitively. */
function keywordMatches(params: RequestParams, value: string): boolean {
  const keyword = params.get('Keyword')?.toLowerCase();
  if (keyword === undefined || keyword === '') return true;
  return params.get('SearchMode') === 'LIKE' ? value.toLowerCase().includes(keyword) : value.toLowerCase() === keyword;
}

function findZone(cloud: WorldCloud, params: RequestParams): WorldPrivateZone {
  const id = params.require('ZoneId');
  const zone = zonesOf(cloud).find((candidate) => candidate.ZoneId === id);
  if (!zone) throw resourceNotFound('Zone.Invalid.Id', id);
  return zone;
}

const zoneSummary = (zone: WorldPrivateZone) => ({ ...omit(zone, ['Records', 'BindVpcs']), RecordCount: zone.Records.length, IsPtr: false });

function describeZones({ params, cloud }: ActionContext): Record<string, unknown> {
  const vpcId = params.get('QueryVpcId');
  const found = zonesOf(cloud).filter((zone) => keywordMatches(params, zone.ZoneName) && (vpcId === undefined || zone.BindVpcs.Vpc.some((vpc) => vpc.VpcId === vpcId)));
  const { items, ...fields } = page(found, params);
  return { ...fields, Zones: { Zone: items.map(zoneSummary) } };
}

function describeZoneInfo({ params, cloud }: ActionContext): Record<string, unknown> {
  const zone = findZone(cloud, params);
  return { ...zoneSummary(zone), BindVpcs: { Vpc: zone.BindVpcs.Vpc } };
}

function describeZoneRecords({ params, cloud }: ActionContext): Record<string, unknown> {
  const zone = findZone(cloud, params);
  const { items, ...fields } = page(zone.Records.filter((record) => keywordMatches(params, record.Rr)), params);
  return { ...fields, Records: { Record: items } };
}

function describeResolverRules({ params, cloud }: ActionContext): Record<string, unknown> {
  const detailed = params.get('NeedDetailAttributes') === 'true';
  const found = (cloud.resolverRules ?? []).filter((rule) => keywordMatches(params, rule.Name ?? ''));
  const { items, ...fields } = page(found, params);
  // NOTE: the rule list is a bare array; the bound VPCs come only with NeedDetailAttributes=true.
  return { ...fields, Rules: items.map((rule) => (detailed ? rule : omit(rule, ['BindVpcs']))) };
}

/** `Vpcs.N.VpcId` / `Vpcs.N.RegionId` pairs, in index order. */
function vpcsParam(params: RequestParams): Array<{ VpcId: string; RegionId: string }> {
  const byIndex = new Map<number, { VpcId: string; RegionId: string }>();
  for (const [key, value] of params.entries()) {
    const match = /^Vpcs\.(\d+)\.(VpcId|RegionId)$/.exec(key);
    if (!match?.[1] || !match[2]) continue;
    const entry = byIndex.get(Number(match[1])) ?? { VpcId: '', RegionId: '' };
    byIndex.set(Number(match[1]), { ...entry, [match[2]]: value });
  }
  return [...byIndex.entries()].sort(([a], [b]) => a - b).map(([, vpc]) => vpc).filter((vpc) => vpc.VpcId !== '');
}

/** NOTE: BindZoneVpc replaces the whole binding list: a VPC left out of the request is unbound. */
function bindZoneVpc({ params, cloud }: ActionContext): Record<string, unknown> {
  const zone = findZone(cloud, params);
  zone.BindVpcs = { Vpc: vpcsParam(params).map((vpc) => ({ VpcId: vpc.VpcId, RegionId: vpc.RegionId || cloud.regionId })) };
  return {};
}

function setZoneRecordStatus({ params, cloud }: ActionContext): Record<string, unknown> {
  const recordId = params.require('RecordId');
  const status = params.require('Status');
  if (status !== 'ENABLE' && status !== 'DISABLE') throw invalidParameter('Status', status);
  const record = zonesOf(cloud).flatMap((zone) => zone.Records).find((candidate) => String(candidate.RecordId) === recordId);
  if (!record) throw resourceNotFound('Record.Invalid.Id', recordId);
  record.Status = status;
  return { RecordId: record.RecordId, Status: status };
}

function setProxyPattern({ params, cloud }: ActionContext): Record<string, unknown> {
  const zone = findZone(cloud, params);
  const pattern = params.require('ProxyPattern');
  if (pattern !== 'ZONE' && pattern !== 'RECORD') throw invalidParameter('ProxyPattern', pattern);
  zone.ProxyPattern = pattern;
  return { ZoneId: zone.ZoneId };
}

const read = (resourceType: string, handle: ActionTable[string]['handle']) => ({ product: 'pvtz' as const, resourceType, regional: false, handle });
const write = (resourceType: string, handle: ActionTable[string]['handle']) => ({ ...read(resourceType, handle), write: true });

/** PrivateZone 2018-01-01 actions by name. */
export const pvtzActions: ActionTable = {
  DescribeZones: read('zone', describeZones),
  DescribeZoneInfo: read('zone', describeZoneInfo),
  DescribeZoneRecords: read('zone', describeZoneRecords),
  DescribeResolverRules: read('rule', describeResolverRules),
  BindZoneVpc: write('zone', bindZoneVpc),
  SetZoneRecordStatus: write('zone', setZoneRecordStatus),
  SetProxyPattern: write('zone', setProxyPattern),
};
