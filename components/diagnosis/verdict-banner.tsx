import { cva } from 'class-variance-authority';
import { useTranslations } from 'next-intl';

import { addressesLineMessage } from '@/lib/analysis/address-summary';
import { HOP_LABELS, toNodeVerdict } from '@/lib/analysis/graph';
import { english } from '@/lib/analysis/message';
import { cn } from '@/lib/cn';
import type { DiagnosisView } from '@/lib/schemas/diagnosis';

import { useText } from '@/components/i18n/use-text';
import { VerdictIcon } from '@/components/path-graph/verdict';

import { egressAddressOf } from './egress-address';

const banner = cva('flex gap-3 rounded-lg border p-3 sm:p-4', {
  variants: {
    verdict: {
      reachable: 'border-emerald-300 bg-emerald-50 text-emerald-950 dark:border-emerald-800 dark:bg-emerald-950/40 dark:text-emerald-100',
      blocked: 'border-red-300 bg-red-50 text-red-950 dark:border-red-800 dark:bg-red-950/50 dark:text-red-100',
      unknown: 'border-violet-300 bg-violet-50 text-violet-950 dark:border-violet-800 dark:bg-violet-950/40 dark:text-violet-100',
    },
  },
});

type BannerInput = Pick<DiagnosisView, 'verdict' | 'blockingHop' | 'blockingHops' | 'hops' | 'errors' | 'request' | 'source' | 'destination' | 'addresses'>;

/** The headline: "Reachable", "Blocked at Security group", "Unknown — 1 hop could not be read". */
export function verdictHeadline(diagnosis: BannerInput): string {
  switch (diagnosis.verdict) {
    case 'reachable':
      return 'Reachable';
    case 'blocked':
      return diagnosis.blockingHop ? `Blocked at ${HOP_LABELS[diagnosis.blockingHop]}` : 'Blocked';
    case 'unknown': {
      const count = diagnosis.hops.filter((hop) => hop.verdict === 'unknown').length;
      return count === 0 ? 'Unknown' : `Unknown — ${count} hop${count === 1 ? '' : 's'} could not be read`;
    }
    default: {
      const unreachable: never = diagnosis.verdict;
      throw new Error(`unhandled verdict ${JSON.stringify(unreachable)}`);
    }
  }
}

type Translate = ReturnType<typeof useTranslations>;
type RenderText = ReturnType<typeof useText>;

/** The headline in the page's language (`verdictHeadline` is the English one, for Markdown and the CLI). */
function headlineIn(t: Translate, diagnosis: BannerInput): string {
  switch (diagnosis.verdict) {
    case 'reachable':
      return t('verdict.reachable');
    case 'blocked':
      return diagnosis.blockingHop ? t('verdict.blockedAt', { hop: t(`hops.${diagnosis.blockingHop}`) }) : t('verdict.blocked');
    case 'unknown': {
      const count = diagnosis.hops.filter((hop) => hop.verdict === 'unknown').length;
      return count === 0 ? t('verdict.unknown') : t('verdict.unknownCount', { count });
    }
    default: {
      const unreachable: never = diagnosis.verdict;
      throw new Error(`unhandled verdict ${JSON.stringify(unreachable)}`);
    }
  }
}

function detail(t: Translate, text: RenderText, diagnosis: BannerInput): string {
  const flow = `${diagnosis.request.namespace}/${diagnosis.request.pod} → ${diagnosis.request.host}:${diagnosis.request.port}/${diagnosis.request.protocol}`;
  if (diagnosis.verdict === 'blocked') {
    const hop = diagnosis.hops.find((item) => item.kind === diagnosis.blockingHop);
    const others = diagnosis.blockingHops.filter((kind) => kind !== diagnosis.blockingHop).map((kind) => t(`hops.${kind}`));
    return [flow, hop ? text(hop.summary, hop.summaryMessage) : undefined, others.length > 0 ? t('banner.alsoBlocks', { hops: others.join(', ') }) : undefined].filter(Boolean).join(' · ');
  }
  if (diagnosis.verdict === 'unknown') {
    const unknown = diagnosis.hops.filter((hop) => hop.verdict === 'unknown').map((hop) => t(`hops.${hop.kind}`));
    return `${flow} · ${t('banner.unknownDetail', { hops: unknown.join(', ') || t('banner.someFacts') })}`;
  }
  return `${flow} · ${t('banner.reachableDetail')}`;
}

/**
 * What a Reachable leaves to the operator: the address the destination sees (what a partner
 * must allowlist) and the far side that was not checked. Which of several addresses were
 * evaluated is the banner's address line, for every verdict.
 */
function reachableNotes(t: Translate, diagnosis: BannerInput): string[] {
  const notes: string[] = [];
  const egress = egressAddressOf(diagnosis);
  if (egress) notes.push(t('banner.egressSees', { host: diagnosis.request.host, address: egress.address, what: egress.what }));
  notes.push(t('banner.notChecked', { port: String(diagnosis.request.port), protocol: diagnosis.request.protocol }));
  return notes;
}

/** The overall verdict, announced to screen readers, with the facts that could not be read. */
export function VerdictBanner({ diagnosis, actions }: { diagnosis: BannerInput; actions?: React.ReactNode }) {
  const t = useTranslations();
  const text = useText();
  const headline = headlineIn(t, diagnosis);
  const addressesMessage = addressesLineMessage(diagnosis);
  const addresses = addressesMessage ? text(english(addressesMessage), addressesMessage) : null;
  return (
    <div role="status" aria-live="polite" aria-atomic="true" data-testid="verdict" data-verdict={diagnosis.verdict} className={banner({ verdict: diagnosis.verdict })}>
      <VerdictIcon verdict={toNodeVerdict(diagnosis.verdict)} className="mt-0.5 size-6" />
      <div className="min-w-0 flex-1 space-y-1">
        <p className="text-base font-semibold sm:text-lg">{headline}</p>
        {addresses ? (
          <p data-testid="verdict-addresses" className="text-sm font-medium break-words">
            {addresses}
          </p>
        ) : null}
        <p className="text-xs break-words opacity-90 sm:text-sm">{detail(t, text, diagnosis)}</p>
        {diagnosis.verdict === 'reachable' ? (
          <ul aria-label={t('banner.covers')} className="space-y-0.5 text-xs break-words sm:text-sm">
            {reachableNotes(t, diagnosis).map((note) => (
              <li key={note}>{note}</li>
            ))}
          </ul>
        ) : null}
        {diagnosis.errors.length > 0 ? (
          <div className="pt-1 text-xs">
            <p className="font-semibold">{t('banner.couldNotRead')}</p>
            <ul className="mt-0.5 list-disc space-y-0.5 pl-4">
              {diagnosis.errors.map((error) => (
                <li key={`${error.source}:${error.resource}`}>
                  <span className="font-mono">{error.resource}</span>
                  {error.code ? <span className="font-mono"> ({error.code})</span> : null}: {error.message}
                  {error.retryable ? t('banner.mayRetry') : ''}
                </li>
              ))}
            </ul>
          </div>
        ) : null}
      </div>
      {actions ? <div className={cn('flex shrink-0 flex-col items-end gap-1.5 sm:flex-row sm:items-start')}>{actions}</div> : null}
    </div>
  );
}
