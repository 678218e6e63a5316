import Link from 'next/link';

import type { AuditDestinationResult, AuditResult } from '@/lib/schemas/audit';

import { Card } from '@/components/ui/card';
import { CodeBlock } from '@/components/diagnosis/code-block';

import { auditStrings } from './strings';
import { VerdictBadge } from './verdict-badge';

const linkClass = 'font-medium text-sky-700 underline underline-offset-2 dark:text-sky-400';

function SingleChange({ outcome }: { outcome: AuditDestinationResult }) {
  const change = outcome.singleChange;
  if (change.kind === 'none') return outcome.counts.blocked > 0 ? <p className="text-sm text-slate-600 dark:text-slate-400">{change.reason}</p> : null;
  return (
    <div className="rounded-md border border-emerald-300 bg-emerald-50 p-3 text-sm dark:border-emerald-900 dark:bg-emerald-950/40">
      <p className="font-medium">
        {auditStrings.singleChange}: {change.fix.title} <span className="font-normal">({auditStrings.unblocks(change.unblocks)})</span>
      </p>
      <p className="mt-1 text-slate-700 dark:text-slate-300">{change.fix.description}</p>
      {change.fix.kind === 'manual' ? null : (
        <div className="mt-2">
          <CodeBlock caption={change.fix.kind === 'alicloud' ? auditStrings.fixCommandCloud : auditStrings.fixCommandKubernetes} code={change.fix.command} copyDescription={change.fix.title} />
        </div>
      )}
    </div>
  );
}

/** One destination: its counts, the single change, and the groups of pods with each pod's link. */
function DestinationOutcome({ outcome }: { outcome: AuditDestinationResult }) {
  const { destination, counts } = outcome;
  return (
    <Card className="space-y-3 p-4" role="region" aria-label={destination.destination}>
      <h2 className="font-semibold">
        {destination.destination} <span className="font-normal text-slate-600 dark:text-slate-400">({destination.host}:{destination.port}/{destination.protocol})</span>
      </h2>
      <p className="text-sm">{auditStrings.counts(counts.reachable, counts.blocked, counts.unknown)}</p>
      <SingleChange outcome={outcome} />
      <ul className="space-y-2">
        {outcome.groups.map((group) => (
          <li key={group.id}>
            <details open={group.verdict !== 'reachable'} className="rounded border border-slate-200 p-2 dark:border-slate-800">
              <summary className="cursor-pointer text-sm">
                <VerdictBadge verdict={group.verdict} /> <span className="font-medium">{auditStrings.groupPods(group.pods)}</span> {group.title}
              </summary>
              <table className="mt-2 w-full text-left text-sm">
                <thead className="text-xs text-slate-600 dark:text-slate-400">
                  <tr>
                    <th className="py-1 pr-3 font-medium">{auditStrings.pod}</th>
                    <th className="py-1 pr-3 font-medium">{auditStrings.workload}</th>
                    <th className="py-1 pr-3 font-medium">{auditStrings.address}</th>
                    <th className="py-1 font-medium">{auditStrings.diagnosis}</th>
                  </tr>
                </thead>
                <tbody>
                  {outcome.pods
                    .filter((pod) => pod.group === group.id)
                    .map((pod) => (
                      <tr key={`${pod.namespace}/${pod.name}`} className="border-t border-slate-100 dark:border-slate-800">
                        <td className="py-1 pr-3 font-mono text-xs">
                          {pod.namespace}/{pod.name}
                        </td>
                        <td className="py-1 pr-3 font-mono text-xs">{pod.workload}</td>
                        <td className="py-1 pr-3 font-mono text-xs">{pod.ip ?? '—'}</td>
                        <td className="py-1">
                          <Link href={pod.diagnosisUrl} className={linkClass} aria-label={`${auditStrings.diagnosis}: ${pod.namespace}/${pod.name} → ${destination.destination}`}>
                            {auditStrings.diagnosis}
                          </Link>
                        </td>
                      </tr>
                    ))}
                </tbody>
              </table>
            </details>
          </li>
        ))}
      </ul>
    </Card>
  );
}

/** The audit's answer, one card per destination. */
export function AuditResultView({ result }: { result: AuditResult }) {
  return (
    <section className="space-y-3" aria-label={auditStrings.resultLabel}>
      <p className="text-sm text-slate-700 dark:text-slate-300">
        {auditStrings.summary(result.podCount, result.classes)}
        {result.skipped.length > 0 ? ` · ${auditStrings.skipped(result.skipped.length)}` : ''}
      </p>
      {result.podCount === 0 ? <p role="status">{auditStrings.noPods}</p> : result.destinations.map((outcome) => <DestinationOutcome key={outcome.destination.destination} outcome={outcome} />)}
    </section>
  );
}
