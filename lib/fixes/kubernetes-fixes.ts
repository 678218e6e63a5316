/**
 * Builders for Kubernetes fixes (`Fix` of kind `kubernetes`): a new NetworkPolicy that
 * opens exactly the blocked flow, or a merge patch of a Service. Pure: no I/O.
 *
 * They prefer the narrowest scope: a new policy in the affected namespace, selecting the
 * pod's workload labels, for one peer and the needed ports, rather than editing or deleting
 * an existing policy (policies are ORed, so adding one never narrows anything).
 */
import { stringify } from 'yaml';

import { isIp, parseIp } from '@/lib/analysis/ip';
import type { Fix, Labels, Pod, Service } from '@/lib/analysis/model';

import { shellQuote } from './aliyun-cli';

/** Who a new egress rule lets the pod reach. */
export type EgressPeerSpec =
  | { kind: 'address'; address: string } // one address, as a /32 (or /128) ipBlock
  | { kind: 'pods'; namespace: string; podLabels: Labels }; // pods of one namespace

/** One port a new rule opens. */
export interface PolicyPortSpec {
  protocol: 'TCP' | 'UDP' | 'SCTP';
  port: number;
}

const WORKLOAD_LABEL_KEYS = ['app.kubernetes.io/name', 'app.kubernetes.io/instance', 'app', 'k8s-app', 'name', 'component', 'app.kubernetes.io/component'];
const POD_INSTANCE_LABEL_KEYS = ['pod-template-hash', 'controller-revision-hash', 'pod-template-generation', 'statefulset.kubernetes.io/pod-name', 'apps.kubernetes.io/pod-index'];
const MANAGED_BY = { 'app.kubernetes.io/managed-by': 'acs-egress-doctor' };

/**
 * The labels a policy should select the pod's workload by: its app-ish labels when it has
 * any, else every label except the per-pod ones (template hashes, pod names). May be empty.
 */
export function workloadLabels(pod: Pod): Labels {
  const appish = WORKLOAD_LABEL_KEYS.filter((key) => Object.hasOwn(pod.labels, key));
  const keys = appish.length > 0 ? appish : Object.keys(pod.labels).filter((key) => !POD_INSTANCE_LABEL_KEYS.includes(key));
  return Object.fromEntries(keys.map((key) => [key, pod.labels[key] ?? '']));
}

/** A DNS-1123 label (lower-case alphanumerics and dashes, at most 63 characters) built from parts. */
export function policyName(parts: string[]): string {
  const joined = parts
    .join('-')
    .toLowerCase()
    .replace(/[^a-z0-9-]+/g, '-')
    .replace(/-+/g, '-')
    .replace(/^-|-$/g, '');
  return joined.slice(0, 63).replace(/-$/, '');
}

function workloadName(pod: Pod): string {
  const labels = workloadLabels(pod);
  return Object.values(labels)[0] ?? pod.name;
}

function selectorText(labels: Labels): string {
  const pairs = Object.entries(labels).map(([key, value]) => `${key}=${value}`);
  return pairs.length === 0 ? 'every pod' : `pods ${pairs.join(',')}`;
}

function hostCidr(address: string): string {
  return parseIp(address)?.version === 6 ? `${address}/128` : `${address}/32`;
}

function peerYaml(peer: EgressPeerSpec): Record<string, unknown> {
  if (peer.kind === 'address') return { ipBlock: { cidr: hostCidr(peer.address) } };
  return {
    namespaceSelector: { matchLabels: { 'kubernetes.io/metadata.name': peer.namespace } },
    podSelector: { matchLabels: peer.podLabels },
  };
}

function peerText(peer: EgressPeerSpec): string {
  if (peer.kind === 'address') return hostCidr(peer.address);
  return `${selectorText(peer.podLabels)} in namespace ${peer.namespace}`;
}

function portsText(ports: PolicyPortSpec[]): string {
  return ports.map((entry) => `${entry.protocol} ${entry.port}`).join(' and ');
}

/** `kubectl --context <cluster> apply --server-side` of the manifest (a here-document). */
function applyCommand(context: string, yaml: string): string {
  return `kubectl --context ${shellQuote(context)} apply --server-side --field-manager=acs-egress-doctor -f - <<'EOF'\n${yaml}EOF`;
}

function scopeRisk(labels: Labels, namespace: string): string {
  return Object.keys(labels).length === 0
    ? `The pod has no workload labels, so the policy selects every pod in namespace ${namespace}.`
    : `Applies to ${selectorText(labels)} in namespace ${namespace}.`;
}

function networkPolicyYaml(name: string, namespace: string, labels: Labels, direction: 'Egress' | 'Ingress', peers: Array<Record<string, unknown>>, ports: PolicyPortSpec[]): string {
  const rule = { [direction === 'Egress' ? 'to' : 'from']: peers, ports: ports.map((entry) => ({ protocol: entry.protocol, port: entry.port })) };
  return stringify({
    apiVersion: 'networking.k8s.io/v1',
    kind: 'NetworkPolicy',
    metadata: { name, namespace, labels: MANAGED_BY },
    spec: {
      podSelector: { matchLabels: labels },
      policyTypes: [direction],
      [direction === 'Egress' ? 'egress' : 'ingress']: [rule],
    },
  });
}

/**
 * A new NetworkPolicy in the pod's namespace that selects the pod's workload labels and
 * allows egress to `peers` on `ports` only. Id: `networkPolicy-allow-egress-<policy name>`.
 *
 * @param name policy name; defaults to `allow-egress-<workload>-to-<first peer>`.
 */
export function allowEgressFix(input: { context: string; pod: Pod; peers: EgressPeerSpec[]; ports: PolicyPortSpec[]; name?: string; title?: string }): Fix {
  const { pod, peers, ports } = input;
  const labels = workloadLabels(pod);
  const firstPeer = peers[0];
  const peerPart = !firstPeer ? 'any' : firstPeer.kind === 'address' ? firstPeer.address : `${firstPeer.namespace}-${Object.values(firstPeer.podLabels)[0] ?? 'pods'}`;
  const name = input.name ?? policyName(['allow-egress', workloadName(pod), 'to', peerPart]);
  const yaml = networkPolicyYaml(name, pod.namespace, labels, 'Egress', peers.map(peerYaml), ports);
  const opened = `${portsText(ports)} to ${peers.map(peerText).join(', ')}`;
  return {
    kind: 'kubernetes',
    id: `networkPolicy-allow-egress-${name}`,
    title: input.title ?? `Add NetworkPolicy ${name} allowing ${opened}`,
    description: `Creates NetworkPolicy ${pod.namespace}/${name}, which lets ${selectorText(labels)} in namespace ${pod.namespace} open ${opened}. Existing policies are left unchanged; policies are additive, so this only adds an allowed flow.`,
    risk: `${scopeRisk(labels, pod.namespace)} Opens only ${opened}.`,
    target: { kind: 'networkPolicy', id: `${pod.namespace}/${name}`, label: `NetworkPolicy ${pod.namespace}/${name} (new)` },
    patchType: 'apply',
    yaml,
    command: applyCommand(input.context, yaml),
  };
}

/**
 * A new NetworkPolicy in the destination pod's namespace that admits the source pod's
 * workload on `ports`. Id: `networkPolicy-allow-ingress-<policy name>`.
 */
export function allowIngressFix(input: { context: string; pod: Pod; source: Pod; ports: PolicyPortSpec[] }): Fix {
  const { pod, source, ports } = input;
  const labels = workloadLabels(pod);
  const name = policyName(['allow-ingress', workloadName(pod), 'from', source.namespace, workloadName(source)]);
  const from: EgressPeerSpec = { kind: 'pods', namespace: source.namespace, podLabels: workloadLabels(source) };
  const yaml = networkPolicyYaml(name, pod.namespace, labels, 'Ingress', [peerYaml(from)], ports);
  return {
    kind: 'kubernetes',
    id: `networkPolicy-allow-ingress-${name}`,
    title: `Add NetworkPolicy ${name} admitting ${workloadName(source)} on ${portsText(ports)}`,
    description: `Creates NetworkPolicy ${pod.namespace}/${name}, which lets ${peerText(from)} reach ${selectorText(labels)} in namespace ${pod.namespace} on ${portsText(ports)}.`,
    risk: `${scopeRisk(labels, pod.namespace)} Admits only ${peerText(from)} on ${portsText(ports)}.`,
    target: { kind: 'networkPolicy', id: `${pod.namespace}/${name}`, label: `NetworkPolicy ${pod.namespace}/${name} (new)` },
    patchType: 'apply',
    yaml,
    command: applyCommand(input.context, yaml),
  };
}

/**
 * A new NetworkPolicy letting the pod's workload query DNS on UDP and TCP 53: the CoreDNS
 * pods in kube-system (by their labels, usually `k8s-app=kube-dns`) or the given resolver
 * addresses. Id: `networkPolicy-allow-egress-allow-dns-<workload>`.
 */
export function allowDnsEgressFix(pod: Pod, resolver: { kind: 'clusterDns'; podLabels: Labels } | { kind: 'servers'; addresses: string[] }, context: string): Fix {
  const peers: EgressPeerSpec[] =
    resolver.kind === 'clusterDns'
      ? [{ kind: 'pods', namespace: 'kube-system', podLabels: resolver.podLabels }]
      : resolver.addresses.filter(isIp).map((address) => ({ kind: 'address', address }));
  return allowEgressFix({
    context,
    pod,
    peers,
    ports: [
      { protocol: 'UDP', port: 53 },
      { protocol: 'TCP', port: 53 },
    ],
    name: policyName(['allow-dns', workloadName(pod)]),
    title: `Add NetworkPolicy allow-dns-${workloadName(pod)} allowing DNS (UDP and TCP 53)`,
  });
}

function servicePatch(context: string, service: Service, patch: Record<string, unknown>): { yaml: string; command: string } {
  return {
    yaml: stringify(patch),
    command: `kubectl --context ${shellQuote(context)} -n ${shellQuote(service.namespace)} patch service ${shellQuote(service.name)} --type merge -p ${shellQuote(JSON.stringify(patch))}`,
  };
}

const serviceRef = (service: Service) => ({ kind: 'service', id: `${service.namespace}/${service.name}`, label: `Service ${service.namespace}/${service.name}` });

/** Merge patch setting `externalTrafficPolicy: Cluster` on a LoadBalancer Service. */
export function externalTrafficPolicyClusterFix(service: Service, context: string): Fix {
  return {
    kind: 'kubernetes',
    id: `service-external-traffic-policy-cluster-${service.name}`,
    title: `Set externalTrafficPolicy: Cluster on Service ${service.namespace}/${service.name}`,
    description: 'kube-proxy then forwards traffic for the load balancer address to backends on every node, so pods on nodes without a backend reach it too.',
    risk: 'Backends no longer see the client source IP (traffic is SNATed to a node), and external traffic may take an extra hop between nodes.',
    target: serviceRef(service),
    patchType: 'merge',
    ...servicePatch(context, service, { spec: { externalTrafficPolicy: 'Cluster' } }),
  };
}

/** The placeholder for a load balancer hostname the user chooses. */
export const LB_HOSTNAME_PLACEHOLDER = '<LB_HOSTNAME>';

/**
 * Merge patch adding `service.beta.kubernetes.io/alibaba-cloud-loadbalancer-hostname`: the CCM
 * then reports a hostname instead of the IP, kube-proxy installs no in-node rule for the
 * address, and in-cluster clients really go through the CLB.
 *
 * @param hostname a DNS name that resolves to the CLB address, or null when none is known:
 *   the patch then holds the placeholder `<LB_HOSTNAME>` to replace before running it.
 */
export function loadBalancerHostnameFix(service: Service, hostname: string | null, context: string): Fix {
  const name = hostname ?? LB_HOSTNAME_PLACEHOLDER;
  const choose = hostname === null ? ` Replace ${LB_HOSTNAME_PLACEHOLDER} with a DNS name you own that resolves to the CLB address before running it.` : '';
  return {
    kind: 'kubernetes',
    id: `service-loadbalancer-hostname-${service.name}`,
    title: `Annotate Service ${service.namespace}/${service.name} with a load balancer hostname`,
    description: `Adds service.beta.kubernetes.io/alibaba-cloud-loadbalancer-hostname: ${name}; the cloud controller manager writes the hostname to status.loadBalancer.ingress instead of the IP, so traffic to the CLB address leaves the node and goes through the CLB.${choose}`,
    risk: `Clients that read the Service status get a hostname instead of an IP; ${name} must resolve to the CLB address. In-cluster traffic then passes the CLB (its listener ACLs apply, and a backend calling its own CLB on a layer-4 listener may be dropped).`,
    target: serviceRef(service),
    patchType: 'merge',
    ...servicePatch(context, service, { metadata: { annotations: { 'service.beta.kubernetes.io/alibaba-cloud-loadbalancer-hostname': name } } }),
  };
}
