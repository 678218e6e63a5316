'use client';

import { useEffect } from 'react';

import { useTranslations } from 'next-intl';

import { savedWorldHref } from '@/lib/queries/saved-diagnoses';
import type { SavedDiagnosis as SavedDiagnosisData } from '@/lib/schemas/saved-diagnosis';

import { buttonVariants } from '@/components/ui/button';
import { DiagnosisView } from '@/components/diagnosis/diagnosis-view';
import { ShareLink } from '@/components/diagnosis/share-link';
import { RerunButton, RerunOutcome, useRerun } from '@/components/saved/rerun';
import { SavedOrigin } from '@/components/saved/saved-origin';
import { WatchForm } from '@/components/watches/watch-form';
import { HypotheticalBanner } from '@/components/what-if/hypothetical-banner';
import { WhatIfPanel } from '@/components/what-if/what-if-panel';

/** The new diagnosis keeps as long as the one it re-ran (same retention setting). */
function expiryOfRerun(saved: SavedDiagnosisData, createdAt: string): string {
  const retentionMs = Date.parse(saved.expiresAt) - Date.parse(saved.savedAt);
  return new Date(Date.parse(createdAt) + retentionMs).toISOString();
}

/**
 * A saved diagnosis as it was, where it was taken, its share link, "Re-run" and "Download
 * world". After a re-run the page shows one current truth: the new diagnosis (banner, graph,
 * hops, share link and address bar), with the changes against the previous one and a link back.
 */
export function SavedDiagnosis({ saved }: { saved: SavedDiagnosisData }) {
  const t = useTranslations();
  const rerun = useRerun(saved.diagnosis.id ?? '');
  const diagnosis = rerun.data?.diagnosis ?? saved.diagnosis;
  const id = diagnosis.id ?? '';
  const expiresAt = rerun.data ? expiryOfRerun(saved, diagnosis.createdAt) : saved.expiresAt;

  useEffect(() => {
    // NOTE: the App Router keeps in step with history.replaceState; the address is now the new diagnosis's link.
    if (rerun.data?.diagnosis.id) window.history.replaceState(null, '', `/d/${rerun.data.diagnosis.id}`);
  }, [rerun.data]);

  return (
    <div className="space-y-3">
      <SavedOrigin origin={saved.origin} takenAt={diagnosis.createdAt} expiresAt={expiresAt} />
      <p className="text-xs text-slate-600 dark:text-slate-400">
        {rerun.data ? t('savedPage.factsNow') : t('savedPage.factsThen')}
      </p>
      {saved.whatIf ? <HypotheticalBanner whatIf={saved.whatIf} /> : null}
      <RerunOutcome result={rerun.data} error={rerun.error} onRetry={() => rerun.mutate()} />
      <DiagnosisView
        key={id}
        diagnosis={diagnosis}
        actions={
          <>
            <ShareLink id={id} />
            {rerun.data ? null : <RerunButton pending={rerun.isPending} onRerun={() => rerun.mutate()} />}
            <a href={savedWorldHref(id)} download={`diagnosis-${id}.yaml`} className={buttonVariants({ variant: 'secondary', size: 'sm' })}>
              {t('savedPage.downloadWorld')}
            </a>
          </>
        }
      />
      {rerun.data ? null : <WhatIfPanel key={`what-if-${id}`} diagnosis={diagnosis} />}
      {rerun.data || saved.whatIf ? null : <WatchForm diagnosisId={id} />}
    </div>
  );
}
