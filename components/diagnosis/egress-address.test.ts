import { describe, expect, it } from 'vitest';

import { reachableInternet } from './__fixtures__';
import { egressAddressOf } from './egress-address';

const natEip = (decidedBy: { kind: string; id: string; label: string }, facts: Array<{ kind: string; id: string; label: string }>) =>
  reachableInternet.hops.map((hop) => (hop.kind === 'natEip' ? { ...hop, evidence: { ...hop.evidence, decidedBy, facts } } : hop));

describe('egressAddressOf', () => {
  it.each([
    ['Internet through SNAT: the SNAT EIP', reachableInternet, { address: '47.96.10.21', what: 'SNAT EIP' }],
    [
      'Internet with the pod’s own EIP',
      { ...reachableInternet, hops: natEip({ kind: 'eip', id: 'eip-1', label: '198.51.100.7' }, []) },
      { address: '198.51.100.7', what: 'pod EIP' },
    ],
    [
      'Internet, NAT hop not passed: nothing to tell',
      { ...reachableInternet, hops: reachableInternet.hops.map((hop) => (hop.kind === 'natEip' ? { ...hop, verdict: 'block' as const } : hop)) },
      null,
    ],
    [
      'inside the VPC: the pod IP',
      { ...reachableInternet, destination: { ...reachableInternet.destination, kind: 'rds' as const } },
      { address: '10.0.1.23', what: 'pod IP' },
    ],
    [
      'inside the VPC in Flannel mode: the node IP',
      { ...reachableInternet, source: { ...reachableInternet.source, networkMode: 'flannel' as const, sourceAddress: '10.1.0.5' }, destination: { ...reachableInternet.destination, kind: 'vpc' as const } },
      { address: '10.1.0.5', what: 'node IP' },
    ],
  ])('%s', (_name, diagnosis, expected) => {
    expect(egressAddressOf(diagnosis)).toStrictEqual(expected);
  });
});
