import { describe, expect, it } from 'vitest';

import { clusterFacts, clusterInfo, endpointSlice, missing, ok, onePod, service } from './__fixtures__/kubernetes-builders';
import { CLUSTER_RECORDS_ANSWERER, candidateNames, resolveClusterName, resolverConfig, type ResolverConfig } from './dns-candidates';
import type { DnsAnswer, Pod } from './model';
import { msg } from './message';

const cluster = clusterInfo();
const NODE_SEARCH_NOTE = msg('analysis.dns.nodeSearchDomainsUnknown');
const DEFAULT_NOTE = "dnsPolicy Default uses the node's resolv.conf, assumed to list the VPC DNS 100.100.2.136 and 100.100.2.138 without search domains.";
const clusterSearches = ['prod.svc.cluster.local', 'svc.cluster.local', 'cluster.local'];

describe('resolverConfig', () => {
  const rows: Array<[string, Partial<Pod>, string | null, ResolverConfig]> = [
    [
      'ClusterFirst: kube-dns, the cluster search list, ndots 5',
      {},
      '192.168.0.10',
      { nameservers: ['192.168.0.10'], searches: clusterSearches, ndots: 5, policy: 'ClusterFirst', notes: [NODE_SEARCH_NOTE] },
    ],
    [
      'ClusterFirst on the host network falls back to Default',
      { hostNetwork: true },
      '192.168.0.10',
      {
        nameservers: ['100.100.2.136', '100.100.2.138'],
        searches: [],
        ndots: 1,
        policy: 'Default',
        notes: ['A hostNetwork pod with dnsPolicy ClusterFirst gets the node resolver (Default); ClusterFirstWithHostNet would give it cluster DNS.', DEFAULT_NOTE],
      },
    ],
    [
      'ClusterFirstWithHostNet on the host network keeps cluster DNS',
      { hostNetwork: true, dnsPolicy: 'ClusterFirstWithHostNet' },
      '192.168.0.10',
      { nameservers: ['192.168.0.10'], searches: clusterSearches, ndots: 5, policy: 'ClusterFirstWithHostNet', notes: [NODE_SEARCH_NOTE] },
    ],
    [
      'ClusterFirst without a known cluster DNS address falls back to Default',
      {},
      null,
      {
        nameservers: ['100.100.2.136', '100.100.2.138'],
        searches: [],
        ndots: 1,
        policy: 'Default',
        notes: ['The cluster DNS address is unknown (kube-dns Service not found); kubelet then falls back to Default.', DEFAULT_NOTE],
      },
    ],
    [
      'Default: the VPC DNS, no cluster search list, ndots 1',
      { dnsPolicy: 'Default' },
      '192.168.0.10',
      { nameservers: ['100.100.2.136', '100.100.2.138'], searches: [], ndots: 1, policy: 'Default', notes: [DEFAULT_NOTE] },
    ],
    [
      'None: only dnsConfig',
      { dnsPolicy: 'None', dnsConfig: { nameservers: ['10.0.0.2'], searches: ['corp.example.'], options: [{ name: 'ndots', value: '2' }] } },
      '192.168.0.10',
      { nameservers: ['10.0.0.2'], searches: ['corp.example'], ndots: 2, policy: 'None', notes: [] },
    ],
    [
      'None without dnsConfig has no nameserver',
      { dnsPolicy: 'None' },
      '192.168.0.10',
      { nameservers: [], searches: [], ndots: 1, policy: 'None', notes: ['The pod has no nameserver: it cannot resolve any name.'] },
    ],
    [
      'dnsConfig is appended to ClusterFirst and its ndots overrides',
      { dnsConfig: { nameservers: ['169.254.20.10', '192.168.0.10'], searches: ['corp.example'], options: [{ name: 'ndots', value: '2' }, { name: 'edns0', value: null }] } },
      '192.168.0.10',
      { nameservers: ['192.168.0.10', '169.254.20.10'], searches: [...clusterSearches, 'corp.example'], ndots: 2, policy: 'ClusterFirst', notes: [NODE_SEARCH_NOTE] },
    ],
    [
      'the ACS custom-dnsconfig annotation is merged too',
      { annotations: { 'network.alibabacloud.com/custom-dnsconfig': '{"servers":["10.0.0.2"],"searches":["corp.example"],"options":["ndots:3","edns0"]}' } },
      '192.168.0.10',
      {
        nameservers: ['192.168.0.10', '10.0.0.2'],
        searches: [...clusterSearches, 'corp.example'],
        ndots: 3,
        policy: 'ClusterFirst',
        notes: [NODE_SEARCH_NOTE, 'The ACS annotation network.alibabacloud.com/custom-dnsconfig adds to the resolver configuration.'],
      },
    ],
    [
      'an invalid custom-dnsconfig annotation is ignored with a note',
      { annotations: { 'network.alibabacloud.com/custom-dnsconfig': '{"servers":"10.0.0.2"}' } },
      '192.168.0.10',
      {
        nameservers: ['192.168.0.10'],
        searches: clusterSearches,
        ndots: 5,
        policy: 'ClusterFirst',
        notes: [NODE_SEARCH_NOTE, 'network.alibabacloud.com/custom-dnsconfig must hold string arrays servers, searches and options; ignored'],
      },
    ],
    [
      'more than three nameservers are cut to three',
      { dnsPolicy: 'None', dnsConfig: { nameservers: ['10.0.0.1', '10.0.0.2', '10.0.0.3', '10.0.0.4'], searches: [], options: [] } },
      null,
      { nameservers: ['10.0.0.1', '10.0.0.2', '10.0.0.3'], searches: [], ndots: 1, policy: 'None', notes: ['Only the first 3 nameservers are used; 10.0.0.4 dropped.'] },
    ],
  ];
  it.each(rows)('%s', (_name, pod, clusterDnsIp, expected) => {
    expect(resolverConfig(onePod(pod), cluster, clusterDnsIp)).toStrictEqual(expected);
  });
});

describe('candidateNames', () => {
  const clusterFirst = { searches: clusterSearches, ndots: 5 };
  it.each<[string, string, { searches: string[]; ndots: number }, string[]]>([
    [
      'a short name under ndots 5 tries the search list first',
      'api.partnr.example.com',
      clusterFirst,
      ['api.partnr.example.com.prod.svc.cluster.local', 'api.partnr.example.com.svc.cluster.local', 'api.partnr.example.com.cluster.local', 'api.partnr.example.com'],
    ],
    ['a trailing dot means the absolute name only', 'api.partner.example.com.', clusterFirst, ['api.partner.example.com']],
    ['a service short name expands in the pod namespace first', 'orders', clusterFirst, ['orders.prod.svc.cluster.local', 'orders.svc.cluster.local', 'orders.cluster.local', 'orders']],
    [
      'a name with at least ndots dots is tried as is first',
      'a.b.c.d.e.f',
      clusterFirst,
      ['a.b.c.d.e.f', 'a.b.c.d.e.f.prod.svc.cluster.local', 'a.b.c.d.e.f.svc.cluster.local', 'a.b.c.d.e.f.cluster.local'],
    ],
    ['Default (ndots 1, no search list) tries the name alone', 'api.example.com', { searches: [], ndots: 1 }, ['api.example.com']],
    ['ndots 2 with one dot: search first', 'api.example', { searches: ['corp.example'], ndots: 2 }, ['api.example.corp.example', 'api.example']],
    ['an IP address is not expanded', '203.0.113.10', clusterFirst, ['203.0.113.10']],
  ])('%s', (_name, host, config, expected) => {
    expect(candidateNames(host, config)).toStrictEqual(expected);
  });
});

describe('resolveClusterName', () => {
  const facts = clusterFacts({
    services: ok([
      service(),
      service({ name: 'orders-headless', clusterIp: null }),
      service({ name: 'empty-headless', clusterIp: null }),
      service({ name: 'partner', type: 'ExternalName', clusterIp: null, externalName: 'api.partner.example.com' }),
    ]),
    endpointSlices: ok([
      endpointSlice({ name: 'orders-headless-1', serviceName: 'orders-headless', endpoints: [
        { addresses: ['10.0.2.20'], ready: true, nodeName: null, podName: 'orders-0' },
        { addresses: ['10.0.2.21'], ready: false, nodeName: null, podName: 'orders-1' },
      ] }),
    ]),
  });
  const a = (name: string, rcode: DnsAnswer['rcode'], addresses: string[] = [], cnames: string[] = []): DnsAnswer => ({ name, answeredBy: CLUSTER_RECORDS_ANSWERER, rcode, addresses, cnames });
  it.each<[string, string, DnsAnswer | null]>([
    ['a ClusterIP Service answers its ClusterIP', 'orders.data.svc.cluster.local', a('orders.data.svc.cluster.local', 'NOERROR', ['192.168.10.20'])],
    ['case and a trailing dot do not matter', 'Orders.Data.svc.cluster.local.', a('orders.data.svc.cluster.local', 'NOERROR', ['192.168.10.20'])],
    ['a headless Service answers its ready endpoints', 'orders-headless.data.svc.cluster.local', a('orders-headless.data.svc.cluster.local', 'NOERROR', ['10.0.2.20'])],
    ['a headless Service endpoint by pod name', 'orders-0.orders-headless.data.svc.cluster.local', a('orders-0.orders-headless.data.svc.cluster.local', 'NOERROR', ['10.0.2.20'])],
    ['a headless Service without ready endpoints is NXDOMAIN', 'empty-headless.data.svc.cluster.local', a('empty-headless.data.svc.cluster.local', 'NXDOMAIN')],
    ['an ExternalName Service answers a CNAME', 'partner.data.svc.cluster.local', a('partner.data.svc.cluster.local', 'NOERROR', [], ['api.partner.example.com'])],
    ['a Service of another namespace is NXDOMAIN', 'orders.prod.svc.cluster.local', a('orders.prod.svc.cluster.local', 'NXDOMAIN')],
    ['a search-list expansion of an external name is NXDOMAIN', 'api.partner.example.com.svc.cluster.local', a('api.partner.example.com.svc.cluster.local', 'NXDOMAIN')],
    ['a pod A record from its dashed address', '10-0-1-10.prod.pod.cluster.local', a('10-0-1-10.prod.pod.cluster.local', 'NOERROR', ['10.0.1.10'])],
    ['names outside the cluster domain go to the DNS server', 'api.partner.example.com', null],
  ])('%s', (_name, name, expected) => {
    expect(resolveClusterName(name, facts)).toStrictEqual(expected);
  });

  it('defers to the DNS server when Services could not be read', () => {
    expect(resolveClusterName('orders.data.svc.cluster.local', clusterFacts({ services: missing() }))).toBeNull();
  });
});
