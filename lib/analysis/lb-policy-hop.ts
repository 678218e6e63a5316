/**
 * Hop 8: a LoadBalancer Service of this cluster addressed by its CLB address from inside
 * the cluster (domain doc §7). kube-proxy short-circuits that address on the node; with
 * `externalTrafficPolicy: Local` it only forwards to backends on the same node. Pure.
 */
import { manualFix } from '@/lib/fixes/cloud-fixes';
import { externalTrafficPolicyClusterFix, loadBalancerHostnameFix } from '@/lib/fixes/kubernetes-fixes';

import { describeFactError, makeHop, skipHop, unknownHop } from './hop-helpers';
import { msg } from './message';
import type { EndpointSlice, EvidenceTable, FactRef, Fix, Hop, PathContext, PathFacts, Service } from './model';
import { POLICY_PROTOCOL } from './network-policy-peer';
import { findDestinationService, LOADBALANCER_HOSTNAME_ANNOTATION, slicesOf } from './network-policy-targets';

const KIND = 'lbPolicy';

const serviceId = (service: Service): string => `${service.namespace}/${service.name}`;
const serviceRef = (service: Service): FactRef => ({ kind: 'service', id: serviceId(service), label: `Service ${serviceId(service)}` });

interface Endpoint {
  address: string;
  podName: string | null;
  nodeName: string | null;
  ready: boolean;
}

function endpointsOf(service: Service, slices: EndpointSlice[]): Endpoint[] {
  return slicesOf(service, slices).flatMap((slice) =>
    slice.endpoints.flatMap((endpoint) => endpoint.addresses.map((address) => ({ address, podName: endpoint.podName, nodeName: endpoint.nodeName, ready: endpoint.ready }))),
  );
}

function endpointTable(service: Service, endpoints: Endpoint[], decidingRow: number | null): EvidenceTable {
  return {
    title: `Endpoints of Service ${serviceId(service)}`,
    columns: ['Address', 'Pod', 'Node', 'Ready'],
    rows: endpoints.map((endpoint) => [endpoint.address, endpoint.podName ?? '—', endpoint.nodeName ?? '—', endpoint.ready ? 'yes' : 'no']),
    decidingRow,
  };
}

function hairpinFixes(service: Service, facts: PathFacts, address: string): Fix[] {
  const domain = facts.cluster.cluster.clusterDomain;
  const servicePort = service.ports.find((entry) => entry.port === facts.request.port) ?? service.ports[0];
  const clusterIp = service.clusterIp ? `${service.clusterIp}:${servicePort?.port ?? facts.request.port}` : null;
  const dnsName = `${service.name}.${service.namespace}.svc.${domain}`;
  const hostname = service.loadBalancerIngress.find((ingress) => ingress.hostname)?.hostname ?? null;
  return [
    manualFix({
      id: 'lbPolicy-use-cluster-address',
      title: `Call ${dnsName} instead of ${address} from inside the cluster`,
      description: `In-cluster clients reach the Service through its ClusterIP, which forwards to every ready backend whatever the externalTrafficPolicy.`,
      risk: 'None for the cluster: only the address the client uses changes. Traffic no longer passes the CLB (its listener settings do not apply).',
      target: serviceRef(service),
      steps: [
        `Configure the client to use ${dnsName}${clusterIp ? ` (ClusterIP ${clusterIp})` : ''} instead of ${address}.`,
        'Keep the CLB address for clients outside the cluster.',
      ],
    }),
    externalTrafficPolicyClusterFix(service, facts.cluster.cluster.name),
    loadBalancerHostnameFix(service, hostname, facts.cluster.cluster.name),
  ];
}

/**
 * The lbPolicy hop: `skip` unless the destination is a LoadBalancer Service ingress address of
 * this cluster; `pass` with the loadbalancer-hostname annotation (traffic really goes to the
 * CLB) or `externalTrafficPolicy: Cluster`; for `Local`, `pass` when the source pod's node runs
 * a ready backend and `block` otherwise (fixes: cluster address, Cluster policy, hostname
 * annotation); `warn` when the Service has no port for the request; `unknown` on missing facts.
 */
export function evaluateLbPolicyHop(facts: PathFacts, path: PathContext): Hop {
  if (path.destination.kind !== 'clusterLoadBalancer') return skipHop(KIND, msg('analysis.lbPolicy.notClusterLoadBalancer'));
  const address = path.destination.addresses[0] ?? path.destination.host;
  const { services, endpointSlices, pod } = facts.cluster;
  if (services.kind === 'missing') return unknownHop(KIND, describeFactError(services.error));
  const service = findDestinationService(services.value.filter((candidate) => candidate.type === 'LoadBalancer'), path.destination);
  if (!service) return unknownHop(KIND, `no LoadBalancer Service of this cluster has the ingress address ${address}`);
  const id = serviceId(service);
  const evidence = { facts: [serviceRef(service)], decidedBy: serviceRef(service) };
  const hostname = service.annotations[LOADBALANCER_HOSTNAME_ANNOTATION];
  if (hostname !== undefined) {
    return makeHop(KIND, 'pass', `Service ${id} has the loadbalancer-hostname annotation: traffic to ${address} goes to the CLB`, {
      evidence: { ...evidence, notes: [`${LOADBALANCER_HOSTNAME_ANNOTATION}: ${hostname} makes the CCM report a hostname, so kube-proxy installs no in-node rule for ${address}; the CLB's own listeners and ACLs apply.`] },
    });
  }
  const protocol = POLICY_PROTOCOL[facts.request.protocol];
  if (!service.ports.some((entry) => entry.port === facts.request.port && entry.protocol === protocol)) {
    // Which happens depends on the kube-proxy mode, which is not read: refused (IPVS) or sent to the CLB (iptables).
    const reason = `Service ${id} has no ${protocol} port ${facts.request.port}: in IPVS mode ${address} is local on every node and the connection is refused; in iptables mode it leaves for the CLB. The kube-proxy mode is not read`;
    return makeHop(KIND, 'unknown', `Cannot tell: ${reason}`, {
      reason,
      evidence: { ...evidence, notes: [`Ports of ${id}: ${service.ports.map((entry) => `${entry.protocol} ${entry.port}`).join(', ') || 'none'}.`] },
    });
  }
  const trafficPolicy = service.externalTrafficPolicy ?? 'Cluster';
  if (trafficPolicy === 'Cluster') {
    return makeHop(KIND, 'pass', `Service ${id} has externalTrafficPolicy Cluster: kube-proxy forwards ${address} to any ready backend`, {
      evidence: { ...evidence, notes: ['kube-proxy short-circuits the CLB address on the node; the packets never reach the CLB.'] },
    });
  }
  if (endpointSlices.kind === 'missing') return unknownHop(KIND, describeFactError(endpointSlices.error));
  const endpoints = endpointsOf(service, endpointSlices.value);
  const node = pod.nodeName;
  const local = endpoints.findIndex((endpoint) => endpoint.ready && node !== null && endpoint.nodeName === node);
  const notes = [`With externalTrafficPolicy Local, kube-proxy forwards ${address} from a node only to ready backends on that node.`];
  const tables = [endpointTable(service, endpoints, local === -1 ? null : local)];
  if (local !== -1) {
    const backend = endpoints[local];
    return makeHop(KIND, 'pass', `Node ${node} of the source pod runs a ready backend of Service ${id} (${backend?.podName ?? backend?.address}), so ${address} is served locally`, {
      evidence: { ...evidence, tables, notes },
    });
  }
  const where = node === null ? 'the source pod has no node' : `node ${node} runs no ready backend`;
  return makeHop(KIND, 'block', `Service ${id} has externalTrafficPolicy Local and ${where}: kube-proxy drops in-cluster traffic to ${address}`, {
    evidence: { ...evidence, tables, notes },
    fixes: hairpinFixes(service, facts, address),
  });
}
