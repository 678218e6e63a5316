/** ApsaraDB for MongoDB (dds 2015-12-01) actions of the sandbox: instances, their IP whitelists and trusted security groups. */
import type { WorldCloud } from '@/lib/schemas/world';

import { resourceNotFound } from '../fault';
import { pageByNumber } from '../paging';
import type { ActionContext, ActionTable } from './types';
import { matches, omit, stringAt, within } from './wire';

type Instance = NonNullable<WorldCloud['mongodbInstances']>[number];

/** The instance `DBInstanceId` names; `InvalidDBInstanceId.NotFound` otherwise. */
export function findMongoInstance({ params, cloud }: ActionContext): Instance {
  const id = params.require('DBInstanceId');
  const instance = (cloud.mongodbInstances ?? []).find((candidate) => candidate.DBInstanceId === id);
  if (!instance) throw resourceNotFound('InvalidDBInstanceId.NotFound', id);
  return instance;
}

function describeDbInstances({ params, cloud }: ActionContext): Record<string, unknown> {
  const found = (cloud.mongodbInstances ?? []).filter(
    (instance) => within(params.commaList('DBInstanceId'), instance.DBInstanceId) && matches(params.get('VpcId'), stringAt(instance, 'VPCId')),
  );
  const { items, PageNumber, TotalCount } = pageByNumber(found, params, { defaultSize: 30, maxSize: 100 });
  // NOTE: whitelists are a world-only join; DescribeDBInstances does not return them.
  return { PageNumber, PageSize: items.length, TotalCount, DBInstances: { DBInstance: items.map((instance) => omit(instance, ['SecurityIpGroups', 'EcsSecurityGroupRelations', 'ReplicaSets', 'NetworkAddresses'])) } };
}

/** A replica set's nodes: names only (`ConnectionDomain`), no address, as the reference answers. */
function describeReplicaSetRole(context: ActionContext): Record<string, unknown> {
  const instance = findMongoInstance(context);
  return { DBInstanceId: instance.DBInstanceId, ReplicaSets: { ReplicaSet: instance.ReplicaSets ?? [] } };
}

/** A sharded cluster's addresses (`NetworkAddresses.NetworkAddress[]` with `IPAddress`). */
function describeShardingNetworkAddress(context: ActionContext): Record<string, unknown> {
  const instance = findMongoInstance(context);
  return { NetworkAddresses: { NetworkAddress: instance.NetworkAddresses ?? [] }, CompatibleConnections: { CompatibleConnection: [] } };
}

function describeSecurityIps(context: ActionContext): Record<string, unknown> {
  const instance = findMongoInstance(context);
  const groups = instance.SecurityIpGroups;
  // NOTE: the real answer repeats the default group's list in a top-level `SecurityIps`.
  const defaultGroup = groups.find((group) => group.SecurityIpGroupName === 'default');
  return { SecurityIps: defaultGroup?.SecurityIpList ?? '', SecurityIpGroups: { SecurityIpGroup: groups } };
}

function describeSecurityGroupConfiguration(context: ActionContext): Record<string, unknown> {
  const instance = findMongoInstance(context);
  const relations = instance.EcsSecurityGroupRelations.map((relation) => ({ NetType: 'vpc', RegionId: context.cloud.regionId, ...relation }));
  return { Items: { RdsEcsSecurityGroupRel: relations } };
}

/** dds 2015-12-01 actions by name. */
export const ddsActions: ActionTable = {
  DescribeDBInstances: { product: 'dds', resourceType: 'dbinstance', regional: true, handle: describeDbInstances },
  DescribeSecurityIps: { product: 'dds', resourceType: 'dbinstance', regional: false, handle: describeSecurityIps },
  DescribeSecurityGroupConfiguration: { product: 'dds', resourceType: 'dbinstance', regional: false, handle: describeSecurityGroupConfiguration },
  DescribeReplicaSetRole: { product: 'dds', resourceType: 'dbinstance', regional: false, handle: describeReplicaSetRole },
  DescribeShardingNetworkAddress: { product: 'dds', resourceType: 'dbinstance', regional: false, handle: describeShardingNetworkAddress },
};
