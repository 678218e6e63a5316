import { describe, expect, it } from 'vitest';

import { onePod } from '@/lib/analysis/__fixtures__/kubernetes-builders';

import { searchPods, workloadOf } from './pod-search';

const web = onePod({ namespace: 'shop', name: 'storefront-web-7d9c8b6f5-x2lqk', ip: '10.0.1.21', ips: ['10.0.1.21'], nodeName: 'virtual-kubelet-cn-hangzhou-h', labels: { app: 'storefront' } });
const ledger = onePod({ namespace: 'finance', name: 'ledger-0', ip: '10.0.4.8', ips: ['10.0.4.8', 'fd00::8'], nodeName: 'node-b', labels: {} });
const agent = onePod({ namespace: 'kube-system', name: 'log-agent-x7k2p', ip: '10.0.1.210', ips: ['10.0.1.210'], nodeName: 'node-a', labels: { 'k8s-app': 'logtail' } });
const bare = onePod({ namespace: 'default', name: 'debug', ip: null, ips: [], nodeName: null, labels: { 'app.kubernetes.io/name': 'toolbox' } });
const pods = [web, ledger, agent, bare];

describe('workloadOf', () => {
  it.each([
    ['a Deployment pod', web, 'storefront-web'],
    ['a StatefulSet pod', ledger, 'ledger'],
    ['a DaemonSet pod', agent, 'log-agent'],
    ['a bare pod by its app label', bare, 'toolbox'],
    ['a bare pod without labels', onePod({ name: 'debug', labels: {} }), null],
  ])('%s', (_name, pod, expected) => {
    expect(workloadOf(pod)).toBe(expected);
  });
});

describe('searchPods', () => {
  it.each([
    ['an exact IP finds its pod across namespaces', '10.0.4.8', [['finance/ledger-0', 'ip']]],
    ['an IPv6 address', 'fd00::8', [['finance/ledger-0', 'ip']]],
    ['an IP prefix finds every pod under it, IPs first', '10.0.1.2', [['kube-system/log-agent-x7k2p', 'ip'], ['shop/storefront-web-7d9c8b6f5-x2lqk', 'ip']]],
    ['a short number is not taken as an IP prefix', '10.', []],
    ['part of a pod name, case-insensitive', 'STOREFRONT-W', [['shop/storefront-web-7d9c8b6f5-x2lqk', 'name']]],
    ['an app label value', 'logtail', [['kube-system/log-agent-x7k2p', 'workload']]],
    ['a workload label of a bare pod', 'toolbox', [['default/debug', 'workload']]],
    ['a node name', 'node-b', [['finance/ledger-0', 'node']]],
    ['surrounding spaces are ignored', '  ledger ', [['finance/ledger-0', 'name']]],
    ['an empty query matches nothing', '   ', []],
    ['no match', 'no-such-pod', []],
  ])('%s', (_name, query, expected) => {
    const { matches, total } = searchPods(pods, query, 10);
    expect(matches.map((match) => [`${match.pod.namespace}/${match.pod.name}`, match.field])).toStrictEqual(expected);
    expect(total).toBe(expected.length);
  });

  it('returns at most the limit and counts every match', () => {
    const many = Array.from({ length: 30 }, (_, index) => onePod({ namespace: 'batch', name: `job-${String(index).padStart(2, '0')}`, ip: `10.0.9.${index}`, ips: [] }));
    const { matches, total } = searchPods(many, 'job-', 5);
    expect(total).toBe(30);
    expect(matches.map((match) => match.pod.name)).toStrictEqual(['job-00', 'job-01', 'job-02', 'job-03', 'job-04']);
  });
});
