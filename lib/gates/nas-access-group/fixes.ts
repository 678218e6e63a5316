/**
 * Fixes of the nasAccessGroup hop: the narrowest access rule that lets the pod's address mount —
 * its own /32 (priority above the rule that decides now), or the pod vSwitch's CIDR at the
 * lowest priority, so it overrides no rule already there — as the CreateAccessRule request and
 * its `aliyun nas` line. Shown, not applied: the fix applier calls only the products whose
 * clients, previews and undo it knows (lib/fixes/apply), and NAS is not one of them. Pure.
 */
import { english, msg } from '@/lib/analysis/message';
import type { FactRef, Fix } from '@/lib/analysis/model';
import { shellQuote } from '@/lib/fixes/aliyun-cli';
import { manualFix } from '@/lib/fixes/cloud-fixes';

import type { NasAccessRule } from './facts';

export const NAS_VERSION = '2017-06-26';
const M = 'analysis.nasAccessGroup';

/** What the new rule admits, and where it goes. */
export interface AccessRuleFixInput {
  group: string;
  /** `standard` or `extreme` (DescribeAccessRules / CreateAccessRule `FileSystemType`). */
  fileSystemType: 'standard' | 'extreme';
  regionId: string | null;
  target: FactRef;
}

/** `aliyun nas CreateAccessRule --AccessGroupName … …`. */
function cli(parameters: Record<string, string>): string {
  return ['aliyun', 'nas', 'CreateAccessRule', ...Object.entries(parameters).map(([key, value]) => `--${key} ${shellQuote(value)}`)].join(' ');
}

function requestText(regionId: string | null, parameters: Record<string, string>): string {
  return [`POST https://nas.${regionId ?? '<region>'}.aliyuncs.com/ Action=CreateAccessRule Version=${NAS_VERSION}`, ...Object.entries(parameters).map(([key, value]) => `  ${key}=${value}`)].join('\n');
}

function ruleFix(id: string, input: AccessRuleFixInput, cidr: string, priority: number, scope: 'pod' | 'vSwitch'): Fix {
  const parameters: Record<string, string> = {
    ...(input.regionId === null ? {} : { RegionId: input.regionId }),
    AccessGroupName: input.group,
    FileSystemType: input.fileSystemType,
    ...(cidr.includes(':') ? { Ipv6SourceCidrIp: cidr } : { SourceCidrIp: cidr }),
    RWAccessType: 'RDWR',
    UserAccessType: 'no_squash',
    Priority: String(priority),
  };
  const params = { cidr, group: input.group, priority: String(priority), scope };
  const title = msg(`${M}.fixTitle`, params);
  const description = msg(`${M}.fixDescription`, params);
  const risk = msg(`${M}.fixRisk`, params);
  return manualFix({
    id,
    title: english(title),
    titleMessage: title,
    description: english(description),
    descriptionMessage: description,
    risk: english(risk),
    riskMessage: risk,
    target: input.target,
    steps: [english(msg(`${M}.fixShownOnly`)), requestText(input.regionId, parameters), cli(parameters)],
    stepMessages: [msg(`${M}.fixShownOnly`), null, null],
  });
}

/**
 * The rules to add: the pod's own address, above `decidedBy` (the rule that applies now, when one
 * does), and the vSwitch CIDR at priority 100 (below every rule already there).
 */
export function accessRuleFixes(input: AccessRuleFixInput, address: string, vSwitchCidr: string | null, decidedBy: NasAccessRule | null): Fix[] {
  const hostCidr = address.includes(':') ? `${address}/128` : `${address}/32`;
  const priority = decidedBy === null ? 1 : Math.max(1, decidedBy.priority - 1);
  return [
    ruleFix('nasAccessGroup-pod-rule', input, hostCidr, priority, 'pod'),
    ...(vSwitchCidr === null || decidedBy !== null ? [] : [ruleFix('nasAccessGroup-vswitch-rule', input, vSwitchCidr, 100, 'vSwitch')]),
  ];
}
