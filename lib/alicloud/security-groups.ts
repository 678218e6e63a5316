/** Security groups: type and name from DescribeSecurityGroups, rules from DescribeSecurityGroupAttribute. */
import 'server-only';

import * as ecs from '@alicloud/ecs20140526';

import type { SecurityGroup, SecurityGroupRemote, SecurityGroupRule } from '@/lib/analysis/model';

import type { CloudClients } from './clients';
import { chunk, toPolicy, toPortRange, toProtocol } from './convert';
import { toUpstreamError } from './errors';
import { collectByToken } from './paging';

type WirePermission = ecs.DescribeSecurityGroupAttributeResponseBodyPermissionsPermission;
type WireSecurityGroup = ecs.DescribeSecurityGroupsResponseBodySecurityGroupsSecurityGroup;

/**
 * The far side of a rule: destination fields for egress, source fields for ingress.
 * A CIDR wins over a group or prefix list when several are set (domain doc §1.3).
 */
export function toSecurityGroupRemote(raw: WirePermission, direction: 'ingress' | 'egress'): SecurityGroupRemote {
  const side =
    direction === 'egress'
      ? { cidr: raw.destCidrIp || raw.ipv6DestCidrIp, groupId: raw.destGroupId, prefixListId: raw.destPrefixListId }
      : { cidr: raw.sourceCidrIp || raw.ipv6SourceCidrIp, groupId: raw.sourceGroupId, prefixListId: raw.sourcePrefixListId };
  if (side.cidr) return { kind: 'cidr', cidr: side.cidr };
  if (side.groupId) return { kind: 'securityGroup', groupId: side.groupId };
  if (side.prefixListId) return { kind: 'prefixList', prefixListId: side.prefixListId };
  return { kind: 'any' };
}

/** Converts one `Permissions.Permission[]` item. `Priority` arrives as a string ("1"). */
export function toSecurityGroupRule(raw: WirePermission): SecurityGroupRule {
  const direction = raw.direction?.toLowerCase() === 'ingress' ? 'ingress' : 'egress';
  const priority = Number.parseInt(raw.priority ?? '', 10);
  return {
    id: raw.securityGroupRuleId ?? '',
    direction,
    policy: toPolicy(raw.policy),
    priority: Number.isNaN(priority) ? 1 : priority,
    protocol: toProtocol(raw.ipProtocol),
    portRange: toPortRange(raw.portRange),
    portRangeListId: raw.portRangeListId || null,
    remote: toSecurityGroupRemote(raw, direction),
    description: raw.description ?? '',
  };
}

/** Joins the list item (type, name) and the attribute body (policy, rules) of one group. */
export function toSecurityGroup(
  item: WireSecurityGroup | undefined,
  attribute: ecs.DescribeSecurityGroupAttributeResponseBody,
  permissions: WirePermission[],
): SecurityGroup {
  return {
    id: attribute.securityGroupId ?? item?.securityGroupId ?? '',
    name: attribute.securityGroupName ?? item?.securityGroupName ?? '',
    vpcId: attribute.vpcId ?? item?.vpcId ?? '',
    // NOTE: groups created before enterprise groups existed may omit the type; they are basic.
    type: item?.securityGroupType === 'enterprise' ? 'enterprise' : 'normal',
    innerAccessPolicy: attribute.innerAccessPolicy === 'Drop' ? 'Drop' : 'Accept',
    rules: permissions.map(toSecurityGroupRule),
  };
}

async function listSecurityGroups(clients: CloudClients, ids: string[]): Promise<WireSecurityGroup[]> {
  const resource = `DescribeSecurityGroups ${ids.join(',')}`;
  const pages = await Promise.all(
    chunk(ids, 100).map((group) =>
      collectByToken(async (nextToken) => {
        const request = new ecs.DescribeSecurityGroupsRequest({
          regionId: clients.region,
          securityGroupIds: JSON.stringify(group),
          maxResults: 100,
          nextToken,
        });
        const response = await clients.ecs.describeSecurityGroups(request).catch((error: unknown) => {
          throw toUpstreamError(error, resource);
        });
        return { items: response.body?.securityGroups?.securityGroup ?? [], nextToken: response.body?.nextToken };
      }),
    ),
  );
  return pages.flat();
}

async function readAttribute(
  clients: CloudClients,
  id: string,
): Promise<{ attribute: ecs.DescribeSecurityGroupAttributeResponseBody; permissions: WirePermission[] }> {
  const resource = `DescribeSecurityGroupAttribute ${id}`;
  let first: ecs.DescribeSecurityGroupAttributeResponseBody | undefined;
  const permissions = await collectByToken(async (nextToken) => {
    const request = new ecs.DescribeSecurityGroupAttributeRequest({
      regionId: clients.region,
      securityGroupId: id,
      direction: 'all',
      maxResults: 1000,
      nextToken,
    });
    const response = await clients.ecs.describeSecurityGroupAttribute(request).catch((error: unknown) => {
      throw toUpstreamError(error, resource);
    });
    first ??= response.body;
    return { items: response.body?.permissions?.permission ?? [], nextToken: response.body?.nextToken };
  });
  return { attribute: first ?? new ecs.DescribeSecurityGroupAttributeResponseBody({ securityGroupId: id }), permissions };
}

/**
 * Security groups with all their rules. The list call and one attribute call per group
 * run in parallel (one round); a group with over 1000 rules needs further pages.
 */
export async function describeSecurityGroups(clients: CloudClients, ids: string[]): Promise<SecurityGroup[]> {
  const unique = [...new Set(ids)];
  if (unique.length === 0) return [];
  const [items, attributes] = await Promise.all([
    listSecurityGroups(clients, unique),
    Promise.all(unique.map((id) => readAttribute(clients, id))),
  ]);
  return attributes.map(({ attribute, permissions }) =>
    toSecurityGroup(
      items.find((item) => item.securityGroupId === attribute.securityGroupId),
      attribute,
      permissions,
    ),
  );
}
