import { useTranslations } from 'next-intl';

import { withSlot } from '@/components/i18n/slot';

/** A pod's phase as Kubernetes names it (`Running`, kept as it is), and "not ready" in the page's language when it is not. */
export function PhaseText({ phase, ready }: { phase: string; ready: boolean }) {
  const t = useTranslations();
  const word = <span data-verbatim>{phase}</span>;
  return ready ? word : withSlot((slot) => t('podBrowser.notReady', { phase: slot }), word);
}
