import { describe, expect, it } from 'vitest';

import { destination, pathContext, pathFacts, pod } from './__fixtures__/path-builders';
import type { ClusterFacts, DestinationKind, HopVerdict } from './model';
import { evaluatePodEgressHop } from './pod-egress-hop';

const v4Only: Partial<ClusterFacts> = {};
const v6Only: Partial<ClusterFacts> = { pod: pod({ ip: '2408:4005:3ff:1::5', ips: ['2408:4005:3ff:1::5'] }) };
const dualStack: Partial<ClusterFacts> = { pod: pod({ ips: ['10.0.1.5', '2408:4005:3ff:1::5'] }) };
const pending: Partial<ClusterFacts> = { pod: pod({ ip: null, ips: [] }) };

describe('evaluatePodEgressHop', () => {
  it.each<{ name: string; kind: DestinationKind; address: string; cluster?: Partial<ClusterFacts>; expected: { verdict: HopVerdict; summary: string; fixIds: string[] } }>([
    { name: 'loopback passes: never leaves the pod', kind: 'loopback', address: '127.0.0.1', expected: { verdict: 'pass', summary: '127.0.0.1 is loopback: the traffic never leaves the pod', fixIds: [] } },
    {
      name: 'the metadata service passes: served by the host',
      kind: 'metadata',
      address: '100.100.100.200',
      expected: { verdict: 'pass', summary: "100.100.100.200 is the Alibaba Cloud metadata service, served by the pod's host: it does not cross the VPC", fixIds: [] },
    },
    {
      name: 'link-local is unknown and points at the real metadata address',
      kind: 'linkLocal',
      address: '169.254.169.254',
      expected: {
        verdict: 'unknown',
        summary:
          "Cannot tell: 169.254.169.254 is link-local: it never leaves the pod's link, and what answers on that link (the pod's host side) is not read. 169.254.169.254 is the metadata address of other clouds; Alibaba Cloud serves none there. Alibaba Cloud's metadata service is 100.100.100.200",
        fixIds: [],
      },
    },
    {
      name: '0.0.0.1 blocks: not a destination',
      kind: 'unspecified',
      address: '0.0.0.1',
      expected: { verdict: 'block', summary: '0.0.0.1 is "this network" (RFC 1122), not a destination: not a unicast destination, so the traffic goes nowhere', fixIds: ['podEgress-unicast-address'] },
    },
    { name: 'multicast blocks', kind: 'nonUnicast', address: '224.0.0.251', expected: { verdict: 'block', summary: '224.0.0.251 is multicast: not a unicast destination, so the traffic goes nowhere', fixIds: ['podEgress-unicast-address'] } },
    {
      name: 'IPv6 destination, IPv4-only pod: blocked at the pod',
      kind: 'internet',
      address: '2001:db8::10',
      cluster: v4Only,
      expected: { verdict: 'block', summary: 'The pod has no IPv6 address: it cannot send to 2001:db8::10', fixIds: ['podEgress-family-ipv6'] },
    },
    {
      name: 'IPv4 destination, IPv6-only pod: blocked at the pod',
      kind: 'internet',
      address: '203.0.113.10',
      cluster: v6Only,
      expected: { verdict: 'block', summary: 'The pod has no IPv4 address: it cannot send to 203.0.113.10', fixIds: ['podEgress-family-ipv4'] },
    },
    {
      name: 'IPv6 destination, dual-stack pod: the later hops decide',
      kind: 'internet',
      address: '2001:db8::10',
      cluster: dualStack,
      expected: { verdict: 'skip', summary: 'Not applicable: 2001:db8::10 is a unicast IPv6 address outside the pod: the later hops decide', fixIds: [] },
    },
    {
      name: 'IPv4 destination, IPv4 pod: the later hops decide',
      kind: 'internet',
      address: '203.0.113.10',
      expected: { verdict: 'skip', summary: 'Not applicable: 203.0.113.10 is a unicast IPv4 address outside the pod: the later hops decide', fixIds: [] },
    },
    { name: 'a pod without an IP yet is unknown', kind: 'internet', address: '203.0.113.10', cluster: pending, expected: { verdict: 'unknown', summary: 'Cannot tell: the pod shop/web-0 has no IP address yet', fixIds: [] } },
    { name: 'nothing resolved: skip', kind: 'unresolved', address: '', expected: { verdict: 'skip', summary: 'Not applicable: no address to evaluate', fixIds: [] } },
  ])('$name', ({ kind, address, cluster, expected }) => {
    const facts = pathFacts({ cluster, host: address || 'nowhere.example.com' });
    const hop = evaluatePodEgressHop(facts, pathContext(facts, destination(kind, address ? [address] : [])));
    expect({ verdict: hop.verdict, summary: hop.summary, fixIds: hop.fixes.map((fix) => fix.id) }).toStrictEqual(expected);
  });
});
