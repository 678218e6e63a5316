import { useTranslations } from 'next-intl';

import type { WatchEvent, WatchState } from '@/lib/schemas/watch';

import { withSlot } from '@/components/i18n/slot';
import { usePageLocale } from '@/components/i18n/use-text';

/**
 * A watch's state in words: the verdict and the hop it blocks at (with the rule's id), or an
 * audit's counts, how many groups do not reach, and the single change (its title as recorded).
 */
export function WatchStateText({ state }: { state: WatchState }) {
  const t = useTranslations();
  if (state.audit) {
    const { counts, groups, singleChange } = state.audit;
    const notReaching = groups.filter((group) => group.verdict !== 'reachable').length;
    return (
      <>
        {t('watchesPage.podCounts', counts)}
        {notReaching > 0 ? `; ${t('watchesPage.groupsCount', { count: notReaching })}` : ''}
        {singleChange ? <>; {withSlot((slot) => t('watchesPage.singleChangeOf', { title: slot, count: singleChange.unblocks }), <span data-verbatim>{singleChange.title}</span>)}</> : null}
      </>
    );
  }
  const words = state.blockingHop === null ? t('savedList.verdictWord', { verdict: state.verdict }) : t('savedList.verdictAt', { verdict: state.verdict, hop: t(`hops.${state.blockingHop}`) });
  return (
    <>
      {words}
      {state.blockingRule ? <span data-verbatim> ({state.blockingRule})</span> : null}
    </>
  );
}

/**
 * A line of a watch's history. In English it is the line the server recorded (the one the
 * webhook got); in another language it is told again from the states the event carries, and a
 * failed run's error (the server's words) is shown as it is.
 */
export function WatchEventText({ event }: { event: WatchEvent }) {
  const t = useTranslations();
  const locale = usePageLocale();
  if (locale === 'en') return event.message;
  const { state, previous } = event;
  if (event.kind === 'error' || state === null) return <span data-verbatim>{event.message}</span>;
  if (previous === null) return withSlot((slot) => t('watchesPage.watchingFrom', { state: slot }), <WatchStateText state={state} />);
  return (
    <>
      <WatchStateText state={previous} /> → <WatchStateText state={state} />
    </>
  );
}
