import { describe, expect, it } from 'vitest';

import { GATE_KINDS, isGateKind } from '@/lib/gates/registry';

import { destination, factError, missing, pathFacts, pod } from './__fixtures__/path-builders';
import { classifyDestination } from './classify-destination';
import { evaluatePath } from './evaluate-path';
import { HOP_ORDER } from './hop-order';
import type { ClusterFacts, DestinationKind, HopKind, HopVerdict, LoadBalancer, Verdict } from './model';

/** The gates these tests name; every other registered gate recognises its own destinations (by name) and skips these. */
const NAMED_GATES: readonly HopKind[] = ['cloudFirewall', 'bucketPolicy'];
const isOtherGate = (kind: HopKind): boolean => isGateKind(kind) && !NAMED_GATES.includes(kind);

describe('evaluatePath (default wiring)', () => {
  it('runs every hop in path order on an Internet IP destination', () => {
    const diagnosis = evaluatePath(pathFacts(), destination('internet', ['203.0.113.10']));
    expect(diagnosis.hops.map((hop) => hop.kind)).toStrictEqual(HOP_ORDER);
    expect(diagnosis.hops.filter((hop) => isOtherGate(hop.kind)).map((hop) => [hop.kind, hop.verdict])).toStrictEqual(GATE_KINDS.filter(isOtherGate).map((kind) => [kind, 'skip']));
    expect(diagnosis.hops.filter((hop) => !isOtherGate(hop.kind)).map((hop) => hop.kind)).toStrictEqual([
      'dns',
      'podEgress',
      'networkPolicy',
      'securityGroup',
      'networkAcl',
      'natEip',
      'cloudFirewall',
      'destinationAcl',
      'whitelist',
      'bucketPolicy',
      'lbPolicy',
    ]);
    expect(diagnosis.hops.filter((hop) => !isOtherGate(hop.kind)).map((hop) => [hop.kind, hop.verdict])).toStrictEqual([
      ['dns', 'skip'],
      ['podEgress', 'skip'],
      ['networkPolicy', 'pass'],
      ['securityGroup', 'pass'],
      ['networkAcl', 'pass'],
      ['natEip', 'pass'],
      ['cloudFirewall', 'pass'],
      ['destinationAcl', 'skip'],
      ['whitelist', 'skip'],
      ['bucketPolicy', 'skip'],
      ['lbPolicy', 'skip'],
    ]);
    expect(diagnosis.verdict).toBe('reachable');
  });

  const throttled = missing<LoadBalancer | null>(factError({ resource: 'DescribeLoadBalancers', code: 'Throttling.User', reason: 'throttled' }));
  const dualStack: Partial<ClusterFacts> = { pod: pod({ ips: ['10.0.1.5', '2408:4005:3ff:1::5'] }) };
  it.each<{ name: string; host: string; cluster?: Partial<ClusterFacts>; expected: { kind: DestinationKind; verdict: Verdict; podEgress: HopVerdict; evaluated: HopKind[] } }>([
    { name: 'loopback never leaves the pod: reachable, nothing else evaluated', host: '127.0.0.1', expected: { kind: 'loopback', verdict: 'reachable', podEgress: 'pass', evaluated: [] } },
    { name: 'IPv6 loopback likewise', host: '::1', expected: { kind: 'loopback', verdict: 'reachable', podEgress: 'pass', evaluated: [] } },
    { name: '0.0.0.0 connects to the pod itself', host: '0.0.0.0', expected: { kind: 'loopback', verdict: 'reachable', podEgress: 'pass', evaluated: [] } },
    { name: '0.0.0.1 is not a destination: blocked at the pod', host: '0.0.0.1', expected: { kind: 'unspecified', verdict: 'blocked', podEgress: 'block', evaluated: [] } },
    { name: 'the metadata service is served by the host; only NetworkPolicy applies', host: '100.100.100.200', expected: { kind: 'metadata', verdict: 'reachable', podEgress: 'pass', evaluated: ['networkPolicy'] } },
    { name: '169.254.169.254 is link-local: unknown, not a VPC walk', host: '169.254.169.254', expected: { kind: 'linkLocal', verdict: 'unknown', podEgress: 'unknown', evaluated: [] } },
    { name: 'multicast is blocked at the pod', host: '224.0.0.251', expected: { kind: 'nonUnicast', verdict: 'blocked', podEgress: 'block', evaluated: [] } },
    { name: 'reserved 240/4 is blocked at the pod', host: '240.0.0.1', expected: { kind: 'nonUnicast', verdict: 'blocked', podEgress: 'block', evaluated: [] } },
    { name: 'an IPv6 destination from a pod without IPv6 is blocked at the pod', host: '2001:db8::10', expected: { kind: 'internet', verdict: 'blocked', podEgress: 'block', evaluated: [] } },
    {
      name: 'an IPv6 destination from a dual-stack pod walks the path; no IPv6 route blocks at natEip',
      host: '2001:db8::10',
      cluster: dualStack,
      expected: { kind: 'internet', verdict: 'blocked', podEgress: 'skip', evaluated: ['networkPolicy', 'securityGroup', 'networkAcl', 'natEip', 'cloudFirewall', 'destinationAcl', 'whitelist', 'bucketPolicy', 'lbPolicy'] },
    },
    {
      name: 'documentation addresses stay Internet addresses',
      host: '198.51.100.7',
      expected: { kind: 'internet', verdict: 'reachable', podEgress: 'skip', evaluated: ['networkPolicy', 'securityGroup', 'networkAcl', 'natEip', 'cloudFirewall', 'destinationAcl', 'whitelist', 'bucketPolicy', 'lbPolicy'] },
    },
  ])('$name', ({ host, cluster, expected }) => {
    // A failed SLB lookup would make any VPC walk unknown: special addresses must not depend on it.
    const facts = pathFacts({ host, cluster, cloud: { loadBalancer: expected.kind === 'internet' ? pathFacts().cloud.loadBalancer : throttled } });
    const resolved = classifyDestination({ host, addresses: [host], cluster: facts.cluster, destinationEni: facts.cloud.destinationEni, loadBalancer: facts.cloud.loadBalancer, whitelistService: null, whitelistInstanceId: null });
    const diagnosis = evaluatePath(facts, resolved);
    const settledReasons = new Set(['the traffic never leaves the pod', 'served by the pod\'s host: no security group, network ACL, NAT or destination control on the way', 'link-local: the traffic never leaves the pod\'s link', 'not a unicast destination: the traffic goes nowhere', 'blocked at the pod: the traffic never leaves it']);
    const evaluated = diagnosis.hops.filter((hop) => hop.kind !== 'dns' && hop.kind !== 'podEgress' && !isOtherGate(hop.kind) && !settledReasons.has(hop.reason ?? '')).map((hop) => hop.kind);
    expect({ kind: resolved.kind, verdict: diagnosis.verdict, podEgress: diagnosis.hops.find((hop) => hop.kind === 'podEgress')?.verdict, evaluated }).toStrictEqual(expected);
  });
});
