'use client';

import { useContext, useState } from 'react';

import { QueryClientContext, useQuery } from '@tanstack/react-query';
import { useTranslations } from 'next-intl';

import { fixesConfigQueryOptions } from '@/lib/queries/fixes';
import type { FixView } from '@/lib/schemas/diagnosis';

import { Button } from '@/components/ui/button';
import { useText } from '@/components/i18n/use-text';

import { ConfirmChangeDialog } from './confirm-change-dialog';
import { useFixDiagnosisId, useOnChanged } from './fix-apply-context';

function ApplyFixButtonWhenEnabled({ fix, diagnosisId }: { fix: FixView; diagnosisId: string }) {
  const config = useQuery(fixesConfigQueryOptions());
  const [open, setOpen] = useState(false);
  const t = useTranslations();
  const title = useText()(fix.title, fix.titleMessage);
  const onChanged = useOnChanged();
  if (!config.data?.enabled) return null;
  return (
    <>
      <Button size="sm" className="ml-auto" onClick={() => setOpen(true)} aria-label={t('fix.applyLabel', { title })}>
        {t('fix.apply')}
      </Button>
      {open ? <ConfirmChangeDialog title={t('fix.applyTitle', { title })} target={{ kind: 'fix', diagnosisId, fixId: fix.id }} csrfToken={config.data.csrfToken} onClose={() => setOpen(false)} onChanged={onChanged} /> : null}
    </>
  );
}

/**
 * "Apply…" for a fix of a saved diagnosis. Nothing (copy-only) when applying is disabled,
 * the fix is manual, the diagnosis is not saved, or no query client is mounted (static renders).
 */
export function ApplyFixButton({ fix }: { fix: FixView }) {
  const diagnosisId = useFixDiagnosisId();
  const queryClient = useContext(QueryClientContext);
  if (diagnosisId === null || fix.kind === 'manual' || queryClient === undefined) return null;
  return <ApplyFixButtonWhenEnabled fix={fix} diagnosisId={diagnosisId} />;
}
