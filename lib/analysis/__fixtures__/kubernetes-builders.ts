/**
 * Builders for Kubernetes facts and whole `PathFacts` used by the dns, networkPolicy and
 * lbPolicy hop tests. Each returns a realistic default (an ACS cluster, a `web` pod in
 * `prod`) that a test overrides field by field.
 */
import type {
  ClusterDns,
  ClusterFacts,
  ClusterInfo,
  CloudFacts,
  DnsAnswer,
  EndpointSlice,
  Fact,
  FactError,
  Namespace,
  NetworkPolicy,
  NetworkPolicyPeer,
  NetworkPolicyPort,
  NetworkPolicyRule,
  PathContext,
  PathFacts,
  Pod,
  ResolvedDestination,
  Service,
} from '../model';

import { cloudFirewallEnabledNowhere } from './cloud-builders';

export const ok = <T>(value: T): Fact<T> => ({ kind: 'ok', value });

export function factError(overrides: Partial<FactError> = {}): FactError {
  return {
    source: 'k8s',
    reason: 'forbidden',
    resource: 'networkpolicies in all namespaces',
    message: 'networkpolicies.networking.k8s.io is forbidden',
    code: '403',
    retryable: false,
    ...overrides,
  };
}

export const missing = <T>(error: FactError = factError()): Fact<T> => ({ kind: 'missing', error });

export function onePod(overrides: Partial<Pod> = {}): Pod {
  return {
    namespace: 'prod',
    name: 'web-7d9f8b6c5-x2k4p',
    uid: 'uid-web',
    labels: { app: 'web', 'pod-template-hash': '7d9f8b6c5' },
    annotations: {},
    ip: '10.0.1.10',
    ips: ['10.0.1.10'],
    nodeName: 'virtual-kubelet-cn-hangzhou-k',
    phase: 'Running',
    ready: true,
    hostNetwork: false,
    dnsPolicy: 'ClusterFirst',
    dnsConfig: null,
    containerPorts: [{ name: 'http', containerPort: 8080, protocol: 'TCP' }],
    ...overrides,
  };
}

/** A CoreDNS pod as ACK/ACS deploy it. */
export function corednsPod(overrides: Partial<Pod> = {}): Pod {
  return onePod({
    namespace: 'kube-system',
    name: 'coredns-5b8f7d6c9-abcde',
    labels: { 'k8s-app': 'kube-dns', 'pod-template-hash': '5b8f7d6c9' },
    ip: '10.0.1.53',
    ips: ['10.0.1.53'],
    containerPorts: [
      { name: 'dns', containerPort: 53, protocol: 'UDP' },
      { name: 'dns-tcp', containerPort: 53, protocol: 'TCP' },
      { name: 'metrics', containerPort: 9153, protocol: 'TCP' },
    ],
    ...overrides,
  });
}

export function namespace(name: string, labels: Record<string, string> = {}): Namespace {
  return { name, labels: { 'kubernetes.io/metadata.name': name, ...labels } };
}

export const defaultNamespaces = (): Namespace[] => [
  namespace('prod', { team: 'shop' }),
  namespace('data', { team: 'data' }),
  namespace('kube-system'),
];

export function policy(overrides: Partial<NetworkPolicy> = {}): NetworkPolicy {
  return {
    namespace: 'prod',
    name: 'web-egress',
    podSelector: { matchLabels: { app: 'web' } },
    policyTypes: ['Egress'],
    ingress: null,
    egress: [],
    ...overrides,
  };
}

export function rule(overrides: Partial<NetworkPolicyRule> = {}): NetworkPolicyRule {
  return { peers: null, ports: null, ...overrides };
}

export function peer(overrides: Partial<NetworkPolicyPeer> = {}): NetworkPolicyPeer {
  return { podSelector: null, namespaceSelector: null, ipBlock: null, ...overrides };
}

export function port(value: number | string | null, protocol: NetworkPolicyPort['protocol'] = 'TCP', endPort: number | null = null): NetworkPolicyPort {
  return { protocol, port: value, endPort };
}

export function clusterInfo(overrides: Partial<ClusterInfo> = {}): ClusterInfo {
  return {
    name: 'acs-prod',
    kind: 'acs',
    networkMode: 'vpc',
    region: 'cn-hangzhou',
    clusterDomain: 'cluster.local',
    networkPolicyEnforcement: 'always',
    enforcementReason: 'Terway enforces NetworkPolicy',
    ...overrides,
  };
}

export function clusterDns(overrides: Partial<ClusterDns> = {}): ClusterDns {
  return {
    serviceIp: '192.168.0.10',
    readyEndpoints: ['10.0.1.53'],
    notReadyEndpoints: [],
    deployment: { name: 'coredns', replicas: 1, readyReplicas: 1 },
    podLabels: { 'k8s-app': 'kube-dns' },
    ...overrides,
  };
}

export function service(overrides: Partial<Service> = {}): Service {
  return {
    namespace: 'data',
    name: 'orders',
    type: 'ClusterIP',
    clusterIp: '192.168.10.20',
    externalTrafficPolicy: null,
    loadBalancerIngress: [],
    ports: [{ name: 'http', port: 80, targetPort: 'http', protocol: 'TCP', nodePort: null }],
    selector: { app: 'orders' },
    annotations: {},
    externalName: null,
    ...overrides,
  };
}

export function endpointSlice(overrides: Partial<EndpointSlice> = {}): EndpointSlice {
  return {
    namespace: 'data',
    name: 'orders-abcde',
    serviceName: 'orders',
    endpoints: [{ addresses: ['10.0.2.20'], ready: true, nodeName: 'virtual-kubelet-cn-hangzhou-k', podName: 'orders-0' }],
    ports: [{ name: 'http', port: 8080, protocol: 'TCP' }],
    ...overrides,
  };
}

export function clusterFacts(overrides: Partial<ClusterFacts> = {}): ClusterFacts {
  return {
    cluster: clusterInfo(),
    pod: onePod(),
    node: ok(null),
    namespaces: ok(defaultNamespaces()),
    pods: ok([onePod(), corednsPod()]),
    nodes: ok([]),
    services: ok([]),
    endpointSlices: ok([]),
    networkPolicies: ok([]),
    dns: ok(clusterDns()),
    ...overrides,
  };
}

function cloudFacts(): CloudFacts {
  return {
    sourceEni: ok(null),
    vSwitches: ok([]),
    securityGroups: ok([]),
    networkAcls: ok([]),
    prefixLists: ok([]),
    portRangeLists: ok([]),
    routeTables: ok([]),
    natGateways: ok([]),
    snatEntries: ok([]),
    eips: ok([]),
    destinationEni: ok(null),
    loadBalancer: ok(null),
    slbAcls: ok([]),
    whitelist: null,
    gates: cloudFirewallEnabledNowhere(),
  };
}

/** Path facts for `web` in `prod` → `host:port/tcp`; `cluster` overrides the cluster facts. */
export function pathFacts(
  overrides: { host?: string; port?: number; protocol?: 'tcp' | 'udp'; cluster?: Partial<ClusterFacts>; dnsAnswers?: Fact<DnsAnswer[]> | null; cloud?: Partial<CloudFacts> } = {},
): PathFacts {
  const host = overrides.host ?? '203.0.113.10';
  const port = overrides.port ?? 443;
  const cluster = clusterFacts(overrides.cluster);
  return {
    request: {
      cluster: cluster.cluster.name,
      namespace: cluster.pod.namespace,
      pod: cluster.pod.name,
      destination: `${host}:${port}`,
      host,
      port,
      protocol: overrides.protocol ?? 'tcp',
    },
    readAt: '2026-01-01T00:00:00.000Z',
    cluster,
    dnsAnswers: overrides.dnsAnswers === undefined ? null : overrides.dnsAnswers,
    cloud: { ...cloudFacts(), ...overrides.cloud },
  };
}

export function destination(overrides: Partial<ResolvedDestination> = {}): ResolvedDestination {
  return {
    kind: 'internet',
    host: '203.0.113.10',
    addresses: ['203.0.113.10'],
    resourceId: null,
    label: '203.0.113.10',
    ...overrides,
  };
}

/** The path context for the facts' source pod and `destination`. */
export function pathContext(facts: PathFacts, target: Partial<ResolvedDestination> = {}): PathContext {
  const pod = facts.cluster.pod;
  return {
    source: {
      podIp: pod.ip,
      nodeName: pod.nodeName,
      nodeIp: null,
      networkMode: facts.cluster.cluster.networkMode,
      eniId: 'eni-pod',
      vpcId: 'vpc-prod',
      vSwitchId: 'vsw-pods',
      vSwitchCidr: '10.0.1.0/24',
      securityGroupIds: ['sg-pod'],
      eip: null,
      sourceAddress: pod.ip,
    },
    destination: destination(target),
  };
}

export function answer(name: string, rcode: DnsAnswer['rcode'], addresses: string[] = [], answeredBy = '192.168.0.10'): DnsAnswer {
  return { name, answeredBy, rcode, addresses, cnames: [] };
}
