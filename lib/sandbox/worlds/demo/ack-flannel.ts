/**
 * The `ack-flannel` cluster: ACK on ECS nodes with Flannel. Pod IPs come from the
 * Flannel pod CIDR (172.20.0.0/16, outside the VPC); pod traffic leaves with the
 * node's IP and is subject to the node ENI's security groups.
 */
import type { KubernetesObject, WorldCluster } from '@/lib/schemas/world';

import { ACK_FLANNEL_COREFILE, nodeLocalDnsObjects } from './ack-dns';
import { clusterDnsObjects } from './cluster-dns';
import { cloudId } from './ids';
import { namespace, node, pod } from './kubernetes-objects';
import { configMap } from './kubernetes-services';
import { FLANNEL_POD_CIDR, KUBE_DNS_IP, KUBELET_VERSION, REGION_ID, V_SWITCHES, VPCS, type VSwitchKey } from './topology';

export interface AckNodePlan {
  /** ACK names nodes `<region>.<InternalIP>`. */
  name: string;
  instanceId: string;
  instanceName: string;
  ip: string;
  vSwitch: VSwitchKey;
  /** The node's Flannel subnet (a VPC route points it at the instance). */
  podCidr: string;
  eniId: string;
}

function ackNode(key: string, ip: string, vSwitch: VSwitchKey, podCidr: string): AckNodePlan {
  return {
    name: `${REGION_ID}.${ip}`,
    instanceId: cloudId('i', `ack/${key}`),
    instanceName: `worker-k8s-for-cs-c8f1e2d3a4b5-${key}`,
    ip,
    vSwitch,
    podCidr,
    eniId: cloudId('eni', `ack/${key}`),
  };
}

/** The two ECS worker nodes. */
export const ACK_NODES: readonly AckNodePlan[] = [
  ackNode('node-h', '192.168.10.21', 'ackNodesH', '172.20.0.0/25'),
  ackNode('node-i', '192.168.11.22', 'ackNodesI', '172.20.0.128/25'),
];

const NODE_POOL_ID = 'np7d2c9e4b1a5f48c6b3e0d9a2f1c7b8e4';

function ecsNode(plan: AckNodePlan): KubernetesObject {
  const zone = V_SWITCHES[plan.vSwitch].zone;
  return node({
    name: plan.name,
    labels: {
      'beta.kubernetes.io/arch': 'amd64',
      'beta.kubernetes.io/os': 'linux',
      'beta.kubernetes.io/instance-type': 'ecs.g7.xlarge',
      'kubernetes.io/arch': 'amd64',
      'kubernetes.io/os': 'linux',
      'kubernetes.io/hostname': plan.name,
      'node.kubernetes.io/instance-type': 'ecs.g7.xlarge',
      'topology.kubernetes.io/region': REGION_ID,
      'topology.kubernetes.io/zone': zone,
      'failure-domain.beta.kubernetes.io/region': REGION_ID,
      'failure-domain.beta.kubernetes.io/zone': zone,
      'alibabacloud.com/nodepool-id': NODE_POOL_ID,
      'ack.aliyun.com': 'c8f1e2d3a4b5c6d7e8f9a0b1c2d3e4f5a',
    },
    addresses: [
      { type: 'InternalIP', address: plan.ip },
      { type: 'Hostname', address: plan.name },
    ],
    providerID: `${REGION_ID}.${plan.instanceId}`,
    podCIDR: plan.podCidr,
    kubeletVersion: KUBELET_VERSION,
    osImage: 'Alibaba Cloud Linux 3.2104 U11 (OpenAnolis Edition)',
    capacity: { cpu: '4', memory: '15918940Ki', pods: '128', 'ephemeral-storage': '123722704Ki' },
  });
}

function nodeAt(index: number): AckNodePlan {
  const plan = ACK_NODES[index];
  if (plan === undefined) throw new Error(`demo world: ACK node ${index} is not planned`);
  return plan;
}

const NET_CONF = JSON.stringify({ Network: FLANNEL_POD_CIDR, Backend: { Type: 'ali-vpc' } }, null, 2);
const CNI_CONF = JSON.stringify(
  {
    name: 'cb0',
    cniVersion: '0.3.1',
    plugins: [
      { type: 'flannel', delegate: { isDefaultGateway: true, hairpinMode: true } },
      { type: 'portmap', capabilities: { portMappings: true }, externalSetMarkChain: 'KUBE-MARK-MASQ' },
    ],
  },
  null,
  2,
);

function flannelPod(plan: AckNodePlan, suffix: string): KubernetesObject {
  return pod({
    namespace: 'kube-system',
    name: `kube-flannel-ds-${suffix}`,
    labels: { app: 'flannel', tier: 'node', 'controller-revision-hash': '5d8c7b9f6', 'pod-template-generation': '1' },
    owner: { kind: 'DaemonSet', name: 'kube-flannel-ds' },
    nodeName: plan.name,
    ip: plan.ip,
    hostIp: plan.ip,
    hostNetwork: true,
    dnsPolicy: 'ClusterFirstWithHostNet',
    serviceAccountName: 'flannel',
    priorityClassName: 'system-node-critical',
    containers: [{ name: 'kube-flannel', image: 'registry-cn-hangzhou-vpc.ack.aliyuncs.com/acs/flannel:v0.15.1.22-20a397e6-aliyun', ports: [] }],
  });
}

function appPod(namespaceName: string, app: string, hash: string, suffix: string, plan: AckNodePlan, ip: string, port: number): KubernetesObject {
  return pod({
    namespace: namespaceName,
    name: `${app}-${hash}-${suffix}`,
    labels: { app, 'pod-template-hash': hash },
    owner: { kind: 'ReplicaSet', name: `${app}-${hash}` },
    nodeName: plan.name,
    ip,
    hostIp: plan.ip,
    containers: [{ name: app, image: `registry-cn-hangzhou-vpc.cr.aliyuncs.com/billing/${app}:3.14.2`, ports: [{ name: 'http', containerPort: port }] }],
  });
}

/** The ack-flannel cluster entry of the demo world. */
export function ackFlannelCluster(): WorldCluster {
  const nodeH = nodeAt(0);
  const nodeI = nodeAt(1);
  const coreDns = [
    { suffix: 'b5n8w', ip: '172.20.0.2', hostIp: nodeH.ip, nodeName: nodeH.name, zone: V_SWITCHES[nodeH.vSwitch].zone },
    { suffix: 'r3j6t', ip: '172.20.0.130', hostIp: nodeI.ip, nodeName: nodeI.name, zone: V_SWITCHES[nodeI.vSwitch].zone },
  ];
  return {
    name: 'ack-flannel',
    kind: 'ack',
    networkMode: 'flannel',
    region: REGION_ID,
    vpcId: VPCS.ack.id,
    description: 'ACK managed cluster on ECS nodes with Flannel (ali-vpc backend): pod traffic leaves with the node IP.',
    objects: [
      ...['default', 'kube-system', 'kube-public', 'kube-node-lease', 'billing', 'notifications'].map((name) => namespace(name)),
      ...ACK_NODES.map(ecsNode),
      configMap('kube-system', 'kube-flannel-cfg', { 'cni-conf.json': CNI_CONF, 'net-conf.json': NET_CONF }, { app: 'flannel', tier: 'node' }),
      flannelPod(nodeH, 'zq4xk'),
      flannelPod(nodeI, 'h8m2v'),
      ...clusterDnsObjects(KUBE_DNS_IP, coreDns, ACK_FLANNEL_COREFILE),
      // nodelocal-dns-ok (NodeLocal DNSCache on both nodes, the gateway namespace using it)
      ...nodeLocalDnsObjects(ACK_NODES, nodeI),
      // flannel-rds-nodeip
      appPod('billing', 'billing-api', '84c6d9f7b5', 'w7q2n', nodeH, '172.20.0.15', 8080),
      // flannel-internet-ok
      appPod('notifications', 'webhook-sender', '6f9b8c7d5', 'c4k8s', nodeI, '172.20.0.140', 8080),
    ],
  };
}
