import { useTranslations } from 'next-intl';

import { errorsOfHop, grantFor } from '@/lib/fixes/grants';
import type { DiagnosisView, HopView } from '@/lib/schemas/diagnosis';

import { withSlot } from '@/components/i18n/slot';
import { usePageLocale } from '@/components/i18n/use-text';

import { CodeBlock } from './code-block';
import { consoleUrl } from './console-links';

/**
 * For an undecided hop: the read that failed (once), what to grant so it succeeds (the RAM
 * policy or RBAC rule, ready to paste) and how to check by hand (the CLI line and the console).
 * The source's own error (its code and message) is shown as it was answered; outside English a
 * sentence in the page's language says what kind of failure it was.
 */
export function UnknownHelp({ hop, diagnosis, region }: { hop: HopView; diagnosis: Pick<DiagnosisView, 'request' | 'errors'>; region: string | null }) {
  const t = useTranslations();
  const locale = usePageLocale();
  const errors = errorsOfHop(hop, diagnosis.errors);
  if (errors.length === 0) return null;
  return (
    <section aria-label={t('readErrors.label')} className="space-y-2">
      {errors.map((error) => {
        const grant = grantFor(error, region, diagnosis.request.cluster);
        const link = grant?.kind === 'ram' && grant.resourceId ? consoleUrl(grant.resourceId, region) : null;
        return (
          <div key={`${error.source}:${error.resource}`} className="space-y-2 rounded-md border border-violet-300 bg-violet-50 p-2.5 text-xs text-violet-950 dark:border-violet-800 dark:bg-violet-950/40 dark:text-violet-100">
            {/* The error is said once: here, unless the hop's summary already says it. */}
            {hop.summary.includes(error.resource) ? null : (
            <p>
              <span className="font-semibold">{t('readErrors.couldNotRead')} </span>
              <span data-verbatim className="font-mono">
                {error.resource}
              </span>
              {error.code ? (
                <span data-verbatim className="font-mono">
                  {' '}
                  ({error.code})
                </span>
              ) : null}
              : {locale === 'en' ? null : <>{t(`readErrors.reason.${error.reason}`)} </>}
              <span data-verbatim>{error.message}</span>
              {error.retryable ? ` ${t('readErrors.mayRetry')}` : ''}
            </p>
            )}
            {grant?.kind === 'ram' ? (
              <>
                <p>{t('readErrors.grantRam')}</p>
                <CodeBlock caption={t('readErrors.ramPolicy', { action: grant.action })} code={grant.policy} copyDescription={t('readErrors.copyRamPolicy', { action: grant.action })} />
                <CodeBlock caption={t('readErrors.checkByHandSame')} code={grant.check} copyDescription={t('readErrors.copyCheck', { what: grant.action })} />
              </>
            ) : null}
            {grant?.kind === 'rbac' ? (
              <>
                <p>{t('readErrors.bindRbac', { user: '<DASHBOARD_USER>' })}</p>
                <CodeBlock caption={t('readErrors.rbacManifest')} code={grant.manifest} copyDescription={t('readErrors.copyRbac', { what: error.resource })} />
                <CodeBlock caption={t('readErrors.checkByHand')} code={grant.check} copyDescription={t('readErrors.copyCheck', { what: error.resource })} />
              </>
            ) : null}
            {link ? (
              <p>
                {t('readErrors.orConsole')}{' '}
                <a href={link} target="_blank" rel="noreferrer noopener" className="font-medium underline">
                  {withSlot((slot) => t('readErrors.inConsole', { resource: slot }), <span data-verbatim>{grant?.kind === 'ram' ? grant.resourceId : ''}</span>)}
                </a>
              </p>
            ) : null}
          </div>
        );
      })}
    </section>
  );
}
