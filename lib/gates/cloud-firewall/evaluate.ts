/**
 * The cloudFirewall hop (docs/gates/cloud-firewall.md): for an Internet destination, the NAT
 * firewall of the NAT gateway the traffic goes through (matching the pod's private address,
 * before SNAT), then the Internet border firewall of the public address it leaves with (the
 * SNAT EIP or the pod's own EIP); for a destination the route sends into another VPC (a
 * transit router or a peering connection), the VPC border firewall of that VPC pair. A firewall that is not on for that gateway or address does
 * not apply; the hop says so and passes on the reads that showed it. Pure.
 */
import { nameAndId } from '@/lib/analysis/entry-label';
import { describeFactError, makeHop, ref, skipHop, unknownHop, withTitle, worstVerdict } from '@/lib/analysis/hop-helpers';
import { english, msg, type Message, type Text } from '@/lib/analysis/message';
import type { DestinationKind, EvidenceTable, FactBasis, FactRef, Fix, Hop, Intent, PathContext, PathFacts } from '@/lib/analysis/model';

import { egressOf } from './egress';
import type { CloudFirewallFacts, ControlPolicy, VpcBorderFacts } from './facts';
import { cloudFirewallFixes, policyRef, type FirewallSide } from './fixes';
import { decidePolicies, joined, type FirewallFlow, type PolicyDecision } from './match';
import { crossVpcRouteOf, firewallsOnPath, VPC_FIREWALL_OFF } from './vpc-route';

/** One firewall's part of the hop. */
interface Section {
  verdict: 'pass' | 'block' | 'unknown';
  summary: Message;
  /** The summary inside the hop's "not enabled (…)" line: without its leading "The". */
  inner: Message;
  notes: Text[];
  tables: EvidenceTable[];
  decidedBy: ControlPolicy | null;
  fixes: Fix[];
  intent: Intent | null;
}

const policyRows = (decision: PolicyDecision): string[][] =>
  decision.evaluated.map((policy) => [
    String(policy.order),
    policy.id,
    policy.action,
    `${policy.source}${policy.sourceType === 'net' ? '' : ` (${policy.sourceType})`}`,
    `${policy.destination}${policy.destinationType === 'net' ? '' : ` (${policy.destinationType})`}`,
    `${policy.protocol} ${policy.destinationPorts?.join(',') ?? (policy.destinationPort || 'any')}`,
    policy.applications.join(', '),
    policy.description,
  ]);

function decisionTable(title: Message, decision: PolicyDecision): EvidenceTable {
  const index = decision.decidedBy === null ? -1 : decision.evaluated.indexOf(decision.decidedBy);
  return withTitle({ title: '', columns: ['order', 'policy', 'action', 'source', 'destination', 'protocol / port', 'application', 'description'], rows: policyRows(decision), decidingRow: index === -1 ? null : index }, title);
}

const M = 'analysis.cloudFirewall';

/** A section's sentence; English starts the summary with "The", which the hop's "not enabled (…)" line leaves out. */
function said(id: string, params: Record<string, string | Message>, article = true): Pick<Section, 'summary' | 'inner'> {
  const inner = msg(`${M}.${id}`, params);
  return { summary: article ? msg(`${M}.withArticle`, { sentence: inner }) : inner, inner };
}

function policySection(name: Message, side: FirewallSide, policies: ControlPolicy[], flow: FirewallFlow, strictMode: boolean | null, facts: PathFacts, path: PathContext): Section {
  const decision = decidePolicies(policies, flow);
  const table = decisionTable(msg(`${M}.policyTable`, { name, both: side.kind === 'vpc' ? 'yes' : 'no' }), decision);
  const notes: Text[] = [
    ...(decision.assumed === null ? [] : [msg(`${M}.assumed`, { assumed: decision.assumed })]),
    ...decision.open.map((item) => msg(`${M}.mayMatch`, { id: item.policy.id, order: String(item.policy.order), action: item.policy.action, why: item.why })),
    ...(strictMode === null ? [] : [msg(strictMode ? `${M}.strictMode` : `${M}.looseMode`)]),
  ];
  const flowParams = { name, source: flow.source, destination: flow.destination, port: String(flow.port) };
  const both = (summary: Message) => ({ summary, inner: summary });
  const drop = decision.decidedBy;
  if (decision.verdict === 'unknown') {
    return { verdict: 'unknown', ...both(msg(`${M}.mayDrop`, { ...flowParams, ids: decision.open.map((item) => item.policy.id).join(', ') })), notes, tables: [table], decidedBy: drop, fixes: [], intent: null };
  }
  if (decision.verdict === 'block' && drop !== null) {
    const ranked = cloudFirewallFixes(side, drop, facts, path);
    return { verdict: 'block', ...both(msg(`${M}.drops`, { ...flowParams, id: drop.id, order: String(drop.order) })), notes, tables: [table], decidedBy: drop, fixes: ranked.fixes, intent: ranked.intent };
  }
  const how = drop === null ? msg(`${M}.noPolicyMatches`) : msg(drop.action === 'log' ? `${M}.policyMonitors` : `${M}.policyAccepts`, { id: drop.id, order: String(drop.order) });
  return { verdict: 'pass', ...both(msg(`${M}.lets`, { ...flowParams, how })), notes, tables: [table], decidedBy: drop, fixes: [], intent: null };
}

/** The NAT gateway as sentences name it: `name (ngw-…)`, the id when its name was not read. */
function natGatewayLabel(facts: PathFacts, natGatewayId: string): string {
  const gateways = facts.cloud.natGateways.kind === 'ok' ? facts.cloud.natGateways.value : [];
  return nameAndId(natGatewayId, gateways.find((gateway) => gateway.id === natGatewayId)?.name);
}

function natSection(firewall: CloudFirewallFacts, natGatewayId: string, flow: FirewallFlow, facts: PathFacts, path: PathContext): Section {
  const found = firewall.natFirewalls.find((candidate) => candidate.natGatewayId === natGatewayId);
  const plain = (verdict: Section['verdict'], sentence: Pick<Section, 'summary' | 'inner'>): Section => ({ verdict, ...sentence, notes: [], tables: [], decidedBy: null, fixes: [], intent: null });
  const gateway = natGatewayLabel(facts, natGatewayId);
  if (found === undefined) return plain('pass', said('natNone', { gateway }, false));
  const id = nameAndId(found.id, found.name);
  if (found.status === 'closed') return plain('pass', said('natClosed', { id, gateway }));
  if (found.status !== 'normal') return plain('unknown', said('natStatus', { id, gateway, status: found.status }));
  const policies = firewall.natPolicies.find((item) => item.natGatewayId === natGatewayId);
  if (policies === undefined) return plain('unknown', said('natPoliciesNotRead', { id }));
  return policySection(msg(`${M}.natName`, { id, gateway }), { kind: 'nat', natGatewayId, source: flow.source }, policies.policies, flow, found.strictMode, facts, path);
}

function internetSections(firewall: CloudFirewallFacts, publicIps: string[], flow: Omit<FirewallFlow, 'source'>, facts: PathFacts, path: PathContext): Section[] {
  return publicIps.map((ip) => {
    const asset = firewall.assets.find((candidate) => candidate.ip === ip);
    const plain = (verdict: Section['verdict'], sentence: Pick<Section, 'summary' | 'inner'>): Section => ({ verdict, ...sentence, notes: [], tables: [], decidedBy: null, fixes: [], intent: null });
    if (asset === undefined && !firewall.lookedUp.includes(ip)) return plain('unknown', said('notLookedUp', { ip }, false));
    if (asset === undefined || asset.protectStatus === 'closed') return plain('pass', said('internetOff', { ip, detail: asset ? msg(`${M}.assetClosed`, { type: asset.resourceType, id: asset.instanceId }) : msg(`${M}.notProtected`) }));
    if (asset.protectStatus !== 'open') return plain('unknown', said('internetStatus', { ip, status: asset.protectStatus }));
    if (firewall.internetPolicies === null) return plain('unknown', said('internetPoliciesNotRead', { ip }));
    return policySection(msg(`${M}.internetName`, { ip }), { kind: 'internet', source: ip }, firewall.internetPolicies, { ...flow, source: ip }, null, facts, path);
  });
}

/** The sections of the VPC border firewalls on the way to a destination in another VPC. */
function vpcBorderSections(border: VpcBorderFacts, sourceVpcId: string, flow: FirewallFlow, facts: PathFacts, path: PathContext): Section[] {
  const plain = (verdict: Section['verdict'], sentence: Pick<Section, 'summary' | 'inner'>): Section => ({ verdict, ...sentence, notes: [], tables: [], decidedBy: null, fixes: [], intent: null });
  const onPath = firewallsOnPath(border.firewalls, border.route, sourceVpcId, flow.destination);
  if (onPath.length === 0) return [plain('pass', said('vpcNone', { vpc: sourceVpcId, destination: flow.destination, via: border.route.via }, false))];
  const evaluatedGroups = new Set<string>();
  return onPath.flatMap((firewall): Section[] => {
    const named = { id: firewall.id, group: firewall.policyGroupId, status: firewall.status };
    if (VPC_FIREWALL_OFF.has(firewall.status)) return [plain('pass', said('vpcOff', named))];
    if (firewall.status !== 'opened') return [plain('unknown', said('vpcStatus', named))];
    if (evaluatedGroups.has(firewall.policyGroupId)) return [];
    evaluatedGroups.add(firewall.policyGroupId);
    const group = border.policies.find((item) => item.policyGroupId === firewall.policyGroupId);
    if (group === undefined) return [plain('unknown', said('vpcPoliciesNotRead', named))];
    return [policySection(msg(`${M}.vpcName`, { id: firewall.id, group: firewall.policyGroupId }), { kind: 'vpc', policyGroupId: firewall.policyGroupId, source: flow.source }, group.policies, flow, null, facts, path)];
  });
}

/** The reads the hop rests on, for the proof rule. */
function basisOf(facts: PathFacts): FactBasis[] {
  const fact = facts.cloud.gates?.cloudFirewall;
  return [{ fact: 'Cloud Firewall (DescribeAssetList, DescribeNatFirewallList, VPC firewalls, control policies)', neededFor: 'whether a Cloud Firewall filters the path', error: fact?.kind === 'missing' ? fact.error : null }];
}

/** A fact reference whose label is a sentence. */
function labelled(kind: string, id: string, label: Message): FactRef {
  return { kind, id, label: english(label), labelMessage: label };
}

/** The hop from the sections of the firewalls on the way; `off` words the pass when none of them is on. */
function hopOf(sections: Section[], facts: PathFacts, refs: FactRef[], off: Message): Hop {
  const verdict = worstVerdict(sections.map((section) => section.verdict));
  // The sections that say why: the ones at the hop's verdict, or for a pass the firewalls that are on.
  const relevant = sections.filter((section) => (verdict === 'pass' ? section.tables.length > 0 : section.verdict === verdict));
  const deciding = relevant.find((section) => section.decidedBy !== null) ?? relevant[0];
  const evidence = {
    facts: refs,
    decidedBy: deciding?.decidedBy ? policyRef(deciding.decidedBy) : null,
    tables: sections.flatMap((section) => section.tables),
    notes: [...sections.map((section) => msg(`${M}.sentence`, { summary: section.summary })), ...sections.flatMap((section) => section.notes)],
    ...(deciding?.intent ? { intent: deciding.intent } : {}),
  };
  const summary = relevant.length === 0 ? msg(`${M}.offWith`, { off, sections: joined(sections.map((section) => section.inner)) ?? msg('analysis.common.none') }) : (joined(relevant.map((section) => section.summary)) ?? msg('analysis.common.none'));
  const hop = makeHop('cloudFirewall', verdict === 'skip' ? 'pass' : verdict, summary, { evidence, fixes: sections.flatMap((section) => section.fixes), reason: verdict === 'unknown' ? summary : null });
  return { ...hop, basis: basisOf(facts) };
}

/** Destinations that never take a VPC route out of the source vSwitch (they stay in the pod, the node or the cluster). */
const NOT_ROUTED: ReadonlySet<DestinationKind> = new Set(['loopback', 'unspecified', 'linkLocal', 'metadata', 'nonUnicast', 'clusterLoadBalancer', 'clusterService', 'clusterPod', 'unresolved']);

/** A destination that is not on the Internet: only the VPC border firewall can be on the way, when the route leads into another VPC. */
function evaluateVpcBorderHop(facts: PathFacts, path: PathContext): Hop {
  const notOnTheWay = msg(`${M}.notOnTheWay`);
  const address = path.destination.addresses[0];
  if (NOT_ROUTED.has(path.destination.kind) || address === undefined) return skipHop('cloudFirewall', notOnTheWay);
  const route = crossVpcRouteOf(facts.cloud, address);
  if (route.kind === 'unknown') return { ...unknownHop('cloudFirewall', msg(`${M}.crossVpcUnknown`, { address, reason: route.reason })), basis: basisOf(facts) };
  if (route.kind === 'none') return skipHop('cloudFirewall', msg(`${M}.notCrossVpc`, { reason: route.reason }));
  const fact = facts.cloud.gates?.cloudFirewall;
  if (fact === undefined) return unknownHop('cloudFirewall', msg(`${M}.notRead`));
  if (fact.kind === 'missing') return { ...unknownHop('cloudFirewall', describeFactError(fact.error)), basis: basisOf(facts) };
  const border = fact.value.vpcBorder;
  const { nextHopType, nextHopId, destinationCidr, routeEntryId } = route.route;
  if (border === undefined || border === null) return { ...unknownHop('cloudFirewall', msg(`${M}.vpcBorderNotRead`, { cidr: destinationCidr, type: nextHopType, id: nextHopId })), basis: basisOf(facts) };
  const flow = { source: path.source.sourceAddress ?? '', destination: address, host: facts.request.host, port: facts.request.port, protocol: facts.request.protocol };
  const sections = vpcBorderSections(border, route.sourceVpcId, flow, facts, path);
  const routeParams = { cidr: destinationCidr, type: nextHopType, id: nextHopId };
  const refs = [labelled('routeEntry', routeEntryId, msg(`${M}.routeLabel`, routeParams)), ref('vpc', route.sourceVpcId)];
  return hopOf(sections, facts, refs, msg(`${M}.offBetweenVpcs`, routeParams));
}

/** Decides the cloudFirewall hop. */
export function evaluateCloudFirewallHop(facts: PathFacts, path: PathContext): Hop {
  if (path.destination.kind !== 'internet') return evaluateVpcBorderHop(facts, path);
  const fact = facts.cloud.gates?.cloudFirewall;
  if (fact === undefined) return unknownHop('cloudFirewall', msg(`${M}.notRead`));
  if (fact.kind === 'missing') return { ...unknownHop('cloudFirewall', describeFactError(fact.error)), basis: basisOf(facts) };
  const egress = egressOf(facts, path);
  if (egress.kind === 'unknown') return { ...unknownHop('cloudFirewall', msg(`${M}.egressUnknown`, { reason: egress.reason })), basis: basisOf(facts) };
  if (egress.kind === 'none') return { ...skipHop('cloudFirewall', msg(`${M}.noEgress`, { reason: egress.reason })), basis: basisOf(facts) };
  const destination = path.destination.addresses[0] ?? '';
  const flow = { destination, host: facts.request.host, port: facts.request.port, protocol: facts.request.protocol };
  const sections = [
    ...(egress.kind === 'nat' ? [natSection(fact.value, egress.natGatewayId, { ...flow, source: path.source.sourceAddress ?? '' }, facts, path)] : []),
    ...internetSections(fact.value, egress.publicIps, flow, facts, path),
  ];
  const refs = [...(egress.kind === 'nat' ? [ref('natGateway', egress.natGatewayId)] : [ref('eni', egress.eniId)]), ...egress.publicIps.map((ip) => ref('eip', ip))];
  return hopOf(sections, facts, refs, msg(`${M}.offEgress`));
}
