'use client';

import { useEffect } from 'react';

import { useMutation, useQueryClient } from '@tanstack/react-query';

import { ApiError } from '@/lib/queries/api-error';
import { confirmChange, fixesKeys, previewChange, type ChangeTarget } from '@/lib/queries/fixes';

import { Button } from '@/components/ui/button';
import { ErrorNotice, Skeleton } from '@/components/ui/states';

import { ChangePreviewView } from './change-preview-view';
import { ChangeResultView } from './change-result-view';
import type { AppliedChange } from './fix-apply-context';
import { ModalDialog } from './modal-dialog';
import { StaleDiagnosisNotice } from './stale-diagnosis-notice';

function errorText(error: unknown): string {
  if (error instanceof ApiError) return error.message;
  return error instanceof Error ? error.message : 'The server could not be reached.';
}

/** A 409 `stale_diagnosis`: the fix no longer fits the live state. */
function isStale(error: unknown): boolean {
  return error instanceof ApiError && error.code === 'stale_diagnosis';
}

/**
 * Preview → Confirm / Cancel → progress → result, for a fix or an undo. Loads the preview
 * when it opens; Confirm sends the preview's confirmation token. A fix that no longer fits the
 * live state (409 `stale_diagnosis`, at preview or apply) offers Re-run instead of Confirm.
 * Closing it once the change was made calls `onChanged` with the answer (its re-run).
 */
export function ConfirmChangeDialog({ title, target, csrfToken, onClose, onChanged }: { title: string; target: ChangeTarget; csrfToken: string; onClose: () => void; onChanged?: ((change: AppliedChange) => void) | null }) {
  const queryClient = useQueryClient();
  const preview = useMutation({ mutationFn: () => previewChange(target, csrfToken) });
  const apply = useMutation({
    mutationFn: (confirmationToken: string) => confirmChange(target, confirmationToken, csrfToken),
    onSettled: () => queryClient.invalidateQueries({ queryKey: fixesKeys.audit() }),
  });
  const { mutate: loadPreview } = preview;

  useEffect(() => {
    loadPreview();
  }, [loadPreview]);

  const done = apply.isSuccess || apply.isError;
  // Closing after a change was made hands its re-run to the page, which switches to it.
  const close = () => {
    if (apply.data && onChanged) onChanged({ operation: target.kind === 'fix' ? 'apply' : 'undo', response: apply.data });
    onClose();
  };
  return (
    <ModalDialog title={title} onClose={close}>
      {preview.isPending ? (
        <div role="status" aria-label="Loading the preview" className="space-y-2">
          <Skeleton className="h-6 w-2/3" />
          <Skeleton className="h-24 w-full" />
        </div>
      ) : null}
      {preview.isError && isStale(preview.error) && target.kind === 'fix' ? <StaleDiagnosisNotice diagnosisId={target.diagnosisId} message={errorText(preview.error)} /> : null}
      {preview.isError && !(isStale(preview.error) && target.kind === 'fix') ? <ErrorNotice title="The change cannot be previewed" message={errorText(preview.error)} /> : null}
      {apply.isError && isStale(apply.error) && target.kind === 'fix' ? <StaleDiagnosisNotice diagnosisId={target.diagnosisId} message={errorText(apply.error)} /> : null}
      {preview.data && !apply.isSuccess ? <ChangePreviewView preview={preview.data} /> : null}
      {apply.isPending ? (
        <p role="status" className="text-sm">
          Applying the change and re-running the diagnosis…
        </p>
      ) : null}
      {apply.isError && !(isStale(apply.error) && target.kind === 'fix') ? <ErrorNotice title="The change failed" message={errorText(apply.error)} /> : null}
      {apply.data ? <ChangeResultView response={apply.data} /> : null}
      <div className="flex justify-end gap-2 border-t border-slate-200 pt-3 dark:border-slate-800">
        <Button variant="secondary" onClick={close}>
          {done ? 'Close' : 'Cancel'}
        </Button>
        {preview.data && !done ? (
          <Button onClick={() => apply.mutate(preview.data.confirmationToken)} disabled={apply.isPending}>
            {apply.isPending ? 'Applying…' : 'Confirm'}
          </Button>
        ) : null}
      </div>
    </ModalDialog>
  );
}
