/** PolarDB 2017-08-01 actions of the sandbox: clusters and their access whitelists (IP groups and security groups). */
import type { WorldCloud } from '@/lib/schemas/world';

import { resourceNotFound } from '../fault';
import { pageByNumber } from '../paging';
import type { ActionContext, ActionTable } from './types';
import { matches, omit, stringAt, within } from './wire';

type Cluster = NonNullable<WorldCloud['polardbClusters']>[number];

/** The cluster `DBClusterId` names; `InvalidDBClusterId.NotFound` otherwise. */
export function findPolardbCluster({ params, cloud }: ActionContext): Cluster {
  const id = params.require('DBClusterId');
  const cluster = (cloud.polardbClusters ?? []).find((candidate) => candidate.DBClusterId === id);
  if (!cluster) throw resourceNotFound('InvalidDBClusterId.NotFound', id);
  return cluster;
}

function describeDbClusters({ params, cloud }: ActionContext): Record<string, unknown> {
  const found = (cloud.polardbClusters ?? []).filter(
    (cluster) => within(params.commaList('DBClusterIds'), cluster.DBClusterId) && matches(params.get('VpcId'), stringAt(cluster, 'VpcId')),
  );
  const { items, PageNumber, TotalCount } = pageByNumber(found, params, { defaultSize: 30, maxSize: 100 });
  // NOTE: whitelists are a world-only join; DescribeDBClusters does not return them.
  return { PageNumber, PageRecordCount: items.length, TotalRecordCount: TotalCount, Items: { DBCluster: items.map((cluster) => omit(cluster, ['DBClusterIPArrays', 'DBClusterSecurityGroups', 'DBClusterEndpoints'])) } };
}

/** The cluster's endpoints: `Items[]` (an array, not wrapped), each with `AddressItems[]`. */
function describeDbClusterEndpoints(context: ActionContext): Record<string, unknown> {
  const cluster = findPolardbCluster(context);
  const endpointId = context.params.get('DBEndpointId');
  const endpoints = (cluster.DBClusterEndpoints ?? []).filter((endpoint) => matches(endpointId, endpoint.DBEndpointId));
  return { Items: endpoints.map((endpoint) => ({ DBClusterId: cluster.DBClusterId, ...endpoint })) };
}

function describeDbClusterAccessWhitelist(context: ActionContext): Record<string, unknown> {
  const cluster = findPolardbCluster(context);
  return {
    Items: { DBClusterIPArray: cluster.DBClusterIPArrays },
    DBClusterSecurityGroups: { DBClusterSecurityGroup: cluster.DBClusterSecurityGroups },
  };
}

/** PolarDB 2017-08-01 actions by name. */
export const polardbActions: ActionTable = {
  DescribeDBClusters: { product: 'polardb', resourceType: 'dbcluster', regional: true, handle: describeDbClusters },
  DescribeDBClusterAccessWhitelist: { product: 'polardb', resourceType: 'dbcluster', regional: false, handle: describeDbClusterAccessWhitelist },
  DescribeDBClusterEndpoints: { product: 'polardb', resourceType: 'dbcluster', regional: false, handle: describeDbClusterEndpoints },
};
