import Link from 'next/link';

import type { RerunResponse } from '@/lib/schemas/saved-diagnosis';

import { Badge } from '@/components/ui/badge';
import { Card } from '@/components/ui/card';

const changeTone = { added: 'pass', removed: 'block', changed: 'warn' } as const;

/** What a re-run found: "no changes", or the list of changes, and a link to the new diagnosis. */
export function RerunChanges({ result }: { result: RerunResponse }) {
  const { diagnosis, changes } = result;
  return (
    <Card className="space-y-2 p-3 text-sm" role="region" aria-label="Re-run result">
      <h2 className="font-semibold">
        Re-run: {diagnosis.verdict}
        {diagnosis.blockingHop ? ` at ${diagnosis.blockingHop}` : ''}
      </h2>
      {changes.length === 0 ? (
        <p>No changes: the cluster and the cloud answer as they did when this diagnosis was saved.</p>
      ) : (
        <ul aria-label="Changes since this diagnosis" className="space-y-1">
          {changes.map((change) => (
            <li key={`${change.scope}-${change.message}`} className="flex items-start gap-2">
              <Badge tone={changeTone[change.change]}>{change.change}</Badge>
              <span>{change.message}</span>
            </li>
          ))}
        </ul>
      )}
      {diagnosis.id ? (
        <Link href={`/d/${diagnosis.id}`} className="font-medium text-sky-700 underline underline-offset-2 dark:text-sky-400">
          Open the new diagnosis
        </Link>
      ) : null}
    </Card>
  );
}
