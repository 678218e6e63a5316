'use client';

import { useState } from 'react';

import Link from 'next/link';

import { useQuery } from '@tanstack/react-query';
import { useTranslations } from 'next-intl';

import type { AuditEntry } from '@/lib/audit/schemas';
import { auditLogQueryOptions, fixesConfigQueryOptions } from '@/lib/queries/fixes';

import { Badge } from '@/components/ui/badge';
import { Button } from '@/components/ui/button';
import { EmptyState, ErrorNotice, Skeleton } from '@/components/ui/states';
import { ErrorText } from '@/components/i18n/error-text';

import { ConfirmChangeDialog } from './confirm-change-dialog';

function requestText(entry: AuditEntry): string {
  return entry.request.kind === 'alicloud' ? `${entry.request.product} ${entry.request.action}` : `${entry.request.operation} ${entry.request.object}`;
}

const COLUMNS = ['auditLog.when', 'auditLog.who', 'auditLog.change', 'auditLog.request', 'auditLog.result', 'auditLog.rerun', 'auditLog.undo'] as const;

/**
 * The audit log as a table; `onUndo` is null when applying is disabled (no Undo buttons). What
 * an entry recorded (the change's title, the cloud's answer, the re-read's finding) is shown as
 * it was recorded; the re-run's verdict names its hop in words.
 */
export function AuditLogTable({ entries, onUndo }: { entries: AuditEntry[]; onUndo: ((entry: AuditEntry) => void) | null }) {
  const t = useTranslations();
  if (entries.length === 0) return <EmptyState>{t('auditLog.empty')}</EmptyState>;
  return (
    <div className="overflow-x-auto">
      <table className="w-full text-left text-xs">
        <caption className="sr-only">{t('auditLog.caption')}</caption>
        <thead>
          <tr className="border-b border-slate-200 text-slate-600 dark:border-slate-800 dark:text-slate-300">
            {COLUMNS.map((column) => (
              <th key={column} scope="col" className="px-2 py-1.5 font-medium">
                {t(column)}
              </th>
            ))}
          </tr>
        </thead>
        <tbody>
          {entries.map((entry) => (
            <tr key={entry.id} data-testid={`audit-${entry.id}`} data-operation={entry.operation} data-status={entry.result.status} className="border-b border-slate-100 align-top dark:border-slate-800">
              <td data-verbatim className="px-2 py-1.5 whitespace-nowrap">
                {new Date(entry.at).toLocaleString()}
              </td>
              <td data-verbatim className="px-2 py-1.5">
                {entry.actor}
              </td>
              <th scope="row" className="px-2 py-1.5 font-medium">
                {entry.operation === 'undo' ? <Badge className="mr-1">{t('auditLog.undoBadge')}</Badge> : null}
                <span data-verbatim>{entry.title}</span>
              </th>
              <td data-verbatim className="px-2 py-1.5 font-mono break-all">
                {requestText(entry)}
              </td>
              <td className="px-2 py-1.5">
                <Badge tone={entry.result.status === 'ok' ? 'pass' : 'block'}>{t('auditLog.status', { status: entry.result.status })}</Badge> <span data-verbatim>{entry.result.message}</span>
                {entry.effect ? (
                  <p className="mt-0.5" data-testid="audit-effect" data-effect={entry.effect.status}>
                    <Badge tone={EFFECT_TONE[entry.effect.status]}>{t(EFFECT_TEXT[entry.effect.status])}</Badge> <span data-verbatim>{entry.effect.message}</span>
                  </p>
                ) : null}
              </td>
              <td className="px-2 py-1.5">
                {entry.rerun ? (
                  <Link href={`/d/${entry.rerun.diagnosisId}`} className="text-sky-800 underline underline-offset-2 dark:text-sky-300">
                    {entry.rerun.blockingHop ? t('savedList.verdictAt', { verdict: entry.rerun.verdict, hop: t(`hops.${entry.rerun.blockingHop}`) }) : t('savedList.verdictWord', { verdict: entry.rerun.verdict })}
                  </Link>
                ) : (
                  '—'
                )}
              </td>
              <td className="px-2 py-1.5">
                {entry.undo.undoneAt ? (
                  <span>{t('auditLog.undoneBy', { actor: entry.undo.undoneBy ?? '', at: new Date(entry.undo.undoneAt).toLocaleString() })}</span>
                ) : entry.undo.available && onUndo ? (
                  <Button size="sm" variant="secondary" onClick={() => onUndo(entry)} aria-label={t('auditLog.undoLabel', { title: entry.title })}>
                    {t('auditLog.undoButton')}
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
const EFFECT_TEXT = { confirmed: 'auditLog.effectConfirmed', notObserved: 'auditLog.effectNotObserved', unchecked: 'auditLog.effectUnchecked' } as const;

/** The audit log with Undo (same preview → confirm dialog as applying). */
export function AuditLog() {
  const t = useTranslations();
  const log = useQuery(auditLogQueryOptions());
  const config = useQuery(fixesConfigQueryOptions());
  const [undoing, setUndoing] = useState<AuditEntry | null>(null);
  if (log.isPending) return <Skeleton className="h-32 w-full" />;
  if (log.isError) return <ErrorNotice title={t('auditLog.readFailed')} message={log.error instanceof Error ? <ErrorText error={log.error} /> : t('auditLog.unreachable')} onRetry={() => void log.refetch()} />;
  const csrfToken = config.data?.enabled ? config.data.csrfToken : null;
  return (
    <>
      {config.data && !config.data.enabled ? <p className="px-4 pt-3 text-xs text-slate-700 dark:text-slate-300">{t('auditLog.applyingOff')}</p> : null}
      <AuditLogTable entries={log.data} onUndo={csrfToken ? setUndoing : null} />
      {undoing && csrfToken ? <ConfirmChangeDialog title={t('auditLog.undoTitle', { title: undoing.title })} target={{ kind: 'undo', auditId: undoing.id }} csrfToken={csrfToken} onClose={() => setUndoing(null)} /> : null}
    </>
  );
}
