/**
 * The answer of an audit for one destination (pure): every pod with its verdict, and the pods
 * grouped by verdict, blocking hop and the rule that decided (or, for `unknown`, the hop and
 * its reason), largest group first.
 */
import { HOP_LABELS } from '@/lib/analysis/graph';
import type { Diagnosis, Hop, Pod } from '@/lib/analysis/model';
import type { AuditDestination, AuditGroup, AuditPod } from '@/lib/schemas/audit';

import { workloadId, workloadOf } from './workload';

/** Pods decided by one evaluation: the diagnosis of their representative. */
export interface PodEvaluation {
  pods: Pod[];
  diagnosis: Diagnosis;
}

/** `/diagnose?…`: the page that runs the full diagnosis of `pod` to `destination`. */
export function diagnosisUrl(cluster: string, pod: Pick<Pod, 'namespace' | 'name'>, destination: AuditDestination): string {
  const query: Array<[string, string]> = [['cluster', cluster], ['namespace', pod.namespace], ['pod', pod.name], ['to', destination.destination], ['port', String(destination.port)], ['protocol', destination.protocol]];
  return `/diagnose?${query.map(([key, value]) => `${key}=${encodeURIComponent(value)}`).join('&')}`;
}

function decidingHop(diagnosis: Diagnosis): Hop | null {
  if (diagnosis.verdict === 'blocked') return diagnosis.hops.find((hop) => hop.verdict === 'block') ?? null;
  if (diagnosis.verdict === 'unknown') return diagnosis.hops.find((hop) => hop.verdict === 'unknown') ?? null;
  return null;
}

/** What pods of one group share: the key and the group's description (without its id and count). */
function groupOf(diagnosis: Diagnosis): { key: string; group: Omit<AuditGroup, 'id' | 'pods'> } {
  const hop = decidingHop(diagnosis);
  if (diagnosis.verdict === 'reachable' || hop === null) {
    return { key: diagnosis.verdict, group: { verdict: diagnosis.verdict, hop: null, rule: null, title: diagnosis.verdict, fix: null } };
  }
  const rule = hop.evidence.decidedBy;
  const label = HOP_LABELS[hop.kind];
  if (diagnosis.verdict === 'blocked') {
    const title = `blocked at ${label}: ${rule ? rule.label : hop.summary}`;
    return { key: JSON.stringify(['blocked', hop.kind, rule?.kind ?? null, rule?.id ?? hop.summary]), group: { verdict: 'blocked', hop: hop.kind, rule, title, fix: hop.fixes[0] ?? null } };
  }
  const reason = hop.reason ?? hop.summary;
  return { key: JSON.stringify(['unknown', hop.kind, reason]), group: { verdict: 'unknown', hop: hop.kind, rule, title: `unknown at ${label}: ${reason}`, fix: null } };
}

const VERDICT_ORDER = { blocked: 0, unknown: 1, reachable: 2 } as const;

/**
 * Every pod's answer and the groups, for one destination. Groups are ordered blocked, unknown,
 * reachable, each largest first; ids are `g1`, `g2`, … in that order. Pods keep scope order.
 */
export function groupAuditPods(cluster: string, destination: AuditDestination, evaluations: PodEvaluation[], scopeOrder: Map<Pod, number>): { pods: AuditPod[]; groups: AuditGroup[] } {
  const byKey = new Map<string, { group: Omit<AuditGroup, 'id' | 'pods'>; members: Array<{ pod: Pod; diagnosis: Diagnosis }> }>();
  for (const evaluation of evaluations) {
    const { key, group } = groupOf(evaluation.diagnosis);
    const entry = byKey.get(key) ?? { group, members: [] };
    byKey.set(key, entry);
    for (const pod of evaluation.pods) entry.members.push({ pod, diagnosis: evaluation.diagnosis });
  }
  const ordered = [...byKey.values()].sort((a, b) => VERDICT_ORDER[a.group.verdict] - VERDICT_ORDER[b.group.verdict] || b.members.length - a.members.length);
  const groups: AuditGroup[] = [];
  const pods: Array<{ order: number; pod: AuditPod }> = [];
  for (const [index, entry] of ordered.entries()) {
    const id = `g${index + 1}`;
    groups.push({ id, ...entry.group, pods: entry.members.length });
    for (const { pod, diagnosis } of entry.members) {
      pods.push({
        order: scopeOrder.get(pod) ?? 0,
        pod: {
          namespace: pod.namespace,
          name: pod.name,
          workload: workloadId(workloadOf(pod)),
          ip: pod.ip,
          nodeName: pod.nodeName,
          verdict: diagnosis.verdict,
          blockingHop: diagnosis.blockingHop,
          group: id,
          diagnosisUrl: diagnosisUrl(cluster, pod, destination),
        },
      });
    }
  }
  return { pods: pods.sort((a, b) => a.order - b.order).map((entry) => entry.pod), groups };
}
