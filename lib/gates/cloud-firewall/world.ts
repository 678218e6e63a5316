/**
 * The Cloud Firewall facts of a saved diagnosis back in their world section, and what changed
 * in that section between two worlds (a saved diagnosis and its re-run). Pure.
 */
import type { PathFacts } from '@/lib/analysis/model';
import type { DiagnosisChange } from '@/lib/schemas/saved-diagnosis';
import type { World } from '@/lib/schemas/world';

import type { WorldGateSections } from '../types';
import type { ControlPolicy, VpcBorderFacts, VpcFirewall } from './facts';
import type { CloudFirewallWorld, CloudFirewallWorldPolicy, CloudFirewallWorldVpcPolicy } from './world-schema';

/** The fields every firewall's policies share (a VPC border policy has no `Direction`). */
function sharedWireFields(policy: ControlPolicy) {
  return {
    AclUuid: policy.id,
    Order: policy.order,
    AclAction: policy.action,
    Source: policy.source,
    SourceType: policy.sourceType,
    ...(policy.sourceCidrs === null ? {} : { SourceGroupCidrs: policy.sourceCidrs }),
    Destination: policy.destination,
    DestinationType: policy.destinationType,
    ...(policy.destinationCidrs === null ? {} : { DestinationGroupCidrs: policy.destinationCidrs }),
    Proto: policy.protocol,
    DestPort: policy.destinationPort,
    DestPortType: policy.destinationPorts === null ? ('port' as const) : ('group' as const),
    ...(policy.destinationPorts === null ? {} : { DestPortGroupPorts: policy.destinationPorts }),
    ApplicationNameList: policy.applications,
    ...(policy.domainResolveType === null ? {} : { DomainResolveType: policy.domainResolveType }),
    Description: policy.description,
    Release: policy.enabled ? ('true' as const) : ('false' as const),
  };
}

const toWirePolicy = (policy: ControlPolicy): CloudFirewallWorldPolicy => ({ ...sharedWireFields(policy), Direction: policy.direction, IpVersion: '4' });

const SWITCH_STATUSES = ['opened', 'closed', 'notconfigured', 'configured'] as const;
const switchStatus = (status: string): (typeof SWITCH_STATUSES)[number] => SWITCH_STATUSES.find((known) => known === status) ?? 'notconfigured';
const side = (vpc: VpcFirewall['vpcs'][number] | undefined) => ({
  VpcId: vpc?.vpcId ?? '', VpcName: '', VpcCidrTableList: [{ RouteTableId: '', RouteEntryList: (vpc?.cidrs ?? []).map((cidr) => ({ DestinationCidr: cidr, NextHopInstanceId: '' })) }],
});

/** The VPC firewalls and policies read, in their world section's shapes. */
function vpcBorderToWorld(border: VpcBorderFacts | null | undefined): Pick<CloudFirewallWorld, 'vpcFirewallCens' | 'vpcFirewalls' | 'vpcControlPolicies'> {
  const firewalls = border?.firewalls ?? [];
  const vpcPolicy = (group: string, policy: ControlPolicy): CloudFirewallWorldVpcPolicy => ({ ...sharedWireFields(policy), VpcFirewallId: group });
  return {
    vpcFirewallCens: firewalls.filter((firewall) => firewall.connectType === 'cen').map((firewall) => ({
      VpcFirewallId: firewall.id, VpcFirewallName: firewall.name, ConnectType: 'cen' as const, CenId: firewall.policyGroupId, CenName: '', FirewallSwitchStatus: switchStatus(firewall.status),
      LocalVpc: { VpcId: firewall.vpcs[0]?.vpcId ?? '', VpcName: '', VpcCidrTableList: [], NetworkInstanceType: 'VPC' as const, TransitRouterType: 'Enterprise' as const, DefendCidrList: firewall.vpcs[0]?.cidrs ?? [] },
    })),
    vpcFirewalls: firewalls.filter((firewall) => firewall.connectType === 'expressconnect').map((firewall) => ({
      VpcFirewallId: firewall.id, VpcFirewallName: firewall.name, ConnectType: 'expressconnect' as const, ConnectSubType: 'vpcpeer' as const, FirewallSwitchStatus: switchStatus(firewall.status),
      LocalVpc: side(firewall.vpcs[0]), PeerVpc: side(firewall.vpcs[1]),
    })),
    vpcControlPolicies: (border?.policies ?? []).flatMap((group) => group.policies.map((policy) => vpcPolicy(group.policyGroupId, policy))),
  };
}

/** The section holding what the facts read: `{}` when the gate was not read or its read failed. */
export function cloudFirewallToWorld(facts: PathFacts): WorldGateSections {
  const fact = facts.cloud.gates?.cloudFirewall;
  if (fact === undefined || fact.kind === 'missing') return {};
  const value = fact.value;
  if (!value.internet && !value.vpcBorder) return {};
  const section: CloudFirewallWorld = {
    assets: value.assets.map((asset) => ({ InternetAddress: asset.ip, ResourceType: asset.resourceType, ResourceInstanceId: asset.instanceId, ProtectStatus: asset.protectStatus === 'open' || asset.protectStatus === 'opening' || asset.protectStatus === 'closing' ? asset.protectStatus : 'closed' })),
    natFirewalls: value.natFirewalls.map((firewall) => ({
      ProxyId: firewall.id, ProxyName: firewall.name, NatGatewayId: firewall.natGatewayId, VpcId: firewall.vpcId, StrictMode: firewall.strictMode ? 1 : 0,
      ProxyStatus: (['normal', 'configuring', 'opening', 'closing', 'closed', 'deleting', 'abnormal'] as const).find((status) => status === firewall.status) ?? 'abnormal',
    })),
    controlPolicies: (value.internetPolicies ?? []).map(toWirePolicy),
    natControlPolicies: value.natPolicies.flatMap((item) => item.policies.map((policy) => ({ ...toWirePolicy(policy), NatGatewayId: item.natGatewayId }))),
    ...vpcBorderToWorld(value.vpcBorder),
  };
  return { cloudFirewall: section };
}

const stable = (value: unknown): string => JSON.stringify(value, (_key, item: unknown) => (item !== null && typeof item === 'object' && !Array.isArray(item) ? Object.fromEntries(Object.entries(item).sort(([a], [b]) => a.localeCompare(b))) : item));

function diffById<T>(subject: string, before: T[], after: T[], id: (item: T) => string, label: (id: string) => string): DiagnosisChange[] {
  const old = new Map(before.map((item) => [id(item), item]));
  const next = new Map(after.map((item) => [id(item), item]));
  const changes: DiagnosisChange[] = [];
  for (const [key, item] of old) {
    const now = next.get(key);
    if (now === undefined) changes.push({ scope: 'fact', subject, change: 'removed', message: `${label(key)} removed` });
    else if (stable(now) !== stable(item)) changes.push({ scope: 'fact', subject, change: 'changed', message: `${label(key)} changed` });
  }
  for (const key of next.keys()) if (!old.has(key)) changes.push({ scope: 'fact', subject, change: 'added', message: `${label(key)} added` });
  return changes;
}

/** Assets, NAT and VPC firewalls and policies added, removed or changed. */
export function diffCloudFirewall(before: World, after: World): DiagnosisChange[] {
  const a = before.cloud.cloudFirewall;
  const b = after.cloud.cloudFirewall;
  return [
    ...diffById('cloudFirewallAsset', a?.assets ?? [], b?.assets ?? [], (asset) => asset.InternetAddress, (ip) => `Cloud Firewall asset ${ip}`),
    ...diffById('natFirewall', a?.natFirewalls ?? [], b?.natFirewalls ?? [], (firewall) => firewall.ProxyId, (id) => `NAT firewall ${id}`),
    ...diffById('cloudFirewallPolicy', a?.controlPolicies ?? [], b?.controlPolicies ?? [], (policy) => policy.AclUuid, (id) => `Internet border policy ${id}`),
    ...diffById('cloudFirewallPolicy', a?.natControlPolicies ?? [], b?.natControlPolicies ?? [], (policy) => policy.AclUuid, (id) => `NAT firewall policy ${id}`),
    ...diffById('vpcFirewall', [...(a?.vpcFirewallCens ?? []), ...(a?.vpcFirewalls ?? [])], [...(b?.vpcFirewallCens ?? []), ...(b?.vpcFirewalls ?? [])], (firewall) => firewall.VpcFirewallId, (id) => `VPC border firewall ${id}`),
    ...diffById('cloudFirewallPolicy', a?.vpcControlPolicies ?? [], b?.vpcControlPolicies ?? [], (policy) => policy.AclUuid, (id) => `VPC border firewall policy ${id}`),
  ];
}
