'use client';

import Link from 'next/link';
import { useTranslations } from 'next-intl';

import { toNodeVerdict } from '@/lib/analysis/graph';
import type { DiagnosisRunRequest } from '@/lib/queries/diagnoses';
import { cn } from '@/lib/cn';

import { VerdictIcon } from '@/components/path-graph/verdict';

import { diagnoseHref, isSameRequest, useRecentDiagnoses } from './recent-store';

/** The last diagnoses of this browser, one click from running again. */
export function RecentDiagnoses({ current }: { current?: DiagnosisRunRequest }) {
  const t = useTranslations();
  const recent = useRecentDiagnoses();
  if (recent.length === 0) return null;
  return (
    <nav aria-label={t('home.recentLabel')} className="text-xs">
      <h2 className="mb-1 text-[11px] font-semibold tracking-wide text-slate-600 uppercase dark:text-slate-300">{t('home.recent')}</h2>
      <ul className="flex flex-wrap gap-1.5">
        {recent.map((entry) => {
          const active = current !== undefined && isSameRequest(entry.request, current);
          return (
            <li key={diagnoseHref(entry.request)}>
              <Link
                href={diagnoseHref(entry.request)}
                aria-current={active ? 'page' : undefined}
                title={`${entry.request.cluster} / ${entry.request.namespace} / ${entry.request.pod} → ${entry.request.destination}:${entry.request.port}/${entry.request.protocol}`}
                className={cn(
                  'inline-flex max-w-[22rem] items-center gap-1 rounded border border-slate-200 bg-white px-1.5 py-0.5 hover:border-sky-400 focus-visible:outline-2 focus-visible:outline-sky-600 dark:border-slate-700 dark:bg-slate-900',
                  active && 'border-sky-500 bg-sky-50 dark:border-sky-600 dark:bg-sky-950/50',
                )}
              >
                {entry.verdict ? (
                  <>
                    <VerdictIcon verdict={toNodeVerdict(entry.verdict)} className="size-3.5" />
                    <span className="sr-only">{t('savedList.verdictWord', { verdict: entry.verdict })}: </span>
                  </>
                ) : null}
                <span data-verbatim className="truncate font-mono">
                  {entry.request.pod} → {entry.request.destination}:{entry.request.port}
                </span>
              </Link>
            </li>
          );
        })}
      </ul>
    </nav>
  );
}
