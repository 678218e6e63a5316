import { describe, expect, it } from 'vitest';

import { destination, factError, missing, ok, pathFacts } from './__fixtures__/path-builders';
import { makeHop } from './hop-helpers';
import { isProvenPass, pathBasis, proveHop } from './hop-proof';
import type { DestinationBasis, FactBasis, HopKind, HopVerdict, PathFacts, ResolvedDestination } from './model';
import { resolveSource } from './resolve-source';

const forbidden = factError({ resource: 'DescribeLoadBalancers 10.0.3.10', code: 'Forbidden.RAM', message: 'not authorized' });
const read: FactBasis = { fact: 'securityGroups', neededFor: 'the outbound rules', error: null };
const unread: FactBasis = { fact: 'DescribeLoadBalancers', neededFor: 'whether 10.0.3.10 is an SLB address', error: forbidden };

describe('proveHop', () => {
  it.each<{ name: string; verdict: HopVerdict; basis: FactBasis[]; expected: { verdict: HopVerdict; summary: string; proven: boolean } }>([
    { name: 'a pass on read facts stays a pass', verdict: 'pass', basis: [read], expected: { verdict: 'pass', summary: 'hop', proven: true } },
    { name: 'a skip on read facts stays a skip', verdict: 'skip', basis: [read], expected: { verdict: 'skip', summary: 'hop', proven: true } },
    { name: 'a warn (a caveat) on read facts counts as a pass', verdict: 'warn', basis: [], expected: { verdict: 'warn', summary: 'hop', proven: true } },
    {
      name: 'a skip resting on a failed read becomes unknown naming the read',
      verdict: 'skip',
      basis: [read, unread],
      expected: {
        verdict: 'unknown',
        summary: 'Cannot tell: DescribeLoadBalancers could not be read (Forbidden.RAM on DescribeLoadBalancers 10.0.3.10: not authorized); it was needed for whether 10.0.3.10 is an SLB address',
        proven: false,
      },
    },
    {
      name: 'a pass resting on a failed read becomes unknown',
      verdict: 'pass',
      basis: [unread],
      expected: {
        verdict: 'unknown',
        summary: 'Cannot tell: DescribeLoadBalancers could not be read (Forbidden.RAM on DescribeLoadBalancers 10.0.3.10: not authorized); it was needed for whether 10.0.3.10 is an SLB address',
        proven: false,
      },
    },
    { name: 'a block found on read facts stays a block', verdict: 'block', basis: [unread], expected: { verdict: 'block', summary: 'hop', proven: false } },
    { name: 'an unknown stays unknown', verdict: 'unknown', basis: [], expected: { verdict: 'unknown', summary: 'hop', proven: false } },
  ])('$name', ({ verdict, basis, expected }) => {
    const hop = proveHop(makeHop('destinationAcl', verdict, 'hop'), basis);
    expect({ verdict: hop.verdict, summary: hop.summary, proven: isProvenPass(hop) }).toStrictEqual(expected);
    expect(hop.basis).toStrictEqual(basis);
  });

  it('joins the purposes of one failed read and keeps the evaluator basis first', () => {
    const services = factError({ source: 'k8s', resource: 'services in all namespaces', code: '403', message: 'forbidden' });
    const own: FactBasis = { fact: 'endpointSlices', neededFor: 'the backends', error: null };
    const hop = proveHop({ ...makeHop('networkPolicy', 'pass', 'allowed'), basis: [own] }, [
      { fact: 'services', neededFor: 'whether A is a LoadBalancer address', error: services },
      { fact: 'services', neededFor: 'whether A is a ClusterIP', error: services },
    ]);
    expect({ reason: hop.reason, notes: hop.evidence.notes, facts: hop.basis?.map((entry) => entry.fact) }).toStrictEqual({
      reason: 'services could not be read (403 on services in all namespaces: forbidden); it was needed for whether A is a LoadBalancer address and for whether A is a ClusterIP',
      notes: ['On the facts read: allowed.'],
      facts: ['endpointSlices', 'services', 'services'],
    });
  });

  it('treats a hop saved without a basis as proven by its verdict alone', () => {
    expect([isProvenPass(makeHop('dns', 'pass', 'old')), isProvenPass(makeHop('dns', 'unknown', 'old'))]).toStrictEqual([true, false]);
  });
});

describe('pathBasis', () => {
  const classified = (kind: ResolvedDestination['kind'], basis: DestinationBasis[]): ResolvedDestination => destination(kind, ['10.0.3.10'], { basis, resourceId: 'shop/api' });
  const slbOpen: DestinationBasis = { ...unread, couldBe: 'slb' };
  const ecsRead: DestinationBasis = { fact: 'DescribeNetworkInterfaces', neededFor: 'whether 10.0.3.10 belongs to an ECS instance', error: null, couldBe: 'ecs' };
  const slicesError = factError({ source: 'k8s', resource: 'endpointslices in all namespaces', code: '500', message: 'boom' });
  const basisOf = (kind: HopKind, target: ResolvedDestination, facts: PathFacts = pathFacts()) =>
    pathBasis(kind, facts, { source: resolveSource(facts), destination: target }).map((entry) => [entry.fact, entry.error === null ? 'read' : 'unread']);

  it.each<{ name: string; hop: HopKind; target: ResolvedDestination; facts?: PathFacts; expected: string[][] }>([
    { name: 'destinationAcl rests on the SLB and ENI lookups', hop: 'destinationAcl', target: classified('vpc', [slbOpen, ecsRead]), expected: [['DescribeLoadBalancers', 'unread'], ['DescribeNetworkInterfaces', 'read']] },
    { name: 'the SLB lookup does not concern the whitelist hop', hop: 'whitelist', target: classified('vpc', [slbOpen]), expected: [] },
    { name: 'a destination saved without a basis adds nothing', hop: 'destinationAcl', target: destination('vpc', ['10.0.3.10']), expected: [] },
    {
      name: 'a Service destination makes the security group rest on its EndpointSlices',
      hop: 'securityGroup',
      target: classified('clusterService', []),
      facts: pathFacts({ cluster: { endpointSlices: missing(slicesError) } }),
      expected: [['endpointSlices', 'unread']],
    },
    { name: 'lbPolicy does not rest on EndpointSlices through the path (its evaluator reads them)', hop: 'lbPolicy', target: classified('clusterLoadBalancer', []), expected: [] },
    { name: 'an Internet destination adds no EndpointSlices', hop: 'networkAcl', target: classified('internet', []), facts: pathFacts({ cluster: { endpointSlices: missing(slicesError) } }), expected: [] },
  ])('$name', ({ hop, target, facts, expected }) => {
    expect(basisOf(hop, target, facts ?? pathFacts({ cluster: { endpointSlices: ok([]) } }))).toStrictEqual(expected);
  });
});
