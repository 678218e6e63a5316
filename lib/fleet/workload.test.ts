import { describe, expect, it } from 'vitest';

import { onePod } from '@/lib/analysis/__fixtures__/kubernetes-builders';
import type { Pod } from '@/lib/analysis/model';

import { isPodOfWorkload, workloadId, workloadOf, type Workload } from './workload';

describe('workloadOf', () => {
  it.each<[string, Partial<Pod>, Workload]>([
    ['a ReplicaSet named <deployment>-<hash> → its Deployment', { owner: { kind: 'ReplicaSet', name: 'web-7d9f8b6c5' } }, { namespace: 'prod', kind: 'Deployment', name: 'web' }],
    ['a ReplicaSet without the hash suffix stays a ReplicaSet', { owner: { kind: 'ReplicaSet', name: 'legacy' } }, { namespace: 'prod', kind: 'ReplicaSet', name: 'legacy' }],
    ['a StatefulSet owns its pod', { owner: { kind: 'StatefulSet', name: 'db' } }, { namespace: 'prod', kind: 'StatefulSet', name: 'db' }],
    ['a Job owns its pod', { owner: { kind: 'Job', name: 'invoice-batch-29383920' } }, { namespace: 'prod', kind: 'Job', name: 'invoice-batch-29383920' }],
    ['a bare pod is its own workload', {}, { namespace: 'prod', kind: 'Pod', name: 'web-7d9f8b6c5-x2k4p' }],
  ])('%s', (_name, overrides, expected) => {
    expect(workloadOf(onePod(overrides))).toStrictEqual(expected);
  });

  it('names a workload as kubectl does and matches kinds without case', () => {
    const pod = onePod({ owner: { kind: 'ReplicaSet', name: 'web-7d9f8b6c5' } });
    expect(workloadId(workloadOf(pod))).toBe('prod/deployment/web');
    expect([isPodOfWorkload(pod, { namespace: 'prod', kind: 'deployment', name: 'web' }), isPodOfWorkload(pod, { namespace: 'prod', kind: 'Deployment', name: 'api' })]).toStrictEqual([true, false]);
  });
});
