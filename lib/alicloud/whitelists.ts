/** Destination whitelists: RDS (DescribeDBInstanceIPArrayList) and Redis (DescribeSecurityIps). */
import 'server-only';

import * as rKvstore from '@alicloud/r-kvstore20150101';
import * as rds from '@alicloud/rds20140815';

import type { ServiceWhitelist, WhitelistGroup } from '@/lib/analysis/model';

import type { CloudClients } from './clients';
import { splitList } from './convert';
import { toUpstreamError } from './errors';

/**
 * Converts one `Items.DBInstanceIPArray[]` item. NOTE: the SDK model drops
 * `WhitelistNetworkType`, so the network type is not reported.
 */
export function toRdsWhitelistGroup(raw: rds.DescribeDBInstanceIPArrayListResponseBodyItemsDBInstanceIPArray): WhitelistGroup {
  return {
    name: raw.DBInstanceIPArrayName ?? '',
    attribute: raw.DBInstanceIPArrayAttribute ?? '',
    entries: splitList(raw.securityIPList),
    networkType: null,
  };
}

/** Converts one `SecurityIpGroups.SecurityIpGroup[]` item. */
export function toRedisWhitelistGroup(raw: rKvstore.DescribeSecurityIpsResponseBodySecurityIpGroupsSecurityIpGroup): WhitelistGroup {
  return {
    name: raw.securityIpGroupName ?? '',
    attribute: raw.securityIpGroupAttribute ?? '',
    entries: splitList(raw.securityIpList),
    networkType: null,
  };
}

/** The IP whitelist groups of an RDS instance. */
export async function describeRdsWhitelist(clients: CloudClients, instanceId: string): Promise<ServiceWhitelist> {
  const request = new rds.DescribeDBInstanceIPArrayListRequest({ DBInstanceId: instanceId });
  const response = await clients.rds.describeDBInstanceIPArrayList(request).catch((error: unknown) => {
    throw toUpstreamError(error, `DescribeDBInstanceIPArrayList ${instanceId}`);
  });
  return { service: 'rds', instanceId, groups: (response.body?.items?.DBInstanceIPArray ?? []).map(toRdsWhitelistGroup) };
}

/** The IP whitelist groups of a Redis (R-KVStore) instance. */
export async function describeRedisWhitelist(clients: CloudClients, instanceId: string): Promise<ServiceWhitelist> {
  const request = new rKvstore.DescribeSecurityIpsRequest({ instanceId });
  const response = await clients.rKvstore.describeSecurityIps(request).catch((error: unknown) => {
    throw toUpstreamError(error, `DescribeSecurityIps ${instanceId}`);
  });
  return { service: 'redis', instanceId, groups: (response.body?.securityIpGroups?.securityIpGroup ?? []).map(toRedisWhitelistGroup) };
}
