'use client';

import { useState } from 'react';

import { useQuery } from '@tanstack/react-query';
import { useTranslations } from 'next-intl';

import { fixesConfigQueryOptions } from '@/lib/queries/fixes';

import { Button } from '@/components/ui/button';

import { ConfirmChangeDialog } from './confirm-change-dialog';
import type { AppliedChange } from './fix-apply-context';

/**
 * "Undo this change…" for a fix just applied from the page (audit entry `auditId`): the same
 * preview → confirm dialog as the audit log's Undo; closing it once done calls `onChanged`.
 * Nothing when applying is disabled.
 */
export function UndoChangeButton({ auditId, onChanged }: { auditId: string; onChanged: (change: AppliedChange) => void }) {
  const config = useQuery(fixesConfigQueryOptions());
  const [open, setOpen] = useState(false);
  const t = useTranslations();
  if (!config.data?.enabled) return null;
  return (
    <>
      <Button size="sm" variant="secondary" onClick={() => setOpen(true)}>
        {t('savedPage.undoChange')}
      </Button>
      {open ? <ConfirmChangeDialog title={t('savedPage.undoTitle')} target={{ kind: 'undo', auditId }} csrfToken={config.data.csrfToken} onClose={() => setOpen(false)} onChanged={onChanged} /> : null}
    </>
  );
}
