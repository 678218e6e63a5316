'use client';

import { useId, useMemo, useState } from 'react';

import { useTranslations } from 'next-intl';

import { buildPathGraph, type PathGraphInput } from '@/lib/analysis/graph';
import type { HopKind } from '@/lib/analysis/model';

import { Card, CardHeader, CardTitle } from '@/components/ui/card';

import { PathGraphCanvas } from './path-graph';
import { PathGraphLegend } from './path-graph-legend';
import { useNarrowScreen } from './use-narrow-screen';

export interface PathGraphPanelProps {
  diagnosis: PathGraphInput;
  selectedHop: HopKind | null;
  onSelectHop: (hop: HopKind) => void;
}

/** The egress path as a graph, with its legend and the "Show skipped hops" toggle. */
export function PathGraphPanel({ diagnosis, selectedHop, onSelectHop }: PathGraphPanelProps) {
  const t = useTranslations();
  const toggleId = useId();
  const [showSkipped, setShowSkipped] = useState(false);
  const narrow = useNarrowScreen();
  const graph = useMemo(() => buildPathGraph(diagnosis, { showSkipped }), [diagnosis, showSkipped]);

  return (
    <Card>
      <CardHeader className="flex-wrap">
        <CardTitle>{t('graph.title')}</CardTitle>
        <div className="flex flex-wrap items-center gap-x-4 gap-y-1">
          <PathGraphLegend />
          <label htmlFor={toggleId} className="inline-flex cursor-pointer items-center gap-1.5 text-xs text-slate-700 select-none dark:text-slate-300">
            <input
              id={toggleId}
              type="checkbox"
              className="size-3.5 accent-sky-700"
              checked={showSkipped}
              disabled={graph.skippedCount === 0}
              onChange={(event) => setShowSkipped(event.target.checked)}
            />
            {t('graph.showSkipped', { count: String(graph.skippedCount) })}
          </label>
        </div>
      </CardHeader>
      <div className="p-2">
        <PathGraphCanvas graph={graph} direction={narrow ? 'TB' : 'LR'} selectedHop={selectedHop} onSelectHop={onSelectHop} />
      </div>
      <p className="border-t border-slate-200 px-4 py-1.5 text-[11px] text-slate-500 dark:border-slate-800 dark:text-slate-400">
        {t('graph.help')}
      </p>
    </Card>
  );
}
