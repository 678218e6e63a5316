import { describe, expect, it } from 'vitest';

import { clusterFacts, corednsPod, factError, missing, ok, onePod } from './__fixtures__/kubernetes-builders';
import { corednsConfig } from './coredns-config';
import { resolverConfig } from './dns-candidates';
import { namesLinkLocalNameserver, podResolverChain, type PodResolverChain } from './dns-chain';
import { planName, type DnsPlan } from './dns-plan';
import type { ClusterFacts, NodeLocalDns, Pod } from './model';

const daemonSet: NodeLocalDns = { name: 'node-local-dns', listenAddresses: ['169.254.20.10', '192.168.0.10'], podLabels: { 'k8s-app': 'node-local-dns' }, desired: 2, ready: 2 };
const cachePod = onePod({ namespace: 'kube-system', name: 'node-local-dns-k7d2p', labels: { 'k8s-app': 'node-local-dns' }, nodeName: 'node-a', hostNetwork: true });
const injected: Partial<Pod> = {
  nodeName: 'node-a',
  dnsPolicy: 'None',
  dnsConfig: { nameservers: ['169.254.20.10', '192.168.0.10'], searches: ['prod.svc.cluster.local'], options: [{ name: 'ndots', value: '3' }] },
};
const facts = (pod: Partial<Pod>, extra: Partial<ClusterFacts> = {}): ClusterFacts =>
  clusterFacts({ pod: onePod(pod), pods: ok([onePod(pod), corednsPod(), cachePod]), nodeLocalDns: ok(daemonSet), ...extra });
const chainOf = (cluster: ClusterFacts): PodResolverChain => podResolverChain(cluster, resolverConfig(cluster.pod, cluster.cluster, '192.168.0.10'));

const coredns = { kind: 'coredns' as const, hops: ['CoreDNS (kube-dns 192.168.0.10)'], notes: [], skipped: [], nodeLocal: null };
const GONE = "The pod's nameserver 169.254.20.10 is NodeLocal DNSCache, but";

describe('podResolverChain', () => {
  const rows: Array<[string, ClusterFacts, PodResolverChain]> = [
    ['ClusterFirst asks CoreDNS through kube-dns', facts({}), coredns],
    ['dnsPolicy Default asks the VPC DNS itself', facts({ dnsPolicy: 'Default' }), { kind: 'vpcDns', server: '100.100.2.136', hops: ['VPC DNS 100.100.2.136'], notes: [], skipped: [] }],
    ['a nameserver of its own', facts({ dnsPolicy: 'None', dnsConfig: { nameservers: ['10.9.0.2'], searches: [], options: [] } }), { kind: 'other', server: '10.9.0.2', notes: [], skipped: [] }],
    [
      'the injected NodeLocal DNSCache first, then CoreDNS',
      facts(injected),
      {
        kind: 'coredns',
        hops: ['NodeLocal DNSCache 169.254.20.10 (pod node-local-dns-k7d2p on node-a)', 'CoreDNS (kube-dns 192.168.0.10)'],
        notes: ['NodeLocal DNSCache (DaemonSet node-local-dns, 2/2 ready) answers on 169.254.20.10 on the pod\'s node and sends cache misses to CoreDNS (kube-dns 192.168.0.10).'],
        skipped: [],
        nodeLocal: { daemonSet, pod: cachePod },
      },
    ],
    [
      'no NodeLocal DNSCache pod on the node: the next nameserver, after a timeout',
      facts({ ...injected, nodeName: 'node-b' }),
      { ...coredns, skipped: [`${GONE} no ready node-local-dns pod runs on node node-b: every query waits for its timeout there before the next nameserver is asked`] },
    ],
    [
      'the cluster does not run it',
      facts(injected, { nodeLocalDns: ok(null) }),
      { ...coredns, skipped: [`${GONE} the cluster does not run NodeLocal DNSCache (no DaemonSet kube-system/node-local-dns): every query waits for its timeout there before the next nameserver is asked`] },
    ],
    [
      'unknown when the DaemonSet could not be read',
      facts(injected, { nodeLocalDns: missing(factError({ resource: 'DaemonSet kube-system/node-local-dns', message: 'forbidden' })) }),
      { kind: 'unknown', reason: 'the pod asks NodeLocal DNSCache (169.254.20.10), and its DaemonSet could not be read (403 on DaemonSet kube-system/node-local-dns: forbidden)', notes: [] },
    ],
  ];
  it.each(rows)('%s', (_name, cluster, expected) => {
    expect(chainOf(cluster)).toStrictEqual(expected);
  });

  it.each([
    ['an injected dnsConfig', onePod(injected), true],
    ['the ACS custom DNS annotation', onePod({ annotations: { 'network.alibabacloud.com/custom-dnsconfig': '{"servers":["169.254.20.10"]}' } }), true],
    ['plain ClusterFirst', onePod(), false],
  ])('reads the NodeLocal DaemonSet only for a pod naming a link-local nameserver: %s', (_name, pod, expected) => {
    expect(namesLinkLocalNameserver(pod)).toBe(expected);
  });
});

describe('planName', () => {
  const corefile = (text: string | null, extra: Partial<ClusterFacts> = {}) => facts({}, { corefile: ok(text), ...extra });
  const STUB = 'idc.example.internal:53 {\n  forward . 10.50.0.53\n}\n.:53 {\n  hosts {\n    10.0.8.8 registry.example.com\n    fallthrough\n  }\n  kubernetes cluster.local\n  forward . /etc/resolv.conf\n}\n';
  const plan = (name: string, cluster: ClusterFacts): DnsPlan => planName(name, chainOf(cluster), corednsConfig(cluster), cluster);
  const hops = ['CoreDNS (kube-dns 192.168.0.10)'];

  it('sends a public name through the assumed ACK default to the VPC DNS, saying it is assumed', () => {
    expect(plan('api.example.com', corefile(null))).toStrictEqual({
      kind: 'vpcDns',
      name: 'api.example.com',
      ask: 'api.example.com',
      path: [...hops, 'CoreDNS server block .:53 (line 1, assumed)', 'forward . /etc/resolv.conf (line 13)'],
    });
  });

  it('answers a Corefile hosts entry without asking anyone', () => {
    expect(plan('registry.example.com', corefile(STUB))).toStrictEqual({
      kind: 'answer',
      answer: {
        name: 'registry.example.com',
        answeredBy: 'CoreDNS hosts entry (line 6)',
        rcode: 'NOERROR',
        addresses: ['10.0.8.8'],
        cnames: [],
        source: { kind: 'corednsHosts', zone: '.:53' },
        path: [...hops, 'CoreDNS server block .:53 (line 4)', 'hosts (line 6)'],
      },
    });
  });

  it('plans the stub for a name of its zone', () => {
    const found = plan('ldap.idc.example.internal', corefile(STUB));
    expect(found.kind === 'stub' ? [found.ask, found.route.servers, found.path] : found).toStrictEqual([
      'ldap.idc.example.internal',
      [{ ip: '10.50.0.53', port: 53 }],
      [...hops, 'CoreDNS server block idc.example.internal:53 (line 1)', 'forward . 10.50.0.53 (line 2)'],
    ]);
  });

  it('is unknown, never the dashboard’s resolver, when the Corefile of an ACK cluster could not be read', () => {
    const cluster = facts({}, { cluster: { ...clusterFacts().cluster, kind: 'ack' }, corefile: missing(factError({ resource: 'ConfigMaps in kube-system', message: 'forbidden' })) });
    const found = plan('api.example.com', cluster);
    expect(found).toStrictEqual({
      kind: 'answer',
      answer: {
        name: 'api.example.com',
        answeredBy: 'not asked',
        rcode: 'UNKNOWN',
        addresses: [],
        cnames: [],
        source: {
          kind: 'unasked',
          reason: 'the CoreDNS Corefile could not be read (403 on ConfigMaps in kube-system: forbidden); a stub forward, hosts entry or rewrite there could answer the name',
        },
        path: hops,
      },
    });
  });

  it('assumes the ACK default on ACS when the ConfigMap may not be read', () => {
    const cluster = facts({}, { corefile: missing(factError({ reason: 'forbidden', resource: 'ConfigMaps in kube-system' })) });
    expect(plan('api.example.com', cluster).kind).toBe('vpcDns');
  });
});
