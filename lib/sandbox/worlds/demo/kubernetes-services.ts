/**
 * Builders for Services, EndpointSlices, NetworkPolicies and ConfigMaps shaped as
 * `kubectl get -o json` prints them.
 */
import type { KubernetesObject } from '@/lib/schemas/world';

import { kubernetesUid } from './ids';
import { CREATED } from './kubernetes-objects';

type Labels = Record<string, string>;

export interface ServicePlan {
  namespace: string;
  name: string;
  labels?: Labels;
  annotations?: Labels;
  type: 'ClusterIP' | 'LoadBalancer';
  clusterIP: string;
  /** Absent for Services without a selector (e.g. `default/kubernetes`). */
  selector?: Labels;
  ports: Array<{ name: string; port: number; targetPort: number | string; protocol?: 'TCP' | 'UDP'; nodePort?: number }>;
  externalTrafficPolicy?: 'Cluster' | 'Local';
  healthCheckNodePort?: number;
  loadBalancerIp?: string;
}

/** A Service; LoadBalancer services carry their `status.loadBalancer.ingress`. */
export function service(plan: ServicePlan): KubernetesObject {
  const spec: Record<string, unknown> = {
    type: plan.type,
    clusterIP: plan.clusterIP,
    clusterIPs: [plan.clusterIP],
    internalTrafficPolicy: 'Cluster',
    ipFamilies: ['IPv4'],
    ipFamilyPolicy: 'SingleStack',
    ports: plan.ports.map((port) => ({ ...port, protocol: port.protocol ?? 'TCP' })),
    sessionAffinity: 'None',
  };
  if (plan.selector !== undefined) spec.selector = plan.selector;
  if (plan.type === 'LoadBalancer') {
    spec.allocateLoadBalancerNodePorts = true;
    spec.externalTrafficPolicy = plan.externalTrafficPolicy ?? 'Cluster';
    if (plan.healthCheckNodePort !== undefined) spec.healthCheckNodePort = plan.healthCheckNodePort;
  }
  const ingress = plan.loadBalancerIp === undefined ? [] : [{ ip: plan.loadBalancerIp, ipMode: 'VIP' }];
  return {
    apiVersion: 'v1',
    kind: 'Service',
    metadata: {
      name: plan.name,
      namespace: plan.namespace,
      uid: kubernetesUid(`svc/${plan.namespace}/${plan.name}`),
      resourceVersion: '20931',
      creationTimestamp: CREATED,
      labels: plan.labels ?? {},
      annotations: plan.annotations ?? {},
    },
    spec,
    status: { loadBalancer: plan.type === 'LoadBalancer' ? { ingress } : {} },
  };
}

export interface EndpointPlan {
  ip: string;
  nodeName: string;
  zone: string;
  podName: string;
  ready?: boolean;
}

/** The EndpointSlice the endpointslice controller keeps for a Service. */
export function endpointSlice(
  svc: { namespace: string; name: string; suffix: string },
  endpoints: EndpointPlan[],
  ports: Array<{ name: string; port: number; protocol?: 'TCP' | 'UDP' }>,
): KubernetesObject {
  return {
    apiVersion: 'discovery.k8s.io/v1',
    kind: 'EndpointSlice',
    metadata: {
      name: `${svc.name}-${svc.suffix}`,
      namespace: svc.namespace,
      uid: kubernetesUid(`eps/${svc.namespace}/${svc.name}`),
      resourceVersion: '1204460',
      creationTimestamp: CREATED,
      generateName: `${svc.name}-`,
      labels: {
        'endpointslice.kubernetes.io/managed-by': 'endpointslice-controller.k8s.io',
        'kubernetes.io/service-name': svc.name,
      },
      ownerReferences: [
        { apiVersion: 'v1', kind: 'Service', name: svc.name, uid: kubernetesUid(`svc/${svc.namespace}/${svc.name}`), controller: true, blockOwnerDeletion: true },
      ],
    },
    addressType: 'IPv4',
    endpoints: endpoints.map((endpoint) => {
      const ready = endpoint.ready ?? true;
      return {
        addresses: [endpoint.ip],
        conditions: { ready, serving: ready, terminating: false },
        nodeName: endpoint.nodeName,
        zone: endpoint.zone,
        targetRef: { kind: 'Pod', namespace: svc.namespace, name: endpoint.podName, uid: kubernetesUid(`pod/${svc.namespace}/${endpoint.podName}`) },
      };
    }),
    ports: ports.map((port) => ({ ...port, protocol: port.protocol ?? 'TCP' })),
  };
}

/** A NetworkPolicy with the given spec. */
export function networkPolicy(namespaceName: string, name: string, spec: Record<string, unknown>): KubernetesObject {
  return {
    apiVersion: 'networking.k8s.io/v1',
    kind: 'NetworkPolicy',
    metadata: {
      name,
      namespace: namespaceName,
      uid: kubernetesUid(`netpol/${namespaceName}/${name}`),
      resourceVersion: '731002',
      generation: 1,
      creationTimestamp: CREATED,
    },
    spec,
  };
}

/** A ConfigMap. */
export function configMap(namespaceName: string, name: string, data: Record<string, string>, labels: Labels = {}): KubernetesObject {
  return {
    apiVersion: 'v1',
    kind: 'ConfigMap',
    metadata: {
      name,
      namespace: namespaceName,
      uid: kubernetesUid(`cm/${namespaceName}/${name}`),
      resourceVersion: '3120',
      creationTimestamp: CREATED,
      labels,
    },
    data,
  };
}
