'use client';

import Link from 'next/link';

import { Button } from '@/components/ui/button';
import { ErrorNotice } from '@/components/ui/states';
import { useRerun } from '@/components/saved/rerun';

/**
 * The fix no longer fits the live state (409 `stale_diagnosis`): says why and offers Re-run
 * instead of Apply; once re-run, links to the new diagnosis, whose fixes fit the live state.
 */
export function StaleDiagnosisNotice({ diagnosisId, message }: { diagnosisId: string; message: string }) {
  const rerun = useRerun(diagnosisId);
  const newId = rerun.data?.diagnosis.id ?? null;
  return (
    <div className="space-y-2" data-testid="stale-diagnosis">
      <ErrorNotice title="This diagnosis is out of date: re-run it first" message={message} />
      {rerun.error ? <ErrorNotice title="The re-run failed" message={rerun.error.message} /> : null}
      {newId ? (
        <p role="status" className="text-sm">
          Re-run: <span className="font-medium">{rerun.data?.diagnosis.verdict}</span>.{' '}
          <Link href={`/d/${newId}`} className="text-sky-800 underline underline-offset-2 dark:text-sky-300">
            Open the re-run diagnosis
          </Link>
        </p>
      ) : (
        <Button onClick={() => rerun.mutate()} disabled={rerun.isPending}>
          {rerun.isPending ? 'Re-running…' : 'Re-run'}
        </Button>
      )}
    </div>
  );
}
