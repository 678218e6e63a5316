'use client';

import { useState } from 'react';

import { useTranslations } from 'next-intl';

import type { HopKind } from '@/lib/analysis/model';
import type { DiagnosisView as Diagnosis } from '@/lib/schemas/diagnosis';

import { Card, CardHeader, CardTitle } from '@/components/ui/card';
import { EmptyState } from '@/components/ui/states';
import { FixApplyProvider, type AppliedChange } from '@/components/fix-apply/fix-apply-context';
import { HopTable } from '@/components/hop-table/hop-table';
import { PathGraphPanel } from '@/components/path-graph/path-graph-panel';

import { regionOfDiagnosis } from './console-links';
import { HopDetails } from './hop-details';
import { RequestSummary } from './request-summary';
import { VerdictBanner } from './verdict-banner';

/** The hop shown first: the blocking one, else the first that could not be decided or warns. */
export function defaultSelectedHop(diagnosis: Pick<Diagnosis, 'blockingHop' | 'hops'>): HopKind | null {
  if (diagnosis.blockingHop) return diagnosis.blockingHop;
  const notable = diagnosis.hops.find((hop) => hop.verdict === 'unknown') ?? diagnosis.hops.find((hop) => hop.verdict === 'warn');
  return notable?.kind ?? null;
}

export interface DiagnosisViewProps {
  diagnosis: Diagnosis;
  /** Buttons shown in the verdict banner (Copy link, Run again). */
  actions?: React.ReactNode;
  /** Shown above the request summary, e.g. "Saved … · cluster …". */
  meta?: React.ReactNode;
  /** Called when a fix applied from the page is done and its dialog closes (the page switches to its re-run). */
  onChanged?: (change: AppliedChange) => void;
}

/**
 * A finished diagnosis: verdict, the path graph, the selected hop's evidence and fixes,
 * and what was asked. Selects the blocking hop first. Key it by the diagnosis id so the
 * selection resets when a new run arrives.
 */
export function DiagnosisView({ diagnosis, actions, meta, onChanged }: DiagnosisViewProps) {
  const [selectedHop, setSelectedHop] = useState<HopKind | null>(() => defaultSelectedHop(diagnosis));
  const hop = diagnosis.hops.find((item) => item.kind === selectedHop) ?? null;
  const region = regionOfDiagnosis(diagnosis);
  const t = useTranslations();

  return (
    <FixApplyProvider diagnosisId={diagnosis.id} onChanged={onChanged}>
      <div className="space-y-4">
        <VerdictBanner diagnosis={diagnosis} actions={actions} />
        <PathGraphPanel diagnosis={diagnosis} selectedHop={selectedHop} onSelectHop={setSelectedHop} />
        <HopTable diagnosis={diagnosis} selectedHop={selectedHop} onSelectHop={setSelectedHop} />
        <div className="grid grid-cols-[minmax(0,1fr)] items-start gap-4 lg:grid-cols-[minmax(0,1fr)_22rem]">
          {hop ? (
            <HopDetails hop={hop} blocking={hop.kind === diagnosis.blockingHop} region={region} diagnosis={diagnosis} />
          ) : (
            <Card>
              <EmptyState>{t('hopDetails.allPassed')}</EmptyState>
            </Card>
          )}
          <Card>
            <CardHeader>
              <CardTitle>{t('request.title')}</CardTitle>
              {meta}
            </CardHeader>
            <div className="p-4">
              <RequestSummary diagnosis={diagnosis} />
            </div>
          </Card>
        </div>
      </div>
    </FixApplyProvider>
  );
}
