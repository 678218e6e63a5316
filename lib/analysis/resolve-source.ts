/**
 * The source of the path as the network sees it (domain doc §4.1). Pure.
 */
import { parseIp } from './ip';
import type { NetworkInterface, PathFacts, Pod, ResolvedSource, VSwitch } from './model';

function factValueOrNull<T>(fact: { kind: 'ok'; value: T } | { kind: 'missing' }): T | null {
  return fact.kind === 'ok' ? fact.value : null;
}

/** The pod address a packet to `destination` leaves with: the pod's address of the destination's family when it holds one, else `status.podIP`. */
function podAddressFor(pod: Pod, destination: string | undefined): string | null {
  const version = destination === undefined ? null : (parseIp(destination)?.version ?? null);
  if (version === null || parseIp(pod.ip ?? '')?.version === version) return pod.ip;
  return pod.ips.find((address) => parseIp(address)?.version === version) ?? pod.ip;
}

/**
 * Resolves the source: in `vpc` mode (ACS, Terway) the pod IP leaves on the pod's ENI; in
 * `flannel` mode the node IP leaves on the node's ENI, so the node's vSwitch and groups apply.
 * Toward an IPv6 `destinationAddress` a dual-stack pod leaves with its IPv6 address.
 * `facts.cloud.sourceEni` is already the ENI carrying the traffic (pod's or node's). Fields
 * stay null when their fact is missing; hops then say `unknown`.
 */
export function resolveSource(facts: PathFacts, destinationAddress?: string): ResolvedSource {
  const { pod, cluster } = facts.cluster;
  const node = factValueOrNull(facts.cluster.node);
  const eni: NetworkInterface | null = factValueOrNull(facts.cloud.sourceEni);
  const vSwitches = factValueOrNull(facts.cloud.vSwitches) ?? [];
  const vSwitch: VSwitch | null = eni ? (vSwitches.find((candidate) => candidate.id === eni.vSwitchId) ?? null) : null;
  const nodeIp = node?.internalIp ?? null;
  const sourceAddress = cluster.networkMode === 'flannel' ? nodeIp : podAddressFor(pod, destinationAddress);
  return {
    podIp: pod.ip,
    nodeName: pod.nodeName,
    nodeIp,
    networkMode: cluster.networkMode,
    eniId: eni?.id ?? null,
    vpcId: eni?.vpcId ?? null,
    vSwitchId: eni?.vSwitchId ?? null,
    vSwitchCidr: vSwitch?.cidrBlock ?? null,
    securityGroupIds: eni?.securityGroupIds ?? [],
    eip: eni?.publicIp?.ip ?? null,
    sourceAddress,
  };
}
