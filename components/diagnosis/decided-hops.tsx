import { HOP_LABELS } from '@/lib/analysis/graph';
import type { HopView } from '@/lib/schemas/diagnosis';

import { VerdictLabel } from '@/components/path-graph/verdict';

/** Hops already decided while the rest of the diagnosis runs (the cluster-side ones come first). */
export function DecidedHops({ hops }: { hops: HopView[] }) {
  return (
    <section aria-labelledby="decided-hops-title" aria-live="polite">
      <h3 id="decided-hops-title" className="mb-2 text-sm font-semibold">
        Decided so far
      </h3>
      {hops.length === 0 ? (
        <p className="text-xs text-slate-500 dark:text-slate-400">Hops appear here as soon as the facts they need are read.</p>
      ) : (
        <ul className="space-y-1.5">
          {hops.map((hop) => (
            <li key={hop.kind} data-testid={`early-hop-${hop.kind}`} data-verdict={hop.verdict} className="text-sm">
              <span className="font-medium">{HOP_LABELS[hop.kind]}</span> <VerdictLabel verdict={hop.verdict} />
              <span className="block truncate text-xs text-slate-600 dark:text-slate-300">{hop.summary}</span>
            </li>
          ))}
        </ul>
      )}
    </section>
  );
}
