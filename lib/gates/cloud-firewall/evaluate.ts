/**
 * The cloudFirewall hop (docs/gates/cloud-firewall.md): for an Internet destination, the NAT
 * firewall of the NAT gateway the traffic goes through (matching the pod's private address,
 * before SNAT), then the Internet border firewall of the public address it leaves with (the
 * SNAT EIP or the pod's own EIP); for a destination the route sends into another VPC (a
 * transit router or a peering connection), the VPC border firewall of that VPC pair. A firewall that is not on for that gateway or address does
 * not apply; the hop says so and passes on the reads that showed it. Pure.
 */
import { describeFactError, makeHop, ref, skipHop, unknownHop, worstVerdict } from '@/lib/analysis/hop-helpers';
import type { DestinationKind, EvidenceTable, FactBasis, FactRef, Fix, Hop, Intent, PathContext, PathFacts } from '@/lib/analysis/model';

import { egressOf } from './egress';
import type { CloudFirewallFacts, ControlPolicy, VpcBorderFacts } from './facts';
import { cloudFirewallFixes, type FirewallSide } from './fixes';
import { decidePolicies, type FirewallFlow, type PolicyDecision } from './match';
import { crossVpcRouteOf, firewallsOnPath, VPC_FIREWALL_OFF } from './vpc-route';

/** One firewall's part of the hop. */
interface Section {
  verdict: 'pass' | 'block' | 'unknown';
  summary: string;
  notes: string[];
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

function decisionTable(title: string, decision: PolicyDecision): EvidenceTable {
  const index = decision.decidedBy === null ? -1 : decision.evaluated.indexOf(decision.decidedBy);
  return { title, columns: ['order', 'policy', 'action', 'source', 'destination', 'protocol / port', 'application', 'description'], rows: policyRows(decision), decidingRow: index === -1 ? null : index };
}

function policySection(name: string, side: FirewallSide, policies: ControlPolicy[], flow: FirewallFlow, strictMode: boolean | null, facts: PathFacts, path: PathContext): Section {
  const decision = decidePolicies(policies, flow);
  const table = decisionTable(`${name}: ${side.kind === 'vpc' ? 'policies (both directions)' : 'outbound policies'} in order (first match decides, no match allows)`, decision);
  const notes = [
    ...(decision.assumed === null ? [] : [`Assumed: ${decision.assumed}.`]),
    ...decision.open.map((item) => `Policy ${item.policy.id} (order ${item.policy.order}, ${item.policy.action}) may match: ${item.why}.`),
    ...(strictMode === null ? [] : [strictMode
      ? 'Strict mode: traffic whose application or domain the firewall cannot identify goes on to the next policy.'
      : 'Loose mode: traffic whose application or domain the firewall cannot identify is let through by a policy that names one.']),
  ];
  const drop = decision.decidedBy;
  if (decision.verdict === 'unknown') {
    return { verdict: 'unknown', summary: `${name} may drop ${flow.source} → ${flow.destination}: ${decision.open.map((item) => item.policy.id).join(', ')} could match, depending on what the dashboard cannot see`, notes, tables: [table], decidedBy: drop, fixes: [], intent: null };
  }
  if (decision.verdict === 'block' && drop !== null) {
    const ranked = cloudFirewallFixes(side, drop, facts, path);
    return { verdict: 'block', summary: `${name} drops ${flow.source} → ${flow.destination}:${flow.port} at policy ${drop.id} (order ${drop.order})`, notes, tables: [table], decidedBy: drop, fixes: ranked.fixes, intent: ranked.intent };
  }
  const how = drop === null ? 'no policy matches (the default allows)' : `policy ${drop.id} (order ${drop.order}) ${drop.action === 'log' ? 'monitors and lets it through' : 'accepts it'}`;
  return { verdict: 'pass', summary: `${name} lets ${flow.source} → ${flow.destination}:${flow.port} through: ${how}`, notes, tables: [table], decidedBy: drop, fixes: [], intent: null };
}

function natSection(firewall: CloudFirewallFacts, natGatewayId: string, flow: FirewallFlow, facts: PathFacts, path: PathContext): Section {
  const found = firewall.natFirewalls.find((candidate) => candidate.natGatewayId === natGatewayId);
  const plain = (verdict: Section['verdict'], summary: string): Section => ({ verdict, summary, notes: [], tables: [], decidedBy: null, fixes: [], intent: null });
  if (found === undefined) return plain('pass', `No NAT firewall is enabled for ${natGatewayId}`);
  if (found.status === 'closed') return plain('pass', `The NAT firewall ${found.id} of ${natGatewayId} is not enabled (closed)`);
  if (found.status !== 'normal') return plain('unknown', `The NAT firewall ${found.id} of ${natGatewayId} is ${found.status}: whether it filters now cannot be told`);
  const policies = firewall.natPolicies.find((item) => item.natGatewayId === natGatewayId);
  if (policies === undefined) return plain('unknown', `The policies of the NAT firewall ${found.id} were not read`);
  return policySection(`NAT firewall ${found.id} (${natGatewayId})`, { kind: 'nat', natGatewayId, source: flow.source }, policies.policies, flow, found.strictMode, facts, path);
}

function internetSections(firewall: CloudFirewallFacts, publicIps: string[], flow: Omit<FirewallFlow, 'source'>, facts: PathFacts, path: PathContext): Section[] {
  return publicIps.map((ip) => {
    const asset = firewall.assets.find((candidate) => candidate.ip === ip);
    const plain = (verdict: Section['verdict'], summary: string): Section => ({ verdict, summary, notes: [], tables: [], decidedBy: null, fixes: [], intent: null });
    if (asset === undefined && !firewall.lookedUp.includes(ip)) return plain('unknown', `${ip} was not looked up among the Cloud Firewall assets, so whether the Internet border firewall protects it cannot be told`);
    if (asset === undefined || asset.protectStatus === 'closed') return plain('pass', `The Internet border firewall is not enabled for ${ip}${asset ? ` (${asset.resourceType} ${asset.instanceId}: closed)` : ' (not a protected asset)'}`);
    if (asset.protectStatus !== 'open') return plain('unknown', `The Internet border firewall for ${ip} is ${asset.protectStatus}: whether it filters now cannot be told`);
    if (firewall.internetPolicies === null) return plain('unknown', `The Internet border policies were not read although ${ip} is protected`);
    return policySection(`Internet border firewall (${ip})`, { kind: 'internet', source: ip }, firewall.internetPolicies, { ...flow, source: ip }, null, facts, path);
  });
}

/** The sections of the VPC border firewalls on the way to a destination in another VPC. */
function vpcBorderSections(border: VpcBorderFacts, sourceVpcId: string, flow: FirewallFlow, facts: PathFacts, path: PathContext): Section[] {
  const plain = (verdict: Section['verdict'], summary: string): Section => ({ verdict, summary, notes: [], tables: [], decidedBy: null, fixes: [], intent: null });
  const onPath = firewallsOnPath(border.firewalls, border.route, sourceVpcId, flow.destination);
  const connection = border.route.via === 'cen' ? 'the CEN transit router' : 'the VPC peering connection';
  if (onPath.length === 0) return [plain('pass', `No VPC border firewall is configured between ${sourceVpcId} and ${flow.destination} on ${connection}`)];
  const evaluatedGroups = new Set<string>();
  return onPath.flatMap((firewall): Section[] => {
    if (VPC_FIREWALL_OFF.has(firewall.status)) return [plain('pass', `The VPC border firewall ${firewall.id} (${firewall.policyGroupId}) is not enabled (${firewall.status})`)];
    if (firewall.status !== 'opened') return [plain('unknown', `The VPC border firewall ${firewall.id} (${firewall.policyGroupId}) is ${firewall.status}: whether it filters now cannot be told`)];
    if (evaluatedGroups.has(firewall.policyGroupId)) return [];
    evaluatedGroups.add(firewall.policyGroupId);
    const group = border.policies.find((item) => item.policyGroupId === firewall.policyGroupId);
    if (group === undefined) return [plain('unknown', `The policies of the VPC border firewall ${firewall.id} (${firewall.policyGroupId}) were not read`)];
    return [policySection(`VPC border firewall ${firewall.id} (${firewall.policyGroupId})`, { kind: 'vpc', policyGroupId: firewall.policyGroupId, source: flow.source }, group.policies, flow, null, facts, path)];
  });
}

/** The reads the hop rests on, for the proof rule. */
function basisOf(facts: PathFacts): FactBasis[] {
  const fact = facts.cloud.gates?.cloudFirewall;
  return [{ fact: 'Cloud Firewall (DescribeAssetList, DescribeNatFirewallList, VPC firewalls, control policies)', neededFor: 'whether a Cloud Firewall filters the path', error: fact?.kind === 'missing' ? fact.error : null }];
}

/** The hop from the sections of the firewalls on the way; `off` words the pass when none of them is on. */
function hopOf(sections: Section[], facts: PathFacts, refs: FactRef[], off: string): Hop {
  const verdict = worstVerdict(sections.map((section) => section.verdict));
  // The sections that say why: the ones at the hop's verdict, or for a pass the firewalls that are on.
  const relevant = sections.filter((section) => (verdict === 'pass' ? section.tables.length > 0 : section.verdict === verdict));
  const deciding = relevant.find((section) => section.decidedBy !== null) ?? relevant[0];
  const evidence = {
    facts: refs,
    decidedBy: deciding?.decidedBy ? ref('cloudFirewallPolicy', deciding.decidedBy.id, `policy ${deciding.decidedBy.id} (order ${deciding.decidedBy.order})`) : null,
    tables: sections.flatMap((section) => section.tables),
    notes: [...sections.map((section) => `${section.summary}.`), ...sections.flatMap((section) => section.notes)],
    ...(deciding?.intent ? { intent: deciding.intent } : {}),
  };
  const summary = relevant.length === 0 ? `${off} (${sections.map((section) => section.summary.replace(/^The /, '')).join('; ')})` : relevant.map((section) => section.summary).join('; ');
  const hop = makeHop('cloudFirewall', verdict === 'skip' ? 'pass' : verdict, summary, { evidence, fixes: sections.flatMap((section) => section.fixes), reason: verdict === 'unknown' ? summary : null });
  return { ...hop, basis: basisOf(facts) };
}

/** Destinations that never take a VPC route out of the source vSwitch (they stay in the pod, the node or the cluster). */
const NOT_ROUTED: ReadonlySet<DestinationKind> = new Set(['loopback', 'unspecified', 'linkLocal', 'metadata', 'nonUnicast', 'clusterLoadBalancer', 'clusterService', 'clusterPod', 'unresolved']);

/** A destination that is not on the Internet: only the VPC border firewall can be on the way, when the route leads into another VPC. */
function evaluateVpcBorderHop(facts: PathFacts, path: PathContext): Hop {
  const notOnTheWay = 'not an Internet destination, and not reached through another VPC (the NAT and Internet border firewalls filter Internet traffic, the VPC border firewall traffic between VPCs)';
  const address = path.destination.addresses[0];
  if (NOT_ROUTED.has(path.destination.kind) || address === undefined) return skipHop('cloudFirewall', notOnTheWay);
  const route = crossVpcRouteOf(facts.cloud, address);
  if (route.kind === 'unknown') return { ...unknownHop('cloudFirewall', `whether ${address} is reached through another VPC is unknown: ${route.reason}`), basis: basisOf(facts) };
  if (route.kind === 'none') return skipHop('cloudFirewall', `not an Internet destination, and ${route.reason}: no Cloud Firewall is on the way`);
  const fact = facts.cloud.gates?.cloudFirewall;
  if (fact === undefined) return unknownHop('cloudFirewall', 'Cloud Firewall was not read (facts saved before this gate existed)');
  if (fact.kind === 'missing') return { ...unknownHop('cloudFirewall', describeFactError(fact.error)), basis: basisOf(facts) };
  const border = fact.value.vpcBorder;
  const { nextHopType, nextHopId, destinationCidr, routeEntryId } = route.route;
  if (border === undefined || border === null) return { ...unknownHop('cloudFirewall', `the VPC border firewall was not read although route ${destinationCidr} leads to ${nextHopType} ${nextHopId}`), basis: basisOf(facts) };
  const flow = { source: path.source.sourceAddress ?? '', destination: address, host: facts.request.host, port: facts.request.port, protocol: facts.request.protocol };
  const sections = vpcBorderSections(border, route.sourceVpcId, flow, facts, path);
  const refs = [ref('routeEntry', routeEntryId, `route ${destinationCidr} → ${nextHopType} ${nextHopId}`), ref('vpc', route.sourceVpcId)];
  return hopOf(sections, facts, refs, `Cloud Firewall is not enabled between the VPCs (route ${destinationCidr} → ${nextHopType} ${nextHopId})`);
}

/** Decides the cloudFirewall hop. */
export function evaluateCloudFirewallHop(facts: PathFacts, path: PathContext): Hop {
  if (path.destination.kind !== 'internet') return evaluateVpcBorderHop(facts, path);
  const fact = facts.cloud.gates?.cloudFirewall;
  if (fact === undefined) return unknownHop('cloudFirewall', 'Cloud Firewall was not read (facts saved before this gate existed)');
  if (fact.kind === 'missing') return { ...unknownHop('cloudFirewall', describeFactError(fact.error)), basis: basisOf(facts) };
  const egress = egressOf(facts, path);
  if (egress.kind === 'unknown') return { ...unknownHop('cloudFirewall', `the Internet egress is unknown: ${egress.reason}`), basis: basisOf(facts) };
  if (egress.kind === 'none') return { ...skipHop('cloudFirewall', `no Internet egress (${egress.reason}): no firewall is reached`), basis: basisOf(facts) };
  const destination = path.destination.addresses[0] ?? '';
  const flow = { destination, host: facts.request.host, port: facts.request.port, protocol: facts.request.protocol };
  const sections = [
    ...(egress.kind === 'nat' ? [natSection(fact.value, egress.natGatewayId, { ...flow, source: path.source.sourceAddress ?? '' }, facts, path)] : []),
    ...internetSections(fact.value, egress.publicIps, flow, facts, path),
  ];
  const refs = [...(egress.kind === 'nat' ? [ref('natGateway', egress.natGatewayId)] : [ref('eni', egress.eniId)]), ...egress.publicIps.map((ip) => ref('eip', ip))];
  return hopOf(sections, facts, refs, 'Cloud Firewall is not enabled for this egress');
}
