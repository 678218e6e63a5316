import { useTranslations } from 'next-intl';

import type { Verdict } from '@/lib/analysis/model';

import { Badge } from '@/components/ui/badge';

const TONE = { reachable: 'pass', blocked: 'block', unknown: 'unknown' } as const satisfies Record<Verdict, 'pass' | 'block' | 'unknown'>;

/** A pod's or workload's verdict as a badge. */
export function VerdictBadge({ verdict }: { verdict: Verdict }) {
  const t = useTranslations();
  return <Badge tone={TONE[verdict]}>{t(`verdict.${verdict}`)}</Badge>;
}
