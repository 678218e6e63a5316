'use client';

import { useMutation } from '@tanstack/react-query';
import { useTranslations } from 'next-intl';

import { rerunSavedDiagnosis } from '@/lib/queries/saved-diagnoses';
import type { DiagnosisView } from '@/lib/schemas/diagnosis';
import type { DiagnosisChange, RerunResponse } from '@/lib/schemas/saved-diagnosis';

import { Button } from '@/components/ui/button';
import { ErrorNotice } from '@/components/ui/states';
import type { AppliedChange } from '@/components/fix-apply/fix-apply-context';

import { RerunChanges } from './rerun-changes';

/** The re-run of saved diagnosis `id` (never retried: each run saves a new diagnosis). */
export function useRerun(id: string) {
  return useMutation({ mutationFn: () => rerunSavedDiagnosis(id), retry: false });
}

/**
 * What the page switched to: a new diagnosis of the same request, taken by Re-run or right
 * after a fix was applied (or undone) from the page, and what changed since the one shown before.
 */
export interface DiagnosisSwitch {
  cause: 'rerun' | 'apply' | 'undo';
  diagnosis: DiagnosisView;
  /** The diagnosis shown before (link back); null when it is gone. */
  previousId: string | null;
  changes: DiagnosisChange[];
  /** The audit entry of a fix applied from the page (its undo is offered); null otherwise. */
  auditId: string | null;
}

/** The switch a re-run makes. */
export function switchOfRerun(result: RerunResponse): DiagnosisSwitch {
  return { cause: 'rerun', diagnosis: result.diagnosis, previousId: result.previousId, changes: result.changes, auditId: null };
}

/** The switch a change made from the page makes: to its re-run; null when there is none (the re-run failed). */
export function switchOfChange({ operation, response }: AppliedChange): DiagnosisSwitch | null {
  if (!response.rerun) return null;
  return { cause: operation, diagnosis: response.rerun, previousId: response.previousId, changes: response.changes, auditId: operation === 'apply' ? response.auditId : null };
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

/** Where the outcome of a switch shows: the changes (with `actions`, e.g. Undo), or the re-run's error with a retry. */
export function RerunOutcome({ result, error, onRetry, actions }: { result: DiagnosisSwitch | null; error: Error | null; onRetry: () => void; actions?: React.ReactNode }) {
  const t = useTranslations();
  return (
    <div id="rerun-result" aria-live="polite">
      {error ? <ErrorNotice title={t('savedPage.rerunFailed')} message={error.message} onRetry={onRetry} /> : null}
      {result ? <RerunChanges result={result} actions={actions} /> : null}
    </div>
  );
}
