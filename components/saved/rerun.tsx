'use client';

import { useMutation } from '@tanstack/react-query';
import { useTranslations } from 'next-intl';

import { rerunSavedDiagnosis } from '@/lib/queries/saved-diagnoses';
import type { RerunResponse } from '@/lib/schemas/saved-diagnosis';

import { Button } from '@/components/ui/button';
import { ErrorNotice } from '@/components/ui/states';

import { RerunChanges } from './rerun-changes';

/** The re-run of saved diagnosis `id` (never retried: each run saves a new diagnosis). */
export function useRerun(id: string) {
  return useMutation({ mutationFn: () => rerunSavedDiagnosis(id), retry: false });
}

/** The "Re-run" button. */
export function RerunButton({ pending, onRerun }: { pending: boolean; onRerun: () => void }) {
  const t = useTranslations();
  return (
    <Button variant="secondary" size="sm" onClick={onRerun} disabled={pending} aria-controls="rerun-result">
      {pending ? t('savedPage.rerunning') : t('savedPage.rerun')}
    </Button>
  );
}

/** Where the outcome of a re-run shows: the changes, or the error with a retry. */
export function RerunOutcome({ result, error, onRetry }: { result: RerunResponse | undefined; error: Error | null; onRetry: () => void }) {
  const t = useTranslations();
  return (
    <div id="rerun-result" aria-live="polite">
      {error ? <ErrorNotice title={t('savedPage.rerunFailed')} message={error.message} onRetry={onRetry} /> : null}
      {result ? <RerunChanges result={result} /> : null}
    </div>
  );
}
