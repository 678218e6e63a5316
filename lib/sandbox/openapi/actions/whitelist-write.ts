/**
 * RDS 2014-08-15, R-KVStore 2015-01-01 and MongoDB (dds 2015-12-01) ModifySecurityIps and PolarDB
 * 2017-08-01 ModifyDBClusterAccessWhitelist (IP groups): whitelist groups changed in place.
 */
import { invalidParameter, resourceNotFound } from '../fault';
import type { RequestParams } from '../request-params';
import { findMongoInstance } from './dds';
import { findPolardbCluster } from './polardb';
import type { ActionContext, ActionTable } from './types';

type Mode = 'Cover' | 'Append' | 'Delete';

function modeOf(params: RequestParams): Mode {
  const mode = params.get('ModifyMode') ?? 'Cover';
  if (mode !== 'Cover' && mode !== 'Append' && mode !== 'Delete') throw invalidParameter('ModifyMode', mode);
  return mode;
}

function ipsOf(params: RequestParams): string[] {
  const raw = params.require('SecurityIps');
  const ips = raw.split(',').map((ip) => ip.trim()).filter((ip) => ip !== '');
  const bad = ips.find((ip) => !/^[0-9a-fA-F:.]+(\/\d{1,3})?$/.test(ip) && ip !== '%');
  if (bad !== undefined || ips.length === 0) throw invalidParameter('SecurityIps', raw, 'InvalidSecurityIPList.Format');
  return ips;
}

/**
 * The group's entries after the change: `Cover` replaces, `Append` adds the missing ones,
 * `Delete` removes; null when the group should disappear (emptied, and not `default`).
 */
function changed(current: string[], ips: string[], mode: Mode, group: string): string[] | null {
  const next = mode === 'Cover' ? [...new Set(ips)] : mode === 'Append' ? [...new Set([...current, ...ips])] : current.filter((ip) => !ips.includes(ip));
  return next.length === 0 && group !== 'default' ? null : next;
}

function modifyRds({ params, cloud }: ActionContext): Record<string, unknown> {
  const id = params.require('DBInstanceId');
  const instance = cloud.rdsInstances.find((candidate) => candidate.DBInstanceId === id);
  if (!instance) throw resourceNotFound('InvalidDBInstanceId.NotFound', id);
  const name = params.get('DBInstanceIPArrayName') ?? 'default';
  const existing = instance.DBInstanceIPArrays.find((group) => group.DBInstanceIPArrayName === name);
  const next = changed(existing?.SecurityIPList.split(',').filter((ip) => ip !== '') ?? [], ipsOf(params), modeOf(params), name);
  if (next === null) instance.DBInstanceIPArrays = instance.DBInstanceIPArrays.filter((group) => group !== existing);
  else if (existing) existing.SecurityIPList = next.join(',');
  else {
    instance.DBInstanceIPArrays.push({
      DBInstanceIPArrayName: name,
      DBInstanceIPArrayAttribute: params.get('DBInstanceIPArrayAttribute') ?? '',
      SecurityIPType: params.get('SecurityIPType') ?? 'IPv4',
      SecurityIPList: next.join(','),
      WhitelistNetworkType: params.get('WhitelistNetworkType') ?? 'MIX',
    });
  }
  return { DBInstanceName: id, TaskId: Math.floor(Math.random() * 1e9) };
}

function modifyRedis({ params, cloud }: ActionContext): Record<string, unknown> {
  const id = params.require('InstanceId');
  const instance = cloud.redisInstances.find((candidate) => candidate.InstanceId === id);
  if (!instance) throw resourceNotFound('InvalidInstanceId.NotFound', id);
  const name = params.get('SecurityIpGroupName') ?? 'default';
  const existing = instance.SecurityIpGroups.find((group) => group.SecurityIpGroupName === name);
  const next = changed(existing?.SecurityIpList.split(',').filter((ip) => ip !== '') ?? [], ipsOf(params), modeOf(params), name);
  if (next === null) instance.SecurityIpGroups = instance.SecurityIpGroups.filter((group) => group !== existing);
  else if (existing) existing.SecurityIpList = next.join(',');
  else instance.SecurityIpGroups.push({ SecurityIpGroupName: name, SecurityIpGroupAttribute: params.get('SecurityIpGroupAttribute') ?? '', SecurityIpList: next.join(',') });
  return {};
}

function modifyMongo(context: ActionContext): Record<string, unknown> {
  const { params } = context;
  const instance = findMongoInstance(context);
  const name = params.get('SecurityIpGroupName') ?? 'default';
  const existing = instance.SecurityIpGroups.find((group) => group.SecurityIpGroupName === name);
  const next = changed(existing?.SecurityIpList.split(',').filter((ip) => ip !== '') ?? [], ipsOf(params), modeOf(params), name);
  if (next === null) instance.SecurityIpGroups = instance.SecurityIpGroups.filter((group) => group !== existing);
  else if (existing) existing.SecurityIpList = next.join(',');
  else instance.SecurityIpGroups.push({ SecurityIpGroupName: name, SecurityIpGroupAttribute: params.get('SecurityIpGroupAttribute') ?? '', SecurityIpList: next.join(',') });
  return {};
}

/** The IP groups only (`WhiteListType` `IP`, the default); security-group changes are not served. */
function modifyPolardb(context: ActionContext): Record<string, unknown> {
  const { params } = context;
  const cluster = findPolardbCluster(context);
  const type = params.get('WhiteListType') ?? 'IP';
  if (type !== 'IP') throw invalidParameter('WhiteListType', type);
  const name = params.get('DBClusterIPArrayName') ?? 'default';
  const existing = cluster.DBClusterIPArrays.find((group) => group.DBClusterIPArrayName === name);
  const next = changed(existing?.SecurityIps.split(',').filter((ip) => ip !== '') ?? [], ipsOf(params), modeOf(params), name);
  if (next === null) cluster.DBClusterIPArrays = cluster.DBClusterIPArrays.filter((group) => group !== existing);
  else if (existing) existing.SecurityIps = next.join(',');
  else cluster.DBClusterIPArrays.push({ DBClusterIPArrayName: name, DBClusterIPArrayAttribute: params.get('DBClusterIPArrayAttribute') ?? '', SecurityIps: next.join(',') });
  return {};
}

/** RDS write actions by name. */
export const rdsWriteActions: ActionTable = {
  ModifySecurityIps: { product: 'rds', resourceType: 'dbinstance', regional: false, write: true, handle: modifyRds },
};

/** R-KVStore write actions by name. */
export const rKvstoreWriteActions: ActionTable = {
  ModifySecurityIps: { product: 'kvstore', resourceType: 'instance', regional: false, write: true, handle: modifyRedis },
};

/** MongoDB write actions by name. */
export const ddsWriteActions: ActionTable = {
  ModifySecurityIps: { product: 'dds', resourceType: 'dbinstance', regional: false, write: true, handle: modifyMongo },
};

/** PolarDB write actions by name. */
export const polardbWriteActions: ActionTable = {
  ModifyDBClusterAccessWhitelist: { product: 'polardb', resourceType: 'dbcluster', regional: false, write: true, handle: modifyPolardb },
};
