/**
 * Converters from @kubernetes/client-node models to the domain types of lib/analysis/model.ts.
 * Absent optional fields become `null` / `[]` / `{}` as the domain type documents.
 */
import 'server-only';

import type {
  V1EndpointSlice,
  V1Namespace,
  V1Node,
  V1Pod,
  V1PodDNSConfig,
  V1Service,
  V1ServicePort,
} from '@kubernetes/client-node';

import type {
  ContainerPort,
  DnsConfig,
  DnsPolicy,
  EndpointSlice,
  Namespace,
  Node,
  Pod,
  Service,
  ServicePort,
} from '@/lib/analysis/model';

type L4Protocol = 'TCP' | 'UDP' | 'SCTP';

/** `TCP` when absent (the API default); the protocols Kubernetes knows. */
export function toProtocol(protocol: string | undefined): L4Protocol {
  if (protocol === 'UDP' || protocol === 'SCTP') return protocol;
  return 'TCP';
}

/** A pod; `ready` is true only when every container of `spec.containers` reports ready. */
export function toPod(raw: V1Pod): Pod {
  const metadata = raw.metadata ?? {};
  const spec = raw.spec;
  const status = raw.status ?? {};
  const ip = status.podIP ?? null;
  const ips = (status.podIPs ?? []).map((podIp) => podIp.ip).filter((value) => value !== '');
  const containers = spec?.containers ?? [];
  const readyNames = new Set((status.containerStatuses ?? []).filter((container) => container.ready).map((container) => container.name));
  const controller = (metadata.ownerReferences ?? []).find((reference) => reference.controller === true);

  return {
    namespace: metadata.namespace ?? '',
    name: metadata.name ?? '',
    uid: metadata.uid ?? null,
    labels: metadata.labels ?? {},
    annotations: metadata.annotations ?? {},
    ip,
    ips: ips.length === 0 && ip !== null ? [ip] : ips,
    nodeName: spec?.nodeName ?? null,
    phase: status.phase ?? 'Unknown',
    ready: containers.length > 0 && containers.every((container) => readyNames.has(container.name)),
    hostNetwork: spec?.hostNetwork ?? false,
    dnsPolicy: toDnsPolicy(spec?.dnsPolicy),
    dnsConfig: spec?.dnsConfig ? toDnsConfig(spec.dnsConfig) : null,
    containerPorts: containers.flatMap((container) =>
      (container.ports ?? []).map(
        (port): ContainerPort => ({ name: port.name ?? null, containerPort: port.containerPort, protocol: toProtocol(port.protocol) }),
      ),
    ),
    ...(controller ? { owner: { kind: controller.kind, name: controller.name } } : {}),
  };
}

/** `ClusterFirst` when unset, as the API server defaults it. */
function toDnsPolicy(value: string | undefined): DnsPolicy {
  switch (value) {
    case 'ClusterFirstWithHostNet':
    case 'Default':
    case 'None':
      return value;
    default:
      return 'ClusterFirst';
  }
}

function toDnsConfig(raw: V1PodDNSConfig): DnsConfig {
  return {
    nameservers: raw.nameservers ?? [],
    searches: raw.searches ?? [],
    options: (raw.options ?? []).map((option) => ({ name: option.name ?? '', value: option.value ?? null })),
  };
}

/** A node; `internalIp` is its first `InternalIP` address. */
export function toNode(raw: V1Node): Node {
  return {
    name: raw.metadata?.name ?? '',
    internalIp: raw.status?.addresses?.find((address) => address.type === 'InternalIP')?.address ?? null,
    providerId: raw.spec?.providerID ?? null,
    labels: raw.metadata?.labels ?? {},
  };
}

export function toNamespace(raw: V1Namespace): Namespace {
  return { name: raw.metadata?.name ?? '', labels: raw.metadata?.labels ?? {} };
}

/**
 * A Service. `clusterIp` is null for headless (`None`) and ExternalName services; an empty
 * `spec.selector` counts as none (the Service's endpoints are managed by hand).
 */
export function toService(raw: V1Service): Service {
  const spec = raw.spec ?? {};
  const type = toServiceType(spec.type);
  const clusterIp = spec.clusterIP;
  const selector = spec.selector && Object.keys(spec.selector).length > 0 ? spec.selector : null;
  const externalTrafficPolicy = spec.externalTrafficPolicy;
  return {
    namespace: raw.metadata?.namespace ?? '',
    name: raw.metadata?.name ?? '',
    type,
    clusterIp: type === 'ExternalName' || clusterIp === undefined || clusterIp === '' || clusterIp === 'None' ? null : clusterIp,
    externalTrafficPolicy: externalTrafficPolicy === 'Cluster' || externalTrafficPolicy === 'Local' ? externalTrafficPolicy : null,
    loadBalancerIngress: (raw.status?.loadBalancer?.ingress ?? []).map((ingress) => ({ ip: ingress.ip ?? null, hostname: ingress.hostname ?? null })),
    ports: (spec.ports ?? []).map(toServicePort),
    selector,
    annotations: raw.metadata?.annotations ?? {},
    externalName: spec.externalName ?? null,
  };
}

function toServiceType(value: string | undefined): Service['type'] {
  switch (value) {
    case 'NodePort':
    case 'LoadBalancer':
    case 'ExternalName':
      return value;
    default:
      return 'ClusterIP';
  }
}

/** `targetPort` defaults to `port`, as the API server defaults it. */
function toServicePort(raw: V1ServicePort): ServicePort {
  return {
    name: raw.name ?? null,
    port: raw.port,
    targetPort: raw.targetPort ?? raw.port,
    protocol: toProtocol(raw.protocol),
    nodePort: raw.nodePort ?? null,
  };
}

/**
 * An EndpointSlice. An endpoint whose `conditions.ready` is unset counts as ready (the API's
 * documented meaning of nil); ports without a number (meaning "all ports") are left out.
 */
export function toEndpointSlice(raw: V1EndpointSlice): EndpointSlice {
  return {
    namespace: raw.metadata?.namespace ?? '',
    name: raw.metadata?.name ?? '',
    serviceName: raw.metadata?.labels?.['kubernetes.io/service-name'] ?? null,
    endpoints: (raw.endpoints ?? []).map((endpoint) => ({
      addresses: endpoint.addresses,
      ready: endpoint.conditions?.ready ?? true,
      nodeName: endpoint.nodeName ?? null,
      podName: endpoint.targetRef?.kind === 'Pod' ? (endpoint.targetRef.name ?? null) : null,
    })),
    ports: (raw.ports ?? []).flatMap((port) =>
      port.port === undefined ? [] : [{ name: port.name ?? null, port: port.port, protocol: toProtocol(port.protocol) }],
    ),
  };
}
