import type { DiagnosisProgress, DiagnosisStage } from '@/lib/queries/diagnoses';
import { diagnosisStages } from '@/lib/queries/diagnoses';
import { cn } from '@/lib/cn';

const STAGE_LABELS: Record<DiagnosisStage, string> = {
  cluster: 'Read the pod and the cluster',
  dns: 'Resolve the destination as the pod would',
  cloud: 'Read Alibaba Cloud facts (ENI, groups, ACLs, routes, NAT, EIP)',
  evaluate: 'Evaluate the path hop by hop',
};

type StageState = 'done' | 'active' | 'pending' | 'failed';

function StageMark({ state }: { state: StageState }) {
  if (state === 'done') return <span aria-hidden className="grid size-4 place-items-center rounded-full bg-emerald-600 text-[10px] text-white">✓</span>;
  if (state === 'failed') return <span aria-hidden className="grid size-4 place-items-center rounded-full bg-red-600 text-[10px] text-white">✕</span>;
  if (state === 'active') return <span aria-hidden className="block size-4 animate-spin rounded-full border-2 border-sky-600 border-t-transparent" />;
  return <span aria-hidden className="block size-4 rounded-full border-2 border-slate-300 dark:border-slate-700" />;
}

const STATE_WORD: Record<StageState, string> = { done: 'done', active: 'in progress', pending: 'waiting', failed: 'failed' };

/** The stages of a running diagnosis as a live checklist, each with the server's message. */
export function ProgressChecklist({ progress, failed = false }: { progress: DiagnosisProgress[]; failed?: boolean }) {
  const reached = progress.length === 0 ? -1 : Math.max(...progress.map((line) => diagnosisStages.indexOf(line.stage)));
  return (
    <ol aria-label="Diagnosis progress" aria-live="polite" className="space-y-1.5">
      {diagnosisStages.map((stage, index) => {
        const state: StageState = index < reached ? 'done' : index === reached || (reached === -1 && index === 0) ? (failed ? 'failed' : 'active') : 'pending';
        const message = progress.findLast((line) => line.stage === stage)?.message;
        return (
          <li key={stage} className="flex items-start gap-2 text-sm">
            <span className="mt-0.5 shrink-0">
              <StageMark state={state} />
            </span>
            <span className="min-w-0">
              <span className={cn('font-medium', state === 'pending' && 'text-slate-400 dark:text-slate-500')}>{STAGE_LABELS[stage]}</span>
              <span className="sr-only"> — {STATE_WORD[state]}</span>
              <span className="block h-4 truncate text-xs text-slate-500 dark:text-slate-400">{message ?? ''}</span>
            </span>
          </li>
        );
      })}
    </ol>
  );
}
