'use client';

import Link from 'next/link';

import type { DiagnosisView as Diagnosis } from '@/lib/schemas/diagnosis';

import { buttonVariants } from '@/components/ui/button';
import { DiagnosisView } from '@/components/diagnosis/diagnosis-view';
import { formatSavedAt } from '@/components/diagnosis/format';
import { diagnoseHref } from '@/components/diagnosis/recent-store';
import { ShareLink } from '@/components/diagnosis/share-link';

/** A saved diagnosis as it was, with its share link and a link that runs the same request again. */
export function SavedDiagnosis({ diagnosis }: { diagnosis: Diagnosis }) {
  const { request } = diagnosis;
  const rerun = diagnoseHref({ cluster: request.cluster, namespace: request.namespace, pod: request.pod, destination: request.destination, port: request.port, protocol: request.protocol });
  return (
    <div className="space-y-3">
      <p className="text-xs text-slate-600 dark:text-slate-400">
        Saved <time dateTime={diagnosis.createdAt}>{formatSavedAt(diagnosis.createdAt)}</time> · cluster <span className="font-mono">{request.cluster}</span> · facts as read then; run it again for the current state.
      </p>
      <DiagnosisView
        diagnosis={diagnosis}
        actions={
          <>
            {diagnosis.id ? <ShareLink id={diagnosis.id} /> : null}
            <Link href={rerun} className={buttonVariants({ variant: 'secondary', size: 'sm' })}>
              Re-run
            </Link>
          </>
        }
      />
    </div>
  );
}
