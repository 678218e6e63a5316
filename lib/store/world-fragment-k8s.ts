/**
 * The Kubernetes half of a world fragment: the cluster facts of one diagnosis turned back
 * into objects as `kubectl get -o json` prints them (pure).
 *
 * Only what the facts hold is written, so nothing secret can leak through here: Pods carry
 * no env, no volumes, no images; ConfigMaps carry only the keys that signal the network mode
 * (lib/k8s/cluster-info.ts) and a Corefile synthesised from the cluster domain; annotations
 * are kept only when the analysis reads them (`ANALYSED_ANNOTATIONS`): any other value may be
 * an API key, a database URL with its password or a webhook URL, whatever its key says.
 */
import type {
  ClusterDns,
  ClusterFacts,
  EndpointSlice,
  Labels,
  Namespace,
  NetworkPolicy,
  NetworkPolicyPeer,
  NetworkPolicyPort,
  NetworkPolicyRule,
  Node,
  NodeLocalDns,
  Pod,
  Service,
} from '@/lib/analysis/model';
import type { KubernetesObject } from '@/lib/schemas/world';

/**
 * The annotations the analysis and the fact collection read (lib/analysis, lib/diagnose,
 * lib/k8s): the pod's ENI, security groups, vSwitch and EIP, the ACS network-policy agent and
 * custom DNS, the RDS/Redis whitelist injector, the CLB hostname. A test fails when code reads
 * an annotation missing here.
 */
export const ANALYSED_ANNOTATIONS: ReadonlySet<string> = new Set([
  'k8s.aliyun.com/eni-instance-id',
  'k8s.aliyun.com/allocated-eipAddress',
  'k8s.aliyun.com/allocated-eipInstanceId',
  'network.alibabacloud.com/pod-with-eip',
  'network.alibabacloud.com/security-group-ids',
  'network.alibabacloud.com/vswitch-ids',
  'network.alibabacloud.com/custom-dnsconfig',
  'alibabacloud.com/enable-network-policy-agent',
  'ack.aliyun.com/rds_id',
  'ack.aliyun.com/redis_id',
  'service.beta.kubernetes.io/alibaba-cloud-loadbalancer-hostname',
]);

/** Only the annotations the analysis reads (see the file comment). */
export function safeAnnotations(annotations: Labels): Labels {
  return Object.fromEntries(Object.entries(annotations).filter(([key]) => ANALYSED_ANNOTATIONS.has(key)));
}

const valueOf = <T>(fact: { kind: 'ok'; value: T } | { kind: 'missing' }, fallback: T): T => (fact.kind === 'ok' ? fact.value : fallback);

function namespaceObject(namespace: Namespace): KubernetesObject {
  return { apiVersion: 'v1', kind: 'Namespace', metadata: { name: namespace.name, labels: namespace.labels }, status: { phase: 'Active' } };
}

function nodeObject(node: Node): KubernetesObject {
  return {
    apiVersion: 'v1',
    kind: 'Node',
    metadata: { name: node.name, labels: node.labels },
    spec: node.providerId === null ? {} : { providerID: node.providerId },
    status: { addresses: node.internalIp === null ? [] : [{ type: 'InternalIP', address: node.internalIp }] },
  };
}

/** One container named `main` holds every port, so the readiness the facts recorded comes back the same. */
function podObject(pod: Pod): KubernetesObject {
  const spec: Record<string, unknown> = {
    dnsPolicy: pod.dnsPolicy,
    containers: [{ name: 'main', ports: pod.containerPorts.map((port) => ({ ...(port.name === null ? {} : { name: port.name }), containerPort: port.containerPort, protocol: port.protocol })) }],
  };
  if (pod.nodeName !== null) spec.nodeName = pod.nodeName;
  if (pod.hostNetwork) spec.hostNetwork = true;
  if (pod.dnsConfig !== null) {
    spec.dnsConfig = {
      nameservers: pod.dnsConfig.nameservers,
      searches: pod.dnsConfig.searches,
      options: pod.dnsConfig.options.map((option) => (option.value === null ? { name: option.name } : { name: option.name, value: option.value })),
    };
  }
  return {
    apiVersion: 'v1',
    kind: 'Pod',
    metadata: { name: pod.name, namespace: pod.namespace, ...(pod.uid === null ? {} : { uid: pod.uid }), labels: pod.labels, annotations: safeAnnotations(pod.annotations) },
    spec,
    status: {
      phase: pod.phase,
      ...(pod.ip === null ? {} : { podIP: pod.ip }),
      podIPs: pod.ips.map((ip) => ({ ip })),
      conditions: [{ type: 'Ready', status: pod.ready ? 'True' : 'False' }],
      containerStatuses: [{ name: 'main', ready: pod.ready }],
    },
  };
}

function serviceObject(service: Service): KubernetesObject {
  const spec: Record<string, unknown> = {
    type: service.type,
    ports: service.ports.map((port) => ({
      ...(port.name === null ? {} : { name: port.name }),
      port: port.port,
      targetPort: port.targetPort,
      protocol: port.protocol,
      ...(port.nodePort === null ? {} : { nodePort: port.nodePort }),
    })),
  };
  if (service.type !== 'ExternalName') spec.clusterIP = service.clusterIp ?? 'None';
  if (service.selector !== null) spec.selector = service.selector;
  if (service.externalTrafficPolicy !== null) spec.externalTrafficPolicy = service.externalTrafficPolicy;
  if (service.externalName !== null) spec.externalName = service.externalName;
  return {
    apiVersion: 'v1',
    kind: 'Service',
    metadata: { name: service.name, namespace: service.namespace, annotations: safeAnnotations(service.annotations) },
    spec,
    status: {
      loadBalancer: {
        ingress: service.loadBalancerIngress.map((ingress) => ({ ...(ingress.ip === null ? {} : { ip: ingress.ip }), ...(ingress.hostname === null ? {} : { hostname: ingress.hostname }) })),
      },
    },
  };
}

function endpointSliceObject(slice: EndpointSlice): KubernetesObject {
  return {
    apiVersion: 'discovery.k8s.io/v1',
    kind: 'EndpointSlice',
    metadata: { name: slice.name, namespace: slice.namespace, labels: slice.serviceName === null ? {} : { 'kubernetes.io/service-name': slice.serviceName } },
    addressType: slice.endpoints.some((endpoint) => endpoint.addresses.some((address) => address.includes(':'))) ? 'IPv6' : 'IPv4',
    endpoints: slice.endpoints.map((endpoint) => ({
      addresses: endpoint.addresses,
      conditions: { ready: endpoint.ready },
      ...(endpoint.nodeName === null ? {} : { nodeName: endpoint.nodeName }),
      ...(endpoint.podName === null ? {} : { targetRef: { kind: 'Pod', name: endpoint.podName, namespace: slice.namespace } }),
    })),
    ports: slice.ports.map((port) => ({ ...(port.name === null ? {} : { name: port.name }), port: port.port, protocol: port.protocol })),
  };
}

function peerObject(peer: NetworkPolicyPeer): Record<string, unknown> {
  return {
    ...(peer.podSelector === null ? {} : { podSelector: peer.podSelector }),
    ...(peer.namespaceSelector === null ? {} : { namespaceSelector: peer.namespaceSelector }),
    ...(peer.ipBlock === null ? {} : { ipBlock: peer.ipBlock.except.length > 0 ? peer.ipBlock : { cidr: peer.ipBlock.cidr } }),
  };
}

function portObject(port: NetworkPolicyPort): Record<string, unknown> {
  return { protocol: port.protocol, ...(port.port === null ? {} : { port: port.port }), ...(port.endPort === null ? {} : { endPort: port.endPort }) };
}

/** Absent and empty lists mean different things (every peer / no peer), so null stays absent. */
function ruleObject(rule: NetworkPolicyRule, peerKey: 'from' | 'to'): Record<string, unknown> {
  return { ...(rule.peers === null ? {} : { [peerKey]: rule.peers.map(peerObject) }), ...(rule.ports === null ? {} : { ports: rule.ports.map(portObject) }) };
}

function networkPolicyObject(policy: NetworkPolicy): KubernetesObject {
  return {
    apiVersion: 'networking.k8s.io/v1',
    kind: 'NetworkPolicy',
    metadata: { name: policy.name, namespace: policy.namespace },
    spec: {
      podSelector: policy.podSelector,
      ...(policy.policyTypes === null ? {} : { policyTypes: policy.policyTypes }),
      ...(policy.ingress === null ? {} : { ingress: policy.ingress.map((rule) => ruleObject(rule, 'from')) }),
      ...(policy.egress === null ? {} : { egress: policy.egress.map((rule) => ruleObject(rule, 'to')) }),
    },
  };
}

function configMap(name: string, data: Record<string, string>): KubernetesObject {
  return { apiVersion: 'v1', kind: 'ConfigMap', metadata: { name, namespace: 'kube-system' }, data };
}

/** The kube-system ConfigMaps that make lib/k8s/cluster-info.ts detect the same mode and domain. */
function modeConfigMaps(facts: ClusterFacts): KubernetesObject[] {
  const { cluster } = facts;
  // The Corefile read (redacted when read), else one carrying only the cluster domain.
  const read = facts.corefile?.kind === 'ok' ? facts.corefile.value : null;
  const corefile = configMap('coredns', { Corefile: read ?? `.:53 {\n    kubernetes ${cluster.clusterDomain} in-addr.arpa ip6.arpa\n    forward . /etc/resolv.conf\n}\n` });
  if (cluster.networkMode === 'flannel') return [corefile, configMap('kube-flannel-cfg', {})];
  if (cluster.kind === 'ack') return [corefile, configMap('eni-config', cluster.networkPolicyEnforcement === 'never' ? { disable_network_policy: 'true' } : {})];
  return [corefile];
}

/** The kube-dns Service, its EndpointSlice and the CoreDNS Deployment, where the lists lack them. */
function clusterDnsObjects(dns: ClusterDns, services: Service[], slices: EndpointSlice[]): KubernetesObject[] {
  const objects: KubernetesObject[] = [];
  const inKubeSystem = (namespace: string) => namespace === 'kube-system';
  if (dns.serviceIp !== null && !services.some((service) => inKubeSystem(service.namespace) && service.name === 'kube-dns')) {
    objects.push(
      serviceObject({
        namespace: 'kube-system', name: 'kube-dns', type: 'ClusterIP', clusterIp: dns.serviceIp, externalTrafficPolicy: null, loadBalancerIngress: [], selector: { 'k8s-app': 'kube-dns' }, annotations: {}, externalName: null,
        ports: [{ name: 'dns', port: 53, targetPort: 53, protocol: 'UDP', nodePort: null }, { name: 'dns-tcp', port: 53, targetPort: 53, protocol: 'TCP', nodePort: null }],
      }),
    );
  }
  if (!slices.some((slice) => inKubeSystem(slice.namespace) && slice.serviceName === 'kube-dns')) {
    const endpoints = [...dns.readyEndpoints.map((address) => ({ address, ready: true })), ...dns.notReadyEndpoints.map((address) => ({ address, ready: false }))];
    objects.push(
      endpointSliceObject({
        namespace: 'kube-system', name: 'kube-dns-saved', serviceName: 'kube-dns',
        endpoints: endpoints.map(({ address, ready }) => ({ addresses: [address], ready, nodeName: null, podName: null })),
        ports: [{ name: 'dns', port: 53, protocol: 'UDP' }, { name: 'dns-tcp', port: 53, protocol: 'TCP' }],
      }),
    );
  }
  if (dns.deployment !== null) {
    objects.push({
      apiVersion: 'apps/v1',
      kind: 'Deployment',
      metadata: { name: dns.deployment.name, namespace: 'kube-system', labels: { 'k8s-app': 'kube-dns' } },
      spec: { replicas: dns.deployment.replicas, selector: { matchLabels: dns.podLabels }, template: { metadata: { labels: dns.podLabels }, spec: { containers: [{ name: 'coredns' }] } } },
      status: { replicas: dns.deployment.replicas, readyReplicas: dns.deployment.readyReplicas },
    });
  }
  return objects;
}

/**
 * Every Kubernetes object the facts describe: namespaces, nodes, pods (the source pod
 * included), services, endpoint slices, network policies, cluster DNS and the mode ConfigMaps.
 * Facts that could not be read contribute nothing.
 */
export function toClusterObjects(facts: ClusterFacts): KubernetesObject[] {
  const pods = valueOf(facts.pods, []);
  const services = valueOf(facts.services, []);
  const slices = valueOf(facts.endpointSlices, []);
  const nodes = valueOf(facts.nodes, []);
  const sourceNode = valueOf(facts.node, null);
  const allPods = pods.some((pod) => pod.namespace === facts.pod.namespace && pod.name === facts.pod.name) ? pods : [facts.pod, ...pods];
  const allNodes = sourceNode !== null && !nodes.some((node) => node.name === sourceNode.name) ? [sourceNode, ...nodes] : nodes;
  const namespaces = valueOf(facts.namespaces, [{ name: facts.pod.namespace, labels: { 'kubernetes.io/metadata.name': facts.pod.namespace } }]);
  return [
    ...namespaces.map(namespaceObject),
    ...allNodes.map(nodeObject),
    ...modeConfigMaps(facts),
    ...allPods.map(podObject),
    ...services.map(serviceObject),
    ...slices.map(endpointSliceObject),
    ...valueOf(facts.networkPolicies, []).map(networkPolicyObject),
    ...(facts.dns.kind === 'ok' ? clusterDnsObjects(facts.dns.value, services, slices) : []),
    ...(facts.nodeLocalDns?.kind === 'ok' && facts.nodeLocalDns.value !== null ? [nodeLocalDnsObject(facts.nodeLocalDns.value)] : []),
  ];
}

/** NodeLocal DNSCache's DaemonSet as lib/k8s/cluster-dns.ts reads it back. */
function nodeLocalDnsObject(nodeLocal: NodeLocalDns): KubernetesObject {
  return {
    apiVersion: 'apps/v1',
    kind: 'DaemonSet',
    metadata: { name: nodeLocal.name, namespace: 'kube-system', labels: nodeLocal.podLabels },
    spec: {
      selector: { matchLabels: nodeLocal.podLabels },
      template: { metadata: { labels: nodeLocal.podLabels }, spec: { hostNetwork: true, containers: [{ name: 'node-cache', args: ['-localip', nodeLocal.listenAddresses.join(',')] }] } },
    },
    status: { desiredNumberScheduled: nodeLocal.desired, numberReady: nodeLocal.ready },
  };
}
