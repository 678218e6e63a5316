/**
 * Assembles the cluster DNS fact from the kube-dns Service, its EndpointSlices and the
 * CoreDNS Deployment (pure; reader.ts does the reads).
 */
import 'server-only';

import type { V1DaemonSet, V1Deployment, V1EndpointSlice, V1Service } from '@kubernetes/client-node';

import type { ClusterDns, NodeLocalDns } from '@/lib/analysis/model';

import { toEndpointSlice, toService } from './convert';

/**
 * The `ClusterDns` fact. `service` and `deployment` are null when they do not exist (404):
 * then `serviceIp` / `deployment` are null and `podLabels` empty. Addresses are de-duplicated;
 * an endpoint without `conditions.ready` counts as ready.
 */
export function toClusterDns(input: {
  service: V1Service | null;
  endpointSlices: readonly V1EndpointSlice[];
  deployment: V1Deployment | null;
}): ClusterDns {
  const endpoints = input.endpointSlices.map(toEndpointSlice).flatMap((slice) => slice.endpoints);
  const ready = new Set(endpoints.filter((endpoint) => endpoint.ready).flatMap((endpoint) => endpoint.addresses));
  const notReady = new Set(
    endpoints.filter((endpoint) => !endpoint.ready).flatMap((endpoint) => endpoint.addresses).filter((address) => !ready.has(address)),
  );
  const { deployment } = input;
  return {
    serviceIp: input.service ? toService(input.service).clusterIp : null,
    readyEndpoints: [...ready],
    notReadyEndpoints: [...notReady],
    deployment: deployment
      ? {
          name: deployment.metadata?.name ?? '',
          // The API defaults spec.replicas to 1 when unset.
          replicas: deployment.spec?.replicas ?? 1,
          readyReplicas: deployment.status?.readyReplicas ?? 0,
        }
      : null,
    podLabels: deployment?.spec?.template.metadata?.labels ?? {},
  };
}

/** The address NodeLocal DNSCache listens on unless its `-localip` says otherwise. */
const NODE_LOCAL_DNS_ADDRESS = '169.254.20.10';

/**
 * ACK's `node-local-dns` DaemonSet as a `NodeLocalDns` fact: the addresses of its `-localip`
 * argument (`169.254.20.10,<kube-dns ClusterIP>`; 169.254.20.10 when absent), its selector
 * labels and how many of its pods are ready.
 */
export function toNodeLocalDns(daemonSet: V1DaemonSet): NodeLocalDns {
  const args = daemonSet.spec?.template.spec?.containers.flatMap((container) => [...(container.command ?? []), ...(container.args ?? [])]) ?? [];
  const index = args.findIndex((arg) => arg === '-localip' || arg.startsWith('-localip='));
  const value = index === -1 ? undefined : args[index]?.includes('=') ? args[index]?.split('=')[1] : args[index + 1];
  const listenAddresses = value ? value.split(',').map((address) => address.trim()).filter((address) => address !== '') : [NODE_LOCAL_DNS_ADDRESS];
  return {
    name: daemonSet.metadata?.name ?? 'node-local-dns',
    listenAddresses,
    podLabels: daemonSet.spec?.selector.matchLabels ?? {},
    desired: daemonSet.status?.desiredNumberScheduled ?? 0,
    ready: daemonSet.status?.numberReady ?? 0,
  };
}
