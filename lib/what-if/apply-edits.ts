/**
 * Applies what-if edits to the facts of a diagnosis, purely: a new PathFacts with the rule,
 * entry, policy or whitelist address added or removed, nothing else touched. An edit that
 * cannot apply (its object was not read, or does not exist) is refused with a message naming
 * what to change, never silently ignored.
 */
import type { CloudFacts, Fact, NetworkAclEntry, PathFacts, SecurityGroup, ServiceWhitelist, SnatEntry } from '@/lib/analysis/model';
import type { WhatIfEdit } from '@/lib/schemas/what-if-edits';

/** The edited facts, or the first edit that could not apply. */
export type EditOutcome = { kind: 'ok'; facts: PathFacts } | { kind: 'invalid'; edit: number; message: string };

class EditRefused extends Error {}

function readValue<T>(fact: Fact<T> | null, what: string): T {
  if (fact === null) throw new EditRefused(`this diagnosis has no ${what} (the destination does not use one)`);
  if (fact.kind === 'missing') throw new EditRefused(`the ${what} could not be read for this diagnosis (${fact.error.resource}: ${fact.error.reason}); there is nothing to edit`);
  return fact.value;
}

const ok = <T>(value: T): Fact<T> => ({ kind: 'ok', value });

function editSecurityGroups(cloud: CloudFacts, groupId: string, change: (group: SecurityGroup) => SecurityGroup): CloudFacts {
  const groups = readValue(cloud.securityGroups, 'security groups');
  if (!groups.some((group) => group.id === groupId)) {
    throw new EditRefused(`security group ${groupId} is not on this path; the path read ${groups.map((group) => group.id).join(', ') || 'none'}`);
  }
  return { ...cloud, securityGroups: ok(groups.map((group) => (group.id === groupId ? change(group) : group))) };
}

function editAcl(cloud: CloudFacts, aclId: string, direction: 'ingress' | 'egress', change: (entries: NetworkAclEntry[]) => NetworkAclEntry[]): CloudFacts {
  const acls = readValue(cloud.networkAcls, 'network ACLs');
  if (!acls.some((acl) => acl.id === aclId)) throw new EditRefused(`network ACL ${aclId} is not on this path; the path read ${acls.map((acl) => acl.id).join(', ') || 'none'}`);
  return { ...cloud, networkAcls: ok(acls.map((acl) => (acl.id === aclId ? { ...acl, [direction]: change(acl[direction]) } : acl))) };
}

function editWhitelist(cloud: CloudFacts, change: (whitelist: ServiceWhitelist) => ServiceWhitelist): CloudFacts {
  return { ...cloud, whitelist: ok(change(readValue(cloud.whitelist, 'RDS or Redis whitelist'))) };
}

/** A hypothetical id, unique within the edited facts (`sgr-whatif-1`, …). */
const whatIfId = (prefix: string, index: number) => `${prefix}-whatif-${index + 1}`;

function applyCloudEdit(cloud: CloudFacts, edit: WhatIfEdit, index: number): CloudFacts | null {
  switch (edit.kind) {
    case 'addSecurityGroupRule':
      return editSecurityGroups(cloud, edit.securityGroupId, (group) => ({
        ...group,
        rules: [
          ...group.rules,
          {
            id: whatIfId('sgr', index),
            direction: edit.direction,
            policy: edit.policy,
            priority: edit.priority,
            protocol: edit.protocol,
            portRange: edit.portRange,
            portRangeListId: null,
            remote: { kind: 'cidr', cidr: edit.cidr },
            description: edit.description,
          },
        ],
      }));
    case 'removeSecurityGroupRule':
      return editSecurityGroups(cloud, edit.securityGroupId, (group) => {
        if (!group.rules.some((rule) => rule.id === edit.ruleId)) throw new EditRefused(`security group ${group.id} has no rule ${edit.ruleId}`);
        return { ...group, rules: group.rules.filter((rule) => rule.id !== edit.ruleId) };
      });
    case 'addNetworkAclEntry':
      return editAcl(cloud, edit.networkAclId, edit.direction, (entries) => {
        const entry: NetworkAclEntry = {
          id: whatIfId('nae', index),
          name: 'what-if',
          entryType: 'custom',
          policy: edit.policy,
          protocol: edit.protocol,
          portRange: edit.portRange,
          cidr: edit.cidr,
          description: edit.description,
        };
        const at = Math.min(edit.position ?? entries.length, entries.length);
        return [...entries.slice(0, at), entry, ...entries.slice(at)];
      });
    case 'removeNetworkAclEntry':
      return editAcl(cloud, edit.networkAclId, edit.direction, (entries) => {
        if (!entries.some((entry) => entry.id === edit.entryId)) throw new EditRefused(`network ACL ${edit.networkAclId} has no ${edit.direction} entry ${edit.entryId}`);
        return entries.filter((entry) => entry.id !== edit.entryId);
      });
    case 'addWhitelistEntry':
      return editWhitelist(cloud, (whitelist) => {
        const exists = whitelist.groups.some((group) => group.name === edit.group);
        const groups = exists
          ? whitelist.groups.map((group) => (group.name === edit.group ? { ...group, entries: [...group.entries, edit.entry] } : group))
          : [...whitelist.groups, { name: edit.group, attribute: '', entries: [edit.entry], networkType: null }];
        return { ...whitelist, groups };
      });
    case 'removeWhitelistEntry':
      return editWhitelist(cloud, (whitelist) => {
        const group = whitelist.groups.find((item) => item.name === edit.group);
        if (!group?.entries.includes(edit.entry)) throw new EditRefused(`whitelist group ${edit.group} of ${whitelist.instanceId} has no entry ${edit.entry}`);
        return { ...whitelist, groups: whitelist.groups.map((item) => (item === group ? { ...item, entries: item.entries.filter((entry) => entry !== edit.entry) } : item)) };
      });
    case 'addSnatEntry': {
      if ((edit.sourceVSwitchId === undefined) === (edit.sourceCidr === undefined)) throw new EditRefused('an SNAT entry covers a vSwitch or a CIDR block: give exactly one of sourceVSwitchId and sourceCidr');
      const gateway = readValue(cloud.natGateways, 'NAT gateways').find((item) => item.id === edit.natGatewayId);
      if (!gateway) throw new EditRefused(`NAT gateway ${edit.natGatewayId} is not on this path`);
      const snatTableId = gateway.snatTableIds[0];
      if (snatTableId === undefined) throw new EditRefused(`NAT gateway ${gateway.id} has no SNAT table`);
      const vSwitchCidr = edit.sourceVSwitchId === undefined ? undefined : readValue(cloud.vSwitches, 'vSwitches').find((item) => item.id === edit.sourceVSwitchId)?.cidrBlock;
      const entry: SnatEntry = {
        id: whatIfId('snat', index),
        name: 'what-if',
        snatTableId,
        natGatewayId: gateway.id,
        sourceVSwitchId: edit.sourceVSwitchId ?? null,
        sourceCidr: edit.sourceCidr ?? vSwitchCidr ?? null,
        snatIps: edit.snatIps,
        status: 'Available',
      };
      return { ...cloud, snatEntries: ok([...readValue(cloud.snatEntries, 'SNAT entries'), entry]) };
    }
    case 'removeSnatEntry': {
      const entries = readValue(cloud.snatEntries, 'SNAT entries');
      if (!entries.some((entry) => entry.id === edit.snatEntryId)) throw new EditRefused(`there is no SNAT entry ${edit.snatEntryId} on this path`);
      return { ...cloud, snatEntries: ok(entries.filter((entry) => entry.id !== edit.snatEntryId)) };
    }
    case 'addNetworkPolicy':
    case 'removeNetworkPolicy':
      return null;
    default: {
      const exhaustive: never = edit;
      throw new Error(`invariant: unknown what-if edit ${JSON.stringify(exhaustive)}`);
    }
  }
}

function applyEdit(facts: PathFacts, edit: WhatIfEdit, index: number): PathFacts {
  if (edit.kind === 'addNetworkPolicy') {
    const policies = readValue(facts.cluster.networkPolicies, 'NetworkPolicies');
    const { policy } = edit;
    if (policies.some((item) => item.namespace === policy.namespace && item.name === policy.name)) throw new EditRefused(`NetworkPolicy ${policy.namespace}/${policy.name} already exists; remove it first or pick another name`);
    return { ...facts, cluster: { ...facts.cluster, networkPolicies: ok([...policies, policy]) } };
  }
  if (edit.kind === 'removeNetworkPolicy') {
    const policies = readValue(facts.cluster.networkPolicies, 'NetworkPolicies');
    if (!policies.some((item) => item.namespace === edit.namespace && item.name === edit.name)) throw new EditRefused(`there is no NetworkPolicy ${edit.namespace}/${edit.name}`);
    return { ...facts, cluster: { ...facts.cluster, networkPolicies: ok(policies.filter((item) => !(item.namespace === edit.namespace && item.name === edit.name))) } };
  }
  const cloud = applyCloudEdit(facts.cloud, edit, index);
  return cloud === null ? facts : { ...facts, cloud };
}

/**
 * `facts` with `edits` applied in order (a later edit sees the earlier ones). Returns the
 * first edit that cannot apply, by index, with the reason.
 */
export function applyWhatIfEdits(facts: PathFacts, edits: readonly WhatIfEdit[]): EditOutcome {
  let current = facts;
  for (const [index, edit] of edits.entries()) {
    try {
      current = applyEdit(current, edit, index);
    } catch (error) {
      if (error instanceof EditRefused) return { kind: 'invalid', edit: index, message: `edit ${index + 1} (${edit.kind}): ${error.message}` };
      throw error;
    }
  }
  return { kind: 'ok', facts: current };
}
