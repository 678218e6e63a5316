'use client';

import { useCallback, useEffect, useState } from 'react';

import Link from 'next/link';
import { useRouter } from 'next/navigation';

import { useQuery } from '@tanstack/react-query';
import { useTranslations } from 'next-intl';

import { ApiError } from '@/lib/queries/api-error';
import { diagnosisRunQueryOptions, type DiagnosisProgress, type DiagnosisRunRequest } from '@/lib/queries/diagnoses';
import type { HopView } from '@/lib/schemas/diagnosis';

import { Button } from '@/components/ui/button';
import { Card } from '@/components/ui/card';
import { ErrorNotice, Skeleton } from '@/components/ui/states';
import { DestinationForm } from '@/components/diagnose-form/destination-form';
import { DecidedHops } from '@/components/diagnosis/decided-hops';
import { DiagnosisView } from '@/components/diagnosis/diagnosis-view';
import { ProgressChecklist } from '@/components/diagnosis/progress-checklist';
import { RecentDiagnoses } from '@/components/diagnosis/recent-diagnoses';
import { diagnoseHref, rememberDiagnosis } from '@/components/diagnosis/recent-store';
import { ShareLink } from '@/components/diagnosis/share-link';
import type { AppliedChange } from '@/components/fix-apply/fix-apply-context';
import { UndoChangeButton } from '@/components/fix-apply/undo-change-button';
import { ErrorText } from '@/components/i18n/error-text';
import { RerunOutcome, switchOfChange, type DiagnosisSwitch } from '@/components/saved/rerun';

/**
 * Runs the diagnosis the URL asks for, shows its stages live, then the result; once a fix
 * applied from it is done, its re-run (with the changes and a link back) until "Run again".
 */
export function DiagnoseScreen({ request }: { request: DiagnosisRunRequest }) {
  const t = useTranslations();
  const router = useRouter();
  const [progress, setProgress] = useState<DiagnosisProgress[]>([]);
  // Hops decided before the cloud is read (dns, networkPolicy) show while the rest runs.
  const [earlyHops, setEarlyHops] = useState<HopView[]>([]);
  // A retry starts again at the `cluster` stage: start the checklist over with it.
  const onProgress = useCallback((line: DiagnosisProgress) => {
    setProgress((previous) => (line.stage === 'cluster' ? [line] : [...previous, line]));
    if (line.stage === 'cluster') setEarlyHops([]);
  }, []);
  const onHop = useCallback((hop: HopView) => setEarlyHops((previous) => [...previous.filter((item) => item.kind !== hop.kind), hop]), []);
  const query = useQuery(diagnosisRunQueryOptions(request, onProgress, onHop));
  // Once a fix applied from here is done, its re-run is the current truth (until "Run again").
  const [switched, setSwitched] = useState<DiagnosisSwitch | null>(null);
  const onChanged = useCallback((change: AppliedChange) => {
    const next = switchOfChange(change);
    if (next) setSwitched(next);
  }, []);
  const diagnosis = switched?.diagnosis ?? query.data;

  useEffect(() => {
    if (diagnosis) rememberDiagnosis({ request, verdict: diagnosis.verdict, id: diagnosis.id, at: diagnosis.createdAt });
  }, [diagnosis, request]);

  const runAgain = () => {
    setSwitched(null);
    setProgress([]);
    setEarlyHops([]);
    void query.refetch();
  };
  const running = query.isFetching;

  return (
    <div className="space-y-4">
      <Card className="space-y-3 p-3 sm:p-4">
        <DestinationForm
          sourceLabel={`${request.cluster} / ${request.namespace} / ${request.pod}`}
          initial={{ destination: request.destination, port: request.port, protocol: request.protocol }}
          onSubmit={(next) => router.push(diagnoseHref({ ...request, ...next }))}
        />
        <RecentDiagnoses current={request} />
      </Card>

      {running ? (
        <RunningDiagnosis progress={progress} hops={earlyHops} />
      ) : query.isError ? (
        <FailedDiagnosis error={query.error} progress={progress} onRetry={runAgain} />
      ) : diagnosis ? (
        <>
          <RerunOutcome result={switched} error={null} onRetry={runAgain} actions={switched?.auditId ? <UndoChangeButton key={switched.auditId} auditId={switched.auditId} onChanged={onChanged} /> : null} />
          <DiagnosisView
            key={diagnosis.id ?? diagnosis.createdAt}
            diagnosis={diagnosis}
            onChanged={onChanged}
            actions={
              <>
                {diagnosis.id ? <ShareLink id={diagnosis.id} /> : null}
                <Button variant="secondary" size="sm" onClick={runAgain}>
                  {t('diagnoseForm.runAgain')}
                </Button>
              </>
            }
          />
        </>
      ) : (
        <RunningDiagnosis progress={progress} hops={earlyHops} />
      )}
    </div>
  );
}

/** The live checklist where the verdict will be, and skeletons the size of the graph and details. */
function RunningDiagnosis({ progress, hops }: { progress: DiagnosisProgress[]; hops: HopView[] }) {
  const t = useTranslations();
  return (
    <div className="space-y-4" aria-busy="true">
      <Card className="grid gap-4 p-4 md:grid-cols-2">
        <div>
          <p role="status" className="mb-3 text-sm font-semibold">
            {t('diagnoseForm.diagnosing')}
          </p>
          <ProgressChecklist progress={progress} />
        </div>
        <DecidedHops hops={hops} />
      </Card>
      <Skeleton className="h-[280px] w-full rounded-lg" />
      <Skeleton className="h-[240px] w-full rounded-lg" />
    </div>
  );
}

function FailedDiagnosis({ error, progress, onRetry }: { error: unknown; progress: DiagnosisProgress[]; onRetry: () => void }) {
  const t = useTranslations();
  const notFound = error instanceof ApiError && error.status === 404;
  return (
    <div className="space-y-3">
      {progress.length > 0 ? (
        <Card className="p-4">
          <ProgressChecklist progress={progress} failed />
        </Card>
      ) : null}
      <ErrorNotice
        title={notFound ? t('diagnoseForm.notFound') : error instanceof ApiError && error.status < 500 ? t('diagnoseForm.refused') : t('diagnoseForm.couldNotFinish')}
        message={<ErrorText error={error} withCode />}
        onRetry={onRetry}
      />
      {notFound ? (
        <p className="text-sm">
          <Link href="/" className="text-sky-700 underline underline-offset-2 dark:text-sky-400">
            {t('diagnoseForm.pickAnother')}
          </Link>
        </p>
      ) : null}
    </div>
  );
}
