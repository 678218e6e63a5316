/**
 * ECS 2014-05-26 write actions of the sandbox: authorize and revoke security group rules.
 * Both the flat parameters (`IpProtocol`, `PortRange`, `DestCidrIp`, …) and the
 * `Permissions.N.*` form are accepted, as by the real API.
 */
import { invalidParameter, missingParameter, OpenApiFault, resourceNotFound } from '../fault';
import type { RequestParams } from '../request-params';
import { newId } from './new-id';
import type { ActionContext, ActionTable } from './types';
import { stringAt } from './wire';

type Direction = 'ingress' | 'egress';

const protocols = new Set(['tcp', 'udp', 'icmp', 'icmpv6', 'gre', 'all']);
/** Fields that identify the far side of a rule, by direction. */
const remoteFields: Record<Direction, string[]> = {
  egress: ['DestCidrIp', 'Ipv6DestCidrIp', 'DestGroupId', 'DestPrefixListId'],
  ingress: ['SourceCidrIp', 'Ipv6SourceCidrIp', 'SourceGroupId', 'SourcePrefixListId'],
};
/** Fields compared to decide whether two rules are the same rule. */
const identityFields = ['IpProtocol', 'PortRange', 'Policy', 'Priority', 'SourcePortRange', 'NicType'];

function groupOf({ params, cloud }: ActionContext) {
  const id = params.require('SecurityGroupId');
  const group = cloud.securityGroups.find((candidate) => candidate.SecurityGroupId === id);
  if (!group) throw resourceNotFound('InvalidSecurityGroupId.NotFound', id);
  return group;
}

/** The rules a request describes: `Permissions.1.*`, `Permissions.2.*`, … or the flat fields as one rule. */
function requestedRules(params: RequestParams): Array<(name: string) => string | undefined> {
  const indexes = [...new Set(params.entries().map(([key]) => /^Permissions\.(\d+)\./.exec(key)?.[1]).filter((index): index is string => index !== undefined))];
  if (indexes.length === 0) return [(name) => params.get(name)];
  return indexes.sort((a, b) => Number(a) - Number(b)).map((index) => (name) => params.get(`Permissions.${index}.${name}`));
}

function normalizeRule(field: (name: string) => string | undefined, direction: Direction, forRevoke: boolean): Record<string, string> {
  const protocol = field('IpProtocol')?.toLowerCase();
  if (protocol === undefined) throw missingParameter('IpProtocol');
  if (!protocols.has(protocol)) throw invalidParameter('IpProtocol', protocol, 'InvalidIpProtocol.Malformed');
  const portRange = field('PortRange') ?? (protocol === 'tcp' || protocol === 'udp' ? undefined : '-1/-1');
  if (portRange === undefined) throw missingParameter('PortRange');
  const ports = /^(-?\d+)\/(-?\d+)$/.exec(portRange);
  const from = Number(ports?.[1]);
  const to = Number(ports?.[2]);
  const validPorts = ports && ((from === -1 && to === -1 && protocol !== 'tcp' && protocol !== 'udp') || (from >= 1 && to <= 65535 && from <= to));
  if (!validPorts) throw invalidParameter('PortRange', portRange, 'InvalidPortRange.Malformed');
  const policy = (field('Policy') ?? 'accept').toLowerCase();
  if (policy !== 'accept' && policy !== 'drop') throw invalidParameter('Policy', policy, 'InvalidPolicy.Malformed');
  const priority = field('Priority') ?? '1';
  const priorityNumber = Number(priority);
  if (!Number.isInteger(priorityNumber) || priorityNumber < 1 || priorityNumber > 100) throw invalidParameter('Priority', priority, 'InvalidPriority.Malformed');
  const remote = Object.fromEntries(remoteFields[direction].map((name) => [name, field(name) ?? '']));
  if (!forRevoke && Object.values(remote).every((value) => value === '')) {
    throw new OpenApiFault(400, 'MissingParameter', `One of ${remoteFields[direction].join(', ')} must be supplied.`);
  }
  return {
    Direction: direction,
    // NOTE: DescribeSecurityGroupAttribute reports Policy capitalized and IpProtocol upper-case.
    Policy: policy === 'accept' ? 'Accept' : 'Drop',
    Priority: String(priorityNumber),
    IpProtocol: protocol.toUpperCase(),
    PortRange: portRange,
    SourcePortRange: field('SourcePortRange') ?? '',
    NicType: field('NicType') ?? 'intranet',
    ...Object.fromEntries([...remoteFields.egress, ...remoteFields.ingress].map((name) => [name, ''])),
    ...remote,
    Description: field('Description') ?? '',
  };
}

function sameRule(existing: Record<string, unknown>, wanted: Record<string, string>, direction: Direction): boolean {
  if (stringAt(existing, 'Direction') !== direction) return false;
  const text = (name: string) => {
    const value = existing[name];
    return typeof value === 'number' ? String(value) : (stringAt(existing, name) ?? '');
  };
  const normalized = (name: string, value: string) => (name === 'Policy' || name === 'IpProtocol' ? value.toLowerCase() : value);
  return [...identityFields, ...remoteFields[direction]].every((name) => normalized(name, text(name)) === normalized(name, wanted[name] ?? ''));
}

function authorize(direction: Direction) {
  return (context: ActionContext): Record<string, unknown> => {
    const group = groupOf(context);
    const rules = requestedRules(context.params).map((field) => normalizeRule(field, direction, false));
    const permissions = group.Permissions.Permission;
    if (rules.some((rule) => permissions.some((existing) => sameRule(existing, rule, direction)))) {
      throw new OpenApiFault(400, 'InvalidPermission.Duplicate', 'The specified rule already exists.');
    }
    const ids = rules.map((rule) => {
      const id = newId('sgr');
      permissions.push({ SecurityGroupRuleId: id, ...rule, Direction: direction, Policy: rule.Policy ?? 'Accept', Priority: rule.Priority ?? '1', IpProtocol: rule.IpProtocol ?? 'ALL', PortRange: rule.PortRange ?? '-1/-1', CreateTime: new Date().toISOString().replace(/\.\d{3}Z$/, 'Z') });
      return id;
    });
    return { RuleIds: { RuleId: ids } };
  };
}

function revoke(direction: Direction) {
  return (context: ActionContext): Record<string, unknown> => {
    const group = groupOf(context);
    const permissions = group.Permissions.Permission;
    const ids = context.params.list('SecurityGroupRuleId');
    let doomed: string[];
    if (ids.length > 0) {
      const unknown = ids.find((id) => !permissions.some((rule) => rule.SecurityGroupRuleId === id && rule.Direction === direction));
      if (unknown !== undefined) throw resourceNotFound('InvalidSecurityGroupRuleId.NotFound', unknown);
      doomed = ids;
    } else {
      const rules = requestedRules(context.params).map((field) => normalizeRule(field, direction, true));
      // NOTE: like the real API, revoking by fields that match no rule succeeds without a change.
      doomed = permissions.filter((existing) => rules.some((rule) => sameRule(existing, rule, direction))).map((rule) => rule.SecurityGroupRuleId);
    }
    group.Permissions.Permission = permissions.filter((rule) => !doomed.includes(rule.SecurityGroupRuleId));
    return {};
  };
}

/** ECS 2014-05-26 write actions by name. */
export const ecsWriteActions: ActionTable = {
  AuthorizeSecurityGroupEgress: { product: 'ecs', resourceType: 'securitygroup', regional: true, write: true, handle: authorize('egress') },
  AuthorizeSecurityGroup: { product: 'ecs', resourceType: 'securitygroup', regional: true, write: true, handle: authorize('ingress') },
  RevokeSecurityGroupEgress: { product: 'ecs', resourceType: 'securitygroup', regional: true, write: true, handle: revoke('egress') },
  RevokeSecurityGroup: { product: 'ecs', resourceType: 'securitygroup', regional: true, write: true, handle: revoke('ingress') },
};
