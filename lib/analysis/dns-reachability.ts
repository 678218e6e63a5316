/**
 * Can the pod reach its nameservers on port 53 through NetworkPolicy? The kube-dns
 * ClusterIP is translated by kube-proxy to a CoreDNS pod before policy applies, so the
 * flow is evaluated toward the ready CoreDNS endpoints (in kube-system, labelled like the
 * CoreDNS pods); other nameservers are evaluated as plain addresses. Pure.
 */
import { allowDnsEgressFix, allowIngressFix } from '@/lib/fixes/kubernetes-fixes';

import { describeFactError } from './hop-helpers';
import { msg, type Text } from './message';
import type { ClusterDns, ClusterFacts, EvidenceTable, FactError, FactRef, Fix, HopVerdict, Pod } from './model';
import type { PolicyProtocol } from './network-policy';
import { matchRef, objectId, policyList, policyRef, selectingPolicies } from './network-policy-evidence';
import { evaluateFlow, type FlowOutcome, type FlowTarget, type TargetOutcome } from './network-policy-flow';
import { findPodByAddress } from './network-policy-peer';

/** One check's result, combined by the dns hop with the others. */
export interface DnsFinding {
  verdict: HopVerdict;
  summary: Text;
  decidedBy: FactRef | null;
  facts: FactRef[];
  notes: Text[];
  fixes: Fix[];
  /** Evidence tables of its own (e.g. the rules toward a stub server), shown after the names tried. */
  tables?: EvidenceTable[];
}

const COREDNS_PORTS: Pod['containerPorts'] = [
  { name: 'dns', containerPort: 53, protocol: 'UDP' },
  { name: 'dns-tcp', containerPort: 53, protocol: 'TCP' },
  { name: 'metrics', containerPort: 9153, protocol: 'TCP' },
];

/** A stand-in for a CoreDNS pod not found among the pods read: kube-system, the CoreDNS labels, the usual ports. */
function corednsStandIn(address: string, dns: ClusterDns): Pod {
  return {
    namespace: 'kube-system',
    name: `coredns@${address}`,
    uid: null,
    labels: dns.podLabels,
    annotations: {},
    ip: address,
    ips: [address],
    nodeName: null,
    phase: 'Running',
    ready: true,
    hostNetwork: false,
    dnsPolicy: 'Default',
    dnsConfig: null,
    containerPorts: COREDNS_PORTS,
  };
}

function targetsFor(nameservers: string[], dns: ClusterDns, pods: Pod[], protocol: PolicyProtocol): FlowTarget[] {
  return nameservers.flatMap((nameserver): FlowTarget[] => {
    if (nameserver !== dns.serviceIp) return [{ address: nameserver, port: 53, protocol, pod: null }];
    return dns.readyEndpoints.map((address) => ({ address, port: 53, protocol, pod: findPodByAddress(pods, address) ?? corednsStandIn(address, dns) }));
  });
}

/** A finding with no evidence beyond its verdict and summary, unless `extra` adds some. */
export const finding = (verdict: HopVerdict, summary: Text, extra: Partial<DnsFinding> = {}): DnsFinding => ({
  verdict,
  summary,
  decidedBy: null,
  facts: [],
  notes: [],
  fixes: [],
  ...extra,
});

function deniedText(outcome: TargetOutcome, source: Pod): string {
  const where = outcome.target.pod ? `${outcome.target.address} (pod ${objectId(outcome.target.pod)})` : outcome.target.address;
  const verb = (policies: unknown[], singular: string, plural: string) => (policies.length === 1 ? singular : plural);
  if (outcome.egress.kind === 'denied') return `${policyList(outcome.egress.selecting)} selecting ${objectId(source)} ${verb(outcome.egress.selecting, 'allows', 'allow')} no ${outcome.target.protocol} 53 to ${where}`;
  const ingress = outcome.ingress?.decision;
  return ingress?.kind === 'denied' ? `${policyList(ingress.selecting)} in ${outcome.target.pod?.namespace ?? ''} ${verb(ingress.selecting, 'admits', 'admit')} no ${outcome.target.protocol} 53 from ${objectId(source)}` : '';
}

function fixesFor(outcome: TargetOutcome, source: Pod, dns: ClusterDns, context: string): Fix[] {
  const fixes: Fix[] = [];
  if (outcome.egress.kind === 'denied' && outcome.egressEnforcement.enforced) {
    const corednsTarget = outcome.target.pod?.namespace === 'kube-system';
    fixes.push(allowDnsEgressFix(source, corednsTarget ? { kind: 'clusterDns', podLabels: dns.podLabels } : { kind: 'servers', addresses: [outcome.target.address] }, context));
  }
  const ingress = outcome.ingress;
  if (ingress?.decision.kind === 'denied' && ingress.enforcement.enforced && outcome.target.pod) {
    fixes.push(allowIngressFix({ context, pod: outcome.target.pod, source, ports: [{ protocol: 'UDP', port: 53 }, { protocol: 'TCP', port: 53 }] }));
  }
  return fixes;
}

function refsOf(flow: FlowOutcome): FactRef[] {
  const { chosen } = flow;
  return [...selectingPolicies(chosen.egress), ...(chosen.ingress ? selectingPolicies(chosen.ingress.decision) : [])].map(policyRef);
}

function decider(outcome: TargetOutcome): FactRef | null {
  if (outcome.egress.kind === 'allowed') return matchRef(outcome.egress.matches[0]);
  if (outcome.egress.kind === 'denied') return outcome.egress.selecting[0] ? policyRef(outcome.egress.selecting[0]) : null;
  const ingress = outcome.ingress?.decision;
  if (ingress?.kind === 'allowed') return matchRef(ingress.matches[0]);
  return ingress?.kind === 'denied' && ingress.selecting[0] ? policyRef(ingress.selecting[0]) : null;
}

/**
 * Whether NetworkPolicy lets the pod reach one of its nameservers on UDP 53 (needed: `block`
 * when enforced policies deny it, `warn` when unenforced ones would) and TCP 53 (used for
 * truncated answers: `warn` when denied). `unknown` when policies, pods or namespaces are missing.
 */
export function dnsPolicyFinding(cluster: ClusterFacts, nameservers: string[], dns: ClusterDns): DnsFinding {
  const source = cluster.pod;
  if (source.hostNetwork) return finding('pass', 'NetworkPolicy does not apply to a hostNetwork pod', { notes: ['The pod uses the host network; NetworkPolicy is not evaluated for its DNS traffic.'] });
  const { networkPolicies, pods, namespaces } = cluster;
  const unreadable = (error: FactError) => finding('unknown', `Cannot tell whether NetworkPolicy lets the pod reach DNS: ${describeFactError(error)}`);
  if (networkPolicies.kind === 'missing') return unreadable(networkPolicies.error);
  if (pods.kind === 'missing') return unreadable(pods.error);
  if (namespaces.kind === 'missing') return unreadable(namespaces.error);
  const base = { cluster: cluster.cluster, source, namespaces: namespaces.value, pods: pods.value, policies: networkPolicies.value };
  const udp = evaluateFlow({ ...base, targets: targetsFor(nameservers, dns, base.pods, 'UDP') });
  const tcp = evaluateFlow({ ...base, targets: targetsFor(nameservers, dns, base.pods, 'TCP') });
  if (!udp || !tcp) return finding('pass', 'No nameserver to evaluate NetworkPolicy toward');
  const facts = [...refsOf(udp), ...refsOf(tcp)].filter((ref, index, all) => all.findIndex((other) => other.id === ref.id) === index);
  const enforcement = udp.chosen.egressEnforcement;
  const notes = [enforcement.reasonMessage ? msg('analysis.dns.policyEnforcementFor', { pod: objectId(source), reason: enforcement.reasonMessage }) : `NetworkPolicy enforcement for ${objectId(source)}: ${enforcement.reason}.`];
  if (udp.chosen.verdict === 'denied') {
    return finding('block', `The pod cannot reach its DNS server: ${deniedText(udp.chosen, source)}`, { decidedBy: decider(udp.chosen), facts, notes, fixes: fixesFor(udp.chosen, source, dns, cluster.cluster.name) });
  }
  if (udp.chosen.verdict === 'unenforced') {
    return finding('warn', `NetworkPolicy would keep the pod from DNS (${deniedText(udp.chosen, source)}), but it is not enforced`, { decidedBy: decider(udp.chosen), facts, notes });
  }
  if (tcp.chosen.verdict === 'denied') {
    return finding('warn', `DNS over UDP is allowed but TCP 53 is not (${deniedText(tcp.chosen, source)}): truncated answers will fail`, {
      decidedBy: decider(tcp.chosen),
      facts,
      notes,
      fixes: fixesFor(tcp.chosen, source, dns, cluster.cluster.name),
    });
  }
  const restricted = facts.length > 0;
  const summary = restricted ? 'NetworkPolicy lets the pod reach its DNS server on UDP and TCP 53' : "No NetworkPolicy restricts the pod's DNS traffic";
  return finding('pass', summary, { decidedBy: decider(udp.chosen), facts, notes });
}
