/**
 * Hop 2: Kubernetes NetworkPolicy (domain doc §9). The source pod's egress policies and,
 * for a destination inside the cluster, the destination pod's ingress policies, under the
 * cluster's enforcement mode: unenforced policies that would deny make the hop `warn`. Pure.
 */
import { networkPolicyIntent, rankNetworkPolicyFixes } from '@/lib/fixes/hop-intent';
import { allowEgressFix, allowIngressFix, workloadLabels } from '@/lib/fixes/kubernetes-fixes';

import { describeFactError, makeHop, skipHop, unknownHop } from './hop-helpers';
import { msg, type Text } from './message';
import type { FactRef, Fix, Hop, Intent, Namespace, NetworkPolicy, PathContext, PathFacts, Pod } from './model';
import type { PolicyProtocol } from './network-policy';
import { POLICY_PROTOCOL } from './network-policy-peer';
import {
  defaultingNotes,
  matchRef,
  objectId,
  policyList,
  policyRef,
  ruleTable,
  rulePath,
  selectingPolicies,
} from './network-policy-evidence';
import { evaluateFlow, type FlowTarget, type PolicyEnforcement, type TargetOutcome } from './network-policy-flow';
import { findDestinationService, LOADBALANCER_HOSTNAME_ANNOTATION, serviceTargets } from './network-policy-targets';

const KIND = 'networkPolicy';

interface PolicyInputs {
  policies: NetworkPolicy[];
  pods: Pod[];
  namespaces: Namespace[];
}

function readInputs(facts: PathFacts): PolicyInputs | Hop {
  const { networkPolicies, pods, namespaces } = facts.cluster;
  if (networkPolicies.kind === 'missing') return unknownHop(KIND, describeFactError(networkPolicies.error));
  if (pods.kind === 'missing') return unknownHop(KIND, describeFactError(pods.error));
  if (namespaces.kind === 'missing') return unknownHop(KIND, describeFactError(namespaces.error));
  return { policies: networkPolicies.value, pods: pods.value, namespaces: namespaces.value };
}

interface Targets {
  targets: FlowTarget[];
  notes: string[];
  facts: FactRef[];
}

/** The addresses NetworkPolicy sees: a Service's backends (kube-proxy DNATs first), else the address. */
function resolveTargets(facts: PathFacts, path: PathContext, address: string, pods: Pod[]): Targets | Hop {
  const protocol: PolicyProtocol = POLICY_PROTOCOL[facts.request.protocol];
  const direct: Targets = { targets: [{ address, port: facts.request.port, protocol, pod: null }], notes: [], facts: [] };
  const kind = path.destination.kind;
  if (kind !== 'clusterService' && kind !== 'clusterLoadBalancer') return direct;
  const { services, endpointSlices } = facts.cluster;
  if (services.kind === 'missing') return unknownHop(KIND, describeFactError(services.error));
  if (endpointSlices.kind === 'missing') return unknownHop(KIND, describeFactError(endpointSlices.error));
  const service = findDestinationService(services.value, path.destination);
  if (!service) return { ...direct, notes: [`No Service found for ${path.destination.label}; evaluated toward ${address} itself.`] };
  const serviceFact = { kind: 'service', id: objectId(service), label: `Service ${objectId(service)}` };
  if (kind === 'clusterLoadBalancer' && Object.hasOwn(service.annotations, LOADBALANCER_HOSTNAME_ANNOTATION)) {
    const note = `Service ${objectId(service)} has ${LOADBALANCER_HOSTNAME_ANNOTATION}: traffic goes to the CLB at ${address}, so policies are evaluated toward that address.`;
    return { ...direct, notes: [note], facts: [serviceFact] };
  }
  const found = serviceTargets(service, endpointSlices.value, pods, facts.request.port, protocol);
  return { ...found, facts: [serviceFact] };
}

function flowText(outcome: TargetOutcome): string {
  const { target } = outcome;
  const pod = target.pod ? ` (pod ${objectId(target.pod)})` : '';
  return `${target.address}${pod} ${target.protocol} ${target.port}`;
}

function allowSummary(outcome: TargetOutcome): Text {
  const parts: string[] = [];
  if (outcome.egress.kind === 'allowed') parts.push(`egress allowed by ${objectId(outcome.egress.matches[0].policy)} ${rulePath(outcome.egress.matches[0])}`);
  const ingress = outcome.ingress?.decision;
  if (ingress?.kind === 'allowed') parts.push(`ingress admitted by ${objectId(ingress.matches[0].policy)} ${rulePath(ingress.matches[0])}`);
  if (outcome.egress.kind === 'denied' || ingress?.kind === 'denied') return '';
  if (parts.length === 0) return outcome.target.pod ? `No NetworkPolicy restricts traffic to ${flowText(outcome)}` : msg('analysis.networkPolicy.noneRestricts', { address: outcome.target.address, protocol: outcome.target.protocol, port: String(outcome.target.port) });
  return `Allowed to ${flowText(outcome)}: ${parts.join('; ')}`;
}

function denialSummary(outcome: TargetOutcome, source: Pod, backends: number): string {
  const sides: string[] = [];
  if (outcome.egress.kind === 'denied') sides.push(`no egress rule of ${policyList(outcome.egress.selecting)} selecting ${objectId(source)} allows it`);
  const ingress = outcome.ingress?.decision;
  if (ingress?.kind === 'denied' && outcome.target.pod) sides.push(`no ingress rule of ${policyList(ingress.selecting)} selecting ${objectId(outcome.target.pod)} admits it`);
  const all = backends > 1 ? ` (and every other of the ${backends} backends)` : '';
  return `Traffic to ${flowText(outcome)}${all} is denied: ${sides.join('; ')}`;
}

function decidedBy(outcome: TargetOutcome): FactRef | null {
  const ingress = outcome.ingress?.decision ?? null;
  if (outcome.verdict === 'allowed') {
    if (outcome.egress.kind === 'allowed') return matchRef(outcome.egress.matches[0]);
    return ingress?.kind === 'allowed' ? matchRef(ingress.matches[0]) : null;
  }
  const denying = outcome.egress.kind === 'denied' ? outcome.egress : ingress?.kind === 'denied' ? ingress : null;
  const first = denying?.selecting[0];
  return first ? policyRef(first) : null;
}

function fixesFor(facts: PathFacts, outcome: TargetOutcome, source: Pod): { intent: Intent | null; fixes: Fix[] } {
  const { target } = outcome;
  const context = facts.cluster.cluster.name;
  const ports = [{ protocol: target.protocol, port: target.port }];
  const fixes: Fix[] = [];
  let intent: Intent | null = null;
  if (outcome.egress.kind === 'denied' && outcome.egressEnforcement.enforced) {
    const peer = target.pod
      ? { kind: 'pods' as const, namespace: target.pod.namespace, podLabels: workloadLabels(target.pod) }
      : { kind: 'address' as const, address: target.address };
    fixes.push(allowEgressFix({ context, pod: source, peers: [peer], ports }));
    intent = networkPolicyIntent(outcome.egress.selecting, 'Egress', target.address);
  }
  if (target.pod && outcome.ingress?.decision.kind === 'denied' && outcome.ingress.enforcement.enforced) {
    fixes.push(allowIngressFix({ context, pod: target.pod, source, ports }));
    const sourceAddress = source.ip;
    intent ??= sourceAddress === null ? null : networkPolicyIntent(outcome.ingress.decision.selecting, 'Ingress', sourceAddress);
  }
  return rankNetworkPolicyFixes({ facts, intent, fixes });
}

function uniqueRefs(refs: FactRef[]): FactRef[] {
  return refs.filter((ref, index) => refs.findIndex((other) => other.kind === ref.kind && other.id === ref.id) === index);
}

function enforcementNote(pod: Pod, enforcement: PolicyEnforcement): Text {
  return enforcement.reasonMessage ? msg('analysis.networkPolicy.enforcementFor', { pod: objectId(pod), reason: enforcement.reasonMessage }) : `Enforcement for ${objectId(pod)}: ${enforcement.reason}.`;
}

function enforcementNotes(outcome: TargetOutcome, source: Pod): Text[] {
  const notes = [enforcementNote(source, outcome.egressEnforcement)];
  if (outcome.ingress && outcome.target.pod && selectingPolicies(outcome.ingress.decision).length > 0) {
    notes.push(enforcementNote(outcome.target.pod, outcome.ingress.enforcement));
  }
  return notes;
}

/**
 * The networkPolicy hop: `pass` when policies allow the flow (or none restricts it), `block`
 * when enforced policies deny it (with a fix adding a narrow policy), `warn` when only
 * unenforced policies deny it, `unknown` when policies, pods or namespaces could not be read,
 * `skip` when nothing resolved or the source uses the host network. For Services, the flow
 * passes when any ready backend is allowed.
 */
export function evaluateNetworkPolicyHop(facts: PathFacts, path: PathContext): Hop {
  const source = facts.cluster.pod;
  if (source.hostNetwork) return skipHop(KIND, 'the source pod uses the host network, where NetworkPolicy behaviour is undefined upstream');
  const address = path.destination.addresses[0];
  if (address === undefined) return skipHop(KIND, 'the destination did not resolve to an address');
  const inputs = readInputs(facts);
  if ('verdict' in inputs) return inputs;
  const targets = resolveTargets(facts, path, address, inputs.pods);
  if ('verdict' in targets) return targets;
  const flow = evaluateFlow({ cluster: facts.cluster.cluster, source, ...inputs, targets: targets.targets });
  if (!flow) {
    const reason = `${path.destination.label} has no ready backend, so NetworkPolicy toward it cannot be evaluated`;
    return makeHop(KIND, 'unknown', `Cannot tell: ${reason}`, { reason, evidence: { facts: targets.facts, notes: targets.notes } });
  }
  const { chosen } = flow;
  const egressPolicies = selectingPolicies(chosen.egress);
  const ingressPolicies = chosen.ingress ? selectingPolicies(chosen.ingress.decision) : [];
  const tables = [ruleTable(source, chosen.egress), chosen.ingress && chosen.target.pod ? ruleTable(chosen.target.pod, chosen.ingress.decision) : null];
  const evidence = {
    facts: uniqueRefs([...targets.facts, ...egressPolicies.map(policyRef), ...ingressPolicies.map(policyRef)]),
    decidedBy: decidedBy(chosen),
    tables: tables.filter((table) => table !== null),
    notes: [...enforcementNotes(chosen, source), ...targets.notes, ...defaultingNotes([...egressPolicies, ...ingressPolicies])],
  };
  switch (chosen.verdict) {
    case 'allowed':
      return makeHop(KIND, 'pass', allowSummary(chosen), { evidence });
    case 'unenforced': {
      const reason = chosen.egress.kind === 'denied' ? chosen.egressEnforcement.reason : (chosen.ingress?.enforcement.reason ?? '');
      const summary = `${denialSummary(chosen, source, flow.outcomes.length)}, but it is not enforced: ${reason}`;
      return makeHop(KIND, 'warn', summary, { reason, evidence });
    }
    case 'denied': {
      const ranked = fixesFor(facts, chosen, source);
      const withIntent = ranked.intent ? { ...evidence, intent: ranked.intent } : evidence;
      return makeHop(KIND, 'block', denialSummary(chosen, source, flow.outcomes.length), { evidence: withIntent, fixes: ranked.fixes });
    }
    default: {
      const unreachable: never = chosen.verdict;
      throw new Error(`unknown flow verdict ${String(unreachable)}`);
    }
  }
}
