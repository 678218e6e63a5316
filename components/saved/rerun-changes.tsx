import Link from 'next/link';

import { HOP_LABELS } from '@/lib/analysis/graph';
import type { RerunResponse } from '@/lib/schemas/saved-diagnosis';

import { Badge } from '@/components/ui/badge';
import { Card } from '@/components/ui/card';

const changeTone = { added: 'pass', removed: 'block', changed: 'warn' } as const;

/** What a re-run found: "no changes", or the list of changes, and a link to the new diagnosis. */
export function RerunChanges({ result }: { result: RerunResponse }) {
  const { diagnosis, changes, previousId } = result;
  return (
    <Card className="space-y-2 p-3 text-sm" role="region" aria-label="Re-run result">
      <h2 className="font-semibold">
        Re-run: {diagnosis.verdict}
        {diagnosis.blockingHop ? ` at ${HOP_LABELS[diagnosis.blockingHop]}` : ''}
      </h2>
      {changes.length === 0 ? (
        <p>No changes: the cluster and the cloud answer as they did when the previous diagnosis was taken.</p>
      ) : (
        <ul aria-label="Changes since the previous diagnosis" className="space-y-1">
          {changes.map((change) => (
            <li key={`${change.scope}-${change.message}`} className="flex items-start gap-2">
              <Badge tone={changeTone[change.change]}>{change.change}</Badge>
              <span>{change.message}</span>
            </li>
          ))}
        </ul>
      )}
      <p className="text-xs text-slate-600 dark:text-slate-400">
        This page now shows the re-run, saved under its own link.{' '}
        <Link href={`/d/${previousId}`} className="font-medium text-sky-700 underline underline-offset-2 dark:text-sky-400">
          Back to the previous diagnosis
        </Link>
      </p>
    </Card>
  );
}
