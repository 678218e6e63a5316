import { describe, expect, it } from 'vitest';

import { blockedAtSecurityGroup, unknownRdsForbidden } from '@/components/diagnosis/__fixtures__';

import { formatDiagnosis, formatScenarioTable, type ScenarioOutcome } from './cli-format';

const outcome = (id: string, verdict: string, blockingHop: string | null, matches = true): ScenarioOutcome => ({ id, expected: { verdict, blockingHop }, actual: { verdict, blockingHop }, matches });

describe('formatScenarioTable', () => {
  it.each([
    ['a blocking hop by its label', outcome('sg-drop', 'blocked', 'securityGroup'), 'blocked at Security group'],
    ['a gate hop by its label', outcome('cfw-nat-deny', 'blocked', 'cloudFirewall'), 'blocked at Cloud Firewall'],
    ['a verdict without a hop as it is', outcome('internet-ok', 'reachable', null), 'reachable'],
    ['a hop kind this version does not know as it is', outcome('future', 'blocked', 'someNewHop'), 'blocked at someNewHop'],
  ])('shows %s', (_name, row, text) => {
    const line = formatScenarioTable([row]).split('\n')[1] ?? '';
    expect(line.split(/\s{2,}/).slice(1)).toStrictEqual([text, text]);
  });

  it('never prints an internal hop key', () => {
    const table = formatScenarioTable([outcome('sg-drop', 'blocked', 'securityGroup'), outcome('lb-hairpin', 'blocked', 'lbPolicy'), outcome('snat-missing', 'blocked', 'natEip', false)]);
    expect(table).not.toMatch(/securityGroup|lbPolicy|natEip|@/);
    expect(table).toContain('blocked at LoadBalancer policy');
    expect(table).toContain('scenarios: 2 passed, 1 failed');
  });
});

describe('formatDiagnosis', () => {
  const blocked = blockedAtSecurityGroup;
  const unknown = unknownRdsForbidden;

  it.each([
    ['en', blocked, /^source \S+ \(VPC \(pod ENI\), vsw-\S+\) {2}destination Internet /m],
    ['en', unknown, /^source \S+ \(VPC \(pod ENI\)(, vsw-\S+)?\) {2}destination RDS /m],
    ['ja', blocked, /^source \S+ \(VPC \(Pod の ENI\), vsw-\S+\) {2}destination インターネット /m],
    ['zh', blocked, /^source \S+ \(VPC（Pod ENI）, vsw-\S+\) {2}destination 互联网 /m],
  ] as const)('%s: the source line names the network mode and the destination kind by their labels', (locale, diagnosis, line) => {
    const text = formatDiagnosis(diagnosis, locale);
    expect(text).toMatch(line);
    expect(text.split('\n')[1]).not.toMatch(/\(vpc|\(flannel|destination (internet|rds|clusterLoadBalancer)\b/);
  });

  it('labels every hop and the blocking hop for people', () => {
    const text = formatDiagnosis(blocked);
    expect(text).toContain('verdict: BLOCKED (first blocking hop: Security group)');
    expect(text).not.toMatch(/^\s+(securityGroup|natEip|networkPolicy)\s/m);
  });
});
