'use client';

import { useContext, useState } from 'react';

import { QueryClientContext, useQuery } from '@tanstack/react-query';

import { fixesConfigQueryOptions } from '@/lib/queries/fixes';
import type { FixView } from '@/lib/schemas/diagnosis';

import { Button } from '@/components/ui/button';

import { ConfirmChangeDialog } from './confirm-change-dialog';
import { useFixDiagnosisId } from './fix-apply-context';

function ApplyFixButtonWhenEnabled({ fix, diagnosisId }: { fix: FixView; diagnosisId: string }) {
  const config = useQuery(fixesConfigQueryOptions());
  const [open, setOpen] = useState(false);
  if (!config.data?.enabled) return null;
  return (
    <>
      <Button size="sm" className="ml-auto" onClick={() => setOpen(true)} aria-label={`Apply… ${fix.title}`}>
        Apply…
      </Button>
      {open ? <ConfirmChangeDialog title={`Apply: ${fix.title}`} target={{ kind: 'fix', diagnosisId, fixId: fix.id }} csrfToken={config.data.csrfToken} onClose={() => setOpen(false)} /> : null}
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
