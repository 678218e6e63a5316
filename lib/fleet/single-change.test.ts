import { describe, expect, it } from 'vitest';

import { securityGroup, sgRule } from '@/lib/analysis/__fixtures__/cloud-builders';
import { destination, ok, pathFacts, pod } from '@/lib/analysis/__fixtures__/path-builders';
import { evaluatePath } from '@/lib/analysis/evaluate-path';
import type { CloudFacts, PathFacts, Pod } from '@/lib/analysis/model';
import type { AuditDestination } from '@/lib/schemas/audit';

import { groupAuditPods } from './audit-groups';
import { findSingleChange, type FactEvaluation } from './single-change';

const internet = destination('internet', ['203.0.113.10']);
const target: AuditDestination = { destination: '203.0.113.10:443', host: '203.0.113.10', port: 443, protocol: 'tcp' };
const dropRule = sgRule({ id: 'sgr-drop', policy: 'drop', priority: 1 });
const blockedBySg: Partial<CloudFacts> = { securityGroups: ok([securityGroup({ rules: [dropRule, sgRule({ id: 'sgr-accept', priority: 2 })] })]) };

function evaluation(pods: Pod[], cloud: Partial<CloudFacts> = {}): FactEvaluation {
  const facts: PathFacts = pathFacts({ cloud, cluster: { pod: pods[0] } });
  return { pods, diagnosis: evaluatePath(facts, internet), facts, destination: internet };
}

const replicas = (count: number, prefix = 'web') => Array.from({ length: count }, (_, index) => pod({ name: `${prefix}-${index}`, ip: `10.0.1.${index + 5}`, owner: { kind: 'ReplicaSet', name: `${prefix}-7d9c8b6f5` }, labels: { app: prefix, 'pod-template-hash': '7d9c8b6f5' } }));

describe('groupAuditPods', () => {
  it('groups pods by verdict and deciding rule, blocked first and largest first, pods in scope order', () => {
    const blocked = replicas(2);
    const reachable = replicas(1, 'api');
    const scope = new Map([...reachable, ...blocked].map((item, index) => [item, index]));
    const { groups, pods } = groupAuditPods('acs-prod', target, [evaluation(blocked, blockedBySg), evaluation(reachable)], scope);
    expect(groups.map(({ fix, ...group }) => ({ ...group, fix: fix?.id ?? null }))).toStrictEqual([
      { id: 'g1', verdict: 'blocked', hop: 'securityGroup', rule: expect.objectContaining({ kind: 'securityGroupRule', id: 'sgr-drop' }), title: expect.stringMatching(/^blocked at Security group: .*sgr-drop/), pods: 2, fix: expect.any(String) },
      { id: 'g2', verdict: 'reachable', hop: null, rule: null, title: 'reachable', pods: 1, fix: null },
    ]);
    expect(pods.map((item) => [item.name, item.workload, item.verdict, item.blockingHop, item.group])).toStrictEqual([
      ['api-0', 'shop/deployment/api', 'reachable', null, 'g2'],
      ['web-0', 'shop/deployment/web', 'blocked', 'securityGroup', 'g1'],
      ['web-1', 'shop/deployment/web', 'blocked', 'securityGroup', 'g1'],
    ]);
    expect(pods[1]?.diagnosisUrl).toBe('/diagnose?cluster=acs-prod&namespace=shop&pod=web-0&to=203.0.113.10%3A443&port=443&protocol=tcp');
  });
});

describe('findSingleChange', () => {
  it('names the fix of the largest blocked group when it alone unblocks every pod of it, counting pods it unblocks elsewhere', () => {
    const largest = [evaluation(replicas(3), blockedBySg)];
    const elsewhere = [evaluation(replicas(1, 'api'), blockedBySg)];
    const change = findSingleChange({ id: 'g1', title: 'blocked at Security group', evaluations: largest }, elsewhere);
    expect(change.kind === 'change' ? { group: change.group, unblocks: change.unblocks, action: change.fix.kind === 'alicloud' ? change.fix.action : change.fix.kind } : change).toStrictEqual({ group: 'g1', unblocks: 4, action: 'RevokeSecurityGroupEgress' });
  });

  it('says “no single change” when another hop still blocks with the fix applied', () => {
    const alsoNoSnat: Partial<CloudFacts> = { ...blockedBySg, snatEntries: ok([]) };
    const change = findSingleChange({ id: 'g1', title: 'blocked at Security group', evaluations: [evaluation(replicas(2), alsoNoSnat)] }, []);
    expect(change).toStrictEqual({ kind: 'none', reason: 'no single change: no fix for “blocked at Security group” alone makes its 2 pods reachable (another hop blocks too)' });
  });

  it('says no pod is blocked when none is', () => {
    expect(findSingleChange(null, [])).toStrictEqual({ kind: 'none', reason: 'no pod is blocked' });
  });
});
