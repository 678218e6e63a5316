/**
 * Intent and blast radius per gate: which deny of a hop looks deliberate, and how far each of
 * its fixes reaches. The hop evaluators call these once their fixes are built. Pure.
 */
import { parse } from 'yaml';

import { nameAndId } from '@/lib/analysis/entry-label';
import { cidrContains } from '@/lib/analysis/ip';
import { english, msg, type Message, type Text } from '@/lib/analysis/message';
import type { FactRef, Fix, Intent, NetworkAcl, NetworkAclEntry, NetworkPolicy, PathContext, PathFacts, SecurityGroupRule } from '@/lib/analysis/model';

import { describePodCount, podCountText, podsInCidrs, podsInSecurityGroup, podsWithLabels } from './blast-radius';
import { formatPortRange } from './cloud-fixes';
import { intentOf, isDenyName, rankByIntent } from './intent';
import type { FlowToVerify } from './verify';

/** What a hop's fixes become once intent is weighed. */
export interface RankedFixes {
  intent: Intent | null;
  fixes: Fix[];
}

/** The diagnosed flow, for the checks a fix carries. */
export function flowOf(facts: PathFacts): FlowToVerify {
  const { cluster, namespace, pod, host, port, protocol } = facts.request;
  return { cluster, namespace, pod, host, port, protocol };
}

const flannel = (path: PathContext): boolean => path.source.networkMode === 'flannel';

function ruleRemote(rule: SecurityGroupRule): string {
  switch (rule.remote.kind) {
    case 'cidr':
      return rule.remote.cidr;
    case 'securityGroup':
      return `members of ${rule.remote.groupId}`;
    case 'prefixList':
      return `prefix list ${rule.remote.prefixListId}`;
    case 'any':
      return 'any address';
    default: {
      const exhaustive: never = rule.remote;
      throw new Error(`unhandled remote ${JSON.stringify(exhaustive)}`);
    }
  }
}

/** A fact reference whose label is a sentence (`rule sgr-… of sg-…`): the English label and its message. */
function labelled(kind: string, id: string, label: Message): FactRef {
  return { kind, id, label: english(label), labelMessage: label };
}

/**
 * Security group (source side, outbound): a drop rule with a description is deliberate. The
 * revoke opens everything the rule dropped; the accept opens one destination ahead of it;
 * both for every member of the group (the pods counted from the cluster facts).
 */
export function rankSecurityGroupFixes(input: { facts: PathFacts; path: PathContext; groupId: string; rule: SecurityGroupRule | null; fixes: Fix[] }): RankedFixes {
  const { facts, path, groupId, rule } = input;
  const group = nameAndId(groupId, facts.cloud.securityGroups.kind === 'ok' ? facts.cloud.securityGroups.value.find((item) => item.id === groupId)?.name : null);
  const control: FactRef = rule ? labelled('securityGroupRule', rule.id, msg('analysis.ref.securityGroupRule', { rule: rule.id, group })) : { kind: 'securityGroup', id: groupId, label: group };
  const intent = rule && rule.policy === 'drop' ? intentOf(control, rule.description) : null;
  const pods = describePodCount(podsInSecurityGroup({ pods: facts.cluster.pods, source: facts.cluster.pod, groupId, flannel: flannel(path) }));
  const members = `${pods} of ${facts.request.cluster} in ${groupId} (and every other ENI in the group)`;
  const blastRadius = (fix: Fix): Text => {
    if (fix.kind === 'alicloud' && fix.action.startsWith('Revoke') && rule) {
      const remote = rule.remote.kind === 'cidr' ? rule.remote.cidr : null;
      if (remote !== null) {
        const pods = podCountText(podsInSecurityGroup({ pods: facts.cluster.pods, source: facts.cluster.pod, groupId, flannel: flannel(path) }));
        return msg('analysis.fix.securityGroupRevokeReach', { rule: rule.id, protocol: rule.protocol.toUpperCase(), ports: formatPortRange(rule.portRange), remote, pods, cluster: facts.request.cluster, group: groupId });
      }
      return `Revoking ${rule.id} opens ${rule.protocol.toUpperCase()} ${formatPortRange(rule.portRange)} to ${ruleRemote(rule)} for ${members}.`;
    }
    if (fix.kind === 'alicloud') {
      const remote = fix.parameters.DestCidrIp ?? fix.parameters.Ipv6DestCidrIp ?? 'the destination';
      return `Opens ${(fix.parameters.IpProtocol ?? '').toUpperCase()} ${fix.parameters.PortRange ?? ''} to ${remote} past ${rule?.id ?? 'the drop'} for ${members}.`;
    }
    return `Changes ${groupId} for ${members}.`;
  };
  return { intent, fixes: rankByIntent({ intent, idPrefix: 'securityGroup', flow: flowOf(facts), fixes: input.fixes, blastRadius }) };
}

/**
 * Network ACL: a deny entry with a description is deliberate (a name alone is not: many lists
 * end in an entry named `deny-all`).
 * An accept inserted ahead of it opens its destination for every address of the bound
 * vSwitches (the pods counted among those whose vSwitch was read).
 */
export function rankNetworkAclFixes(input: { facts: PathFacts; path: PathContext; acl: NetworkAcl; direction: 'ingress' | 'egress'; entry: NetworkAclEntry | null; fixes: Fix[] }): RankedFixes {
  const { facts, path, acl, entry } = input;
  const intent = entry && entry.policy === 'drop' ? intentOf({ kind: 'networkAclEntry', id: entry.id, label: `entry ${nameAndId(entry.id, entry.name)} of ${nameAndId(acl.id, acl.name)}` }, entry.description) : null;
  const read = facts.cloud.vSwitches.kind === 'ok' ? facts.cloud.vSwitches.value.filter((vSwitch) => acl.vSwitchIds.includes(vSwitch.id)) : [];
  const pods = describePodCount(podsInCidrs({ pods: facts.cluster.pods, nodes: facts.cluster.nodes, cidrs: read.map((vSwitch) => vSwitch.cidrBlock), flannel: flannel(path) }));
  const unread = acl.vSwitchIds.length - read.length;
  const where = `${read.map((vSwitch) => `${vSwitch.id} (${vSwitch.cidrBlock})`).join(', ') || 'its vSwitches'}${unread > 0 ? ` and ${unread} more vSwitch${unread === 1 ? '' : 'es'} not read` : ''}`;
  const blastRadius = (fix: Fix): string => {
    const opened = fix.title.replace(/^Accept /, '').replace(/ in network ACL .*$/, '');
    return `Opens ${opened} ahead of ${entry?.name || entry?.id || 'the deny'} for ${pods} of ${facts.request.cluster} in ${where}, and every instance there.`;
  };
  return { intent, fixes: rankByIntent({ intent, idPrefix: `networkAcl-${acl.id}-${input.direction}`, flow: flowOf(facts), fixes: input.fixes, blastRadius }) };
}

/**
 * Whether the NetworkPolicies that deny a flow show intent: a rule whose `ipBlock` covers
 * `address` but lists it under `except` (an explicit exclusion), else a policy named as a deny.
 *
 * @param direction the side that denied; `address` is the far side's address.
 */
export function networkPolicyIntent(policies: NetworkPolicy[], direction: 'Egress' | 'Ingress', address: string): Intent | null {
  for (const policy of policies) {
    const rules = (direction === 'Egress' ? policy.egress : policy.ingress) ?? [];
    for (const [index, rule] of rules.entries()) {
      for (const peer of rule.peers ?? []) {
        const block = peer.ipBlock;
        const excluded = block && cidrContains(block.cidr, address) ? block.except.find((cidr) => cidrContains(cidr, address)) : undefined;
        if (block && excluded !== undefined) {
          const path = `${direction === 'Egress' ? 'egress' : 'ingress'}[${index}]`;
          return {
            control: { kind: 'networkPolicy', id: `${policy.namespace}/${policy.name}`, label: `NetworkPolicy ${policy.namespace}/${policy.name} ${path}` },
            signal: 'except',
            says: `${block.cidr} except ${excluded}`,
          };
        }
      }
    }
  }
  const named = policies.find((policy) => isDenyName(policy.name));
  return named ? { control: { kind: 'networkPolicy', id: `${named.namespace}/${named.name}`, label: `NetworkPolicy ${named.namespace}/${named.name}` }, signal: 'namedDeny', says: named.name } : null;
}

/**
 * NetworkPolicy: an explicit `except` of the destination, or a selecting policy named as a
 * deny, is deliberate (the hop finds which). A new allowing policy opens the flow for the pods
 * it selects.
 */
export function rankNetworkPolicyFixes(input: { facts: PathFacts; intent: Intent | null; fixes: Fix[] }): RankedFixes {
  const { facts, intent } = input;
  const blastRadius = (fix: Fix): string => {
    const selected = fix.kind === 'kubernetes' ? selectedPods(fix.yaml) : null;
    const pods = selected ? describePodCount(podsWithLabels({ pods: facts.cluster.pods, ...selected })) : 'the selected pods';
    const overrides = intent ? `${intent.control.label}${intent.signal === 'except' ? ` (${intent.says})` : ''}` : 'the deny';
    return `${fix.risk} That is ${pods} of ${facts.request.cluster} today; it overrides ${overrides}.`;
  };
  return { intent, fixes: rankByIntent({ intent, idPrefix: 'networkPolicy', flow: flowOf(facts), fixes: input.fixes, blastRadius }) };
}

function isRecord(value: unknown): value is Record<string, unknown> {
  return typeof value === 'object' && value !== null && !Array.isArray(value);
}

/** Namespace and `spec.podSelector.matchLabels` of a policy manifest, null when it has neither. */
function selectedPods(yaml: string): { namespace: string; labels: Record<string, string> } | null {
  const document: unknown = parse(yaml);
  if (!isRecord(document) || !isRecord(document.metadata) || !isRecord(document.spec) || !isRecord(document.spec.podSelector)) return null;
  const { namespace } = document.metadata;
  const matchLabels = document.spec.podSelector.matchLabels;
  if (typeof namespace !== 'string') return null;
  const labels = isRecord(matchLabels) ? Object.fromEntries(Object.entries(matchLabels).map(([key, value]) => [key, String(value)])) : {};
  return { namespace, labels };
}

/**
 * SLB blacklist: an entry with a comment is deliberate. Removing it admits its whole CIDR to
 * every listener using the ACL.
 */
export function rankSlbBlacklistFixes(input: { facts: PathFacts; path: PathContext; aclId: string; cidr: string; comment: string; fixes: Fix[] }): RankedFixes {
  const { facts, path } = input;
  const intent = intentOf({ kind: 'slbAcl', id: input.aclId, label: `entry ${input.cidr} of SLB ACL ${input.aclId}` }, input.comment);
  const pods = describePodCount(podsInCidrs({ pods: facts.cluster.pods, nodes: facts.cluster.nodes, cidrs: [input.cidr], flannel: flannel(path) }));
  const blastRadius = (): string => `Admits all of ${input.cidr} (${pods} of ${facts.request.cluster} among them) to every listener using ${input.aclId}.`;
  return { intent, fixes: rankByIntent({ intent, idPrefix: `slbAcl-${input.aclId}`, flow: flowOf(facts), fixes: input.fixes, blastRadius }) };
}

/** Fixes that respect intent (or need none) first, exceptions last; stable otherwise. */
export function exceptionsLast(fixes: Fix[]): Fix[] {
  return [...fixes.filter((fix) => !fix.exception), ...fixes.filter((fix) => fix.exception)];
}
