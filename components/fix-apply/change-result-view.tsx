import Link from 'next/link';

import { HOP_LABELS } from '@/lib/analysis/graph';
import type { ApplyResponse } from '@/lib/audit/schemas';

import { Badge } from '@/components/ui/badge';

const VERDICT_TONE = { reachable: 'pass', blocked: 'block', unknown: 'unknown' } as const;

/** The outcome of a change: what was done, and the new verdict with a link to the re-run diagnosis. */
export function ChangeResultView({ response }: { response: ApplyResponse }) {
  const { rerun } = response;
  return (
    <div role="status" className="space-y-2 text-sm" data-testid="change-result">
      <p className="font-medium">{response.result.message}</p>
      {rerun ? (
        <div className="space-y-1">
          <p className="flex items-center gap-2">
            Re-run verdict:{' '}
            <Badge tone={VERDICT_TONE[rerun.verdict]} data-testid="rerun-verdict" data-verdict={rerun.verdict}>
              {rerun.verdict}
            </Badge>
          </p>
          {rerun.verdict === 'blocked' && rerun.blockingHop ? (
            <p>
              Still blocked — now at the {HOP_LABELS[rerun.blockingHop]} hop.
            </p>
          ) : null}
          {rerun.id ? (
            <Link href={`/d/${rerun.id}`} className="text-sky-800 underline underline-offset-2 dark:text-sky-300">
              Open the re-run diagnosis
            </Link>
          ) : null}
        </div>
      ) : (
        <p>{response.rerunError}</p>
      )}
    </div>
  );
}
