/**
 * The cluster DNS of a demo cluster: the CoreDNS Deployment, its ConfigMap and pods,
 * and the `kube-system/kube-dns` Service with its EndpointSlice — all healthy.
 */
import type { KubernetesObject } from '@/lib/schemas/world';

import { kubernetesUid } from './ids';
import { CREATED, pod } from './kubernetes-objects';
import { configMap, endpointSlice, service } from './kubernetes-services';

/** The Corefile of the ACK CoreDNS add-on. */
export const COREFILE = `.:53 {
    errors
    health {
       lameduck 15s
    }
    ready
    kubernetes cluster.local in-addr.arpa ip6.arpa {
      pods verified
      ttl 30
      fallthrough in-addr.arpa ip6.arpa
    }
    prometheus :9153
    forward . /etc/resolv.conf {
      prefer_udp
    }
    cache 30
    log
    loop
    reload
    loadbalance
}
`;

const IMAGE = 'registry-cn-hangzhou-vpc.ack.aliyuncs.com/acs/coredns:v1.11.3.1-8b2d9a5a-aliyun';
const REPLICA_SET = 'coredns-7c8d9b6f54';
const DNS_PORTS = [
  { name: 'dns', port: 53, protocol: 'UDP' as const },
  { name: 'dns-tcp', port: 53, protocol: 'TCP' as const },
  { name: 'metrics', port: 9153, protocol: 'TCP' as const },
];

/** Where one CoreDNS replica runs. */
export interface CoreDnsReplica {
  /** Pod name suffix after the ReplicaSet name, e.g. `x7k2m`. */
  suffix: string;
  ip: string;
  hostIp: string;
  nodeName: string;
  zone: string;
  annotations?: Record<string, string>;
}

/** CoreDNS objects of one cluster; `serviceIp` is the kube-dns ClusterIP, `corefile` the ConfigMap's Corefile. */
export function clusterDnsObjects(serviceIp: string, replicas: CoreDnsReplica[], corefile: string = COREFILE): KubernetesObject[] {
  const labels = { 'k8s-app': 'kube-dns', 'pod-template-hash': '7c8d9b6f54' };
  const containers = [
    {
      name: 'coredns',
      image: IMAGE,
      ports: [
        { name: 'dns', containerPort: 53, protocol: 'UDP' as const },
        { name: 'dns-tcp', containerPort: 53, protocol: 'TCP' as const },
        { name: 'metrics', containerPort: 9153, protocol: 'TCP' as const },
      ],
    },
  ];
  const deployment: KubernetesObject = {
    apiVersion: 'apps/v1',
    kind: 'Deployment',
    metadata: {
      name: 'coredns',
      namespace: 'kube-system',
      uid: kubernetesUid('deploy/kube-system/coredns'),
      resourceVersion: '1204470',
      generation: 3,
      creationTimestamp: CREATED,
      labels: { 'k8s-app': 'kube-dns' },
      annotations: { 'deployment.kubernetes.io/revision': '2' },
    },
    spec: {
      replicas: replicas.length,
      revisionHistoryLimit: 10,
      selector: { matchLabels: { 'k8s-app': 'kube-dns' } },
      strategy: { type: 'RollingUpdate', rollingUpdate: { maxSurge: '25%', maxUnavailable: 1 } },
      template: {
        metadata: { labels: { 'k8s-app': 'kube-dns' } },
        spec: {
          containers: containers.map((container) => ({ ...container, args: ['-conf', '/etc/coredns/Corefile'] })),
          dnsPolicy: 'Default',
          priorityClassName: 'system-cluster-critical',
          serviceAccountName: 'coredns',
          volumes: [{ name: 'config-volume', configMap: { name: 'coredns', items: [{ key: 'Corefile', path: 'Corefile' }] } }],
        },
      },
    },
    status: {
      observedGeneration: 3,
      replicas: replicas.length,
      updatedReplicas: replicas.length,
      readyReplicas: replicas.length,
      availableReplicas: replicas.length,
      conditions: [
        { type: 'Available', status: 'True', reason: 'MinimumReplicasAvailable', message: 'Deployment has minimum availability.' },
        { type: 'Progressing', status: 'True', reason: 'NewReplicaSetAvailable', message: `ReplicaSet "${REPLICA_SET}" has successfully progressed.` },
      ],
    },
  };
  const pods = replicas.map((replica) =>
    pod({
      namespace: 'kube-system',
      name: `${REPLICA_SET}-${replica.suffix}`,
      labels,
      annotations: replica.annotations,
      owner: { kind: 'ReplicaSet', name: REPLICA_SET },
      nodeName: replica.nodeName,
      ip: replica.ip,
      hostIp: replica.hostIp,
      containers,
      dnsPolicy: 'Default',
      serviceAccountName: 'coredns',
      priorityClassName: 'system-cluster-critical',
    }),
  );
  return [
    configMap('kube-system', 'coredns', { Corefile: corefile }),
    deployment,
    ...pods,
    service({
      namespace: 'kube-system',
      name: 'kube-dns',
      labels: { 'k8s-app': 'kube-dns', 'kubernetes.io/cluster-service': 'true', 'kubernetes.io/name': 'CoreDNS' },
      annotations: { 'prometheus.io/port': '9153', 'prometheus.io/scrape': 'true' },
      type: 'ClusterIP',
      clusterIP: serviceIp,
      selector: { 'k8s-app': 'kube-dns' },
      ports: DNS_PORTS.map((port) => ({ ...port, targetPort: port.port })),
    }),
    endpointSlice(
      { namespace: 'kube-system', name: 'kube-dns', suffix: 'q8w4z' },
      replicas.map((replica) => ({ ip: replica.ip, nodeName: replica.nodeName, zone: replica.zone, podName: `${REPLICA_SET}-${replica.suffix}` })),
      DNS_PORTS,
    ),
  ];
}
