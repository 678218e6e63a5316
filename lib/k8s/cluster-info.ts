/**
 * How the adapter tells what kind of cluster it is talking to (pure; the reads happen in
 * reader.ts). The demo world follows the same conventions.
 *
 * Detection, first match wins:
 * 1. kube-system ConfigMap `kube-flannel-cfg` exists → ACK with Flannel (`flannel`); Flannel
 *    does not enforce NetworkPolicy (`never`). Domain doc §9.
 * 2. kube-system ConfigMap `eni-config` exists → ACK with Terway (`vpc`); NetworkPolicy is
 *    enforced (`always`) unless its data `disable_network_policy` is `"true"` (`never`).
 * 3. a node labelled `type: virtual-kubelet` → ACS (`vpc`); NetworkPolicy applies per pod
 *    (`perPod`): only to pods annotated `alibabacloud.com/enable-network-policy-agent: "true"`.
 * 4. otherwise ACK, assumed Terway (`vpc`, `always`). When the ConfigMaps could not be read
 *    (403), nodes decide alone: virtual nodes → ACS, nodes with `spec.podCIDR` → Flannel
 *    (Flannel allocates per-node pod CIDRs, Terway does not), else Terway; the reason says so.
 *
 * Region: the first node label `topology.kubernetes.io/region`, else the region part of an
 * ACK providerID (`cn-hangzhou.i-bp1…`), else null.
 * Cluster domain: the `kubernetes <domain> …` line of the CoreDNS Corefile
 * (ConfigMap kube-system/coredns), else `cluster.local`.
 */
import 'server-only';

import type { ClusterInfo, Fact, Node } from '@/lib/analysis/model';

export const policyAgentAnnotation = 'alibabacloud.com/enable-network-policy-agent';

export interface ClusterInfoInput {
  /** kubeconfig context name. */
  name: string;
  /** ConfigMaps of kube-system: name → data. */
  kubeSystemConfigMaps: Fact<ReadonlyMap<string, Readonly<Record<string, string>>>>;
  /** Nodes with their `spec.podCIDR`. */
  nodes: Fact<ReadonlyArray<{ node: Node; podCidr: string | null }>>;
}

type Detection = Pick<ClusterInfo, 'kind' | 'networkMode' | 'networkPolicyEnforcement' | 'enforcementReason'>;

/** Decides kind, network mode, NetworkPolicy enforcement, region and cluster domain (rules above). */
export function detectClusterInfo(input: ClusterInfoInput): ClusterInfo {
  const configMaps = input.kubeSystemConfigMaps.kind === 'ok' ? input.kubeSystemConfigMaps.value : null;
  const nodes = input.nodes.kind === 'ok' ? input.nodes.value : null;
  return {
    name: input.name,
    ...detectNetworking(input),
    region: nodes ? regionOf(nodes.map(({ node }) => node)) : null,
    clusterDomain: parseClusterDomain(configMaps?.get('coredns')?.Corefile),
  };
}

function detectNetworking(input: ClusterInfoInput): Detection {
  const { kubeSystemConfigMaps, nodes } = input;
  if (kubeSystemConfigMaps.kind === 'ok') {
    const configMaps = kubeSystemConfigMaps.value;
    if (configMaps.has('kube-flannel-cfg')) {
      return flannel('ConfigMap kube-system/kube-flannel-cfg exists: the cluster uses Flannel, which does not enforce NetworkPolicy.');
    }
    const eniConfig = configMaps.get('eni-config');
    if (eniConfig) {
      return eniConfig.disable_network_policy === 'true'
        ? { kind: 'ack', networkMode: 'vpc', networkPolicyEnforcement: 'never', enforcementReason: 'Terway (ConfigMap kube-system/eni-config) has disable_network_policy: "true", so NetworkPolicy is not enforced.' }
        : { kind: 'ack', networkMode: 'vpc', networkPolicyEnforcement: 'always', enforcementReason: 'Terway (ConfigMap kube-system/eni-config) enforces NetworkPolicy.' };
    }
  }
  const prefix =
    kubeSystemConfigMaps.kind === 'missing'
      ? `ConfigMaps in kube-system could not be read (${kubeSystemConfigMaps.error.reason}), so this was decided from the nodes: `
      : '';
  if (nodes.kind === 'missing') {
    const why =
      kubeSystemConfigMaps.kind === 'missing'
        ? `Neither ConfigMaps in kube-system nor nodes could be read (${nodes.error.reason})`
        : `No kube-flannel-cfg or eni-config ConfigMap in kube-system and nodes could not be read (${nodes.error.reason})`;
    return terway(`${why}; assuming ACK with Terway, which enforces NetworkPolicy.`);
  }
  if (nodes.value.some(({ node }) => node.labels.type === 'virtual-kubelet')) {
    return {
      kind: 'acs',
      networkMode: 'vpc',
      networkPolicyEnforcement: 'perPod',
      enforcementReason: `${prefix}nodes are virtual-kubelet nodes (ACS): NetworkPolicy applies only to pods annotated ${policyAgentAnnotation}: "true".`,
    };
  }
  if (kubeSystemConfigMaps.kind === 'missing' && nodes.value.some(({ podCidr }) => podCidr !== null)) {
    return flannel(`${prefix}nodes have a spec.podCIDR, as Flannel clusters do; Flannel does not enforce NetworkPolicy.`);
  }
  return terway(`${prefix}no Flannel or ACS markers found; assuming ACK with Terway, which enforces NetworkPolicy.`);
}

function flannel(enforcementReason: string): Detection {
  return { kind: 'ack', networkMode: 'flannel', networkPolicyEnforcement: 'never', enforcementReason };
}

function terway(enforcementReason: string): Detection {
  return { kind: 'ack', networkMode: 'vpc', networkPolicyEnforcement: 'always', enforcementReason };
}

/** The region from node labels, else from an ACK providerID `<region>.<instance-id>`; null when neither says. */
export function regionOf(nodes: readonly Node[]): string | null {
  for (const node of nodes) {
    const label = node.labels['topology.kubernetes.io/region'];
    if (label) return label;
  }
  for (const node of nodes) {
    const match = /^([a-z]{2,}-[a-z0-9-]+)\.[A-Za-z0-9-]+$/.exec(node.providerId ?? '');
    if (match?.[1]) return match[1];
  }
  return null;
}

/** The domain of the Corefile's `kubernetes` plugin line (without a trailing dot), else `cluster.local`. */
export function parseClusterDomain(corefile: string | undefined): string {
  const match = /^\s*kubernetes\s+([A-Za-z0-9.-]+)/m.exec(corefile ?? '');
  const domain = match?.[1]?.replace(/\.$/, '');
  return domain ? domain : 'cluster.local';
}
