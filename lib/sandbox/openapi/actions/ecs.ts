/** ECS 2014-05-26 actions of the sandbox: ENIs, security groups, instances, prefix lists and port lists. */
import { invalidParameter, OpenApiFault, resourceNotFound } from '../fault';
import { pageByNumber, pageByToken, wantsToken } from '../paging';
import type { RequestParams } from '../request-params';
import type { ActionContext, ActionTable } from './types';
import { arrayAt, matches, omit, stringAt, within } from './wire';

/** Pages by token when the request asks for it, else by number (both styles exist in ECS). */
function page<T>(items: readonly T[], params: RequestParams, maxSize: number): { items: T[]; fields: Record<string, unknown> } {
  if (wantsToken(params)) {
    const { items: slice, NextToken } = pageByToken(items, params, { defaultSize: 10, maxSize });
    return { items: slice, fields: { NextToken, TotalCount: items.length } };
  }
  const { items: slice, ...fields } = pageByNumber(items, params, { defaultSize: 10, maxSize });
  return { items: slice, fields };
}

function privateIpsOf(eni: Record<string, unknown>): string[] {
  const secondary = arrayAt(eni, 'PrivateIpSets', 'PrivateIpSet').map((set) => stringAt(set, 'PrivateIpAddress'));
  return [stringAt(eni, 'PrivateIpAddress'), ...secondary].filter((ip): ip is string => ip !== undefined);
}

function describeNetworkInterfaces({ params, cloud }: ActionContext): Record<string, unknown> {
  const ids = params.list('NetworkInterfaceId');
  const ips = params.list('PrivateIpAddress');
  const securityGroupId = params.get('SecurityGroupId');
  const found = cloud.networkInterfaces.filter(
    (eni) =>
      matches(params.get('VpcId'), eni.VpcId) &&
      matches(params.get('VSwitchId'), eni.VSwitchId) &&
      matches(params.get('InstanceId'), stringAt(eni, 'InstanceId')) &&
      matches(params.get('PrimaryIpAddress'), eni.PrivateIpAddress) &&
      matches(params.get('Type'), stringAt(eni, 'Type')) &&
      within(ids, eni.NetworkInterfaceId) &&
      (ips.length === 0 || privateIpsOf(eni).some((ip) => ips.includes(ip))) &&
      (securityGroupId === undefined || eni.SecurityGroupIds.SecurityGroupId.includes(securityGroupId)),
  );
  const { items, fields } = page(found, params, 500);
  return { ...fields, NetworkInterfaceSets: { NetworkInterfaceSet: items } };
}

function describeSecurityGroups({ params, cloud }: ActionContext): Record<string, unknown> {
  const ids = params.jsonList('SecurityGroupIds');
  const found = cloud.securityGroups.filter(
    (group) =>
      within(ids, group.SecurityGroupId) &&
      matches(params.get('SecurityGroupId'), group.SecurityGroupId) &&
      matches(params.get('VpcId'), group.VpcId) &&
      matches(params.get('SecurityGroupType'), group.SecurityGroupType),
  );
  const { items, fields } = page(found, params, 100);
  return {
    ...fields,
    RegionId: cloud.regionId,
    // NOTE: the world joins the attribute body onto the list item; the list action has no rules.
    SecurityGroups: { SecurityGroup: items.map((group) => omit(group, ['Permissions', 'InnerAccessPolicy'])) },
  };
}

function describeSecurityGroupAttribute({ params, cloud }: ActionContext): Record<string, unknown> {
  const id = params.require('SecurityGroupId');
  const group = cloud.securityGroups.find((candidate) => candidate.SecurityGroupId === id);
  if (!group) throw resourceNotFound('InvalidSecurityGroupId.NotFound', id);
  const direction = params.get('Direction') ?? 'all';
  if (!['all', 'ingress', 'egress'].includes(direction)) throw invalidParameter('Direction', direction);
  const nicType = params.get('NicType');
  const permissions = group.Permissions.Permission.filter(
    (permission) =>
      (direction === 'all' || permission.Direction === direction) &&
      (nicType === undefined || matches(stringAt(permission, 'NicType') ?? 'intranet', nicType)),
  );
  const paged = params.get('MaxResults') === undefined && params.get('NextToken') === undefined
    ? { items: permissions, NextToken: undefined }
    : pageByToken(permissions, params, { defaultSize: 100, maxSize: 1000 });
  return {
    RegionId: cloud.regionId,
    SecurityGroupId: group.SecurityGroupId,
    SecurityGroupName: stringAt(group, 'SecurityGroupName') ?? '',
    Description: stringAt(group, 'Description') ?? '',
    VpcId: group.VpcId,
    InnerAccessPolicy: group.InnerAccessPolicy ?? 'Accept',
    ...(paged.NextToken === undefined ? {} : { NextToken: paged.NextToken }),
    Permissions: { Permission: paged.items },
  };
}

function describeInstances({ params, cloud }: ActionContext): Record<string, unknown> {
  const ids = params.jsonList('InstanceIds');
  const found = cloud.instances.filter(
    (instance) =>
      within(ids, instance.InstanceId) &&
      matches(params.get('VpcId'), stringAt(instance, 'VpcId') ?? stringAt(instance['VpcAttributes'], 'VpcId')) &&
      matches(params.get('Status'), instance.Status),
  );
  const { items, fields } = page(found, params, 100);
  return { ...fields, Instances: { Instance: items } };
}

function describePrefixListAttributes({ params, cloud }: ActionContext): Record<string, unknown> {
  const id = params.require('PrefixListId');
  const list = cloud.prefixLists.find((candidate) => candidate.PrefixListId === id);
  if (!list) throw resourceNotFound('InvalidPrefixListId.NotFound', id);
  return {
    PrefixListId: list.PrefixListId,
    PrefixListName: list.PrefixListName ?? '',
    AddressFamily: list.AddressFamily,
    MaxEntries: typeof list['MaxEntries'] === 'number' ? list['MaxEntries'] : Math.max(10, list.Entries.Entry.length),
    Description: stringAt(list, 'Description') ?? '',
    CreationTime: stringAt(list, 'CreationTime') ?? '',
    Entries: { Entry: list.Entries.Entry.map((entry) => ({ Cidr: entry.Cidr, Description: entry.Description ?? '' })) },
  };
}

function describePortRangeListEntries({ params, cloud }: ActionContext): Record<string, unknown> {
  const id = params.require('PortRangeListId');
  const list = cloud.portRangeLists.find((candidate) => candidate.PortRangeListId === id);
  // NOTE: the real action answers this one with 400, not 404.
  if (!list) throw new OpenApiFault(400, 'InvalidPortRangeListId.NotFound', 'The specified port range list was not found.');
  return { Entries: list.Entries.map((entry) => ({ PortRange: entry.PortRange, Description: entry.Description ?? '' })) };
}

/** ECS 2014-05-26 actions by name. */
export const ecsActions: ActionTable = {
  DescribeNetworkInterfaces: { product: 'ecs', resourceType: 'networkinterface', regional: true, handle: describeNetworkInterfaces },
  DescribeSecurityGroups: { product: 'ecs', resourceType: 'securitygroup', regional: true, handle: describeSecurityGroups },
  DescribeSecurityGroupAttribute: {
    product: 'ecs',
    resourceType: 'securitygroup',
    regional: true,
    handle: describeSecurityGroupAttribute,
  },
  DescribeInstances: { product: 'ecs', resourceType: 'instance', regional: true, handle: describeInstances },
  DescribePrefixListAttributes: { product: 'ecs', resourceType: 'prefixlist', regional: true, handle: describePrefixListAttributes },
  DescribePortRangeListEntries: { product: 'ecs', resourceType: 'portrangelist', regional: true, handle: describePortRangeListEntries },
};
