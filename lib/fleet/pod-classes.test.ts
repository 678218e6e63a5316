import { describe, expect, it } from 'vitest';

import { onePod as pod, policy, service } from '@/lib/analysis/__fixtures__/kubernetes-builders';
import type { Pod } from '@/lib/analysis/model';

import { groupPodClasses, policyLabelKeys, type PodClassContext } from './pod-classes';

const context = (overrides: Partial<PodClassContext> = {}): PodClassContext => ({
  networkMode: 'vpc',
  networkPolicies: [policy({ podSelector: { matchLabels: { app: 'web' } } })],
  services: [],
  ...overrides,
});

const replica = (name: string, overrides: Partial<Pod> = {}): Pod =>
  pod({ name, labels: { app: 'web', 'pod-template-hash': '7d9c8b6f5' }, annotations: { 'k8s.aliyun.com/eni-instance-id': `eni-${name}` }, ip: `10.0.1.${name.length + 10}`, ...overrides });

/** Class membership as pod names, first pod first. */
const names = (pods: Pod[], input: PodClassContext) => groupPodClasses(pods, input).map((podClass) => podClass.pods.map((item) => item.name));

describe('groupPodClasses', () => {
  it.each<[string, Pod[], PodClassContext, string[][]]>([
    ['replicas of one Deployment (own ENIs, own IPs, other nodes) share a class', [replica('a', { nodeName: 'n1' }), replica('bb', { nodeName: 'n2' }), replica('ccc')], context(), [['a', 'bb', 'ccc']]],
    ['a label no policy selects by does not split a class', [replica('a'), replica('b', { labels: { app: 'web', 'pod-template-hash': 'other', version: 'v2' } })], context(), [['a', 'b']]],
    ['a label a policy selects by splits it', [replica('a'), replica('b', { labels: { app: 'api' } })], context(), [['a'], ['b']]],
    ['every label counts when the policies could not be read', [replica('a'), replica('b', { labels: { app: 'web', version: 'v2' } })], context({ networkPolicies: null }), [['a'], ['b']]],
    ['another namespace splits it', [replica('a'), replica('b', { namespace: 'orders' })], context(), [['a'], ['b']]],
    ['security-group annotations split it', [replica('a'), replica('b', { annotations: { 'network.alibabacloud.com/security-group-ids': 'sg-2' } })], context(), [['a'], ['b']]],
    ['an own EIP splits it', [replica('a'), replica('b', { annotations: { 'k8s.aliyun.com/allocated-eipAddress': '198.51.100.7' } })], context(), [['a'], ['b']]],
    ['the node splits it in Flannel mode', [replica('a', { nodeName: 'n1' }), replica('b', { nodeName: 'n2' }), replica('c', { nodeName: 'n1' })], context({ networkMode: 'flannel' }), [['a', 'c'], ['b']]],
    [
      'the node splits it when a LoadBalancer Service keeps traffic local',
      [replica('a', { nodeName: 'n1' }), replica('b', { nodeName: 'n2' })],
      context({ services: [service({ type: 'LoadBalancer', externalTrafficPolicy: 'Local' })] }),
      [['a'], ['b']],
    ],
    ['host network splits it, per node', [replica('a'), replica('b', { hostNetwork: true, nodeName: 'n1' }), replica('c', { hostNetwork: true, nodeName: 'n2' })], context(), [['a'], ['b'], ['c']]],
    ['a pod without an IP yet is apart', [replica('a'), replica('b', { ip: null, ips: [] })], context(), [['a'], ['b']]],
    ['a dual-stack pod is apart', [replica('a'), replica('b', { ips: ['10.0.1.9', '2408:4005::9'] })], context(), [['a'], ['b']]],
    ['a custom DNS config splits it', [replica('a'), replica('b', { dnsPolicy: 'None', dnsConfig: { nameservers: ['10.0.0.2'], searches: [], options: [] } })], context(), [['a'], ['b']]],
  ])('%s', (_name, pods, input, expected) => {
    expect(names(pods, input)).toStrictEqual(expected);
  });

  it('keys each class by what its pods share, the first pod first', () => {
    const classes = groupPodClasses([replica('a'), replica('b', { namespace: 'orders' }), replica('c')], context());
    expect(classes.map((podClass) => podClass.pods.map((item) => item.name))).toStrictEqual([['a', 'c'], ['b']]);
    expect(new Set(classes.map((podClass) => podClass.key)).size).toBe(2);
  });
});

describe('policyLabelKeys', () => {
  it('collects the keys of pod selectors and peers, expressions included', () => {
    const policies = [
      policy({
        podSelector: { matchLabels: { app: 'web' }, matchExpressions: [{ key: 'tier', operator: 'In', values: ['a'] }] },
        egress: [{ peers: [{ podSelector: { matchLabels: { role: 'db' } }, namespaceSelector: { matchLabels: { team: 'x' } }, ipBlock: null }], ports: null }],
      }),
    ];
    expect([...policyLabelKeys(policies)].sort()).toStrictEqual(['app', 'role', 'tier']);
  });
});
