import { useTranslations } from 'next-intl';

import type { FixView } from '@/lib/schemas/diagnosis';

import { Badge } from '@/components/ui/badge';
import { ApplyFixButton } from '@/components/fix-apply/apply-fix-button';
import { useText } from '@/components/i18n/use-text';

import { CodeBlock } from './code-block';
import { FactRefChip } from './fact-ref';

function FixBody({ fix, title }: { fix: FixView; title: string }) {
  const t = useTranslations();
  const text = useText();
  switch (fix.kind) {
    case 'kubernetes':
      return (
        <>
          <CodeBlock caption={fix.patchType === 'apply' ? t('fix.manifest') : t('fix.mergePatch')} code={fix.yaml} copyDescription={t('fix.copyYaml', { title })} />
          <CodeBlock caption="kubectl" code={fix.command} copyDescription={t('fix.copyCommand', { title })} />
        </>
      );
    case 'alicloud':
      return (
        <>
          <div tabIndex={0} role="region" aria-label={t('fix.apiRequestRegion', { action: fix.action })} className="overflow-x-auto rounded-md border border-slate-200 focus-visible:outline-2 focus-visible:outline-sky-600 dark:border-slate-800">
            <table className="w-full text-left text-xs">
              <caption className="bg-slate-50 px-2.5 py-1.5 text-left text-[11px] font-semibold text-slate-700 dark:bg-slate-900 dark:text-slate-200">
                {t('fix.apiRequest')} <span data-verbatim className="font-mono">{fix.product}</span> <span data-verbatim className="font-mono">{fix.action}</span>{' '}
                <span className="font-normal text-slate-500 dark:text-slate-400">{t('fix.version', { version: fix.version })}</span>
              </caption>
              <thead>
                <tr className="border-y border-slate-200 text-[11px] text-slate-500 dark:border-slate-800 dark:text-slate-400">
                  <th scope="col" className="px-2 py-1 font-medium">{t('fix.parameter')}</th>
                  <th scope="col" className="px-2 py-1 font-medium">{t('fix.value')}</th>
                </tr>
              </thead>
              <tbody>
                {Object.entries(fix.parameters).map(([key, value]) => (
                  <tr key={key} className="border-b border-slate-100 last:border-b-0 dark:border-slate-800">
                    <th data-verbatim scope="row" className="px-2 py-1 font-mono font-medium whitespace-nowrap">{key}</th>
                    <td data-verbatim className="px-2 py-1 font-mono break-all">{value}</td>
                  </tr>
                ))}
              </tbody>
            </table>
          </div>
          <CodeBlock caption="aliyun CLI" code={fix.command} copyDescription={t('fix.copyCommand', { title })} />
        </>
      );
    case 'manual':
      return (
        <ol className="list-decimal space-y-0.5 pl-5 text-xs">
          {fix.steps.map((step, index) => (
            <li key={step}>{text(step, fix.stepMessages?.[index])}</li>
          ))}
        </ol>
      );
    default: {
      const unreachable: never = fix;
      throw new Error(`unhandled fix ${JSON.stringify(unreachable)}`);
    }
  }
}

const KIND_KEYS = { kubernetes: 'fix.kindKubernetes', alicloud: 'fix.kindAlicloud', manual: 'fix.kindManual' } as const;

/** "<PROXY_HOST>"-style placeholders in the fix's commands, steps and checks: values to fill in before running anything. */
function placeholdersOf(fix: FixView, checks: string[]): string[] {
  const texts = [...checks, ...(fix.kind === 'manual' ? fix.steps : [fix.command])];
  return [...new Set(texts.flatMap((text) => text.match(/<[A-Z][A-Z0-9_]*>/g) ?? []))];
}

export interface FixCardProps {
  fix: FixView;
  region: string | null;
  /** How to check the flow by hand, before and after the change (used when the fix names no check of its own). */
  checks?: string[];
}

/** One proposed fix: what it does, what it risks (and, for an exception, how far it reaches), the exact change and how to check it. */
export function FixCard({ fix, region, checks = [] }: FixCardProps) {
  const t = useTranslations();
  const text = useText();
  const title = text(fix.title, fix.titleMessage);
  const verify = fix.verify ?? checks;
  const placeholders = placeholdersOf(fix, verify);
  return (
    <article aria-labelledby={`fix-${fix.id}`} data-exception={fix.exception ? 'true' : undefined} className="space-y-2 rounded-md border border-slate-200 p-3 dark:border-slate-800">
      <header className="flex flex-wrap items-center gap-2">
        <h4 id={`fix-${fix.id}`} className="text-sm font-semibold">
          {title}
        </h4>
        <Badge>{t(KIND_KEYS[fix.kind])}</Badge>
        {fix.exception ? <Badge tone="block">{t('fix.exception')}</Badge> : null}
        <FactRefChip fact={fix.target} region={region} />
        <ApplyFixButton fix={fix} />
      </header>
      <p className="text-xs text-slate-700 dark:text-slate-300">{text(fix.description, fix.descriptionMessage)}</p>
      {fix.exception ? (
        <p className="flex gap-1.5 rounded border border-red-200 bg-red-50 px-2 py-1 text-xs text-red-900 dark:border-red-900 dark:bg-red-950/40 dark:text-red-200">
          <span className="font-semibold whitespace-nowrap">{t('fix.blastRadius')}</span>
          <span>{text(fix.exception.blastRadius, fix.exception.blastRadiusMessage)}</span>
        </p>
      ) : null}
      <p className="flex gap-1.5 rounded border border-amber-200 bg-amber-50 px-2 py-1 text-xs text-amber-900 dark:border-amber-900 dark:bg-amber-950/40 dark:text-amber-200">
        <span className="font-semibold">{t('fix.risk')}</span>
        <span>{text(fix.risk, fix.riskMessage)}</span>
      </p>
      {placeholders.length > 0 ? (
        <p role="note" className="text-xs font-medium text-slate-800 dark:text-slate-200">
          {t('fix.placeholders', { placeholders: placeholders.join(', ') })}
        </p>
      ) : null}
      <FixBody fix={fix} title={title} />
      {verify.length > 0 ? <CodeBlock caption={t('fix.check')} code={verify.join('\n')} copyDescription={t('fix.copyCheck', { title })} /> : null}
    </article>
  );
}
