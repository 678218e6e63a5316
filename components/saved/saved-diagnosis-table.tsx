import Link from 'next/link';

import { HOP_LABELS } from '@/lib/analysis/graph';
import type { SavedDiagnosisSummary } from '@/lib/schemas/saved-diagnosis';

import { Badge } from '@/components/ui/badge';
import { EmptyState } from '@/components/ui/states';
import { formatSavedAt } from '@/components/diagnosis/format';

const verdictTone = { reachable: 'pass', blocked: 'block', unknown: 'unknown' } as const;

/** Recent saved diagnoses, newest first, each linking to its share page. */
export function SavedDiagnosisTable({ diagnoses }: { diagnoses: SavedDiagnosisSummary[] }) {
  if (diagnoses.length === 0) return <EmptyState>No saved diagnoses match. Run one from the pod picker; every diagnosis is saved.</EmptyState>;
  return (
    <div className="overflow-x-auto">
      <table className="w-full text-left text-sm">
        <caption className="sr-only">Saved diagnoses, newest first</caption>
        <thead className="text-xs text-slate-600 dark:text-slate-400">
          <tr>
            <th scope="col" className="p-2 font-medium">Saved</th>
            <th scope="col" className="p-2 font-medium">Source</th>
            <th scope="col" className="p-2 font-medium">Destination</th>
            <th scope="col" className="p-2 font-medium">Verdict</th>
            <th scope="col" className="p-2 font-medium">Blocking hop</th>
          </tr>
        </thead>
        <tbody>
          {diagnoses.map((item) => (
            <tr key={item.id} className="border-t border-slate-200 dark:border-slate-800">
              <td className="p-2 whitespace-nowrap">
                <Link href={`/d/${item.id}`} className="text-sky-700 underline underline-offset-2 dark:text-sky-400">
                  <time dateTime={item.savedAt}>{formatSavedAt(item.savedAt)}</time>
                </Link>
              </td>
              <td className="p-2 font-mono text-xs">
                {item.cluster} · {item.namespace}/{item.pod}
              </td>
              <td className="p-2 font-mono text-xs">
                {item.destination} ({item.port}/{item.protocol})
              </td>
              <td className="p-2">
                <Badge tone={verdictTone[item.verdict]}>{item.verdict}</Badge>
              </td>
              <td className="p-2 text-xs">{item.blockingHop ? HOP_LABELS[item.blockingHop] : '—'}</td>
            </tr>
          ))}
        </tbody>
      </table>
    </div>
  );
}
