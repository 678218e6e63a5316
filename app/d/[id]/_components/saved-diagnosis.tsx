'use client';

import { savedWorldHref } from '@/lib/queries/saved-diagnoses';
import type { SavedDiagnosis as SavedDiagnosisData } from '@/lib/schemas/saved-diagnosis';

import { buttonVariants } from '@/components/ui/button';
import { DiagnosisView } from '@/components/diagnosis/diagnosis-view';
import { ShareLink } from '@/components/diagnosis/share-link';
import { RerunButton, RerunOutcome, useRerun } from '@/components/saved/rerun';
import { SavedOrigin } from '@/components/saved/saved-origin';

/** A saved diagnosis as it was, where it was taken, its share link, "Re-run" and "Download world". */
export function SavedDiagnosis({ saved }: { saved: SavedDiagnosisData }) {
  const { diagnosis } = saved;
  const id = diagnosis.id ?? '';
  const rerun = useRerun(id);
  return (
    <div className="space-y-3">
      <SavedOrigin origin={saved.origin} takenAt={diagnosis.createdAt} expiresAt={saved.expiresAt} />
      <p className="text-xs text-slate-600 dark:text-slate-400">Facts as read then; re-run it to compare with the current state.</p>
      <RerunOutcome result={rerun.data} error={rerun.error} onRetry={() => rerun.mutate()} />
      <DiagnosisView
        diagnosis={diagnosis}
        actions={
          <>
            <ShareLink id={id} />
            <RerunButton pending={rerun.isPending} onRerun={() => rerun.mutate()} />
            <a href={savedWorldHref(id)} download={`diagnosis-${id}.yaml`} className={buttonVariants({ variant: 'secondary', size: 'sm' })}>
              Download world
            </a>
          </>
        }
      />
    </div>
  );
}
