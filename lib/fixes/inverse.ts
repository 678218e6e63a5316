/**
 * The inverse of an applied fix: the operation that undoes it, computed from the fix, what
 * the change answered, and the state read before it. Pure: no I/O.
 *
 * Only changes whose inverse restores exactly what was there have one: a rule we added is
 * revoked, a rule we revoked is authorised again with its previous fields, a replaced ACL
 * list is replaced by the previous list, a new Kubernetes object is deleted, a patched one
 * is patched back to its previous values.
 */
import type { Fix, NetworkAclEntry, SecurityGroupRule } from '@/lib/analysis/model';

import { alicloudFix, formatPortRange, updateNetworkAclEntries } from './cloud-fixes';

type AlicloudFix = Extract<Fix, { kind: 'alicloud' }>;
type JsonObject = Record<string, unknown>;

/** A Kubernetes object by kind and name (namespace null for cluster-scoped objects). */
export interface ObjectRef {
  apiVersion: string;
  kind: string;
  namespace: string | null;
  name: string;
}

/** Cloud state read right before a change, kept so the change can be reversed. */
export type CloudBeforeState =
  /** The rule a Revoke… removes, as DescribeSecurityGroupAttribute showed it. */
  | { kind: 'securityGroupRule'; securityGroupId: string; rule: SecurityGroupRule }
  /** The list an UpdateNetworkAclEntries replaces (custom entries, in order). */
  | { kind: 'networkAcl'; networkAclId: string; direction: 'ingress' | 'egress'; entries: NetworkAclEntry[] };

/** What an applied change left behind. */
export type AppliedChange =
  | { kind: 'kubernetes'; context: string; ref: ObjectRef; before: JsonObject | null; after: JsonObject | null }
  | { kind: 'alicloud'; response: JsonObject; before: CloudBeforeState | null };

/** The operation that undoes a change. */
export type InverseOperation =
  | { kind: 'alicloud'; fix: AlicloudFix }
  | { kind: 'kubernetesDelete'; title: string; context: string; ref: ObjectRef }
  | { kind: 'kubernetesMergePatch'; title: string; context: string; ref: ObjectRef; patch: JsonObject };

const INVERTIBLE_ACTIONS: ReadonlySet<string> = new Set([
  'AuthorizeSecurityGroupEgress',
  'AuthorizeSecurityGroup',
  'RevokeSecurityGroupEgress',
  'RevokeSecurityGroup',
  'CreateSnatEntry',
  'UpdateNetworkAclEntries',
  'CreateRouteEntry',
  'ModifySecurityIps',
  'ModifyDBClusterAccessWhitelist',
  'AddAccessControlListEntry',
]);

/** Whether an undo will be offered once the fix is applied (manual fixes: never). */
export function hasInverse(fix: Fix): boolean {
  if (fix.kind === 'kubernetes') return true;
  if (fix.kind === 'manual') return false;
  if (fix.action === 'ModifySecurityIps' || fix.action === 'ModifyDBClusterAccessWhitelist') return fix.parameters.ModifyMode === 'Append';
  return INVERTIBLE_ACTIONS.has(fix.action);
}

/**
 * The inverse of `fix` once applied with result `applied`, or null when the change cannot be
 * reversed exactly (a revoke whose rule was not read before, a SNAT entry without its id).
 */
export function inverseOf(fix: Fix, applied: AppliedChange): InverseOperation | null {
  if (fix.kind === 'manual') return null;
  if (fix.kind === 'kubernetes') return applied.kind === 'kubernetes' ? inverseOfKubernetes(fix.title, applied) : null;
  // NOTE: Cloud Firewall fixes are shown, never applied (lib/fixes/apply/flow.ts), so never undone.
  if (applied.kind !== 'alicloud' || fix.product === 'Cloudfw') return null;
  const product = fix.product;
  const fixOf = (action: string, parameters: Record<string, string>): InverseOperation => ({
    kind: 'alicloud',
    fix: alicloudFix({
      id: `undo-${fix.id}`,
      title: `Undo: ${fix.title}`,
      description: `Reverses ${fix.action} on ${fix.target.label}.`,
      risk: `Restores the state before the fix: the path it opened may be blocked again.`,
      target: fix.target,
      product,
      action,
      parameters,
    }),
  });
  const region = pick(fix.parameters, ['RegionId']);
  switch (fix.action) {
    case 'AuthorizeSecurityGroupEgress':
    case 'AuthorizeSecurityGroup': {
      const revoke = fix.action === 'AuthorizeSecurityGroup' ? 'RevokeSecurityGroup' : 'RevokeSecurityGroupEgress';
      const ruleId = createdRuleId(applied.response);
      if (ruleId) return fixOf(revoke, { ...region, SecurityGroupId: fix.parameters.SecurityGroupId ?? '', 'SecurityGroupRuleId.1': ruleId });
      return fixOf(revoke, omit(fix.parameters, ['Description']));
    }
    case 'RevokeSecurityGroupEgress':
    case 'RevokeSecurityGroup': {
      if (applied.before?.kind !== 'securityGroupRule') return null;
      const { securityGroupId, rule } = applied.before;
      return fixOf(rule.direction === 'egress' ? 'AuthorizeSecurityGroupEgress' : 'AuthorizeSecurityGroup', { ...region, SecurityGroupId: securityGroupId, ...ruleParameters(rule) });
    }
    case 'CreateSnatEntry': {
      const snatEntryId = stringField(applied.response, 'SnatEntryId');
      if (!snatEntryId) return null;
      return fixOf('DeleteSnatEntry', { ...region, SnatTableId: fix.parameters.SnatTableId ?? '', SnatEntryId: snatEntryId });
    }
    case 'UpdateNetworkAclEntries': {
      if (applied.before?.kind !== 'networkAcl') return null;
      const restored = updateNetworkAclEntries({
        regionId: fix.parameters.RegionId ?? null,
        networkAclId: applied.before.networkAclId,
        direction: applied.before.direction,
        entries: applied.before.entries,
        summary: 'Restore the previous entries',
        risk: '',
      });
      return fixOf('UpdateNetworkAclEntries', restored.parameters);
    }
    case 'CreateRouteEntry':
      return fixOf('DeleteRouteEntry', {
        ...region,
        RouteTableId: fix.parameters.RouteTableId ?? '',
        DestinationCidrBlock: fix.parameters.DestinationCidrBlock ?? '',
        NextHopId: fix.parameters.NextHopId ?? '',
        ...optional('RouteEntryId', stringField(applied.response, 'RouteEntryId')),
      });
    case 'ModifySecurityIps':
    case 'ModifyDBClusterAccessWhitelist':
      return fix.parameters.ModifyMode === 'Append' ? fixOf(fix.action, { ...fix.parameters, ModifyMode: 'Delete' }) : null;
    case 'AddAccessControlListEntry':
      return fixOf('RemoveAccessControlListEntry', { ...region, AclId: fix.parameters.AclId ?? '', AclEntrys: withoutComments(fix.parameters.AclEntrys ?? '[]') });
    default:
      return null;
  }
}

function inverseOfKubernetes(title: string, applied: Extract<AppliedChange, { kind: 'kubernetes' }>): InverseOperation {
  const what = `${applied.ref.kind} ${applied.ref.namespace ? `${applied.ref.namespace}/` : ''}${applied.ref.name}`;
  if (applied.before === null) return { kind: 'kubernetesDelete', title: `Undo: delete ${what} (${title})`, context: applied.context, ref: applied.ref };
  return { kind: 'kubernetesMergePatch', title: `Undo: patch ${what} back (${title})`, context: applied.context, ref: applied.ref, patch: reverseMergePatch(applied.before, applied.after ?? {}) };
}

/** Server-managed fields a merge patch must not set back. */
const MANAGED_METADATA = new Set(['resourceVersion', 'generation', 'managedFields', 'uid', 'creationTimestamp', 'selfLink']);

/**
 * The JSON merge patch (RFC 7396) that turns `after` back into `before`: keys added are
 * set to null, changed or removed keys to their previous values. `status` and
 * server-managed metadata are left alone.
 */
export function reverseMergePatch(before: JsonObject, after: JsonObject, path: string[] = []): JsonObject {
  const patch: JsonObject = {};
  for (const key of new Set([...Object.keys(before), ...Object.keys(after)])) {
    if (path.length === 0 && key === 'status') continue;
    if (path.length === 1 && path[0] === 'metadata' && MANAGED_METADATA.has(key)) continue;
    const previous = before[key];
    const current = after[key];
    if (!(key in before)) patch[key] = null;
    else if (isObject(previous) && isObject(current)) {
      const nested = reverseMergePatch(previous, current, [...path, key]);
      if (Object.keys(nested).length > 0) patch[key] = nested;
    } else if (JSON.stringify(previous) !== JSON.stringify(current)) patch[key] = previous;
  }
  return patch;
}

/** Authorize… parameters recreating a rule with its previous fields. */
export function ruleParameters(rule: SecurityGroupRule): Record<string, string> {
  const egress = rule.direction === 'egress';
  const remote: Record<string, string> = (() => {
    switch (rule.remote.kind) {
      case 'cidr':
        return { [rule.remote.cidr.includes(':') ? (egress ? 'Ipv6DestCidrIp' : 'Ipv6SourceCidrIp') : egress ? 'DestCidrIp' : 'SourceCidrIp']: rule.remote.cidr };
      case 'securityGroup':
        return { [egress ? 'DestGroupId' : 'SourceGroupId']: rule.remote.groupId };
      case 'prefixList':
        return { [egress ? 'DestPrefixListId' : 'SourcePrefixListId']: rule.remote.prefixListId };
      case 'any':
        return { [egress ? 'DestCidrIp' : 'SourceCidrIp']: '0.0.0.0/0' };
      default: {
        const exhaustive: never = rule.remote;
        throw new Error(`unhandled remote ${JSON.stringify(exhaustive)}`);
      }
    }
  })();
  return {
    IpProtocol: rule.protocol,
    PortRange: formatPortRange(rule.portRange),
    ...remote,
    Policy: rule.policy,
    Priority: String(rule.priority),
    ...(rule.description ? { Description: rule.description } : {}),
  };
}

function isObject(value: unknown): value is JsonObject {
  return typeof value === 'object' && value !== null && !Array.isArray(value);
}

function stringField(body: JsonObject, key: string): string | null {
  const value = body[key];
  return typeof value === 'string' && value !== '' ? value : null;
}

/** The id of the rule an Authorize… created, when the response tells (`SecurityGroupRuleId` or `SecurityGroupRuleIds.SecurityGroupRuleId[0]`). */
function createdRuleId(body: JsonObject): string | null {
  const direct = stringField(body, 'SecurityGroupRuleId');
  if (direct) return direct;
  const wrapped = body.SecurityGroupRuleIds;
  if (!isObject(wrapped)) return null;
  const list = wrapped.SecurityGroupRuleId;
  return Array.isArray(list) && typeof list[0] === 'string' ? list[0] : null;
}

function pick(parameters: Record<string, string>, keys: string[]): Record<string, string> {
  return Object.fromEntries(keys.flatMap((key) => (parameters[key] === undefined ? [] : [[key, parameters[key]]])));
}

function omit(parameters: Record<string, string>, keys: string[]): Record<string, string> {
  return Object.fromEntries(Object.entries(parameters).filter(([key]) => !keys.includes(key)));
}

function optional(key: string, value: string | null): Record<string, string> {
  return value === null ? {} : { [key]: value };
}

/** RemoveAccessControlListEntry takes `[{ entry }]` only. */
function withoutComments(aclEntrys: string): string {
  const parsed: unknown = JSON.parse(aclEntrys);
  const entries = Array.isArray(parsed) ? parsed.flatMap((item: unknown) => (isObject(item) && typeof item.entry === 'string' ? [{ entry: item.entry }] : [])) : [];
  return JSON.stringify(entries);
}
