/**
 * The VPC addresses of the RDS, Redis, PolarDB and MongoDB instances of one VPC, for recognising a
 * destination given by address (docs/gates/whitelists.md, "Recognising the destination"):
 *
 * - RDS (SDK): `DescribeDBInstances` (`VpcId`) → `Items.DBInstance[].DBInstanceId`, then
 *   `DescribeDBInstanceNetInfo` → `DBInstanceNetInfos.DBInstanceNetInfo[].IPAddress` per instance;
 * - Redis (SDK): `DescribeInstances` (`VpcId`) → `Instances.KVStoreInstance[].PrivateIp`;
 * - PolarDB (generic RPC): `DescribeDBClusters` → `Items.DBCluster[]` of the VPC, then
 *   `DescribeDBClusterEndpoints` → `Items[].AddressItems[].IPAddress` per cluster;
 * - MongoDB (generic RPC): `DescribeDBInstances` (`VpcId`) → `DBInstances.DBInstance[]`, then per
 *   instance `DescribeShardingNetworkAddress` (`NetworkAddresses.NetworkAddress[].IPAddress`) for a
 *   sharded cluster, or `DescribeReplicaSetRole` (`ReplicaSets.ReplicaSet[].ConnectionDomain`,
 *   which carries no address: the caller resolves the names) for a replica set.
 *
 * Bounded: one page of the listing and at most `MAX_DETAIL_READS` reads per product; more
 * instances than that leave the listing incomplete (its `gap` set), never silently short.
 * A failed read makes its product's listing incomplete, not the others'.
 */
import 'server-only';

import * as rKvstore from '@alicloud/r-kvstore20150101';
import * as rds from '@alicloud/rds20140815';

import type { FactError, WhitelistService } from '@/lib/analysis/model';
import type { WhitelistInstanceAddresses, WhitelistInstanceListing } from '@/lib/analysis/whitelist-address';
import { WHITELIST_SERVICE_LABEL } from '@/lib/analysis/whitelist-hosts';
import { UpstreamError } from '@/lib/errors';

import type { CloudClients } from './clients';
import { toUpstreamError } from './errors';
import { callRpc } from './rpc-params';

/** The largest page the four listings take. */
export const INSTANCE_PAGE_SIZE = 100;
/** Instances per product whose addresses need a read of their own (RDS, PolarDB, MongoDB). */
export const MAX_DETAIL_READS = 20;

const POLARDB_VERSION = '2017-08-01';
const DDS_VERSION = '2015-12-01';

type Raw = Record<string, unknown>;
const isRecord = (value: unknown): value is Raw => typeof value === 'object' && value !== null && !Array.isArray(value);
const text = (record: Raw, key: string): string => (typeof record[key] === 'string' ? record[key] : '');
const count = (record: unknown, key: string): number | null => (isRecord(record) && typeof record[key] === 'number' ? record[key] : null);

/** The records at `path`, through wrappers (`Items.DBCluster`); a bare array at the end is read too. */
function recordsAt(value: unknown, ...path: string[]): Raw[] {
  let current = value;
  for (const key of path) {
    if (Array.isArray(current)) break;
    current = isRecord(current) ? current[key] : undefined;
  }
  return Array.isArray(current) ? current.filter(isRecord) : [];
}

/** An incomplete listing that is not an upstream error: more instances than were read. */
function cappedGap(service: WhitelistService, resource: string, listed: number, total: number): FactError {
  return {
    source: 'alicloud',
    reason: 'error',
    resource,
    message: `${total} ${WHITELIST_SERVICE_LABEL[service]} instances, more than the ${listed} read: the others' addresses were not looked at.`,
    retryable: false,
  };
}

/** A listing, its upstream failure becoming the listing's gap. */
async function listingOf(service: WhitelistService, reads: string, run: () => Promise<{ instances: WhitelistInstanceAddresses[]; gap: FactError | null }>): Promise<WhitelistInstanceListing> {
  try {
    return { service, reads, ...(await run()) };
  } catch (error) {
    if (error instanceof UpstreamError) return { service, reads, instances: [], gap: error.toFactError() };
    throw error;
  }
}

/**
 * The addresses of each of `ids` (at most `MAX_DETAIL_READS`, in parallel): the instances read,
 * and the first failure or the cap as the gap.
 */
async function detailsOf(service: WhitelistService, ids: string[], gap: FactError | null, read: (id: string) => Promise<string[]>): Promise<{ instances: WhitelistInstanceAddresses[]; gap: FactError | null }> {
  const readable = ids.slice(0, MAX_DETAIL_READS);
  const capped = ids.length > readable.length ? cappedGap(service, `addresses of ${ids.length} ${WHITELIST_SERVICE_LABEL[service]} instances`, readable.length, ids.length) : null;
  const results = await Promise.all(
    readable.map(async (instanceId) => {
      try {
        return { instanceId, addresses: await read(instanceId), error: undefined };
      } catch (error) {
        if (error instanceof UpstreamError) return { instanceId, addresses: [], error: error.toFactError() };
        throw error;
      }
    }),
  );
  const instances = results.flatMap((result) => (result.error === undefined ? [{ instanceId: result.instanceId, addresses: result.addresses }] : []));
  const failed = results.flatMap((result) => (result.error === undefined ? [] : [result.error]));
  return { instances, gap: gap ?? failed[0] ?? capped };
}

/** The RDS instances of `vpcId` and the addresses of their connections. */
export function listRdsAddresses(clients: CloudClients, vpcId: string): Promise<WhitelistInstanceListing> {
  return listingOf('rds', 'DescribeDBInstances, DescribeDBInstanceNetInfo', async () => {
    const request = new rds.DescribeDBInstancesRequest({ regionId: clients.region, vpcId, pageSize: INSTANCE_PAGE_SIZE, pageNumber: 1 });
    const response = await clients.rds.describeDBInstances(request).catch((error: unknown) => {
      throw toUpstreamError(error, `DescribeDBInstances ${vpcId}`);
    });
    const ids = (response.body?.items?.DBInstance ?? []).map((item) => item.DBInstanceId ?? '').filter((id) => id !== '');
    const total = response.body?.totalRecordCount ?? ids.length;
    const gap = total > ids.length ? cappedGap('rds', `DescribeDBInstances ${vpcId}`, ids.length, total) : null;
    return detailsOf('rds', ids, gap, async (instanceId) => {
      const netInfo = await clients.rds.describeDBInstanceNetInfo(new rds.DescribeDBInstanceNetInfoRequest({ DBInstanceId: instanceId })).catch((error: unknown) => {
        throw toUpstreamError(error, `DescribeDBInstanceNetInfo ${instanceId}`);
      });
      return (netInfo.body?.DBInstanceNetInfos?.DBInstanceNetInfo ?? []).map((info) => info.IPAddress ?? '').filter((ip) => ip !== '');
    });
  });
}

/** The Redis instances of `vpcId` and their private IPs (one call: the listing carries them). */
export function listRedisAddresses(clients: CloudClients, vpcId: string): Promise<WhitelistInstanceListing> {
  return listingOf('redis', 'DescribeInstances', async () => {
    const request = new rKvstore.DescribeInstancesRequest({ regionId: clients.region, vpcId, pageSize: INSTANCE_PAGE_SIZE, pageNumber: 1 });
    const response = await clients.rKvstore.describeInstances(request).catch((error: unknown) => {
      throw toUpstreamError(error, `DescribeInstances ${vpcId}`);
    });
    const items = response.body?.instances?.KVStoreInstance ?? [];
    const instances = items.map((item) => ({ instanceId: item.instanceId ?? '', addresses: item.privateIp ? [item.privateIp] : [] })).filter((item) => item.instanceId !== '');
    const total = response.body?.totalCount ?? items.length;
    return { instances, gap: total > items.length ? cappedGap('redis', `DescribeInstances ${vpcId}`, items.length, total) : null };
  });
}

/**
 * The PolarDB clusters of `vpcId` and their endpoints' addresses. NOTE: the listing is filtered
 * by each cluster's `VpcId` here: the reference does not document a `VpcId` filter.
 */
export function listPolardbAddresses(clients: CloudClients, vpcId: string): Promise<WhitelistInstanceListing> {
  return listingOf('polardb', 'DescribeDBClusters, DescribeDBClusterEndpoints', async () => {
    const body = await callRpc(clients.polardb, POLARDB_VERSION, 'DescribeDBClusters', { RegionId: clients.region, PageSize: INSTANCE_PAGE_SIZE, PageNumber: 1 }, `DescribeDBClusters ${clients.region}`);
    const items = recordsAt(body, 'Items', 'DBCluster');
    const ids = items.filter((item) => text(item, 'VpcId') === vpcId).map((item) => text(item, 'DBClusterId')).filter((id) => id !== '');
    const total = count(body, 'TotalRecordCount') ?? items.length;
    const gap = total > items.length ? cappedGap('polardb', `DescribeDBClusters ${clients.region}`, items.length, total) : null;
    return detailsOf('polardb', ids, gap, async (clusterId) => {
      const endpoints = await callRpc(clients.polardb, POLARDB_VERSION, 'DescribeDBClusterEndpoints', { DBClusterId: clusterId }, `DescribeDBClusterEndpoints ${clusterId}`);
      return recordsAt(endpoints, 'Items', 'DBEndpoint')
        .flatMap((endpoint) => recordsAt(endpoint, 'AddressItems', 'Address'))
        .map((item) => text(item, 'IPAddress'))
        .filter((ip) => ip !== '');
    });
  });
}

/**
 * The MongoDB instances of `vpcId` and their nodes' addresses. A replica set's reference answer
 * names its nodes only (`ConnectionDomain`): `resolve` turns those names into addresses (it
 * throws `UpstreamError` when a name cannot be resolved).
 */
export function listMongoAddresses(clients: CloudClients, vpcId: string, resolve: (host: string) => Promise<string[]>): Promise<WhitelistInstanceListing> {
  return listingOf('mongodb', 'DescribeDBInstances, DescribeShardingNetworkAddress, DescribeReplicaSetRole', async () => {
    const body = await callRpc(clients.dds, DDS_VERSION, 'DescribeDBInstances', { RegionId: clients.region, VpcId: vpcId, PageSize: INSTANCE_PAGE_SIZE, PageNumber: 1 }, `DescribeDBInstances ${vpcId}`);
    const items = recordsAt(body, 'DBInstances', 'DBInstance');
    const inVpc = items.filter((item) => (text(item, 'VPCId') || text(item, 'VpcId') || vpcId) === vpcId);
    const total = count(body, 'TotalCount') ?? items.length;
    const gap = total > items.length ? cappedGap('mongodb', `DescribeDBInstances ${vpcId}`, items.length, total) : null;
    const sharded = new Set(inVpc.filter((item) => text(item, 'DBInstanceType') === 'sharding').map((item) => text(item, 'DBInstanceId')));
    const ids = inVpc.map((item) => text(item, 'DBInstanceId')).filter((id) => id !== '');
    return detailsOf('mongodb', ids, gap, async (instanceId) => {
      const query = { RegionId: clients.region, DBInstanceId: instanceId };
      if (sharded.has(instanceId)) {
        const addresses = await callRpc(clients.dds, DDS_VERSION, 'DescribeShardingNetworkAddress', query, `DescribeShardingNetworkAddress ${instanceId}`);
        return recordsAt(addresses, 'NetworkAddresses', 'NetworkAddress').map((item) => text(item, 'IPAddress')).filter((ip) => ip !== '');
      }
      const roles = await callRpc(clients.dds, DDS_VERSION, 'DescribeReplicaSetRole', query, `DescribeReplicaSetRole ${instanceId}`);
      const hosts = recordsAt(roles, 'ReplicaSets', 'ReplicaSet')
        .filter((member) => text(member, 'NetworkType').toUpperCase() !== 'PUBLIC')
        .map((member) => text(member, 'ConnectionDomain'))
        .filter((host) => host !== '');
      return (await Promise.all(hosts.map(resolve))).flat();
    });
  });
}
