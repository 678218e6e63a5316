import { describe, expect, it } from 'vitest';

import type { AuditDestinationResult, AuditPod } from '@/lib/schemas/audit';

import { auditMatrixCsv, buildAuditMatrix } from './matrix';

const pod = (name: string, workload: string, verdict: AuditPod['verdict']): AuditPod => ({
  namespace: 'shop',
  name,
  workload,
  ip: null,
  nodeName: null,
  verdict,
  blockingHop: verdict === 'blocked' ? 'securityGroup' : null,
  group: 'g1',
  diagnosisUrl: `/diagnose?pod=${name}`,
});

const column = (destination: string, pods: AuditPod[]): AuditDestinationResult => ({
  destination: { destination, host: destination.split(':')[0] ?? '', port: 443, protocol: 'tcp' },
  counts: { reachable: 0, blocked: 0, unknown: 0 },
  groups: [],
  singleChange: { kind: 'none', reason: 'no pod is blocked' },
  pods,
});

describe('buildAuditMatrix', () => {
  const result = {
    destinations: [
      column('a.example.com:443', [pod('web-1', 'shop/deployment/web', 'reachable'), pod('web-2', 'shop/deployment/web', 'blocked'), pod('api-1', 'shop/deployment/api', 'reachable')]),
      column('b.example.com:443', [pod('web-1', 'shop/deployment/web', 'unknown'), pod('web-2', 'shop/deployment/web', 'reachable'), pod('api-1', 'shop/deployment/api', 'reachable')]),
    ],
  };

  it('gives each workload its worst verdict per destination, linked to the pod that has it', () => {
    expect(buildAuditMatrix(result)).toStrictEqual({
      destinations: ['a.example.com:443', 'b.example.com:443'],
      rows: [
        {
          workload: 'shop/deployment/web',
          pods: 2,
          cells: [
            { verdict: 'blocked', reachable: 1, total: 2, diagnosisUrl: '/diagnose?pod=web-2' },
            { verdict: 'unknown', reachable: 1, total: 2, diagnosisUrl: '/diagnose?pod=web-1' },
          ],
        },
        {
          workload: 'shop/deployment/api',
          pods: 1,
          cells: [
            { verdict: 'reachable', reachable: 1, total: 1, diagnosisUrl: '/diagnose?pod=api-1' },
            { verdict: 'reachable', reachable: 1, total: 1, diagnosisUrl: '/diagnose?pod=api-1' },
          ],
        },
      ],
    });
  });

  it('prints CSV with mixed cells counted', () => {
    expect(auditMatrixCsv(buildAuditMatrix(result))).toBe(
      ['workload,pods,a.example.com:443,b.example.com:443', 'shop/deployment/web,2,blocked (1/2 reachable),unknown (1/2 reachable)', 'shop/deployment/api,1,reachable,reachable', ''].join('\n'),
    );
  });
});
