/**
 * Fixes for a Cloud Firewall drop: the narrowest accept policy placed just above the drop
 * (`AddControlPolicy` for the Internet border, `AddNatFirewallControlPolicy` for a NAT
 * firewall, `CreateVpcFirewallControlPolicy` for a VPC border firewall, `NewOrder` = the drop's order), as an API request and its `aliyun cloudfw` line;
 * a drop with a description is deliberate, so the respectful path comes first. Pure.
 */
import { english, msg, type Message } from '@/lib/analysis/message';
import type { FactRef, Fix, Intent, PathContext, PathFacts } from '@/lib/analysis/model';
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

const M = 'analysis.cloudFirewall';

function whereOf(side: FirewallSide): Message {
  if (side.kind === 'nat') return msg(`${M}.whereNat`, { gateway: side.natGatewayId });
  if (side.kind === 'vpc') return msg(`${M}.whereVpc`, { group: side.policyGroupId });
  return msg(`${M}.whereInternet`);
}

/** The policy as a fact reference, its label a sentence (`policy acl-1 (order 2)`). */
export function policyRef(drop: ControlPolicy): FactRef {
  const label = msg(`${M}.policyLabel`, { id: drop.id, order: String(drop.order) });
  return { kind: 'cloudFirewallPolicy', id: drop.id, label: english(label), labelMessage: label };
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
  const flow = { source: hostCidr(side.source), destination: hostCidr(destination), protocol: facts.request.protocol.toUpperCase(), port: String(facts.request.port) };
  const title = msg(`${M}.acceptTitle`, { ...flow, drop: drop.id, where: whereOf(side) });
  const description = msg(`${M}.acceptDescription`, { side: side.kind, order: String(drop.order), drop: drop.id, described: drop.description ? 'yes' : 'no', says: drop.description });
  const risk = msg(`${M}.acceptRisk`, { ...flow, shared: side.kind === 'internet' ? 'yes' : 'no', address: side.source });
  return {
    kind: 'alicloud',
    id: `cloudFirewall-${side.kind}-accept`,
    title: english(title),
    titleMessage: title,
    description: english(description),
    descriptionMessage: description,
    risk: english(risk),
    riskMessage: risk,
    target: policyRef(drop),
    product: 'Cloudfw',
    version: CLOUDFW_VERSION,
    action,
    parameters,
    command: cli(action, parameters),
  };
}

/** The intent a drop shows (its description says why it exists), null when none. */
export function dropIntent(drop: ControlPolicy): Intent | null {
  return intentOf(policyRef(drop), drop.description);
}

/** The fixes of a drop, ranked by its intent (the respectful path first when it is deliberate). */
export function cloudFirewallFixes(side: FirewallSide, drop: ControlPolicy, facts: PathFacts, path: PathContext): { intent: Intent | null; fixes: Fix[] } {
  const intent = dropIntent(drop);
  const blastRadius = (): Message =>
    msg(`${M}.blastRadius`, { source: hostCidr(side.source), destination: path.destination.addresses[0] ?? facts.request.host, protocol: facts.request.protocol.toUpperCase(), port: String(facts.request.port), drop: drop.id, described: drop.description ? 'yes' : 'no', says: drop.description });
  return { intent, fixes: rankByIntent({ intent, idPrefix: `cloudFirewall-${side.kind}`, flow: flowOf(facts), fixes: [acceptAbove(side, drop, facts, path)], blastRadius }) };
}
