'use client';

import { useCallback, useEffect, useState } from 'react';

import { useTranslations } from 'next-intl';

import { savedWorldHref } from '@/lib/queries/saved-diagnoses';
import type { SavedDiagnosis as SavedDiagnosisData } from '@/lib/schemas/saved-diagnosis';

import { buttonVariants } from '@/components/ui/button';
import { DiagnosisView } from '@/components/diagnosis/diagnosis-view';
import { ShareLink } from '@/components/diagnosis/share-link';
import type { AppliedChange } from '@/components/fix-apply/fix-apply-context';
import { UndoChangeButton } from '@/components/fix-apply/undo-change-button';
import { RerunButton, RerunOutcome, switchOfChange, switchOfRerun, useRerun, type DiagnosisSwitch } from '@/components/saved/rerun';
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
 * world". After a re-run, or once a fix applied (or undone) from the page is done, the page
 * shows one current truth: the new diagnosis (banner, graph, hops, share link and address
 * bar), with the changes against the previous one and a link back.
 */
export function SavedDiagnosis({ saved }: { saved: SavedDiagnosisData }) {
  const t = useTranslations();
  const [current, setCurrent] = useState<DiagnosisSwitch | null>(null);
  const diagnosis = current?.diagnosis ?? saved.diagnosis;
  const id = diagnosis.id ?? '';
  const rerun = useRerun(id);
  const expiresAt = current ? expiryOfRerun(saved, diagnosis.createdAt) : saved.expiresAt;
  const runRerun = () => rerun.mutate(undefined, { onSuccess: (result) => setCurrent(switchOfRerun(result)) });
  const onChanged = useCallback((change: AppliedChange) => {
    const next = switchOfChange(change);
    if (next) setCurrent(next);
  }, []);

  useEffect(() => {
    // NOTE: the App Router keeps in step with history.replaceState; the address is now the new diagnosis's link.
    if (current?.diagnosis.id) window.history.replaceState(null, '', `/d/${current.diagnosis.id}`);
  }, [current]);

  return (
    <div className="space-y-3">
      <SavedOrigin origin={saved.origin} takenAt={diagnosis.createdAt} expiresAt={expiresAt} />
      <p className="text-xs text-slate-600 dark:text-slate-400">{current ? t('savedPage.factsNow') : t('savedPage.factsThen')}</p>
      {saved.whatIf ? <HypotheticalBanner whatIf={saved.whatIf} /> : null}
      <RerunOutcome
        result={current}
        error={rerun.error}
        onRetry={runRerun}
        actions={current?.auditId ? <UndoChangeButton key={current.auditId} auditId={current.auditId} onChanged={onChanged} /> : null}
      />
      <DiagnosisView
        key={id}
        diagnosis={diagnosis}
        onChanged={onChanged}
        actions={
          <>
            <ShareLink id={id} />
            {current ? null : <RerunButton pending={rerun.isPending} onRerun={runRerun} />}
            <a href={savedWorldHref(id)} download={`diagnosis-${id}.yaml`} className={buttonVariants({ variant: 'secondary', size: 'sm' })}>
              {t('savedPage.downloadWorld')}
            </a>
          </>
        }
      />
      {current ? null : <WhatIfPanel key={`what-if-${id}`} diagnosis={diagnosis} />}
      {current || saved.whatIf ? null : <WatchForm diagnosisId={id} />}
    </div>
  );
}
