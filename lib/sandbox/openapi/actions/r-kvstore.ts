/** R-KVStore (Redis) 2015-01-01 actions of the sandbox: instances, their IP whitelists and trusted security groups. */
import { resourceNotFound } from '../fault';
import { pageByNumber } from '../paging';
import type { ActionContext, ActionTable } from './types';
import { matches, omit, stringAt, within } from './wire';

function describeInstances({ params, cloud }: ActionContext): Record<string, unknown> {
  const found = cloud.redisInstances.filter(
    (instance) =>
      within(params.commaList('InstanceIds'), instance.InstanceId) &&
      matches(params.get('VpcId'), stringAt(instance, 'VpcId')) &&
      matches(params.get('PrivateIp'), stringAt(instance, 'PrivateIp')),
  );
  const { items, ...fields } = pageByNumber(found, params, { defaultSize: 30, maxSize: 100 });
  // NOTE: whitelists are a world-only join; DescribeInstances does not return them.
  return { ...fields, Instances: { KVStoreInstance: items.map((instance) => omit(instance, ['SecurityIpGroups', 'EcsSecurityGroupRelations'])) } };
}

function describeSecurityIps({ params, cloud }: ActionContext): Record<string, unknown> {
  const id = params.require('InstanceId');
  const instance = cloud.redisInstances.find((candidate) => candidate.InstanceId === id);
  if (!instance) throw resourceNotFound('InvalidInstanceId.NotFound', id);
  return { SecurityIpGroups: { SecurityIpGroup: instance.SecurityIpGroups } };
}

function describeSecurityGroupConfiguration({ params, cloud }: ActionContext): Record<string, unknown> {
  const id = params.require('InstanceId');
  const instance = cloud.redisInstances.find((candidate) => candidate.InstanceId === id);
  if (!instance) throw resourceNotFound('InvalidInstanceId.NotFound', id);
  const relations = (instance.EcsSecurityGroupRelations ?? []).map((relation) => ({ NetType: 'vpc', RegionId: cloud.regionId, ...relation }));
  return { Items: { EcsSecurityGroupRelation: relations } };
}

/** R-KVStore 2015-01-01 actions by name. */
export const rKvstoreActions: ActionTable = {
  DescribeInstances: { product: 'kvstore', resourceType: 'instance', regional: true, handle: describeInstances },
  DescribeSecurityIps: { product: 'kvstore', resourceType: 'instance', regional: false, handle: describeSecurityIps },
  DescribeSecurityGroupConfiguration: { product: 'kvstore', resourceType: 'instance', regional: false, handle: describeSecurityGroupConfiguration },
};
