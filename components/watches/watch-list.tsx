'use client';

import { useMutation } from '@tanstack/react-query';
import Link from 'next/link';
import { useRouter } from 'next/navigation';
import { useTranslations } from 'next-intl';

import { runWatchNow } from '@/lib/queries/watches';
import type { WatchList } from '@/lib/schemas/watch';
import type { AuditScope } from '@/lib/schemas/audit';
import { auditPagePath } from '@/lib/watch/watch-target';

import { Badge } from '@/components/ui/badge';
import { Button } from '@/components/ui/button';
import { Card } from '@/components/ui/card';
import { EmptyState, ErrorNotice } from '@/components/ui/states';
import { ErrorText } from '@/components/i18n/error-text';

import { WatchEventText } from './watch-state-text';

const verdictTone = { reachable: 'pass', blocked: 'block', unknown: 'unknown' } as const;
type Watch = WatchList['watches'][number];

function RunNow({ id }: { id: string }) {
  const t = useTranslations();
  const router = useRouter();
  const run = useMutation({ mutationFn: () => runWatchNow(id), retry: false, onSuccess: () => router.refresh() });
  return (
    <div className="space-y-1">
      <Button size="sm" variant="secondary" disabled={run.isPending} onClick={() => run.mutate()}>
        {run.isPending ? t('watchesPage.running') : t('watchesPage.runNow')}
      </Button>
      {run.error ? <ErrorNotice title={t('watchesPage.runFailed')} message={<ErrorText error={run.error} />} /> : null}
    </div>
  );
}

type Translate = ReturnType<typeof useTranslations>;

function scopeText(t: Translate, scope: AuditScope): string {
  switch (scope.kind) {
    case 'namespace':
      return t('watchesPage.scopeNamespace', { namespace: scope.namespace });
    case 'workload':
      return t('watchesPage.scopeWorkload', { workload: `${scope.namespace}/${scope.workloadKind}/${scope.name}` });
    case 'cluster':
      return t('watchesPage.scopeCluster');
    default: {
      const exhaustive: never = scope;
      throw new Error(`invariant: unknown audit scope ${JSON.stringify(exhaustive)}`);
    }
  }
}

/** The card's name, the cluster and (an audit) the page that runs it. */
function watchName(t: Translate, target: Watch['target']): { name: string; cluster: string; auditPath: string | null } {
  if (target.kind === 'audit') {
    const { audit } = target;
    return { name: t('watchesPage.auditOf', { scope: scopeText(t, audit.scope), destination: `${audit.destination.destination}:${audit.destination.port}` }), cluster: audit.cluster, auditPath: auditPagePath(audit) };
  }
  const { request } = target;
  return { name: `${request.namespace}/${request.pod} → ${request.destination}:${request.port}`, cluster: request.cluster, auditPath: null };
}

function WatchCard({ watch }: { watch: Watch }) {
  const t = useTranslations();
  const { name, cluster, auditPath } = watchName(t, watch.target);
  const counts = watch.state.audit?.counts;
  return (
    <Card className="space-y-2 p-3 text-sm" role="region" aria-label={t('watchesPage.cardLabel', { name })}>
      <div className="flex flex-wrap items-center gap-2">
        <h2 data-verbatim={watch.target.kind === 'diagnosis' ? true : undefined} className="font-semibold">
          {name}
        </h2>
        <Badge tone={verdictTone[watch.state.verdict]}>
          {watch.state.blockingHop === null ? t('savedList.verdictWord', { verdict: watch.state.verdict }) : t('savedList.verdictAt', { verdict: watch.state.verdict, hop: t(`hops.${watch.state.blockingHop}`) })}
        </Badge>
        {counts ? <span>{t('watchesPage.podCounts', counts)}</span> : null}
        <span className="text-xs text-slate-600 dark:text-slate-400">
          <span data-verbatim>{cluster}</span> · {t('watchesPage.every', { minutes: watch.intervalMinutes })} · {t('watchesPage.last')} {watch.lastRunAt ? <time data-verbatim>{watch.lastRunAt}</time> : t('watchesPage.never')} · {t('watchesPage.next')}{' '}
          <time data-verbatim>{watch.nextRunAt}</time>
        </span>
        <RunNow id={watch.id} />
      </div>
      {watch.lastError ? <ErrorNotice title={t('watchesPage.runFailed')} message={<span data-verbatim>{watch.lastError}</span>} /> : null}
      <h3 className="text-xs font-semibold">{t('watchesPage.history')}</h3>
      <ol aria-label={t('watchesPage.historyOf', { name })} className="space-y-1 text-xs">
        {watch.events.map((event, index) => (
          <li key={`${event.at}-${index}`} className="flex flex-wrap items-center gap-2">
            <time data-verbatim dateTime={event.at}>
              {event.at}
            </time>
            <Badge tone={event.kind === 'error' ? 'block' : event.kind === 'changed' ? 'warn' : 'neutral'}>{t('watchesPage.event', { kind: event.kind })}</Badge>
            <span>
              <WatchEventText event={event} />
            </span>
            {event.notification !== 'none' ? <span>({event.notification === 'sent' ? t('watchesPage.sent') : t('watchesPage.sendFailed')})</span> : null}
            {event.diagnosisId ? (
              <Link href={`/d/${event.diagnosisId}`} className="text-sky-700 underline underline-offset-2 dark:text-sky-400">
                {t('watchesPage.diagnosis')}
              </Link>
            ) : auditPath && event.kind !== 'error' ? (
              <Link href={auditPath} className="text-sky-700 underline underline-offset-2 dark:text-sky-400">
                {t('watchesPage.audit')}
              </Link>
            ) : null}
          </li>
        ))}
      </ol>
    </Card>
  );
}

/** Every watch with its state, a "Run now" button and its history. */
export function WatchListView({ watches }: { watches: Watch[] }) {
  const t = useTranslations();
  if (watches.length === 0) return <EmptyState>{t('watchesPage.none')}</EmptyState>;
  return (
    <div className="space-y-3">
      {watches.map((watch) => (
        <WatchCard key={watch.id} watch={watch} />
      ))}
    </div>
  );
}
