import type { FixView } from '@/lib/schemas/diagnosis';

import { Badge } from '@/components/ui/badge';
import { ApplyFixButton } from '@/components/fix-apply/apply-fix-button';

import { CodeBlock } from './code-block';
import { FactRefChip } from './fact-ref';

function FixBody({ fix }: { fix: FixView }) {
  switch (fix.kind) {
    case 'kubernetes':
      return (
        <>
          <CodeBlock caption={fix.patchType === 'apply' ? 'Manifest (server-side apply)' : 'Merge patch'} code={fix.yaml} copyDescription={`Copy YAML: ${fix.title}`} />
          <CodeBlock caption="kubectl" code={fix.command} copyDescription={`Copy command: ${fix.title}`} />
        </>
      );
    case 'alicloud':
      return (
        <>
          <div className="overflow-x-auto rounded-md border border-slate-200 dark:border-slate-800">
            <table className="w-full text-left text-xs">
              <caption className="bg-slate-50 px-2.5 py-1.5 text-left text-[11px] font-semibold text-slate-700 dark:bg-slate-900 dark:text-slate-200">
                API request: <span className="font-mono">{fix.product}</span> <span className="font-mono">{fix.action}</span>{' '}
                <span className="font-normal text-slate-500 dark:text-slate-400">(version {fix.version})</span>
              </caption>
              <thead>
                <tr className="border-y border-slate-200 text-[11px] text-slate-500 dark:border-slate-800 dark:text-slate-400">
                  <th scope="col" className="px-2 py-1 font-medium">Parameter</th>
                  <th scope="col" className="px-2 py-1 font-medium">Value</th>
                </tr>
              </thead>
              <tbody>
                {Object.entries(fix.parameters).map(([key, value]) => (
                  <tr key={key} className="border-b border-slate-100 last:border-b-0 dark:border-slate-800">
                    <th scope="row" className="px-2 py-1 font-mono font-medium whitespace-nowrap">{key}</th>
                    <td className="px-2 py-1 font-mono break-all">{value}</td>
                  </tr>
                ))}
              </tbody>
            </table>
          </div>
          <CodeBlock caption="aliyun CLI" code={fix.command} copyDescription={`Copy command: ${fix.title}`} />
        </>
      );
    case 'manual':
      return (
        <ol className="list-decimal space-y-0.5 pl-5 text-xs">
          {fix.steps.map((step) => (
            <li key={step}>{step}</li>
          ))}
        </ol>
      );
    default: {
      const unreachable: never = fix;
      throw new Error(`unhandled fix ${JSON.stringify(unreachable)}`);
    }
  }
}

const KIND_TEXT: Record<FixView['kind'], string> = { kubernetes: 'Kubernetes', alicloud: 'Alibaba Cloud API', manual: 'Manual' };

/** One proposed fix: what it does, what it risks, and the exact change with its command. */
export function FixCard({ fix, region }: { fix: FixView; region: string | null }) {
  return (
    <article aria-labelledby={`fix-${fix.id}`} className="space-y-2 rounded-md border border-slate-200 p-3 dark:border-slate-800">
      <header className="flex flex-wrap items-center gap-2">
        <h4 id={`fix-${fix.id}`} className="text-sm font-semibold">
          {fix.title}
        </h4>
        <Badge>{KIND_TEXT[fix.kind]}</Badge>
        <FactRefChip fact={fix.target} region={region} />
        <ApplyFixButton fix={fix} />
      </header>
      <p className="text-xs text-slate-700 dark:text-slate-300">{fix.description}</p>
      <p className="flex gap-1.5 rounded border border-amber-200 bg-amber-50 px-2 py-1 text-xs text-amber-900 dark:border-amber-900 dark:bg-amber-950/40 dark:text-amber-200">
        <span className="font-semibold">Risk:</span>
        <span>{fix.risk}</span>
      </p>
      <FixBody fix={fix} />
    </article>
  );
}
