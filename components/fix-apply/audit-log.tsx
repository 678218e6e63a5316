'use client';

import { useState } from 'react';

import Link from 'next/link';

import { useQuery } from '@tanstack/react-query';

import type { AuditEntry } from '@/lib/audit/schemas';
import { auditLogQueryOptions, fixesConfigQueryOptions } from '@/lib/queries/fixes';

import { Badge } from '@/components/ui/badge';
import { Button } from '@/components/ui/button';
import { EmptyState, ErrorNotice, Skeleton } from '@/components/ui/states';

import { ConfirmChangeDialog } from './confirm-change-dialog';

function requestText(entry: AuditEntry): string {
  return entry.request.kind === 'alicloud' ? `${entry.request.product} ${entry.request.action}` : `${entry.request.operation} ${entry.request.object}`;
}

/** The audit log as a table; `onUndo` is null when applying is disabled (no Undo buttons). */
export function AuditLogTable({ entries, onUndo }: { entries: AuditEntry[]; onUndo: ((entry: AuditEntry) => void) | null }) {
  if (entries.length === 0) return <EmptyState>No fix has been applied from this dashboard yet.</EmptyState>;
  return (
    <div className="overflow-x-auto">
      <table className="w-full text-left text-xs">
        <caption className="sr-only">Applied fixes and undos, newest first</caption>
        <thead>
          <tr className="border-b border-slate-200 text-slate-600 dark:border-slate-800 dark:text-slate-300">
            {['When', 'Who', 'Change', 'Request', 'Result', 'Re-run', 'Undo'].map((column) => (
              <th key={column} scope="col" className="px-2 py-1.5 font-medium">
                {column}
              </th>
            ))}
          </tr>
        </thead>
        <tbody>
          {entries.map((entry) => (
            <tr key={entry.id} data-testid={`audit-${entry.id}`} data-operation={entry.operation} data-status={entry.result.status} className="border-b border-slate-100 align-top dark:border-slate-800">
              <td className="px-2 py-1.5 whitespace-nowrap">{new Date(entry.at).toLocaleString()}</td>
              <td className="px-2 py-1.5">{entry.actor}</td>
              <th scope="row" className="px-2 py-1.5 font-medium">
                {entry.operation === 'undo' ? <Badge className="mr-1">undo</Badge> : null}
                {entry.title}
              </th>
              <td className="px-2 py-1.5 font-mono break-all">{requestText(entry)}</td>
              <td className="px-2 py-1.5">
                <Badge tone={entry.result.status === 'ok' ? 'pass' : 'block'}>{entry.result.status}</Badge> {entry.result.message}
                {entry.effect ? (
                  <p className="mt-0.5" data-testid="audit-effect" data-effect={entry.effect.status}>
                    <Badge tone={EFFECT_TONE[entry.effect.status]}>{EFFECT_TEXT[entry.effect.status]}</Badge> {entry.effect.message}
                  </p>
                ) : null}
              </td>
              <td className="px-2 py-1.5">
                {entry.rerun ? (
                  <Link href={`/d/${entry.rerun.diagnosisId}`} className="text-sky-800 underline underline-offset-2 dark:text-sky-300">
                    {entry.rerun.verdict}
                    {entry.rerun.blockingHop ? ` at ${entry.rerun.blockingHop}` : ''}
                  </Link>
                ) : (
                  '—'
                )}
              </td>
              <td className="px-2 py-1.5">
                {entry.undo.undoneAt ? (
                  <span>
                    Undone by {entry.undo.undoneBy} at {new Date(entry.undo.undoneAt).toLocaleString()}
                  </span>
                ) : entry.undo.available && onUndo ? (
                  <Button size="sm" variant="secondary" onClick={() => onUndo(entry)} aria-label={`Undo… ${entry.title}`}>
                    Undo…
                  </Button>
                ) : (
                  '—'
                )}
              </td>
            </tr>
          ))}
        </tbody>
      </table>
    </div>
  );
}

const EFFECT_TONE = { confirmed: 'pass', notObserved: 'block', unchecked: 'unknown' } as const;
const EFFECT_TEXT = { confirmed: 'in effect', notObserved: 'not in effect', unchecked: 'not re-read' } as const;

/** The audit log with Undo (same preview → confirm dialog as applying). */
export function AuditLog() {
  const log = useQuery(auditLogQueryOptions());
  const config = useQuery(fixesConfigQueryOptions());
  const [undoing, setUndoing] = useState<AuditEntry | null>(null);
  if (log.isPending) return <Skeleton className="h-32 w-full" />;
  if (log.isError) return <ErrorNotice title="The audit log could not be read" message={log.error instanceof Error ? log.error.message : 'The server could not be reached.'} onRetry={() => void log.refetch()} />;
  const csrfToken = config.data?.enabled ? config.data.csrfToken : null;
  return (
    <>
      {config.data && !config.data.enabled ? <p className="px-4 pt-3 text-xs text-slate-700 dark:text-slate-300">Applying fixes is turned off on this dashboard, so there is no undo from here.</p> : null}
      <AuditLogTable entries={log.data} onUndo={csrfToken ? setUndoing : null} />
      {undoing && csrfToken ? <ConfirmChangeDialog title={`Undo: ${undoing.title}`} target={{ kind: 'undo', auditId: undoing.id }} csrfToken={csrfToken} onClose={() => setUndoing(null)} /> : null}
    </>
  );
}
