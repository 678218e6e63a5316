/**
 * PrivateZone (pvtz 2018-01-01) through the generic OpenAPI client (no SDK package on the
 * registry): the zones covering the names a pod tried, their VPC bindings, recursion setting
 * and records, and the resolver forwarding rules. Raw PascalCase bodies are narrowed by hand.
 */
import 'server-only';

import { inZone } from '@/lib/analysis/dns-private-zone';
import type { PrivateZone, PrivateZoneFacts, PrivateZoneRecord, ResolverRule } from '@/lib/analysis/dns-sources';

import type { CloudClients } from './clients';
import { collectByNumber } from './paging';
import { callRpc } from './rpc-params';

const VERSION = '2018-01-01';
const PAGE_SIZE = 100;

type Raw = Record<string, unknown>;

const isRecord = (value: unknown): value is Raw => typeof value === 'object' && value !== null && !Array.isArray(value);
const text = (record: Raw, key: string): string => {
  const value = record[key];
  return typeof value === 'string' ? value : typeof value === 'number' ? String(value) : '';
};
const num = (record: Raw, key: string, fallback: number): number => {
  const value = record[key];
  const parsed = typeof value === 'number' ? value : typeof value === 'string' ? Number(value) : NaN;
  return Number.isFinite(parsed) ? parsed : fallback;
};

/** The records at a path; a wrapped list (`Zones.Zone`) or a bare array (`Rules`). */
function listAt(value: unknown, ...path: string[]): Raw[] {
  let current = value;
  for (const key of path) current = isRecord(current) ? current[key] : undefined;
  return Array.isArray(current) ? current.filter(isRecord) : [];
}

const callPvtz = (clients: CloudClients, action: string, query: Record<string, unknown>, resource: string): Promise<unknown> => callRpc(clients.pvtz, VERSION, action, query, resource);

const toVpcs = (list: Raw[]) => list.map((vpc) => ({ vpcId: text(vpc, 'VpcId'), regionId: text(vpc, 'RegionId') })).filter((vpc) => vpc.vpcId !== '');

/** Converts one DescribeZoneRecords item. */
export function toPrivateZoneRecord(raw: Raw): PrivateZoneRecord {
  return { id: num(raw, 'RecordId', 0), rr: text(raw, 'Rr'), type: text(raw, 'Type').toUpperCase(), value: text(raw, 'Value'), ttl: num(raw, 'Ttl', 60), enabled: text(raw, 'Status') !== 'DISABLE' };
}

/** Converts one DescribeResolverRules item (read with NeedDetailAttributes=true). */
export function toResolverRule(raw: Raw): ResolverRule {
  return {
    id: text(raw, 'Id'),
    name: text(raw, 'Name'),
    zoneName: text(raw, 'ZoneName').replace(/\.+$/, ''),
    forwardIps: listAt(raw, 'ForwardIps').map((item) => ({ ip: text(item, 'Ip'), port: num(item, 'Port', 53) })),
    vpcIds: toVpcs(listAt(raw, 'BindVpcs')).map((vpc) => vpc.vpcId),
  };
}

async function readZone(clients: CloudClients, zoneId: string): Promise<PrivateZone> {
  const [info, records] = await Promise.all([
    callPvtz(clients, 'DescribeZoneInfo', { ZoneId: zoneId }, `DescribeZoneInfo ${zoneId}`),
    collectByNumber(PAGE_SIZE, async (pageNumber) => {
      const body = await callPvtz(clients, 'DescribeZoneRecords', { ZoneId: zoneId, PageNumber: pageNumber, PageSize: PAGE_SIZE }, `DescribeZoneRecords ${zoneId}`);
      return { items: listAt(body, 'Records', 'Record').map(toPrivateZoneRecord), totalCount: isRecord(body) ? num(body, 'TotalItems', Number.MAX_SAFE_INTEGER) : undefined };
    }),
  ]);
  const raw = isRecord(info) ? info : {};
  return {
    id: zoneId,
    name: text(raw, 'ZoneName').replace(/\.+$/, ''),
    proxyPattern: text(raw, 'ProxyPattern') === 'RECORD' ? 'RECORD' : 'ZONE',
    vpcs: toVpcs(listAt(raw, 'BindVpcs', 'Vpc')),
    records,
  };
}

/**
 * The PrivateZone facts for queries from `vpcId` for `names`: every zone of the account
 * covering one of the names (DescribeZones, all pages; then DescribeZoneInfo and
 * DescribeZoneRecords of each), and the forwarding rules covering one (DescribeResolverRules
 * with their bound VPCs). Throws `UpstreamError` when any read fails.
 */
export async function describePrivateZoneFacts(clients: CloudClients, input: { vpcId: string; names: string[] }): Promise<PrivateZoneFacts> {
  const covers = (zoneName: string) => input.names.some((name) => inZone(name, zoneName));
  const [zones, rules] = await Promise.all([
    collectByNumber(PAGE_SIZE, async (pageNumber) => {
      const body = await callPvtz(clients, 'DescribeZones', { PageNumber: pageNumber, PageSize: PAGE_SIZE }, 'DescribeZones');
      return { items: listAt(body, 'Zones', 'Zone'), totalCount: isRecord(body) ? num(body, 'TotalItems', Number.MAX_SAFE_INTEGER) : undefined };
    }),
    collectByNumber(PAGE_SIZE, async (pageNumber) => {
      const body = await callPvtz(clients, 'DescribeResolverRules', { NeedDetailAttributes: 'true', PageNumber: pageNumber, PageSize: PAGE_SIZE }, 'DescribeResolverRules');
      return { items: listAt(body, 'Rules').map(toResolverRule), totalCount: isRecord(body) ? num(body, 'TotalItems', Number.MAX_SAFE_INTEGER) : undefined };
    }),
  ]);
  const covering = zones.filter((zone) => covers(text(zone, 'ZoneName').replace(/\.+$/, '')));
  return {
    vpcId: input.vpcId,
    regionId: clients.region,
    zones: await Promise.all(covering.map((zone) => readZone(clients, text(zone, 'ZoneId')))),
    rules: rules.filter((rule) => covers(rule.zoneName)),
  };
}
