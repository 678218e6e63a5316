import Link from 'next/link';
import { useTranslations } from 'next-intl';

import type { AuditDestinationResult, AuditGroup, AuditResult } from '@/lib/schemas/audit';

import { Card } from '@/components/ui/card';
import { CodeBlock } from '@/components/diagnosis/code-block';
import { useText } from '@/components/i18n/use-text';

import { VerdictBadge } from './verdict-badge';

const linkClass = 'font-medium text-sky-700 underline underline-offset-2 dark:text-sky-400';

function SingleChange({ outcome }: { outcome: AuditDestinationResult }) {
  const t = useTranslations();
  const text = useText();
  const change = outcome.singleChange;
  // NOTE: the reason is the server's sentence (English), shown as it is.
  if (change.kind === 'none') return outcome.counts.blocked > 0 ? <p data-verbatim className="text-sm text-slate-600 dark:text-slate-400">{change.reason}</p> : null;
  const title = text(change.fix.title, change.fix.titleMessage);
  return (
    <div className="rounded-md border border-emerald-300 bg-emerald-50 p-3 text-sm dark:border-emerald-900 dark:bg-emerald-950/40">
      <p className="font-medium">
        {t('namespaceAudit.singleChange')}: {title} <span className="font-normal">({t('namespaceAudit.unblocks', { count: change.unblocks })})</span>
      </p>
      <p className="mt-1 text-slate-700 dark:text-slate-300">{text(change.fix.description, change.fix.descriptionMessage)}</p>
      {change.fix.kind === 'manual' ? null : (
        <div className="mt-2">
          <CodeBlock caption={change.fix.kind === 'alicloud' ? 'aliyun CLI' : 'kubectl'} code={change.fix.command} copyDescription={title} />
        </div>
      )}
    </div>
  );
}

/**
 * A group's title in the page's language: a blocked group names its hop and the rule that
 * decided (the rule's label as a message when it has one); a reachable group its verdict. A
 * group decided otherwise shows the server's title as it is.
 */
function GroupTitle({ group }: { group: AuditGroup }) {
  const t = useTranslations();
  const text = useText();
  if (group.verdict === 'reachable') return t('savedList.verdictWord', { verdict: group.verdict });
  if (group.verdict === 'blocked' && group.hop !== null && group.rule !== null) {
    const hop = t(`hops.${group.hop}`);
    if (group.rule.labelMessage !== undefined) return t('namespaceAudit.groupBlocked', { hop, detail: text(group.rule.label, group.rule.labelMessage) });
    // A label with no message (names and ids, as the cloud spells them) is shown as it is, after the translated part (the detail ends the pattern in every language).
    return (
      <>
        {t('namespaceAudit.groupBlocked', { hop, detail: '' })}
        <span data-verbatim>{group.rule.label}</span>
      </>
    );
  }
  return <span data-verbatim>{group.title}</span>;
}

/** One destination: its counts, the single change, and the groups of pods with each pod's link. */
function DestinationOutcome({ outcome }: { outcome: AuditDestinationResult }) {
  const t = useTranslations();
  const { destination, counts } = outcome;
  return (
    <Card className="space-y-3 p-4" role="region" aria-label={destination.destination}>
      <h2 data-verbatim className="font-semibold">
        {destination.destination} <span className="font-normal text-slate-600 dark:text-slate-400">({destination.host}:{destination.port}/{destination.protocol})</span>
      </h2>
      <p className="text-sm">{t('namespaceAudit.counts', { reachable: counts.reachable, blocked: counts.blocked, unknown: counts.unknown })}</p>
      <SingleChange outcome={outcome} />
      <ul className="space-y-2">
        {outcome.groups.map((group) => (
          <li key={group.id}>
            <details open={group.verdict !== 'reachable'} className="rounded border border-slate-200 p-2 dark:border-slate-800">
              <summary className="cursor-pointer text-sm">
                <VerdictBadge verdict={group.verdict} /> <span className="font-medium">{t('namespaceAudit.groupPods', { count: group.pods })}</span> <GroupTitle group={group} />
              </summary>
              <table className="mt-2 w-full text-left text-sm">
                <thead className="text-xs text-slate-600 dark:text-slate-400">
                  <tr>
                    <th className="py-1 pr-3 font-medium">{t('namespaceAudit.pod')}</th>
                    <th className="py-1 pr-3 font-medium">{t('namespaceAudit.workload')}</th>
                    <th className="py-1 pr-3 font-medium">{t('namespaceAudit.address')}</th>
                    <th className="py-1 font-medium">{t('namespaceAudit.diagnosis')}</th>
                  </tr>
                </thead>
                <tbody>
                  {outcome.pods
                    .filter((pod) => pod.group === group.id)
                    .map((pod) => (
                      <tr key={`${pod.namespace}/${pod.name}`} className="border-t border-slate-100 dark:border-slate-800">
                        <td data-verbatim className="py-1 pr-3 font-mono text-xs">
                          {pod.namespace}/{pod.name}
                        </td>
                        <td data-verbatim className="py-1 pr-3 font-mono text-xs">
                          {pod.workload}
                        </td>
                        <td data-verbatim className="py-1 pr-3 font-mono text-xs">{pod.ip ?? '—'}</td>
                        <td className="py-1">
                          <Link href={pod.diagnosisUrl} className={linkClass} aria-label={t('namespaceAudit.diagnosisLabel', { pod: `${pod.namespace}/${pod.name}`, destination: destination.destination })}>
                            {t('namespaceAudit.diagnosis')}
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
  const t = useTranslations();
  return (
    <section className="space-y-3" aria-label={t('namespaceAudit.resultLabel')}>
      <p className="text-sm text-slate-700 dark:text-slate-300">
        {t('namespaceAudit.summary', { pods: result.podCount, classes: result.classes })}
        {result.skipped.length > 0 ? ` · ${t('namespaceAudit.skipped', { count: result.skipped.length })}` : ''}
      </p>
      {result.podCount === 0 ? <p role="status">{t('namespaceAudit.noPods')}</p> : result.destinations.map((outcome) => <DestinationOutcome key={outcome.destination.destination} outcome={outcome} />)}
    </section>
  );
}
