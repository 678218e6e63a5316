/** RDS 2014-08-15 actions of the sandbox: instances and their IP whitelists. */
import { resourceNotFound } from '../fault';
import { pageByNumber } from '../paging';
import type { ActionContext, ActionTable } from './types';
import { matches, omit, stringAt, within } from './wire';

function describeDbInstances({ params, cloud }: ActionContext): Record<string, unknown> {
  const found = cloud.rdsInstances.filter(
    (instance) =>
      within(params.commaList('DBInstanceId'), instance.DBInstanceId) &&
      matches(params.get('VpcId'), stringAt(instance, 'VpcId')),
  );
  const { items, PageNumber, TotalCount } = pageByNumber(found, params, { defaultSize: 30, maxSize: 100 });
  return {
    PageNumber,
    PageRecordCount: items.length,
    TotalRecordCount: TotalCount,
    // NOTE: whitelists are a world-only join; DescribeDBInstances does not return them.
    Items: { DBInstance: items.map((instance) => omit(instance, ['DBInstanceIPArrays'])) },
  };
}

function describeDbInstanceIpArrayList({ params, cloud }: ActionContext): Record<string, unknown> {
  const id = params.require('DBInstanceId');
  const instance = cloud.rdsInstances.find((candidate) => candidate.DBInstanceId === id);
  if (!instance) throw resourceNotFound('InvalidDBInstanceId.NotFound', id);
  const groups = instance.DBInstanceIPArrays.filter((group) =>
    matches(params.get('WhitelistNetworkType'), stringAt(group, 'WhitelistNetworkType')),
  );
  return { Items: { DBInstanceIPArray: groups } };
}

/** RDS 2014-08-15 actions by name. */
export const rdsActions: ActionTable = {
  DescribeDBInstances: { product: 'rds', resourceType: 'dbinstance', regional: true, handle: describeDbInstances },
  DescribeDBInstanceIPArrayList: {
    product: 'rds',
    resourceType: 'dbinstance',
    regional: false,
    handle: describeDbInstanceIpArrayList,
  },
};
