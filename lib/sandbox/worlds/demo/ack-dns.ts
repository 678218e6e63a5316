/**
 * The DNS set-up of the ack-flannel cluster beyond the default:
 *
 * - its Corefile forwards the IDC zone `idc.example.internal` to the IDC's own DNS servers
 *   (10.50.0.53/54, across the VPN), which the node security group does not let DNS reach
 *   (coredns-stub-forward); every other name goes the default way, so the cluster's other
 *   scenarios keep their verdicts;
 * - ACK's NodeLocal DNSCache add-on: the `node-local-dns` DaemonSet (hostNetwork, 169.254.20.10
 *   on each node) and the namespace `gateway` labelled for its admission webhook, whose pod
 *   carries the injected dnsConfig (nodelocal-dns-ok).
 */
import type { KubernetesObject } from '@/lib/schemas/world';

import type { AckNodePlan } from './ack-flannel';
import { COREFILE } from './cluster-dns';
import { kubernetesUid } from './ids';
import { CREATED, namespace, pod } from './kubernetes-objects';
import { KUBE_DNS_IP } from './topology';

/** The IDC DNS servers the Corefile's stub block names. */
export const IDC_DNS_SERVERS = ['10.50.0.53', '10.50.0.54'] as const;
export const IDC_CIDR = '10.50.0.0/16';

/** ACK's default Corefile with a stub block for the IDC zone in front. */
export const ACK_FLANNEL_COREFILE = `idc.example.internal:53 {
    errors
    cache 30
    forward . ${IDC_DNS_SERVERS.join(' ')} {
      policy sequential
    }
    reload
}
${COREFILE}`;

const NODE_LOCAL_IMAGE = 'registry-cn-hangzhou-vpc.ack.aliyuncs.com/acs/k8s-dns-node-cache:v1.22.28-1-aliyun';
const NODE_LOCAL_LABELS = { 'k8s-app': 'node-local-dns' };
const LOCAL_IP = '169.254.20.10';

function nodeLocalDaemonSet(nodes: readonly AckNodePlan[]): KubernetesObject {
  return {
    apiVersion: 'apps/v1',
    kind: 'DaemonSet',
    metadata: {
      name: 'node-local-dns',
      namespace: 'kube-system',
      uid: kubernetesUid('ds/kube-system/node-local-dns'),
      resourceVersion: '1204402',
      generation: 1,
      creationTimestamp: CREATED,
      labels: { ...NODE_LOCAL_LABELS, 'app.kubernetes.io/managed-by': 'Helm' },
      annotations: { 'meta.helm.sh/release-name': 'ack-node-local-dns', 'meta.helm.sh/release-namespace': 'kube-system' },
    },
    spec: {
      selector: { matchLabels: NODE_LOCAL_LABELS },
      updateStrategy: { type: 'RollingUpdate', rollingUpdate: { maxUnavailable: '10%' } },
      template: {
        metadata: { labels: NODE_LOCAL_LABELS },
        spec: {
          hostNetwork: true,
          dnsPolicy: 'Default',
          priorityClassName: 'system-node-critical',
          serviceAccountName: 'node-local-dns',
          containers: [
            {
              name: 'node-cache',
              image: NODE_LOCAL_IMAGE,
              args: ['-localip', `${LOCAL_IP},${KUBE_DNS_IP}`, '-conf', '/etc/Corefile', '-upstreamsvc', 'kube-dns-upstream', '-skipteardown=true', '-setupinterface=true', '-setupiptables=true'],
              ports: [
                { name: 'dns', containerPort: 53, protocol: 'UDP' },
                { name: 'dns-tcp', containerPort: 53, protocol: 'TCP' },
              ],
            },
          ],
        },
      },
    },
    status: {
      currentNumberScheduled: nodes.length,
      desiredNumberScheduled: nodes.length,
      numberAvailable: nodes.length,
      numberMisscheduled: 0,
      numberReady: nodes.length,
      observedGeneration: 1,
      updatedNumberScheduled: nodes.length,
    },
  };
}

function nodeLocalPod(plan: AckNodePlan, suffix: string): KubernetesObject {
  return pod({
    namespace: 'kube-system',
    name: `node-local-dns-${suffix}`,
    labels: { ...NODE_LOCAL_LABELS, 'controller-revision-hash': '7b9c6d5f8', 'pod-template-generation': '1' },
    owner: { kind: 'DaemonSet', name: 'node-local-dns' },
    nodeName: plan.name,
    ip: plan.ip,
    hostIp: plan.ip,
    hostNetwork: true,
    dnsPolicy: 'Default',
    serviceAccountName: 'node-local-dns',
    priorityClassName: 'system-node-critical',
    containers: [{ name: 'node-cache', image: NODE_LOCAL_IMAGE, ports: [{ name: 'dns', containerPort: 53, protocol: 'UDP' }, { name: 'dns-tcp', containerPort: 53, protocol: 'TCP' }] }],
  });
}

/** The pod of namespace `gateway`, with the dnsConfig NodeLocal DNSCache's webhook injected (nodelocal-dns-ok). */
function edgeProxy(plan: AckNodePlan): KubernetesObject {
  return pod({
    namespace: 'gateway',
    name: 'edge-proxy-5c8d7b9f6-t6w3k',
    labels: { app: 'edge-proxy', 'pod-template-hash': '5c8d7b9f6' },
    owner: { kind: 'ReplicaSet', name: 'edge-proxy-5c8d7b9f6' },
    nodeName: plan.name,
    ip: '172.20.0.141',
    hostIp: plan.ip,
    dnsPolicy: 'None',
    dnsConfig: {
      nameservers: [LOCAL_IP, KUBE_DNS_IP],
      searches: ['gateway.svc.cluster.local', 'svc.cluster.local', 'cluster.local'],
      options: [
        { name: 'ndots', value: '3' },
        { name: 'attempts', value: '2' },
        { name: 'timeout', value: '1' },
      ],
    },
    containers: [{ name: 'envoy', image: 'registry-cn-hangzhou-vpc.cr.aliyuncs.com/gateway/envoy:v1.31.2', ports: [{ name: 'https', containerPort: 8443 }] }],
  });
}

/** NodeLocal DNSCache on every node and the namespace that uses it; `podNode` runs the gateway pod. */
export function nodeLocalDnsObjects(nodes: readonly AckNodePlan[], podNode: AckNodePlan): KubernetesObject[] {
  return [
    namespace('gateway', { 'node-local-dns-injection': 'enabled' }),
    nodeLocalDaemonSet(nodes),
    ...nodes.map((plan, index) => nodeLocalPod(plan, ['k7d2p', 'x4m9q'][index] ?? `n${index}`)),
    edgeProxy(podNode),
  ];
}
