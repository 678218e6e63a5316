/**
 * Destination whitelists of RDS (DescribeDBInstanceIPArrayList, DescribeSecurityGroupConfiguration,
 * DescribeInstanceLinkedWhitelistTemplate) and Redis (DescribeSecurityIps,
 * DescribeSecurityGroupConfiguration). PolarDB and MongoDB: service-whitelists.ts.
 */
import 'server-only';

import * as rKvstore from '@alicloud/r-kvstore20150101';
import * as rds from '@alicloud/rds20140815';

import type { Fact, ServiceWhitelist, TrustedSecurityGroup, WhitelistGroup } from '@/lib/analysis/model';
import { UpstreamError } from '@/lib/errors';

import type { CloudClients } from './clients';
import { orNull, splitList } from './convert';
import { toUpstreamError } from './errors';

/**
 * One part of a whitelist read on its own: a failed call makes only that part missing, so a
 * group that admits the source still decides while, say, the trusted groups were refused.
 */
export async function readWhitelistPart<T>(read: () => Promise<T>): Promise<Fact<T>> {
  try {
    return { kind: 'ok', value: await read() };
  } catch (error) {
    if (error instanceof UpstreamError) return { kind: 'missing', error: error.toFactError() };
    throw error;
  }
}

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

/** Converts one RDS `Items.EcsSecurityGroupRelation[]` item. */
export function toRdsTrustedGroup(raw: rds.DescribeSecurityGroupConfigurationResponseBodyItemsEcsSecurityGroupRelation): TrustedSecurityGroup {
  return { id: raw.securityGroupId ?? '', name: raw.securityGroupName ?? '', networkType: orNull(raw.networkType), regionId: orNull(raw.regionId) };
}

/** Converts one Redis `Items.EcsSecurityGroupRelation[]` item (its network type is `NetType`). */
export function toRedisTrustedGroup(raw: rKvstore.DescribeSecurityGroupConfigurationResponseBodyItemsEcsSecurityGroupRelation): TrustedSecurityGroup {
  return { id: raw.securityGroupId ?? '', name: '', networkType: orNull(raw.netType), regionId: orNull(raw.regionId) };
}

/** Converts one linked whitelist template (`Data.Templates[]`) into a group named after the template. */
export function toRdsTemplateGroup(raw: rds.DescribeInstanceLinkedWhitelistTemplateResponseBodyDataTemplates): WhitelistGroup {
  return { name: raw.templateName ?? String(raw.templateId ?? ''), attribute: 'template', entries: splitList(raw.ips), networkType: null };
}

async function rdsTrustedGroups(clients: CloudClients, instanceId: string): Promise<TrustedSecurityGroup[]> {
  const request = new rds.DescribeSecurityGroupConfigurationRequest({ DBInstanceId: instanceId });
  const response = await clients.rds.describeSecurityGroupConfiguration(request).catch((error: unknown) => {
    throw toUpstreamError(error, `DescribeSecurityGroupConfiguration ${instanceId}`);
  });
  return (response.body?.items?.ecsSecurityGroupRelation ?? []).map(toRdsTrustedGroup).filter((group) => group.id !== '');
}

async function rdsTemplates(clients: CloudClients, instanceId: string): Promise<WhitelistGroup[]> {
  const request = new rds.DescribeInstanceLinkedWhitelistTemplateRequest({ insName: instanceId, regionId: clients.region });
  const response = await clients.rds.describeInstanceLinkedWhitelistTemplate(request).catch((error: unknown) => {
    throw toUpstreamError(error, `DescribeInstanceLinkedWhitelistTemplate ${instanceId}`);
  });
  return (response.body?.data?.templates ?? []).map(toRdsTemplateGroup);
}

/**
 * The whitelist of an RDS instance: its IP groups (throws `UpstreamError` when they cannot be
 * read), and as parts read on their own the ECS security groups it trusts and its linked templates.
 */
export async function describeRdsWhitelist(clients: CloudClients, instanceId: string): Promise<ServiceWhitelist> {
  const request = new rds.DescribeDBInstanceIPArrayListRequest({ DBInstanceId: instanceId });
  const [response, securityGroups, templates] = await Promise.all([
    clients.rds.describeDBInstanceIPArrayList(request).catch((error: unknown) => {
      throw toUpstreamError(error, `DescribeDBInstanceIPArrayList ${instanceId}`);
    }),
    readWhitelistPart(() => rdsTrustedGroups(clients, instanceId)),
    readWhitelistPart(() => rdsTemplates(clients, instanceId)),
  ]);
  return { service: 'rds', instanceId, groups: (response.body?.items?.DBInstanceIPArray ?? []).map(toRdsWhitelistGroup), securityGroups, templates };
}

async function redisTrustedGroups(clients: CloudClients, instanceId: string): Promise<TrustedSecurityGroup[]> {
  const request = new rKvstore.DescribeSecurityGroupConfigurationRequest({ instanceId });
  const response = await clients.rKvstore.describeSecurityGroupConfiguration(request).catch((error: unknown) => {
    throw toUpstreamError(error, `DescribeSecurityGroupConfiguration ${instanceId}`);
  });
  return (response.body?.items?.ecsSecurityGroupRelation ?? []).map(toRedisTrustedGroup).filter((group) => group.id !== '');
}

/** The whitelist of a Redis (R-KVStore) instance: its security IP groups, and the ECS security groups it trusts. */
export async function describeRedisWhitelist(clients: CloudClients, instanceId: string): Promise<ServiceWhitelist> {
  const request = new rKvstore.DescribeSecurityIpsRequest({ instanceId });
  const [response, securityGroups] = await Promise.all([
    clients.rKvstore.describeSecurityIps(request).catch((error: unknown) => {
      throw toUpstreamError(error, `DescribeSecurityIps ${instanceId}`);
    }),
    readWhitelistPart(() => redisTrustedGroups(clients, instanceId)),
  ]);
  return { service: 'redis', instanceId, groups: (response.body?.securityIpGroups?.securityIpGroup ?? []).map(toRedisWhitelistGroup), securityGroups };
}
