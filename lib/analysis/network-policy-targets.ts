/**
 * Where packets toward a destination really go once kube-proxy has translated Service
 * addresses: the Service's ready backend pods and their target ports. NetworkPolicy is
 * applied after that translation, so policies are evaluated against the backends. Pure.
 */
import { matchesLabelSelector } from './label-selector';
import type { EndpointSlice, Pod, ResolvedDestination, Service, ServicePort } from './model';
import type { FlowTarget } from './network-policy-flow';
import type { PolicyProtocol } from './network-policy';

/** Annotation making the CCM report a hostname, so kube-proxy does not short-circuit the CLB address. */
export const LOADBALANCER_HOSTNAME_ANNOTATION = 'service.beta.kubernetes.io/alibaba-cloud-loadbalancer-hostname';

/**
 * The Service behind a `clusterService` / `clusterLoadBalancer` destination: by its
 * `namespace/name` resource id, else by ClusterIP or load balancer ingress address.
 */
export function findDestinationService(services: Service[], destination: ResolvedDestination): Service | null {
  const byId = services.find((service) => `${service.namespace}/${service.name}` === destination.resourceId);
  if (byId) return byId;
  const address = destination.addresses[0];
  if (address === undefined) return null;
  return (
    services.find(
      (service) => service.clusterIp === address || service.loadBalancerIngress.some((ingress) => ingress.ip === address),
    ) ?? null
  );
}

/** The EndpointSlices of a Service. */
export function slicesOf(service: Service, slices: EndpointSlice[]): EndpointSlice[] {
  return slices.filter((slice) => slice.namespace === service.namespace && slice.serviceName === service.name);
}

function backendPort(servicePort: ServicePort | null, requestPort: number, slice: EndpointSlice | null, pod: Pod | null): number {
  if (!servicePort) return requestPort;
  const fromSlice = slice?.ports.find((entry) => entry.name === servicePort.name && entry.protocol === servicePort.protocol);
  if (fromSlice) return fromSlice.port;
  if (typeof servicePort.targetPort === 'number') return servicePort.targetPort;
  const named = pod?.containerPorts.find((entry) => entry.name === servicePort.targetPort && entry.protocol === servicePort.protocol);
  return named ? named.containerPort : requestPort;
}

/** Backends of a Service toward which the policies are evaluated, with notes on how they were found. */
export interface ServiceTargets {
  targets: FlowTarget[];
  notes: string[];
}

/**
 * The ready backends of `service` for a flow to `port`/`protocol`: from its EndpointSlices
 * (pods found by name, else by address), or, without slices, the ready pods its selector
 * matches. The port becomes the backend's target port.
 */
export function serviceTargets(service: Service, slices: EndpointSlice[], pods: Pod[], port: number, protocol: PolicyProtocol): ServiceTargets {
  const id = `${service.namespace}/${service.name}`;
  const servicePort = service.ports.find((entry) => entry.port === port && entry.protocol === protocol) ?? null;
  const notes = servicePort
    ? []
    : [`Service ${id} has no ${protocol} port ${port}; the backends are evaluated on port ${port} unchanged.`];
  const own = slicesOf(service, slices);
  if (own.length > 0) {
    const targets = own.flatMap((slice) =>
      slice.endpoints
        .filter((endpoint) => endpoint.ready)
        .flatMap((endpoint) =>
          endpoint.addresses.map((address) => {
            const pod =
              pods.find((candidate) => candidate.namespace === service.namespace && candidate.name === endpoint.podName) ??
              pods.find((candidate) => candidate.ip === address || candidate.ips.includes(address)) ??
              null;
            return { address, port: backendPort(servicePort, port, slice, pod), protocol, pod };
          }),
        ),
    );
    return { targets, notes: [...notes, `kube-proxy translates Service ${id} to its ${targets.length} ready endpoint(s) before NetworkPolicy applies; policies are evaluated toward them.`] };
  }
  const selector = service.selector;
  if (!selector) return { targets: [], notes: [...notes, `Service ${id} has neither EndpointSlices nor a selector.`] };
  const targets = pods
    .filter((pod) => pod.namespace === service.namespace && pod.ready && pod.ip !== null && matchesLabelSelector({ matchLabels: selector }, pod.labels))
    .map((pod) => ({ address: pod.ip ?? '', port: backendPort(servicePort, port, null, pod), protocol, pod }));
  return { targets, notes: [...notes, `No EndpointSlice found for Service ${id}; its backends are the ${targets.length} ready pod(s) its selector matches.`] };
}
