/** RDS 2014-08-15 actions of the sandbox: instances, their IP whitelists, trusted security groups and linked templates. */
import type { WorldCloud } from '@/lib/schemas/world';

import { resourceNotFound } from '../fault';
import { pageByNumber } from '../paging';
import type { ActionContext, ActionTable } from './types';
import { arrayAt, matches, omit, stringAt, within } from './wire';

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
    Items: { DBInstance: items.map((instance) => omit(instance, ['DBInstanceIPArrays', 'EcsSecurityGroupRelations', 'WhitelistTemplates', 'DBInstanceNetInfos'])) },
  };
}

/** The instance's connections (`DBInstanceNetInfos.DBInstanceNetInfo[]`: ConnectionString, IPAddress, IPType, VPCId). */
function describeDbInstanceNetInfo(context: ActionContext): Record<string, unknown> {
  const instance = findInstance(context, 'DBInstanceId');
  return {
    InstanceNetworkType: stringAt(instance, 'InstanceNetworkType') ?? 'VPC',
    SecurityIPMode: 'normal',
    DBInstanceNetInfos: { DBInstanceNetInfo: arrayAt(instance, 'DBInstanceNetInfos', 'DBInstanceNetInfo') },
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

function findInstance({ params, cloud }: ActionContext, key: string): WorldCloud['rdsInstances'][number] {
  const id = params.require(key);
  const instance = cloud.rdsInstances.find((candidate) => candidate.DBInstanceId === id);
  if (!instance) throw resourceNotFound('InvalidDBInstanceId.NotFound', id);
  return instance;
}

function describeSecurityGroupConfiguration(context: ActionContext): Record<string, unknown> {
  const instance = findInstance(context, 'DBInstanceId');
  const relations = (instance.EcsSecurityGroupRelations ?? []).map((relation) => ({ NetworkType: 'VPC', RegionId: context.cloud.regionId, ...relation }));
  return { DBInstanceName: instance.DBInstanceId, Items: { EcsSecurityGroupRelation: relations } };
}

/** NOTE: this action names the instance `InsName` and answers in a `Data` envelope with `Success`. */
function describeInstanceLinkedWhitelistTemplate(context: ActionContext): Record<string, unknown> {
  const instance = findInstance(context, 'InsName');
  const templates = (instance.WhitelistTemplates ?? []).map((template, index) => ({ Id: index + 1, UserId: 0, ...template }));
  return { Code: 'successful', HttpStatusCode: 200, Success: true, Message: 'successful', Data: { InsName: instance.DBInstanceId, Templates: templates } };
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
  DescribeSecurityGroupConfiguration: { product: 'rds', resourceType: 'dbinstance', regional: false, handle: describeSecurityGroupConfiguration },
  DescribeDBInstanceNetInfo: { product: 'rds', resourceType: 'dbinstance', regional: false, handle: describeDbInstanceNetInfo },
  DescribeInstanceLinkedWhitelistTemplate: { product: 'rds', resourceType: 'dbinstance', regional: true, handle: describeInstanceLinkedWhitelistTemplate },
};
