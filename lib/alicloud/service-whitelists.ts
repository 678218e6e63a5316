/**
 * Whitelists of PolarDB (polardb 2017-08-01 DescribeDBClusterAccessWhitelist: IP groups and
 * security groups in one answer) and ApsaraDB for MongoDB (dds 2015-12-01 DescribeSecurityIps
 * and DescribeSecurityGroupConfiguration), called through the generic OpenAPI client: MongoDB
 * has no SDK package on the registry, and one PolarDB action does not justify its SDK. The raw
 * PascalCase bodies are narrowed by hand.
 */
import 'server-only';

import type { ServiceWhitelist, TrustedSecurityGroup, WhitelistGroup } from '@/lib/analysis/model';

import type { CloudClients } from './clients';
import { orNull, splitList } from './convert';
import { callRpc } from './rpc-params';
import { readWhitelistPart } from './whitelists';

const POLARDB_VERSION = '2017-08-01';
const DDS_VERSION = '2015-12-01';

type Raw = Record<string, unknown>;

const isRecord = (value: unknown): value is Raw => typeof value === 'object' && value !== null && !Array.isArray(value);
const text = (record: Raw, key: string): string => {
  const value = record[key];
  return typeof value === 'string' ? value : '';
};

/** The records of a wrapped list (`Items.DBClusterIPArray`). */
function listAt(value: unknown, outer: string, inner: string): Raw[] {
  const wrapper = isRecord(value) ? value[outer] : undefined;
  const list = isRecord(wrapper) ? wrapper[inner] : undefined;
  return Array.isArray(list) ? list.filter(isRecord) : [];
}

/**
 * Converts one PolarDB `Items.DBClusterIPArray[]` item. NOTE: the API reference names the list
 * `SecurityIps`; older examples show `SecurityIPList`, read when the first is absent.
 */
export function toPolardbWhitelistGroup(raw: Raw): WhitelistGroup {
  return {
    name: text(raw, 'DBClusterIPArrayName'),
    attribute: text(raw, 'DBClusterIPArrayAttribute'),
    entries: splitList(text(raw, 'SecurityIps') || text(raw, 'SecurityIPList')),
    networkType: null,
  };
}

/** Converts one PolarDB `DBClusterSecurityGroups.DBClusterSecurityGroup[]` item. */
export function toPolardbTrustedGroup(raw: Raw): TrustedSecurityGroup {
  return { id: text(raw, 'SecurityGroupId'), name: text(raw, 'SecurityGroupName'), networkType: null, regionId: null };
}

/** Converts one MongoDB `SecurityIpGroups.SecurityIpGroup[]` item. */
export function toMongoWhitelistGroup(raw: Raw): WhitelistGroup {
  return { name: text(raw, 'SecurityIpGroupName'), attribute: text(raw, 'SecurityIpGroupAttribute').trim(), entries: splitList(text(raw, 'SecurityIpList')), networkType: null };
}

/** Converts one MongoDB `Items.RdsEcsSecurityGroupRel[]` item. */
export function toMongoTrustedGroup(raw: Raw): TrustedSecurityGroup {
  return { id: text(raw, 'SecurityGroupId'), name: '', networkType: orNull(text(raw, 'NetType')), regionId: orNull(text(raw, 'RegionId')) };
}

/** The whitelist of a PolarDB cluster: its IP groups and trusted security groups, from one call (throws `UpstreamError`). */
export async function describePolardbWhitelist(clients: CloudClients, clusterId: string): Promise<ServiceWhitelist> {
  const body = await callRpc(clients.polardb, POLARDB_VERSION, 'DescribeDBClusterAccessWhitelist', { DBClusterId: clusterId }, `DescribeDBClusterAccessWhitelist ${clusterId}`);
  const securityGroups = listAt(body, 'DBClusterSecurityGroups', 'DBClusterSecurityGroup').map(toPolardbTrustedGroup).filter((group) => group.id !== '');
  return {
    service: 'polardb',
    instanceId: clusterId,
    groups: listAt(body, 'Items', 'DBClusterIPArray').map(toPolardbWhitelistGroup),
    securityGroups: { kind: 'ok', value: securityGroups },
  };
}

/**
 * The whitelist of a MongoDB instance: its security IP groups (throws `UpstreamError` when they
 * cannot be read) and, read on its own, the ECS security groups it trusts.
 */
export async function describeMongoWhitelist(clients: CloudClients, instanceId: string): Promise<ServiceWhitelist> {
  const query = { RegionId: clients.region, DBInstanceId: instanceId };
  const [ips, securityGroups] = await Promise.all([
    callRpc(clients.dds, DDS_VERSION, 'DescribeSecurityIps', query, `DescribeSecurityIps ${instanceId}`),
    readWhitelistPart(async () => {
      const body = await callRpc(clients.dds, DDS_VERSION, 'DescribeSecurityGroupConfiguration', query, `DescribeSecurityGroupConfiguration ${instanceId}`);
      return listAt(body, 'Items', 'RdsEcsSecurityGroupRel').map(toMongoTrustedGroup).filter((group) => group.id !== '');
    }),
  ]);
  return { service: 'mongodb', instanceId, groups: listAt(ips, 'SecurityIpGroups', 'SecurityIpGroup').map(toMongoWhitelistGroup), securityGroups };
}
