import type { Verdict } from '@/lib/analysis/model';

import { Badge } from '@/components/ui/badge';

import { auditStrings } from './strings';

const TONE = { reachable: 'pass', blocked: 'block', unknown: 'unknown' } as const satisfies Record<Verdict, 'pass' | 'block' | 'unknown'>;

/** A pod's or workload's verdict as a badge. */
export function VerdictBadge({ verdict }: { verdict: Verdict }) {
  return <Badge tone={TONE[verdict]}>{auditStrings.verdicts[verdict]}</Badge>;
}
