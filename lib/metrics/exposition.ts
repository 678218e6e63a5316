/**
 * The Prometheus text exposition (format 0.0.4) of the registry and the watches: `# HELP`,
 * `# TYPE`, then one sample a line, label values escaped. Pure.
 */
import type { WatchView } from '@/lib/schemas/watch';

import { DIAGNOSIS_SECONDS_BUCKETS, type MetricsRegistry } from './registry';

/** A label value with `\`, `"` and newlines escaped. */
export function escapeLabelValue(value: string): string {
  return value.replace(/\\/g, '\\\\').replace(/"/g, '\\"').replace(/\n/g, '\\n');
}

const labels = (pairs: Record<string, string>) => {
  const entries = Object.entries(pairs);
  return entries.length === 0 ? '' : `{${entries.map(([key, value]) => `${key}="${escapeLabelValue(value)}"`).join(',')}}`;
};

const number = (value: number) => (Number.isFinite(value) ? String(value) : value > 0 ? '+Inf' : value < 0 ? '-Inf' : 'NaN');

function family(name: string, type: 'counter' | 'gauge' | 'histogram' | 'summary', help: string, samples: string[]): string[] {
  return [`# HELP ${name} ${help}`, `# TYPE ${name} ${type}`, ...samples];
}

const VERDICTS = ['reachable', 'blocked', 'unknown'] as const;

/** The labels naming a watch: its path, or for an audit the scope's namespace ('' for the cluster), no pod, and the destination. */
function watchLabels(watch: WatchView): Record<string, string> {
  const { target } = watch;
  if (target.kind === 'diagnosis') {
    const { request } = target;
    return { watch: watch.id, cluster: request.cluster, namespace: request.namespace, pod: request.pod, destination: request.destination, port: String(request.port) };
  }
  const { audit } = target;
  return { watch: watch.id, cluster: audit.cluster, namespace: audit.scope.kind === 'cluster' ? '' : audit.scope.namespace, pod: '', destination: audit.destination.destination, port: String(audit.destination.port) };
}

/** The whole exposition: counters of this process, and one verdict gauge set per watch. */
export function formatMetrics(registry: MetricsRegistry, watches: readonly WatchView[]): string {
  const { diagnosisSeconds: histogram } = registry;
  const lines = [
    ...family('egress_doctor_diagnoses_total', 'counter', 'Diagnoses run by this process, by verdict.', VERDICTS.map((verdict) => `egress_doctor_diagnoses_total${labels({ verdict })} ${registry.diagnoses.get(verdict) ?? 0}`)),
    ...family('egress_doctor_diagnosis_duration_seconds', 'histogram', 'Time to read the facts and evaluate one diagnosis.', [
      ...DIAGNOSIS_SECONDS_BUCKETS.map((bound, index) => `egress_doctor_diagnosis_duration_seconds_bucket${labels({ le: String(bound) })} ${histogram.buckets[index] ?? 0}`),
      `egress_doctor_diagnosis_duration_seconds_bucket${labels({ le: '+Inf' })} ${histogram.count}`,
      `egress_doctor_diagnosis_duration_seconds_sum ${number(histogram.sum)}`,
      `egress_doctor_diagnosis_duration_seconds_count ${histogram.count}`,
    ]),
    ...family('egress_doctor_cloud_calls_total', 'counter', 'Alibaba Cloud API calls, each attempt counted, by action.', [...registry.cloudCalls].sort(([a], [b]) => a.localeCompare(b)).map(([action, count]) => `egress_doctor_cloud_calls_total${labels({ action })} ${count}`)),
    ...family(
      'egress_doctor_cloud_call_errors_total',
      'counter',
      'Alibaba Cloud API calls that failed, by action and error code.',
      [...registry.cloudCallErrors.values()].sort((a, b) => `${a.action} ${a.code}`.localeCompare(`${b.action} ${b.code}`)).map((entry) => `egress_doctor_cloud_call_errors_total${labels({ action: entry.action, code: entry.code })} ${entry.count}`),
    ),
    ...family('egress_doctor_what_if_evaluations_total', 'counter', 'What-if evaluations.', [`egress_doctor_what_if_evaluations_total ${registry.whatIfs.count}`]),
    ...family('egress_doctor_what_if_evaluation_seconds_total', 'counter', 'Time spent evaluating what-ifs.', [`egress_doctor_what_if_evaluation_seconds_total ${number(registry.whatIfs.sum)}`]),
    ...family('egress_doctor_watch_runs_total', 'counter', 'Watch runs by this process, by outcome.', ['unchanged', 'changed', 'error'].map((outcome) => `egress_doctor_watch_runs_total${labels({ outcome })} ${registry.watchRuns.get(outcome) ?? 0}`)),
    ...family(
      'egress_doctor_watch_verdict',
      'gauge',
      'The verdict each watch saw last: 1 for the current verdict, 0 for the others.',
      watches.flatMap((watch) => {
        const base = watchLabels(watch);
        return VERDICTS.map((verdict) => `egress_doctor_watch_verdict${labels({ ...base, verdict })} ${watch.state.verdict === verdict ? 1 : 0}`);
      }),
    ),
    ...family(
      'egress_doctor_watch_audit_pods',
      'gauge',
      'The pods of each watched audit, by the verdict its last run saw (pod="" on the verdict gauge of an audit).',
      watches.flatMap((watch) => {
        const { audit } = watch.state;
        return audit ? VERDICTS.map((verdict) => `egress_doctor_watch_audit_pods${labels({ watch: watch.id, verdict })} ${audit.counts[verdict]}`) : [];
      }),
    ),
    ...family('egress_doctor_watch_failing', 'gauge', 'Whether the last run of each watch failed (1) or not (0).', watches.map((watch) => `egress_doctor_watch_failing${labels({ watch: watch.id })} ${watch.lastError === null ? 0 : 1}`)),
  ];
  return `${lines.join('\n')}\n`;
}
