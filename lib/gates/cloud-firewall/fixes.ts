/**
 * Fixes for a Cloud Firewall drop: the narrowest accept policy placed just above the drop
 * (`AddControlPolicy` for the Internet border, `AddNatFirewallControlPolicy` for a NAT
 * firewall, `CreateVpcFirewallControlPolicy` for a VPC border firewall, `NewOrder` = the drop's order), as an API request and its `aliyun cloudfw` line;
 * a drop with a description is deliberate, so the respectful path comes first. Pure.
 */
import type { Fix, Intent, PathContext, PathFacts } from '@/lib/analysis/model';
import { shellQuote } from '@/lib/fixes/aliyun-cli';
import { FIX_DESCRIPTION } from '@/lib/fixes/cloud-fixes';
import { flowOf } from '@/lib/fixes/hop-intent';
import { intentOf, rankByIntent } from '@/lib/fixes/intent';

import type { ControlPolicy } from './facts';

export const CLOUDFW_VERSION = '2017-12-07';

/** Which firewall dropped the flow. */
export type FirewallSide =
  | { kind: 'internet'; source: string }
  | { kind: 'nat'; natGatewayId: string; source: string }
  /** A VPC border firewall's policy group: the CEN id, or the Express Connect firewall's id. */
  | { kind: 'vpc'; policyGroupId: string; source: string };

const ACTIONS: Readonly<Record<FirewallSide['kind'], string>> = { internet: 'AddControlPolicy', nat: 'AddNatFirewallControlPolicy', vpc: 'CreateVpcFirewallControlPolicy' };

function whereOf(side: FirewallSide): string {
  if (side.kind === 'nat') return `the NAT firewall of ${side.natGatewayId}`;
  if (side.kind === 'vpc') return `the VPC border firewall policies of ${side.policyGroupId}`;
  return 'the Internet border firewall';
}

const cli = (action: string, parameters: Record<string, string>): string =>
  ['aliyun', 'cloudfw', action, ...Object.entries(parameters).map(([key, value]) => `--${key} ${shellQuote(value)}`)].join(' ');

const hostCidr = (address: string): string => (address.includes(':') ? `${address}/128` : `${address}/32`);

/** The accept policy above `drop` for exactly this source, destination, protocol and port. */
function acceptAbove(side: FirewallSide, drop: ControlPolicy, facts: PathFacts, path: PathContext): Fix {
  const destination = path.destination.addresses[0] ?? facts.request.host;
  // VPC border policies have no direction: they filter both ways between the VPCs.
  const parameters: Record<string, string> = {
    ...(side.kind === 'nat' ? { NatGatewayId: side.natGatewayId } : {}),
    ...(side.kind === 'vpc' ? { VpcFirewallId: side.policyGroupId } : { Direction: 'out' }),
    AclAction: 'accept',
    Source: hostCidr(side.source),
    SourceType: 'net',
    Destination: hostCidr(destination),
    DestinationType: 'net',
    Proto: facts.request.protocol.toUpperCase(),
    DestPortType: 'port',
    DestPort: String(facts.request.port),
    ...(side.kind === 'vpc' ? { ApplicationName: 'ANY' } : {}),
    'ApplicationNameList.1': 'ANY',
    NewOrder: String(drop.order),
    Description: `${FIX_DESCRIPTION}: ${facts.request.namespace}/${facts.request.pod} → ${facts.request.host}:${facts.request.port}`,
    ...(side.kind === 'nat' ? { IpVersion: '4' } : {}),
  };
  const action = ACTIONS[side.kind];
  const where = whereOf(side);
  return {
    kind: 'alicloud',
    id: `cloudFirewall-${side.kind}-accept`,
    title: `Accept ${hostCidr(side.source)} → ${hostCidr(destination)} ${facts.request.protocol.toUpperCase()}/${facts.request.port} above ${drop.id} in ${where}`,
    description: `Adds ${side.kind === 'vpc' ? 'an' : 'an outbound'} accept policy at order ${drop.order}, just above the drop policy ${drop.id}${drop.description ? ` (“${drop.description}”)` : ''}, for this source address, destination address, protocol and port only.`,
    risk: `Only ${hostCidr(side.source)} to ${hostCidr(destination)} on ${facts.request.protocol.toUpperCase()}/${facts.request.port} is opened; every other flow the drop covers stays dropped.${side.kind === 'internet' ? ` Every instance leaving through ${side.source} shares that address.` : ''}`,
    target: { kind: 'cloudFirewallPolicy', id: drop.id, label: `policy ${drop.id} (order ${drop.order})` },
    product: 'Cloudfw',
    version: CLOUDFW_VERSION,
    action,
    parameters,
    command: cli(action, parameters),
  };
}

/** The intent a drop shows (its description says why it exists), null when none. */
export function dropIntent(drop: ControlPolicy): Intent | null {
  return intentOf({ kind: 'cloudFirewallPolicy', id: drop.id, label: `policy ${drop.id} (order ${drop.order})` }, drop.description);
}

/** The fixes of a drop, ranked by its intent (the respectful path first when it is deliberate). */
export function cloudFirewallFixes(side: FirewallSide, drop: ControlPolicy, facts: PathFacts, path: PathContext): { intent: Intent | null; fixes: Fix[] } {
  const intent = dropIntent(drop);
  const blastRadius = (): string => `Lets ${hostCidr(side.source)} reach ${path.destination.addresses[0] ?? facts.request.host} on ${facts.request.protocol.toUpperCase()}/${facts.request.port} past ${drop.id}, which ${drop.description ? `says “${drop.description}”` : 'was put there on purpose'}.`;
  return { intent, fixes: rankByIntent({ intent, idPrefix: `cloudFirewall-${side.kind}`, flow: flowOf(facts), fixes: [acceptAbove(side, drop, facts, path)], blastRadius }) };
}
