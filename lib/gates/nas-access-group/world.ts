/**
 * The nasAccessGroup facts of a saved diagnosis back in their world section
 * (`cloud.nasAccessGroup`), and what changed in it between two worlds (a saved diagnosis and its
 * re-run). Pure.
 */
import type { PathFacts } from '@/lib/analysis/model';
import type { DiagnosisChange } from '@/lib/schemas/saved-diagnosis';
import type { World } from '@/lib/schemas/world';

import type { WorldGateSections } from '../types';
import { DEFAULT_VPC_GROUP_NAME } from './facts';
import type { NasAccessGroupWorld } from './world-schema';

/** The mount target, its group and the group's rules (when they were read) as the sandbox would serve them. */
export function nasAccessGroupToWorld(facts: PathFacts): WorldGateSections {
  const fact = facts.cloud.gates?.nasAccessGroup;
  if (fact === undefined || fact.kind === 'missing' || fact.value === null || fact.value.mountTarget === null) return {};
  const { endpoint, mountTarget, rules } = fact.value;
  const group = mountTarget.accessGroup;
  // Rules that were not read stay out: the saved diagnosis's deny list or faults fail their read again (nestedReads).
  const section: NasAccessGroupWorld = {
    mountTargets: [
      {
        FileSystemId: endpoint.fileSystemId,
        MountTargetDomain: mountTarget.domain,
        AccessGroup: group,
        NetworkType: mountTarget.networkType === 'Classic' ? 'Classic' : 'Vpc',
        Status: mountTarget.status === 'Active' || mountTarget.status === 'Inactive' || mountTarget.status === 'Pending' ? mountTarget.status : 'Inactive',
        ...(mountTarget.vpcId === null ? {} : { VpcId: mountTarget.vpcId }),
        ...(mountTarget.vSwitchId === null ? {} : { VswId: mountTarget.vSwitchId }),
      },
    ],
    accessGroups: group === DEFAULT_VPC_GROUP_NAME ? [] : [{ AccessGroupName: group, AccessGroupType: 'Vpc', FileSystemType: 'standard', Description: '' }],
    accessRules:
      rules?.kind === 'ok'
        ? rules.value.map((rule) => ({
            AccessGroupName: group,
            FileSystemType: 'standard' as const,
            AccessRuleId: rule.id,
            SourceCidrIp: rule.sourceCidrIp,
            ...(rule.ipv6SourceCidrIp === '' ? {} : { Ipv6SourceCidrIp: rule.ipv6SourceCidrIp }),
            RWAccess: rule.rwAccess,
            UserAccess: rule.userAccess === 'root_squash' || rule.userAccess === 'all_squash' ? rule.userAccess : 'no_squash',
            Priority: rule.priority,
          }))
        : [],
  };
  return { nasAccessGroup: section };
}

const ruleKey = (rule: NasAccessGroupWorld['accessRules'][number]): string => `${rule.AccessGroupName}/${rule.AccessRuleId}`;
const ruleText = (rule: NasAccessGroupWorld['accessRules'][number]): string => `${rule.SourceCidrIp || rule.Ipv6SourceCidrIp || ''} ${rule.RWAccess} ${rule.UserAccess} priority ${rule.Priority}`;

/** Mount targets added, removed or changed (status, group); rules of a permission group added, removed or changed. */
export function diffNasAccessGroup(before: World, after: World): DiagnosisChange[] {
  const changes: DiagnosisChange[] = [];
  const oldTargets = new Map((before.cloud.nasAccessGroup?.mountTargets ?? []).map((target) => [target.MountTargetDomain, target]));
  const newTargets = new Map((after.cloud.nasAccessGroup?.mountTargets ?? []).map((target) => [target.MountTargetDomain, target]));
  for (const [domain, target] of oldTargets) {
    const now = newTargets.get(domain);
    if (now === undefined) changes.push({ scope: 'fact', subject: 'nasMountTarget', change: 'removed', message: `NAS mount target ${domain} removed` });
    else if (now.Status !== target.Status) changes.push({ scope: 'fact', subject: 'nasMountTarget', change: 'changed', message: `NAS mount target ${domain} is now ${now.Status} (was ${target.Status})` });
    else if (now.AccessGroup !== target.AccessGroup) changes.push({ scope: 'fact', subject: 'nasMountTarget', change: 'changed', message: `NAS mount target ${domain} now applies permission group ${now.AccessGroup} (was ${target.AccessGroup})` });
  }
  for (const domain of newTargets.keys()) if (!oldTargets.has(domain)) changes.push({ scope: 'fact', subject: 'nasMountTarget', change: 'added', message: `NAS mount target ${domain} added` });
  const oldRules = new Map((before.cloud.nasAccessGroup?.accessRules ?? []).map((rule) => [ruleKey(rule), rule]));
  const newRules = new Map((after.cloud.nasAccessGroup?.accessRules ?? []).map((rule) => [ruleKey(rule), rule]));
  for (const [key, rule] of oldRules) {
    const now = newRules.get(key);
    if (now === undefined) changes.push({ scope: 'fact', subject: 'nasAccessRule', change: 'removed', message: `NAS access rule ${key} (${ruleText(rule)}) removed` });
    else if (ruleText(now) !== ruleText(rule)) changes.push({ scope: 'fact', subject: 'nasAccessRule', change: 'changed', message: `NAS access rule ${key} changed from ${ruleText(rule)} to ${ruleText(now)}` });
  }
  for (const [key, rule] of newRules) if (!oldRules.has(key)) changes.push({ scope: 'fact', subject: 'nasAccessRule', change: 'added', message: `NAS access rule ${key} (${ruleText(rule)}) added` });
  return changes;
}
