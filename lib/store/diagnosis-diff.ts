/**
 * What changed between a saved diagnosis and its re-run: the verdict, hop by hop (verdict,
 * summary), and fact by fact from the two world fragments (security group rules, SNAT and
 * route entries, network ACL entries, prefix and port lists, whitelist groups, network
 * policies, the source pod, …).
 * Pure; the order is verdict, each resolved address's verdict, hops in path order, then facts by collection.
 */
import { addressOutcome } from '@/lib/analysis/address-summary';
import { HOP_LABELS, HOP_ORDER } from '@/lib/analysis/hop-order';
import { GATE_LIST } from '@/lib/gates/registry';
import type { DiagnosisView, HopView } from '@/lib/schemas/diagnosis';
import type { DiagnosisChange } from '@/lib/schemas/saved-diagnosis';
import type { KubernetesObject, World } from '@/lib/schemas/world';

import { whitelistEntries } from './world-fragment-whitelist';

/** One side of the comparison. */
export interface DiffSide {
  diagnosis: Pick<DiagnosisView, 'verdict' | 'blockingHop' | 'hops' | 'addresses'>;
  world: World;
}

/** JSON with sorted keys, so two objects that differ only in key order compare equal. */
function stableJson(value: unknown): string {
  if (Array.isArray(value)) return `[${value.map(stableJson).join(',')}]`;
  if (typeof value === 'object' && value !== null) {
    return `{${Object.entries(value).sort(([a], [b]) => a.localeCompare(b)).map(([key, item]) => `${JSON.stringify(key)}:${stableJson(item)}`).join(',')}}`;
  }
  return JSON.stringify(value) ?? 'null';
}

const fact = (subject: string, change: DiagnosisChange['change'], message: string): DiagnosisChange => ({ scope: 'fact', subject, change, message });

/** Added, removed and changed items of one collection, keyed by `key`, described by `label`. */
function diffCollection<T>(subject: string, before: readonly T[], after: readonly T[], key: (item: T) => string, label: (key: string) => string): DiagnosisChange[] {
  const old = new Map(before.map((item) => [key(item), item]));
  const next = new Map(after.map((item) => [key(item), item]));
  const changes: DiagnosisChange[] = [];
  for (const [id, item] of old) {
    const now = next.get(id);
    if (now === undefined) changes.push(fact(subject, 'removed', `${label(id)} removed`));
    else if (stableJson(now) !== stableJson(item)) changes.push(fact(subject, 'changed', `${label(id)} changed`));
  }
  for (const id of next.keys()) if (!old.has(id)) changes.push(fact(subject, 'added', `${label(id)} added`));
  return changes;
}

function verdictText(side: DiffSide['diagnosis']): string {
  return side.blockingHop === null ? side.verdict : `${side.verdict} at ${HOP_LABELS[side.blockingHop]}`;
}

function diffHops(before: readonly HopView[], after: readonly HopView[]): DiagnosisChange[] {
  return HOP_ORDER.flatMap((kind): DiagnosisChange[] => {
    const old = before.find((hop) => hop.kind === kind);
    const now = after.find((hop) => hop.kind === kind);
    if (old === undefined && now === undefined) return [];
    if (old === undefined || now === undefined) {
      const change = old === undefined ? 'added' : 'removed';
      return [{ scope: 'hop', subject: kind, change, message: `${HOP_LABELS[kind]} hop ${change}` }];
    }
    if (old.verdict !== now.verdict) return [{ scope: 'hop', subject: kind, change: 'changed', message: `${HOP_LABELS[kind]} hop: ${old.verdict} → ${now.verdict} (${now.summary})` }];
    if (old.summary !== now.summary) return [{ scope: 'hop', subject: kind, change: 'changed', message: `${HOP_LABELS[kind]} hop: “${old.summary}” → “${now.summary}”` }];
    return [];
  });
}

/**
 * Each resolved address whose verdict changed, or that is evaluated on one side only. Only
 * when a side evaluated several addresses (with one, the overall verdict says it) and both
 * sides recorded them (a diagnosis saved before did not).
 */
function diffAddresses(before: DiffSide['diagnosis'], after: DiffSide['diagnosis']): DiagnosisChange[] {
  const [old, now] = [before.addresses, after.addresses];
  if (old === undefined || now === undefined || Math.max(old.length, now.length) < 2) return [];
  const change = (kind: DiagnosisChange['change'], message: string): DiagnosisChange => ({ scope: 'verdict', subject: 'address', change: kind, message });
  const changes: DiagnosisChange[] = [];
  for (const result of old) {
    const next = now.find((item) => item.address === result.address);
    if (next === undefined) changes.push(change('removed', `address ${result.address} no longer evaluated (was ${addressOutcome(result)})`));
    else if (next.verdict !== result.verdict || next.blockingHop !== result.blockingHop) {
      changes.push(change('changed', `address ${result.address}: ${addressOutcome(result)} → ${addressOutcome(next)}`));
    }
  }
  for (const result of now) {
    if (!old.some((item) => item.address === result.address)) changes.push(change('added', `address ${result.address} now evaluated: ${addressOutcome(result)}`));
  }
  return changes;
}

const objectsOf = (world: World, kind: string): KubernetesObject[] => world.clusters.flatMap((cluster) => cluster.objects.filter((object) => object.kind === kind));
const objectKey = (object: KubernetesObject) => `${object.metadata.namespace ?? ''}/${object.metadata.name}`;

function diffSecurityGroups(before: World, after: World): DiagnosisChange[] {
  const groups = diffCollection('securityGroup', before.cloud.securityGroups, after.cloud.securityGroups, (group) => group.SecurityGroupId, (id) => `security group ${id}`).filter((change) => change.change !== 'changed');
  const rules = (world: World) => world.cloud.securityGroups.flatMap((group) => group.Permissions.Permission.map((rule) => ({ group: group.SecurityGroupId, rule })));
  const sharedGroups = new Set(before.cloud.securityGroups.map((group) => group.SecurityGroupId).filter((id) => after.cloud.securityGroups.some((group) => group.SecurityGroupId === id)));
  const inShared = (world: World) => rules(world).filter((item) => sharedGroups.has(item.group));
  const ruleChanges = diffCollection('securityGroupRule', inShared(before), inShared(after), (item) => `${item.group} ${item.rule.SecurityGroupRuleId}`, (key) => {
    const [group, rule] = key.split(' ');
    return `security group ${group} rule ${rule}`;
  });
  return [...groups, ...ruleChanges];
}

function diffWhitelists(before: World, after: World): DiagnosisChange[] {
  const groups = (world: World) => [
    ...world.cloud.rdsInstances.flatMap((instance) => instance.DBInstanceIPArrays.map((group) => ({ instance: instance.DBInstanceId, name: group.DBInstanceIPArrayName, entries: group.SecurityIPList }))),
    ...world.cloud.redisInstances.flatMap((instance) => instance.SecurityIpGroups.map((group) => ({ instance: instance.InstanceId, name: group.SecurityIpGroupName, entries: group.SecurityIpList }))),
    ...whitelistEntries(world.cloud),
  ];
  return diffCollection('whitelistGroup', groups(before), groups(after), (group) => `${group.instance} ${group.name}`, (key) => {
    const [instance, name] = key.split(' ');
    return `whitelist group ${name} of ${instance}`;
  }).map((change) => (change.change === 'changed' ? { ...change, message: change.message.replace(/ changed$/, ': entries changed') } : change));
}

function diffSourcePod(before: World, after: World, pod: string): DiagnosisChange[] {
  const find = (world: World) => objectsOf(world, 'Pod').find((object) => objectKey(object) === pod);
  const [old, now] = [find(before), find(after)];
  if (old === undefined || now === undefined) return old === now ? [] : [fact('pod', old === undefined ? 'added' : 'removed', `pod ${pod} ${old === undefined ? 'added' : 'removed'}`)];
  const ipOf = (object: KubernetesObject) => {
    const status = object['status'];
    return typeof status === 'object' && status !== null && 'podIP' in status && typeof status.podIP === 'string' ? status.podIP : 'none';
  };
  const changes: DiagnosisChange[] = [];
  if (ipOf(old) !== ipOf(now)) changes.push(fact('pod', 'changed', `pod ${pod} IP changed: ${ipOf(old)} → ${ipOf(now)}`));
  else if (stableJson(old) !== stableJson(now)) changes.push(fact('pod', 'changed', `pod ${pod} changed`));
  return changes;
}

function diffCloudEntries(before: World, after: World): DiagnosisChange[] {
  const aclEntries = (world: World) =>
    world.cloud.networkAcls.flatMap((acl) => [
      ...acl.IngressAclEntries.IngressAclEntry.map((entry, index) => ({ acl: acl.NetworkAclId, id: `ingress:${entry.NetworkAclEntryId}`, entry, index })),
      ...acl.EgressAclEntries.EgressAclEntry.map((entry, index) => ({ acl: acl.NetworkAclId, id: `egress:${entry.NetworkAclEntryId}`, entry, index })),
    ]);
  const { cloud: a } = before;
  const { cloud: b } = after;
  return [
    ...diffCollection('snatEntry', a.snatEntries, b.snatEntries, (entry) => entry.SnatEntryId, (id) => `SNAT entry ${id}`),
    ...diffCollection('natGateway', a.natGateways, b.natGateways, (gateway) => gateway.NatGatewayId, (id) => `NAT gateway ${id}`),
    ...diffCollection('routeEntry', a.routeEntries, b.routeEntries, (entry) => `${entry.RouteTableId} ${entry.RouteEntryId}`, (key) => `route entry ${key.split(' ')[1]} of ${key.split(' ')[0]}`),
    ...diffCollection('networkAclEntry', aclEntries(before), aclEntries(after), (item) => `${item.acl} ${item.id}`, (key) => `network ACL ${key.split(' ')[0]} ${key.split(' ')[1]?.replace(':', ' entry ')}`),
    ...diffCollection('eip', a.eips, b.eips, (address) => address.AllocationId, (id) => `EIP ${id}`),
    ...diffCollection('eni', a.networkInterfaces, b.networkInterfaces, (eni) => eni.NetworkInterfaceId, (id) => `ENI ${id}`),
    ...diffCollection('vSwitch', a.vSwitches, b.vSwitches, (item) => item.VSwitchId, (id) => `vSwitch ${id}`),
    ...diffCollection('loadBalancer', a.loadBalancers, b.loadBalancers, (item) => item.LoadBalancerId, (id) => `load balancer ${id}`),
    ...diffCollection('slbAcl', a.slbAcls, b.slbAcls, (item) => item.AclId, (id) => `SLB access control list ${id}`),
    ...diffCollection('prefixList', a.prefixLists, b.prefixLists, (item) => item.PrefixListId, (id) => `prefix list ${id}`),
    ...diffCollection('portRangeList', a.portRangeLists, b.portRangeLists, (item) => item.PortRangeListId, (id) => `port list ${id}`),
  ];
}

function diffCluster(before: World, after: World, pod: string): DiagnosisChange[] {
  const dns = (world: World) => world.dns.records.map((record) => ({ ...record, ttl: 0 }));
  const deny = (world: World) => world.ram.deny;
  return [
    ...diffSourcePod(before, after, pod),
    ...diffCollection('networkPolicy', objectsOf(before, 'NetworkPolicy'), objectsOf(after, 'NetworkPolicy'), objectKey, (key) => `network policy ${key}`),
    ...diffCollection('service', objectsOf(before, 'Service'), objectsOf(after, 'Service'), objectKey, (key) => `service ${key}`),
    ...diffCollection('deployment', objectsOf(before, 'Deployment'), objectsOf(after, 'Deployment'), objectKey, (key) => `deployment ${key}`),
    ...diffCollection('dnsRecord', dns(before), dns(after), (record) => `${record.name} ${record.type} ${record.value}`, (key) => `DNS record ${key}`),
    ...diffCollection('permission', deny(before), deny(after), (item) => `${item.action} ${item.resource ?? '*'}`, (key) => `read ${key}`).map((change) => ({
      ...change,
      message: change.message.replace(/ added$/, ' now forbidden').replace(/ removed$/, ' now allowed'),
    })),
  ];
}

/**
 * Every change from `before` to `after`, for people. `pod` is the source pod as
 * `namespace/name`. An empty list means the re-run saw the same facts and decided the same.
 */
export function diffDiagnoses(before: DiffSide, after: DiffSide, pod: string): DiagnosisChange[] {
  const verdict: DiagnosisChange[] =
    before.diagnosis.verdict === after.diagnosis.verdict && before.diagnosis.blockingHop === after.diagnosis.blockingHop
      ? []
      : [{ scope: 'verdict', subject: 'verdict', change: 'changed', message: `verdict: ${verdictText(before.diagnosis)} → ${verdictText(after.diagnosis)}` }];
  return [
    ...verdict,
    ...diffAddresses(before.diagnosis, after.diagnosis),
    ...diffHops(before.diagnosis.hops, after.diagnosis.hops),
    ...diffSecurityGroups(before.world, after.world),
    ...diffCloudEntries(before.world, after.world),
    ...diffWhitelists(before.world, after.world),
    ...GATE_LIST.flatMap((gate) => gate.diff(before.world, after.world)),
    ...diffCluster(before.world, after.world, pod),
  ];
}
