import { describe, expect, it } from 'vitest';

import type { ClusterInfo, Fact, FactError, Node } from '@/lib/analysis/model';

import { detectClusterInfo, parseClusterDomain, regionOf, type ClusterInfoInput } from './cluster-info';

type ConfigMaps = ClusterInfoInput['kubeSystemConfigMaps'];
type Nodes = ClusterInfoInput['nodes'];

const forbidden = (resource: string): FactError => ({
  source: 'k8s',
  reason: 'forbidden',
  resource,
  message: `${resource} is forbidden`,
  code: 'Forbidden',
  retryable: false,
});
const configMaps = (entries: Record<string, Record<string, string>>): ConfigMaps => ({ kind: 'ok', value: new Map(Object.entries(entries)) });
const configMapsForbidden: ConfigMaps = { kind: 'missing', error: forbidden('configmaps') };
const node = (overrides: Partial<Node> = {}, podCidr: string | null = null) => ({
  node: { name: 'node-1', internalIp: '10.1.0.5', providerId: null, labels: {}, ...overrides },
  podCidr,
});
const nodes = (...items: Array<ReturnType<typeof node>>): Nodes => ({ kind: 'ok', value: items });
const nodesForbidden: Fact<never> = { kind: 'missing', error: forbidden('nodes') };
const virtualNode = node({ name: 'virtual-kubelet-cn-hangzhou-j', labels: { type: 'virtual-kubelet', 'topology.kubernetes.io/region': 'cn-hangzhou' } });
const ecsNode = node({ providerId: 'cn-shanghai.i-uf6node00000000001' }, '172.20.1.0/24');
const corefile = '.:53 {\n    errors\n    kubernetes corp.example. in-addr.arpa ip6.arpa {\n      pods insecure\n    }\n}\n';

describe('detectClusterInfo', () => {
  const rows: Array<[string, ClusterInfoInput, ClusterInfo]> = [
    [
      'kube-flannel-cfg → ACK Flannel, never enforced',
      { name: 'ack-flannel', kubeSystemConfigMaps: configMaps({ 'kube-flannel-cfg': {}, coredns: { Corefile: corefile } }), nodes: nodes(ecsNode) },
      {
        name: 'ack-flannel',
        kind: 'ack',
        networkMode: 'flannel',
        region: 'cn-shanghai',
        clusterDomain: 'corp.example',
        networkPolicyEnforcement: 'never',
        enforcementReason: 'ConfigMap kube-system/kube-flannel-cfg exists: the cluster uses Flannel, which does not enforce NetworkPolicy.',
      },
    ],
    [
      'eni-config → ACK Terway, always enforced',
      { name: 'ack-terway', kubeSystemConfigMaps: configMaps({ 'eni-config': { eni_conf: '{}' } }), nodes: nodes(node()) },
      {
        name: 'ack-terway',
        kind: 'ack',
        networkMode: 'vpc',
        region: null,
        clusterDomain: 'cluster.local',
        networkPolicyEnforcement: 'always',
        enforcementReason: 'Terway (ConfigMap kube-system/eni-config) enforces NetworkPolicy.',
      },
    ],
    [
      'eni-config with disable_network_policy "true" → never enforced',
      { name: 'ack-terway', kubeSystemConfigMaps: configMaps({ 'eni-config': { disable_network_policy: 'true' } }), nodes: nodesForbidden },
      {
        name: 'ack-terway',
        kind: 'ack',
        networkMode: 'vpc',
        region: null,
        clusterDomain: 'cluster.local',
        networkPolicyEnforcement: 'never',
        enforcementReason: 'Terway (ConfigMap kube-system/eni-config) has disable_network_policy: "true", so NetworkPolicy is not enforced.',
      },
    ],
    [
      'virtual-kubelet nodes → ACS, per pod',
      { name: 'acs-prod', kubeSystemConfigMaps: configMaps({ coredns: { Corefile: 'kubernetes cluster.local in-addr.arpa' } }), nodes: nodes(virtualNode) },
      {
        name: 'acs-prod',
        kind: 'acs',
        networkMode: 'vpc',
        region: 'cn-hangzhou',
        clusterDomain: 'cluster.local',
        networkPolicyEnforcement: 'perPod',
        enforcementReason: 'nodes are virtual-kubelet nodes (ACS): NetworkPolicy applies only to pods annotated alibabacloud.com/enable-network-policy-agent: "true".',
      },
    ],
    [
      'ConfigMaps forbidden, virtual nodes → ACS, and the reason says so',
      { name: 'acs-prod', kubeSystemConfigMaps: configMapsForbidden, nodes: nodes(virtualNode) },
      {
        name: 'acs-prod',
        kind: 'acs',
        networkMode: 'vpc',
        region: 'cn-hangzhou',
        clusterDomain: 'cluster.local',
        networkPolicyEnforcement: 'perPod',
        enforcementReason:
          'ConfigMaps in kube-system could not be read (forbidden), so this was decided from the nodes: nodes are virtual-kubelet nodes (ACS): NetworkPolicy applies only to pods annotated alibabacloud.com/enable-network-policy-agent: "true".',
      },
    ],
    [
      'ConfigMaps forbidden, nodes with podCIDR → Flannel',
      { name: 'ack-flannel', kubeSystemConfigMaps: configMapsForbidden, nodes: nodes(ecsNode) },
      {
        name: 'ack-flannel',
        kind: 'ack',
        networkMode: 'flannel',
        region: 'cn-shanghai',
        clusterDomain: 'cluster.local',
        networkPolicyEnforcement: 'never',
        enforcementReason:
          'ConfigMaps in kube-system could not be read (forbidden), so this was decided from the nodes: nodes have a spec.podCIDR, as Flannel clusters do; Flannel does not enforce NetworkPolicy.',
      },
    ],
    [
      'nothing readable → assumed Terway',
      { name: 'dark', kubeSystemConfigMaps: configMapsForbidden, nodes: nodesForbidden },
      {
        name: 'dark',
        kind: 'ack',
        networkMode: 'vpc',
        region: null,
        clusterDomain: 'cluster.local',
        networkPolicyEnforcement: 'always',
        enforcementReason: 'Neither ConfigMaps in kube-system nor nodes could be read (forbidden); assuming ACK with Terway, which enforces NetworkPolicy.',
      },
    ],
    [
      'no markers at all → assumed Terway',
      { name: 'plain', kubeSystemConfigMaps: configMaps({}), nodes: nodes(ecsNode) },
      {
        name: 'plain',
        kind: 'ack',
        networkMode: 'vpc',
        region: 'cn-shanghai',
        clusterDomain: 'cluster.local',
        networkPolicyEnforcement: 'always',
        enforcementReason: 'no Flannel or ACS markers found; assuming ACK with Terway, which enforces NetworkPolicy.',
      },
    ],
  ];

  it.each(rows)('%s', (_name, input, expected) => {
    expect(detectClusterInfo(input)).toStrictEqual(expected);
  });
});

describe('regionOf', () => {
  it.each<[string, Node[], string | null]>([
    ['the topology label wins', [node({ providerId: 'cn-shanghai.i-1', labels: { 'topology.kubernetes.io/region': 'cn-beijing' } }).node], 'cn-beijing'],
    ['else the providerID prefix', [node({ providerId: 'ap-southeast-1.i-t4n000000000001' }).node], 'ap-southeast-1'],
    ['else null', [node({ providerId: 'alicloud://i-1' }).node], null],
    ['no nodes: null', [], null],
  ])('%s', (_name, input, expected) => {
    expect(regionOf(input)).toBe(expected);
  });
});

describe('parseClusterDomain', () => {
  it.each<[string, string | undefined, string]>([
    ['the kubernetes plugin domain', corefile, 'corp.example'],
    ['default without a Corefile', undefined, 'cluster.local'],
    ['default without a kubernetes line', '.:53 {\n  forward . /etc/resolv.conf\n}', 'cluster.local'],
  ])('%s', (_name, input, expected) => {
    expect(parseClusterDomain(input)).toBe(expected);
  });
});
