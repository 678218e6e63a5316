'use client';

import { useMutation } from '@tanstack/react-query';
import Link from 'next/link';
import { useRouter } from 'next/navigation';

import { runWatchNow } from '@/lib/queries/watches';
import type { WatchList } from '@/lib/schemas/watch';
import { auditPagePath, describeAuditScope } from '@/lib/watch/watch-target';

import { Badge } from '@/components/ui/badge';
import { Button } from '@/components/ui/button';
import { Card } from '@/components/ui/card';
import { EmptyState, ErrorNotice } from '@/components/ui/states';

import { WATCH_STRINGS as S } from './strings';

const verdictTone = { reachable: 'pass', blocked: 'block', unknown: 'unknown' } as const;
type Watch = WatchList['watches'][number];

function RunNow({ id }: { id: string }) {
  const router = useRouter();
  const run = useMutation({ mutationFn: () => runWatchNow(id), retry: false, onSuccess: () => router.refresh() });
  return (
    <div className="space-y-1">
      <Button size="sm" variant="secondary" disabled={run.isPending} onClick={() => run.mutate()}>
        {run.isPending ? S.running : S.runNow}
      </Button>
      {run.error ? <ErrorNotice title={S.runFailed} message={run.error.message} /> : null}
    </div>
  );
}

/** The card's name, the cluster and (an audit) the page that runs it. */
function watchName(target: Watch['target']): { name: string; cluster: string; auditPath: string | null } {
  if (target.kind === 'audit') {
    const { audit } = target;
    return { name: `${S.auditOf} ${describeAuditScope(audit.scope)} → ${audit.destination.destination}:${audit.destination.port}`, cluster: audit.cluster, auditPath: auditPagePath(audit) };
  }
  const { request } = target;
  return { name: `${request.namespace}/${request.pod} → ${request.destination}:${request.port}`, cluster: request.cluster, auditPath: null };
}

function WatchCard({ watch }: { watch: Watch }) {
  const { name, cluster, auditPath } = watchName(watch.target);
  const counts = watch.state.audit?.counts;
  return (
    <Card className="space-y-2 p-3 text-sm" role="region" aria-label={`Watch ${name}`}>
      <div className="flex flex-wrap items-center gap-2">
        <h2 className="font-semibold">{name}</h2>
        <Badge tone={verdictTone[watch.state.verdict]}>
          {watch.state.verdict}
          {watch.state.blockingHop ? ` at ${watch.state.blockingHop}` : ''}
        </Badge>
        {counts ? <span>{S.podCounts(counts)}</span> : null}
        <span className="text-xs text-slate-600 dark:text-slate-400">
          {cluster} · {S.every(watch.intervalMinutes)} · {S.last} {watch.lastRunAt ?? S.never} · {S.next} {watch.nextRunAt}
        </span>
        <RunNow id={watch.id} />
      </div>
      {watch.lastError ? <ErrorNotice title={S.runFailed} message={watch.lastError} /> : null}
      <h3 className="text-xs font-semibold">{S.history}</h3>
      <ol aria-label={`${S.history} of ${name}`} className="space-y-1 text-xs">
        {watch.events.map((event, index) => (
          <li key={`${event.at}-${index}`} className="flex flex-wrap items-center gap-2">
            <time dateTime={event.at}>{event.at}</time>
            <Badge tone={event.kind === 'error' ? 'block' : event.kind === 'changed' ? 'warn' : 'neutral'}>{event.kind}</Badge>
            <span>{event.message}</span>
            {event.notification !== 'none' ? <span>({S.notification[event.notification]})</span> : null}
            {event.diagnosisId ? (
              <Link href={`/d/${event.diagnosisId}`} className="text-sky-700 underline underline-offset-2 dark:text-sky-400">
                {S.diagnosis}
              </Link>
            ) : auditPath && event.kind !== 'error' ? (
              <Link href={auditPath} className="text-sky-700 underline underline-offset-2 dark:text-sky-400">
                {S.audit}
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
  if (watches.length === 0) return <EmptyState>{S.none}</EmptyState>;
  return (
    <div className="space-y-3">
      {watches.map((watch) => (
        <WatchCard key={watch.id} watch={watch} />
      ))}
    </div>
  );
}
