import Link from 'next/link';

import { HOP_LABELS } from '@/lib/analysis/graph';
import type { WhatIfResponse } from '@/lib/schemas/what-if';

import { Badge } from '@/components/ui/badge';

import { WHAT_IF_STRINGS as S } from './strings';

const verdictTone = { reachable: 'pass', blocked: 'block', unknown: 'unknown' } as const;
const changeTone = { added: 'pass', removed: 'block', changed: 'warn' } as const;

/** The hypothetical verdict, what changed against the diagnosis, and the fixes that make the edits. */
export function WhatIfResult({ result }: { result: WhatIfResponse }) {
  const { diagnosis } = result;
  return (
    <section aria-label={S.result} className="space-y-2 rounded-md border border-dashed border-amber-500 p-3 text-sm">
      <p role="status" className="font-semibold text-amber-800 dark:text-amber-300">
        {S.banner}
      </p>
      <p>
        {S.verdict}:{' '}
        <Badge tone={verdictTone[diagnosis.verdict]} aria-label={`hypothetical verdict ${diagnosis.verdict}`}>
          {diagnosis.verdict}
          {diagnosis.blockingHop ? ` at ${HOP_LABELS[diagnosis.blockingHop]}` : ''}
        </Badge>{' '}
        <span className="text-xs text-slate-600 dark:text-slate-400">({S.evaluatedIn(result.evaluationMs)})</span>
      </p>
      <h4 className="text-xs font-semibold">{S.changes}</h4>
      {result.changes.length === 0 ? (
        <p>{S.noChanges}</p>
      ) : (
        <ul aria-label={S.changes} className="space-y-1">
          {result.changes.map((change) => (
            <li key={`${change.scope}-${change.message}`} className="flex items-start gap-2">
              <Badge tone={changeTone[change.change]}>{change.change}</Badge>
              <span>{change.message}</span>
            </li>
          ))}
        </ul>
      )}
      {result.fixes.length > 0 ? (
        <>
          <h4 className="text-xs font-semibold">{S.fixes}</h4>
          <p className="text-xs text-slate-600 dark:text-slate-400">{S.fixesIntro}</p>
          <ul className="list-disc pl-5">
            {result.fixes.map((link) => (
              <li key={`${link.edit}-${link.fixId}`}>
                <Link href={link.href} className="text-sky-700 underline underline-offset-2 dark:text-sky-400">
                  {link.title}
                </Link>
              </li>
            ))}
          </ul>
        </>
      ) : null}
      {diagnosis.id ? (
        <p>
          {S.saved}{' '}
          <Link href={`/d/${diagnosis.id}`} className="font-medium text-sky-700 underline underline-offset-2 dark:text-sky-400">
            /d/{diagnosis.id}
          </Link>
        </p>
      ) : null}
    </section>
  );
}
