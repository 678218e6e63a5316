import { describe, expect, it } from 'vitest';

import type { WatchView } from '@/lib/schemas/watch';

import { escapeLabelValue, formatMetrics } from './exposition';
import { DIAGNOSIS_SECONDS_BUCKETS, type MetricsRegistry } from './registry';

const registry = (): MetricsRegistry => ({
  diagnoses: new Map([['blocked', 2], ['reachable', 1]]),
  diagnosisSeconds: { buckets: [0, 1, 2, 3, 3, 3, 3, 3], sum: 1.75, count: 3 },
  cloudCalls: new Map([['DescribeSecurityGroupAttribute', 4], ['DescribeNetworkInterfaces', 3]]),
  cloudCallErrors: new Map([['DescribeDBInstanceIPArrayList Forbidden.RAM', { action: 'DescribeDBInstanceIPArrayList', code: 'Forbidden.RAM', count: 1 }]]),
  watchRuns: new Map([['changed', 1]]),
  whatIfs: { count: 2, sum: 0.004 },
});

const watch: WatchView = {
  id: 'W1',
  createdAt: '2026-03-01T10:00:00.000Z',
  target: { kind: 'diagnosis', diagnosisId: 'D1', request: { cluster: 'acs-prod', namespace: 'shop', pod: 'web-0', destination: 'https://api.example.com/a"b', host: 'api.example.com', port: 443, protocol: 'tcp' } },
  intervalMinutes: 15,
  webhook: null,
  state: { verdict: 'blocked', blockingHop: 'securityGroup', blockingRule: 'sgr-1' },
  lastDiagnosisId: 'D1',
  lastRunAt: null,
  nextRunAt: '2026-03-01T10:15:00.000Z',
  lastError: null,
};

const auditWatch: WatchView = {
  ...watch,
  id: 'W2',
  target: { kind: 'audit', audit: { cluster: 'acs-prod', scope: { kind: 'namespace', namespace: 'orders' }, destination: { destination: 'db.internal:5432', host: 'db.internal', port: 5432, protocol: 'tcp' } } },
  state: {
    verdict: 'blocked',
    blockingHop: 'securityGroup',
    blockingRule: 'sgr-2',
    audit: { counts: { reachable: 10, blocked: 2, unknown: 1 }, groups: [], singleChange: null },
  },
  lastDiagnosisId: null,
  lastError: 'Kubernetes API unreachable',
};

/** One line of the text format: a comment, or `name{labels} value`. */
const sampleLine = /^[a-zA-Z_:][a-zA-Z0-9_:]*(\{([a-zA-Z_][a-zA-Z0-9_]*="([^"\\\n]|\\.)*",?)*\})? (-?[0-9.e+-]+|\+Inf|-Inf|NaN)$/;

describe('formatMetrics', () => {
  const text = formatMetrics(registry(), [watch, auditWatch]);
  const lines = text.trimEnd().split('\n');

  it('writes only HELP, TYPE and sample lines of the text format, ending in a newline', () => {
    expect(text.endsWith('\n')).toBe(true);
    expect(lines.filter((line) => !line.startsWith('# HELP ') && !line.startsWith('# TYPE ') && !sampleLine.test(line))).toStrictEqual([]);
  });

  it('writes the counters, the histogram and one gauge per verdict of each watch', () => {
    expect(lines.filter((line) => !line.startsWith('#'))).toStrictEqual([
      'egress_doctor_diagnoses_total{verdict="reachable"} 1',
      'egress_doctor_diagnoses_total{verdict="blocked"} 2',
      'egress_doctor_diagnoses_total{verdict="unknown"} 0',
      ...DIAGNOSIS_SECONDS_BUCKETS.map((bound, index) => `egress_doctor_diagnosis_duration_seconds_bucket{le="${bound}"} ${[0, 1, 2, 3, 3, 3, 3, 3][index]}`),
      'egress_doctor_diagnosis_duration_seconds_bucket{le="+Inf"} 3',
      'egress_doctor_diagnosis_duration_seconds_sum 1.75',
      'egress_doctor_diagnosis_duration_seconds_count 3',
      'egress_doctor_cloud_calls_total{action="DescribeNetworkInterfaces"} 3',
      'egress_doctor_cloud_calls_total{action="DescribeSecurityGroupAttribute"} 4',
      'egress_doctor_cloud_call_errors_total{action="DescribeDBInstanceIPArrayList",code="Forbidden.RAM"} 1',
      'egress_doctor_what_if_evaluations_total 2',
      'egress_doctor_what_if_evaluation_seconds_total 0.004',
      'egress_doctor_watch_runs_total{outcome="unchanged"} 0',
      'egress_doctor_watch_runs_total{outcome="changed"} 1',
      'egress_doctor_watch_runs_total{outcome="error"} 0',
      ...['reachable', 'blocked', 'unknown'].map(
        (verdict) => `egress_doctor_watch_verdict{watch="W1",cluster="acs-prod",namespace="shop",pod="web-0",destination="https://api.example.com/a\\"b",port="443",verdict="${verdict}"} ${verdict === 'blocked' ? 1 : 0}`,
      ),
      ...['reachable', 'blocked', 'unknown'].map(
        (verdict) => `egress_doctor_watch_verdict{watch="W2",cluster="acs-prod",namespace="orders",pod="",destination="db.internal:5432",port="5432",verdict="${verdict}"} ${verdict === 'blocked' ? 1 : 0}`,
      ),
      'egress_doctor_watch_audit_pods{watch="W2",verdict="reachable"} 10',
      'egress_doctor_watch_audit_pods{watch="W2",verdict="blocked"} 2',
      'egress_doctor_watch_audit_pods{watch="W2",verdict="unknown"} 1',
      'egress_doctor_watch_failing{watch="W1"} 0',
      'egress_doctor_watch_failing{watch="W2"} 1',
    ]);
  });

  it('declares each family once, with its type', () => {
    const types = lines.filter((line) => line.startsWith('# TYPE ')).map((line) => line.split(' ').slice(2).join(' '));
    expect(types).toContain('egress_doctor_diagnosis_duration_seconds histogram');
    expect(new Set(types.map((type) => type.split(' ')[0])).size).toBe(types.length);
  });
});

describe('escapeLabelValue', () => {
  it.each([
    ['plain', 'plain'],
    ['a"b', 'a\\"b'],
    ['back\\slash', 'back\\\\slash'],
    ['two\nlines', 'two\\nlines'],
  ])('%j → %j', (input, expected) => {
    expect(escapeLabelValue(input)).toBe(expected);
  });
});
