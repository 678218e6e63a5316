/**
 * Builders for Kubernetes objects shaped exactly as `kubectl get -o json` prints one
 * item, with the fields a real cluster fills in (uids, owner references, status).
 */
import type { KubernetesObject } from '@/lib/schemas/world';

import { kubernetesUid, sha256Hex } from './ids';

/** Time every demo object was created (the demo is a snapshot, not a live cluster). */
export const CREATED = '2026-10-12T08:14:03Z';
const STARTED = '2026-11-20T02:31:47Z';

type Labels = Record<string, string>;

export interface ContainerPlan {
  name: string;
  image: string;
  ports: Array<{ name?: string; containerPort: number; protocol?: 'TCP' | 'UDP' }>;
}

/** A Namespace with the `kubernetes.io/metadata.name` label the API server adds. */
export function namespace(name: string, labels: Labels = {}): KubernetesObject {
  return {
    apiVersion: 'v1',
    kind: 'Namespace',
    metadata: {
      name,
      uid: kubernetesUid(`ns/${name}`),
      resourceVersion: '412',
      creationTimestamp: CREATED,
      labels: { 'kubernetes.io/metadata.name': name, ...labels },
    },
    spec: { finalizers: ['kubernetes'] },
    status: { phase: 'Active' },
  };
}

export interface NodePlan {
  name: string;
  labels: Labels;
  addresses: Array<{ type: 'InternalIP' | 'Hostname'; address: string }>;
  providerID?: string;
  podCIDR?: string;
  taints?: Array<{ key: string; value?: string; effect: string }>;
  kubeletVersion: string;
  osImage: string;
  capacity: Labels;
}

/** A Ready Node. */
export function node(plan: NodePlan): KubernetesObject {
  const spec: Record<string, unknown> = {};
  if (plan.podCIDR !== undefined) Object.assign(spec, { podCIDR: plan.podCIDR, podCIDRs: [plan.podCIDR] });
  if (plan.providerID !== undefined) spec.providerID = plan.providerID;
  if (plan.taints !== undefined) spec.taints = plan.taints;
  return {
    apiVersion: 'v1',
    kind: 'Node',
    metadata: {
      name: plan.name,
      uid: kubernetesUid(`node/${plan.name}`),
      resourceVersion: '982311',
      creationTimestamp: CREATED,
      labels: plan.labels,
    },
    spec,
    status: {
      addresses: plan.addresses,
      allocatable: plan.capacity,
      capacity: plan.capacity,
      conditions: [
        { type: 'MemoryPressure', status: 'False', reason: 'KubeletHasSufficientMemory', lastHeartbeatTime: STARTED, lastTransitionTime: CREATED },
        { type: 'DiskPressure', status: 'False', reason: 'KubeletHasNoDiskPressure', lastHeartbeatTime: STARTED, lastTransitionTime: CREATED },
        { type: 'PIDPressure', status: 'False', reason: 'KubeletHasSufficientPID', lastHeartbeatTime: STARTED, lastTransitionTime: CREATED },
        { type: 'Ready', status: 'True', reason: 'KubeletReady', message: 'kubelet is posting ready status', lastHeartbeatTime: STARTED, lastTransitionTime: CREATED },
      ],
      nodeInfo: {
        architecture: 'amd64',
        operatingSystem: 'linux',
        kubeletVersion: plan.kubeletVersion,
        kubeProxyVersion: plan.kubeletVersion,
        osImage: plan.osImage,
        containerRuntimeVersion: 'containerd://1.6.36',
      },
    },
  };
}

export interface PodPlan {
  namespace: string;
  name: string;
  labels: Labels;
  annotations?: Labels;
  /** `ReplicaSet`, `DaemonSet`, `Job` owner name; the kind is given with it. */
  owner: { kind: 'ReplicaSet' | 'DaemonSet' | 'Job'; name: string };
  nodeName: string;
  ip: string;
  hostIp: string;
  containers: ContainerPlan[];
  hostNetwork?: boolean;
  dnsPolicy?: 'ClusterFirst' | 'ClusterFirstWithHostNet' | 'Default' | 'None';
  /** `spec.dnsConfig` as the API returns it (e.g. injected by NodeLocal DNSCache's webhook). */
  dnsConfig?: { nameservers?: string[]; searches?: string[]; options?: Array<{ name: string; value?: string }> };
  serviceAccountName?: string;
  priorityClassName?: string;
}

/** A Running pod whose containers are all ready. */
export function pod(plan: PodPlan): KubernetesObject {
  const key = `pod/${plan.namespace}/${plan.name}`;
  const spec: Record<string, unknown> = {
    containers: plan.containers.map((container) => ({
      name: container.name,
      image: container.image,
      imagePullPolicy: 'IfNotPresent',
      ports: container.ports.map((port) => ({ ...port, protocol: port.protocol ?? 'TCP' })),
      resources: { limits: { cpu: '1', memory: '1Gi' }, requests: { cpu: '250m', memory: '512Mi' } },
      terminationMessagePath: '/dev/termination-log',
      terminationMessagePolicy: 'File',
    })),
    dnsPolicy: plan.dnsPolicy ?? 'ClusterFirst',
    enableServiceLinks: true,
    nodeName: plan.nodeName,
    preemptionPolicy: 'PreemptLowerPriority',
    priority: plan.priorityClassName === undefined ? 0 : 2000000000,
    restartPolicy: plan.owner.kind === 'Job' ? 'OnFailure' : 'Always',
    schedulerName: 'default-scheduler',
    securityContext: {},
    serviceAccountName: plan.serviceAccountName ?? 'default',
    terminationGracePeriodSeconds: 30,
  };
  if (plan.hostNetwork === true) spec.hostNetwork = true;
  if (plan.dnsConfig !== undefined) spec.dnsConfig = plan.dnsConfig;
  if (plan.priorityClassName !== undefined) spec.priorityClassName = plan.priorityClassName;
  const condition = (type: string) => ({ type, status: 'True', lastProbeTime: null, lastTransitionTime: STARTED });
  return {
    apiVersion: 'v1',
    kind: 'Pod',
    metadata: {
      name: plan.name,
      namespace: plan.namespace,
      uid: kubernetesUid(key),
      resourceVersion: '1204457',
      creationTimestamp: STARTED,
      labels: plan.labels,
      annotations: plan.annotations ?? {},
      ownerReferences: [
        {
          apiVersion: plan.owner.kind === 'Job' ? 'batch/v1' : 'apps/v1',
          kind: plan.owner.kind,
          name: plan.owner.name,
          uid: kubernetesUid(`${plan.owner.kind}/${plan.namespace}/${plan.owner.name}`),
          controller: true,
          blockOwnerDeletion: true,
        },
      ],
    },
    spec,
    status: {
      phase: 'Running',
      conditions: [
        condition('PodReadyToStartContainers'),
        condition('Initialized'),
        condition('Ready'),
        condition('ContainersReady'),
        condition('PodScheduled'),
      ],
      hostIP: plan.hostIp,
      hostIPs: [{ ip: plan.hostIp }],
      podIP: plan.ip,
      podIPs: [{ ip: plan.ip }],
      qosClass: 'Burstable',
      startTime: STARTED,
      containerStatuses: plan.containers.map((container) => ({
        name: container.name,
        image: container.image,
        imageID: `${container.image.split(':')[0] ?? container.image}@sha256:${sha256Hex(container.image)}`,
        containerID: `containerd://${sha256Hex(`${key}/${container.name}`)}`,
        ready: true,
        started: true,
        restartCount: 0,
        state: { running: { startedAt: STARTED } },
      })),
    },
  };
}
