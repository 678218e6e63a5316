import { describe, expect, it } from 'vitest';

import { destination, factError, missing, pathFacts } from './__fixtures__/path-builders';
import { evaluatePathWith, HOP_ORDER, type HopEvaluators } from './evaluate-path-with';
import { makeHop } from './hop-helpers';
import type { HopKind, HopVerdict, Verdict } from './model';

/** Evaluators that answer `verdicts[kind]` (default pass). */
function stubs(verdicts: Partial<Record<HopKind, HopVerdict>>): HopEvaluators {
  const stub = (kind: HopKind) => () => makeHop(kind, verdicts[kind] ?? 'pass', `${kind} stub`);
  return {
    dns: stub('dns'),
    podEgress: stub('podEgress'),
    networkPolicy: stub('networkPolicy'),
    securityGroup: stub('securityGroup'),
    networkAcl: stub('networkAcl'),
    natEip: stub('natEip'),
    destinationAcl: stub('destinationAcl'),
    whitelist: stub('whitelist'),
    lbPolicy: stub('lbPolicy'),
  };
}

const internet = destination('internet', ['203.0.113.10']);

describe('evaluatePathWith', () => {
  it.each<{ name: string; verdicts: Partial<Record<HopKind, HopVerdict>>; expected: { verdict: Verdict; blockingHop: HopKind | null; blockingHops: HopKind[] } }>([
    { name: 'reachable when every hop passes', verdicts: {}, expected: { verdict: 'reachable', blockingHop: null, blockingHops: [] } },
    { name: 'reachable with warnings and skips', verdicts: { networkAcl: 'warn', whitelist: 'skip' }, expected: { verdict: 'reachable', blockingHop: null, blockingHops: [] } },
    { name: 'unknown when a hop is unknown and none blocks', verdicts: { whitelist: 'unknown' }, expected: { verdict: 'unknown', blockingHop: null, blockingHops: [] } },
    {
      name: 'blocked wins over unknown; the first block is the blocking hop',
      verdicts: { securityGroup: 'unknown', natEip: 'block', networkAcl: 'block' },
      expected: { verdict: 'blocked', blockingHop: 'networkAcl', blockingHops: ['networkAcl', 'natEip'] },
    },
  ])('$name', ({ verdicts, expected }) => {
    const diagnosis = evaluatePathWith(stubs(verdicts))(pathFacts(), internet);
    expect({ verdict: diagnosis.verdict, blockingHop: diagnosis.blockingHop, blockingHops: diagnosis.blockingHops }).toStrictEqual(expected);
  });

  it('skips every hop after a DNS block that resolved nothing', () => {
    const diagnosis = evaluatePathWith(stubs({ dns: 'block', securityGroup: 'block' }))(pathFacts(), destination('unresolved', []));
    expect(diagnosis.hops.map((hop) => [hop.kind, hop.verdict, hop.reason])).toStrictEqual([
      ['dns', 'block', null],
      ...HOP_ORDER.slice(1).map((kind) => [kind, 'skip', 'no address to evaluate']),
    ]);
    expect(diagnosis.blockingHops).toStrictEqual(['dns']);
  });

  it.each<{ name: string; dns: HopVerdict; expected: { verdict: Verdict; later: HopVerdict; reason: string } }>([
    { name: 'skips the later hops after a DNS unknown', dns: 'unknown', expected: { verdict: 'unknown', later: 'skip', reason: 'no address to evaluate' } },
    { name: 'a DNS warn with no address cannot leave the path reachable', dns: 'warn', expected: { verdict: 'unknown', later: 'unknown', reason: 'the name gave no address to evaluate' } },
    { name: 'a DNS pass with no address cannot leave the path reachable', dns: 'pass', expected: { verdict: 'unknown', later: 'unknown', reason: 'the name gave no address to evaluate' } },
  ])('$name', ({ dns, expected }) => {
    const diagnosis = evaluatePathWith(stubs({ dns }))(pathFacts(), destination('unresolved', []));
    const later = diagnosis.hops.slice(1);
    expect({ verdict: diagnosis.verdict, later: [...new Set(later.map((hop) => hop.verdict))], reasons: [...new Set(later.map((hop) => hop.reason))] }).toStrictEqual({
      verdict: expected.verdict,
      later: [expected.later],
      reasons: [expected.reason],
    });
  });

  it('returns the whole diagnosis with the source, createdAt and deduplicated errors', () => {
    const forbidden = factError();
    const facts = pathFacts({ cloud: { securityGroups: missing(forbidden), networkAcls: missing(forbidden), eips: missing(factError({ resource: 'DescribeEipAddresses' })) } });
    const diagnosis = evaluatePathWith(stubs({}))(facts, internet);
    expect({ ...diagnosis, hops: diagnosis.hops.length }).toStrictEqual({
      id: null,
      createdAt: '2025-01-01T00:00:00.000Z',
      request: facts.request,
      source: {
        podIp: '10.0.1.5',
        nodeName: 'virtual-kubelet-cn-hangzhou-h',
        nodeIp: null,
        networkMode: 'vpc',
        eniId: 'eni-pod',
        vpcId: 'vpc-1',
        vSwitchId: 'vsw-pod',
        vSwitchCidr: '10.0.1.0/24',
        securityGroupIds: ['sg-pod'],
        eip: null,
        sourceAddress: '10.0.1.5',
      },
      destination: internet,
      hops: HOP_ORDER.length, // the nine built-in hops and every registered gate
      verdict: 'reachable',
      blockingHop: null,
      blockingHops: [],
      errors: [forbidden, factError({ resource: 'DescribeEipAddresses' })],
    });
  });
});
