/**
 * Previews of cloud fixes: the current state the fix's action changes, as a table, and the
 * same table with the change applied. Reads through the existing describe* adapters.
 */
import 'server-only';

import * as vpc from '@alicloud/vpc20160428';

import type { NetworkAclEntry, SecurityGroupRule, ServiceWhitelist } from '@/lib/analysis/model';
import { UpstreamError } from '@/lib/errors';

import type { CloudClients } from './clients';
import { toUpstreamError } from './errors';
import { describeSlbAcls } from './load-balancers';
import { toSnatEntry } from './nat-gateways';
import { describeNetworkAcls } from './network-acls';
import { collectByNumber } from './paging';
import { describeRouteTables } from './route-tables';
import { describeSecurityGroups } from './security-groups';
import { describeMongoWhitelist, describePolardbWhitelist } from './service-whitelists';
import { describeRdsWhitelist, describeRedisWhitelist } from './whitelists';
import { readListeners } from './wire';
import { callCloudAction, type AlicloudFix } from './write-call';

/** Why a change no longer fits the live state: it would change nothing, its object is gone, or what it was built on changed. */
export interface StaleState {
  kind: 'noOp' | 'gone' | 'changed';
  /** One sentence for people. */
  reason: string;
}

/** A table of the state a fix changes, before and after. Rows are cells in `columns` order. */
export interface CloudFixPreview {
  title: string;
  columns: string[];
  before: string[][];
  after: string[][];
  /** Set when the change does not fit the live state (see {@link StaleState}); null when it does. */
  stale?: StaleState | null;
}

/** The id shown for rows the change would create (their real id is assigned by the cloud). */
const NEW = '(new)';

function invalid(fix: AlicloudFix, message: string): UpstreamError {
  return new UpstreamError({ source: 'alicloud', reason: 'invalid', resource: `${fix.action} ${fix.target.id}`, code: 'InvalidFix', message });
}

function required(fix: AlicloudFix, name: string): string {
  const value = fix.parameters[name];
  if (value === undefined || value === '') throw invalid(fix, `The fix has no ${name} parameter`);
  return value;
}

/** `RepeatList` values `Name.1`, `Name.2`, … in index order. */
function repeatList(parameters: Record<string, string>, name: string): string[] {
  return Object.entries(parameters)
    .map(([key, value]) => ({ index: new RegExp(`^${name.replace(/\./g, '\\.')}\\.(\\d+)$`).exec(key)?.[1], value }))
    .filter((entry): entry is { index: string; value: string } => entry.index !== undefined)
    .sort((left, right) => Number(left.index) - Number(right.index))
    .map((entry) => entry.value);
}

/**
 * The current state `fix` would change and a copy with the change applied: the security
 * group's rules of that direction, the SNAT table's entries, the network ACL's entries of
 * that direction, the route table's entries, the whitelist groups, the SLB ACL's entries or
 * the load balancer's listeners, with `stale` set when the change does not fit the live state
 * (a no-op, its object gone, or the list it rewrites changed). Throws `UpstreamError` (reason
 * `invalid` for an action it cannot preview).
 */
export async function previewCloudFix(clients: CloudClients, fix: AlicloudFix): Promise<CloudFixPreview> {
  const preview = await previewTable(clients, fix);
  const stale = preview.stale ?? (JSON.stringify(preview.before) === JSON.stringify(preview.after) ? { kind: 'noOp' as const, reason: `${fix.action} would change nothing: the live state already is what it asks for` } : null);
  return { ...preview, stale };
}

async function previewTable(clients: CloudClients, fix: AlicloudFix): Promise<CloudFixPreview> {
  switch (fix.action) {
    case 'AuthorizeSecurityGroupEgress':
    case 'AuthorizeSecurityGroup':
    case 'RevokeSecurityGroupEgress':
    case 'RevokeSecurityGroup':
      return previewSecurityGroup(clients, fix);
    case 'CreateSnatEntry':
    case 'DeleteSnatEntry':
      return previewSnat(clients, fix);
    case 'UpdateNetworkAclEntries':
      return previewNetworkAcl(clients, fix);
    case 'CreateRouteEntry':
    case 'DeleteRouteEntry':
      return previewRoutes(clients, fix);
    case 'ModifySecurityIps':
    case 'ModifyDBClusterAccessWhitelist':
      return previewWhitelist(clients, fix);
    case 'AddAccessControlListEntry':
    case 'RemoveAccessControlListEntry':
      return previewSlbAcl(clients, fix);
    case 'StartLoadBalancerListener':
      return previewListener(clients, fix);
    default:
      throw invalid(fix, `No preview for ${fix.product} ${fix.action}`);
  }
}

const ruleColumns = ['Rule', 'Policy', 'Priority', 'Protocol', 'Port range', 'Remote', 'Description'];

function remoteText(rule: SecurityGroupRule): string {
  switch (rule.remote.kind) {
    case 'cidr':
      return rule.remote.cidr;
    case 'securityGroup':
      return rule.remote.groupId;
    case 'prefixList':
      return rule.remote.prefixListId;
    case 'any':
      return 'any';
    default: {
      const exhaustive: never = rule.remote;
      throw new Error(`unhandled remote ${JSON.stringify(exhaustive)}`);
    }
  }
}

function ruleRow(rule: SecurityGroupRule): string[] {
  const ports = rule.portRange === null ? '-1/-1' : `${rule.portRange.from}/${rule.portRange.to}`;
  return [rule.id, rule.policy, String(rule.priority), rule.protocol, ports, remoteText(rule), rule.description];
}

/** Rows in evaluation order: priority, then drop before accept. */
function byPriority(left: string[], right: string[]): number {
  const priority = Number(left[2]) - Number(right[2]);
  if (priority !== 0) return priority;
  return (left[1] === 'drop' ? 0 : 1) - (right[1] === 'drop' ? 0 : 1);
}

async function previewSecurityGroup(clients: CloudClients, fix: AlicloudFix): Promise<CloudFixPreview> {
  const groupId = required(fix, 'SecurityGroupId');
  const direction = fix.action.endsWith('Egress') ? 'egress' : 'ingress';
  const [group] = await describeSecurityGroups(clients, [groupId]);
  const before = (group?.rules ?? []).filter((rule) => rule.direction === direction).map(ruleRow).sort(byPriority);
  const p = fix.parameters;
  const remote = direction === 'egress' ? p.DestCidrIp ?? p.Ipv6DestCidrIp ?? p.DestGroupId ?? p.DestPrefixListId : p.SourceCidrIp ?? p.Ipv6SourceCidrIp ?? p.SourceGroupId ?? p.SourcePrefixListId;
  const title = `${direction === 'egress' ? 'Outbound' : 'Inbound'} rules of security group ${groupId}`;
  if (!group) return { title, columns: ruleColumns, before, after: before, stale: { kind: 'gone', reason: `Security group ${groupId} no longer exists` } };
  let after: string[][];
  if (fix.action.startsWith('Authorize')) {
    const added = [NEW, (p.Policy ?? 'accept').toLowerCase(), p.Priority ?? '1', (p.IpProtocol ?? '').toLowerCase(), p.PortRange ?? '-1/-1', remote ?? 'any', p.Description ?? ''];
    const same = before.find((row) => JSON.stringify(row.slice(1, 6)) === JSON.stringify(added.slice(1, 6)));
    if (same) return { title, columns: ruleColumns, before, after: before, stale: { kind: 'noOp', reason: `Rule ${same[0] ?? ''} of ${groupId} already is this rule` } };
    after = [...before, added].sort(byPriority);
  } else {
    const ids = repeatList(p, 'SecurityGroupRuleId');
    after =
      ids.length > 0
        ? before.filter((row) => !ids.includes(row[0] ?? ''))
        : before.filter((row) => !(row[3] === (p.IpProtocol ?? '').toLowerCase() && row[4] === p.PortRange && row[5] === remote && row[1] === (p.Policy ?? 'accept').toLowerCase()));
  }
  const missing = repeatList(p, 'SecurityGroupRuleId').filter((id) => !before.some((row) => row[0] === id));
  if (missing.length > 0) {
    const stale = { kind: 'noOp' as const, reason: `Rule ${missing.join(', ')} is no longer in ${groupId} (removed, or re-created under a new id)` };
    return { title, columns: ruleColumns, before, after, stale };
  }
  return { title, columns: ruleColumns, before, after };
}

async function previewSnat(clients: CloudClients, fix: AlicloudFix): Promise<CloudFixPreview> {
  const snatTableId = required(fix, 'SnatTableId');
  const entries = await collectByNumber(50, async (pageNumber) => {
    const request = new vpc.DescribeSnatTableEntriesRequest({ regionId: clients.region, snatTableId, pageNumber, pageSize: 50 });
    const response = await clients.vpc.describeSnatTableEntries(request).catch((error: unknown) => {
      throw toUpstreamError(error, `DescribeSnatTableEntries ${snatTableId}`);
    });
    return { items: response.body?.snatTableEntries?.snatTableEntry ?? [], totalCount: response.body?.totalCount };
  });
  const before = entries.map(toSnatEntry).map((entry) => [entry.id, entry.name, entry.sourceVSwitchId ?? entry.sourceCidr ?? '', entry.snatIps.join(','), entry.status]);
  const p = fix.parameters;
  const source = p.SourceVSwitchId ?? p.SourceCIDR ?? '';
  const existing = fix.action === 'CreateSnatEntry' ? before.find((row) => row[2] === source) : undefined;
  const after =
    fix.action === 'CreateSnatEntry' && !existing
      ? [...before, [NEW, p.SnatEntryName ?? '', source, p.SnatIp ?? '', 'Pending']]
      : before.filter((row) => fix.action === 'CreateSnatEntry' || row[0] !== p.SnatEntryId);
  const stale = existing ? { kind: 'noOp' as const, reason: `SNAT entry ${existing[0] ?? ''} already translates ${source}` } : null;
  return { title: `SNAT entries of ${snatTableId}`, columns: ['SNAT entry', 'Name', 'Source', 'SNAT IPs', 'Status'], before, after, stale };
}

function aclEntryRow(entry: NetworkAclEntry, index: number): string[] {
  const ports = entry.portRange === null ? '-1/-1' : `${entry.portRange.from}/${entry.portRange.to}`;
  return [String(index + 1), entry.id, entry.name, entry.policy, entry.protocol, ports, entry.cidr, entry.description ?? ''];
}

/** The cells that say what an entry does (name to description), without its position and id. */
const aclEntryContent = (rows: string[][]): string => JSON.stringify(rows.map((row) => row.slice(2)));

async function previewNetworkAcl(clients: CloudClients, fix: AlicloudFix): Promise<CloudFixPreview> {
  const aclId = required(fix, 'NetworkAclId');
  const direction = fix.parameters.UpdateEgressAclEntries === 'true' ? 'egress' : 'ingress';
  const [acl] = await describeNetworkAcls(clients, [aclId]);
  const columns = ['#', 'Entry', 'Name', 'Policy', 'Protocol', 'Port', 'CIDR', 'Description'];
  const title = `${direction === 'egress' ? 'Outbound' : 'Inbound'} entries of network ACL ${aclId}`;
  const live = acl?.[direction] ?? [];
  const before = live.map(aclEntryRow);
  if (!acl) return { title, columns, before, after: before, stale: { kind: 'gone', reason: `Network ACL ${aclId} no longer exists` } };
  const prefix = direction === 'egress' ? 'EgressAclEntries' : 'IngressAclEntries';
  const cidrKey = direction === 'egress' ? 'DestinationCidrIp' : 'SourceCidrIp';
  const count = new Set(Object.keys(fix.parameters).map((key) => new RegExp(`^${prefix}\\.(\\d+)\\.`).exec(key)?.[1]).filter((index) => index !== undefined)).size;
  const after = Array.from({ length: count }, (_, index) => {
    const field = (name: string) => fix.parameters[`${prefix}.${index + 1}.${name}`] ?? '';
    const name = field('NetworkAclEntryName');
    const existing = before.find((row) => row[2] === name && name !== '');
    return [String(index + 1), field('NetworkAclEntryId') || existing?.[1] || NEW, name, field('Policy'), field('Protocol'), field('Port'), field(cidrKey), field('Description')];
  });
  const custom = live.filter((entry) => entry.entryType === 'custom');
  if (aclEntryContent(after) === aclEntryContent(custom.map(aclEntryRow))) {
    return { title, columns, before, after, stale: { kind: 'noOp', reason: `The ${direction} entries of ${aclId} already are this list` } };
  }
  // The list was built from the entries the diagnosis read: every one it keeps (by id) must still be there, and no other.
  const kept = Array.from({ length: count }, (_, index) => fix.parameters[`${prefix}.${index + 1}.NetworkAclEntryId`]).filter((id): id is string => id !== undefined && id !== '');
  const added = custom.filter((entry) => !kept.includes(entry.id)).map((entry) => entry.name || entry.id);
  const removed = kept.filter((id) => !custom.some((entry) => entry.id === id));
  if (added.length > 0 || removed.length > 0) {
    const what = [added.length > 0 ? `now holds ${added.join(', ')}` : '', removed.length > 0 ? `no longer holds ${removed.join(', ')}` : ''].filter(Boolean).join(' and ');
    return { title, columns, before, after, stale: { kind: 'changed', reason: `The ${direction} list of ${aclId} changed since the diagnosis: it ${what}; rewriting it would drop or duplicate entries` } };
  }
  return { title, columns, before, after };
}

async function previewRoutes(clients: CloudClients, fix: AlicloudFix): Promise<CloudFixPreview> {
  const routeTableId = required(fix, 'RouteTableId');
  const [table] = await describeRouteTables(clients, [routeTableId]);
  const before = (table?.entries ?? []).map((entry) => [entry.id, entry.destinationCidr, entry.type, entry.nextHops.map((hop) => `${hop.type} ${hop.id}`).join(', '), entry.status]);
  const p = fix.parameters;
  const existing = fix.action === 'CreateRouteEntry' ? before.find((row) => row[1] === p.DestinationCidrBlock) : undefined;
  if (existing) {
    const stale = { kind: 'noOp' as const, reason: `Route table ${routeTableId} already routes ${p.DestinationCidrBlock ?? ''} (${existing[3] ?? ''})` };
    return { title: `Route entries of ${routeTableId}`, columns: ['Route entry', 'Destination', 'Type', 'Next hop', 'Status'], before, after: before, stale };
  }
  const after =
    fix.action === 'CreateRouteEntry'
      ? [...before, [NEW, p.DestinationCidrBlock ?? '', 'Custom', `${p.NextHopType ?? ''} ${p.NextHopId ?? ''}`, 'Pending']]
      : before.filter((row) => (p.RouteEntryId ? row[0] !== p.RouteEntryId : row[1] !== p.DestinationCidrBlock));
  return { title: `Route entries of ${routeTableId}`, columns: ['Route entry', 'Destination', 'Type', 'Next hop', 'Status'], before, after };
}

/**
 * Whitelist groups after ModifySecurityIps: `Cover` replaces the group's entries, `Append`
 * adds the missing ones (creating the group), `Delete` removes them; a group left empty by
 * `Delete` disappears unless it is `default`. Pure; the sandbox follows the same rules.
 */
export function applyWhitelistChange(
  groups: ReadonlyArray<{ name: string; entries: string[] }>,
  change: { group: string; ips: string[]; mode: 'Cover' | 'Append' | 'Delete' },
): Array<{ name: string; entries: string[] }> {
  const existing = groups.find((group) => group.name === change.group);
  const current = existing?.entries ?? [];
  const entries =
    change.mode === 'Cover' ? [...new Set(change.ips)] : change.mode === 'Append' ? [...new Set([...current, ...change.ips])] : current.filter((ip) => !change.ips.includes(ip));
  const keep = entries.length > 0 || change.group === 'default';
  if (!existing) return keep ? [...groups.map((group) => ({ ...group })), { name: change.group, entries }] : groups.map((group) => ({ ...group }));
  return groups.flatMap((group) => (group.name !== change.group ? [{ ...group }] : keep ? [{ name: group.name, entries }] : []));
}

function whitelistMode(fix: AlicloudFix): 'Cover' | 'Append' | 'Delete' {
  const mode = fix.parameters.ModifyMode ?? 'Cover';
  if (mode === 'Cover' || mode === 'Append' || mode === 'Delete') return mode;
  throw invalid(fix, `ModifyMode "${mode}" is not Cover, Append or Delete`);
}

/** Per product: how a whitelist write names the instance and the group, and how to read the groups. */
const WHITELIST_WRITES: Partial<Record<AlicloudFix['product'], { idParameter: string; groupParameter: string; read: (clients: CloudClients, id: string) => Promise<ServiceWhitelist> }>> = {
  Rds: { idParameter: 'DBInstanceId', groupParameter: 'DBInstanceIPArrayName', read: describeRdsWhitelist },
  'R-kvstore': { idParameter: 'InstanceId', groupParameter: 'SecurityIpGroupName', read: describeRedisWhitelist },
  Polardb: { idParameter: 'DBClusterId', groupParameter: 'DBClusterIPArrayName', read: describePolardbWhitelist },
  Dds: { idParameter: 'DBInstanceId', groupParameter: 'SecurityIpGroupName', read: describeMongoWhitelist },
};

async function previewWhitelist(clients: CloudClients, fix: AlicloudFix): Promise<CloudFixPreview> {
  const shape = WHITELIST_WRITES[fix.product];
  if (shape === undefined) throw invalid(fix, `No whitelist preview for ${fix.product}`);
  const instanceId = required(fix, shape.idParameter);
  const whitelist = await shape.read(clients, instanceId);
  const groups = whitelist.groups.map((group) => ({ name: group.name, entries: group.entries }));
  const change = {
    group: fix.parameters[shape.groupParameter] ?? 'default',
    ips: required(fix, 'SecurityIps').split(',').map((ip) => ip.trim()).filter((ip) => ip !== ''),
    mode: whitelistMode(fix),
  };
  const toRows = (list: ReadonlyArray<{ name: string; entries: string[] }>) => list.map((group) => [group.name, group.entries.join(',')]);
  return { title: `Whitelist groups of ${instanceId}`, columns: ['Group', 'Entries'], before: toRows(groups), after: toRows(applyWhitelistChange(groups, change)) };
}

function parseAclEntrys(fix: AlicloudFix): Array<{ entry: string; comment: string }> {
  let parsed: unknown;
  try {
    parsed = JSON.parse(required(fix, 'AclEntrys'));
  } catch (error) {
    throw new UpstreamError({ source: 'alicloud', reason: 'invalid', resource: `${fix.action} ${fix.target.id}`, code: 'InvalidFix', message: 'AclEntrys is not JSON', cause: error });
  }
  if (!Array.isArray(parsed)) throw invalid(fix, 'AclEntrys is not a JSON array');
  return parsed.flatMap((item: unknown) => {
    if (typeof item !== 'object' || item === null || !('entry' in item) || typeof item.entry !== 'string') return [];
    const comment = 'comment' in item && typeof item.comment === 'string' ? item.comment : '';
    return [{ entry: item.entry, comment }];
  });
}

async function previewSlbAcl(clients: CloudClients, fix: AlicloudFix): Promise<CloudFixPreview> {
  const aclId = required(fix, 'AclId');
  const [acl] = await describeSlbAcls(clients, [aclId]);
  const before = (acl?.entries ?? []).map((entry) => [entry.cidr, entry.comment]);
  const changes = parseAclEntrys(fix);
  const after =
    fix.action === 'AddAccessControlListEntry'
      ? [...before, ...changes.filter((change) => !before.some((row) => row[0] === change.entry)).map((change) => [change.entry, change.comment])]
      : before.filter((row) => !changes.some((change) => change.entry === row[0]));
  return { title: `Entries of SLB access control list ${aclId}`, columns: ['Entry', 'Comment'], before, after };
}

async function previewListener(clients: CloudClients, fix: AlicloudFix): Promise<CloudFixPreview> {
  const loadBalancerId = required(fix, 'LoadBalancerId');
  const port = required(fix, 'ListenerPort');
  const { body } = await callCloudAction(
    clients,
    { product: 'Slb', version: '2014-05-15', action: 'DescribeLoadBalancerListeners', parameters: { 'LoadBalancerId.1': loadBalancerId, MaxResults: '100' } },
    { clientToken: `preview-${loadBalancerId}` },
  );
  const before = readListeners(body).map((listener) => [String(listener.ListenerPort), listener.ListenerProtocol, listener.Status]);
  const after = before.map((row) => (row[0] === port ? [row[0] ?? port, row[1] ?? '', 'running'] : row));
  return { title: `Listeners of ${loadBalancerId}`, columns: ['Port', 'Protocol', 'Status'], before, after };
}
