'use client';

import { useMutation } from '@tanstack/react-query';
import { useState } from 'react';

import { useTranslations } from 'next-intl';

import { requestWhatIf } from '@/lib/queries/what-if';
import type { DiagnosisView } from '@/lib/schemas/diagnosis';
import type { WhatIfEdit } from '@/lib/schemas/what-if';

import { Button } from '@/components/ui/button';
import { Card } from '@/components/ui/card';
import { ErrorNotice } from '@/components/ui/states';
import { ErrorText } from '@/components/i18n/error-text';

import { defaultValues } from './edit-fields';
import { EditForm } from './edit-form';
import { EditLine } from './edit-line';
import { WhatIfResult } from './what-if-result';

/**
 * The what-if editor of a saved diagnosis: a list of edits, evaluated by the server on the saved
 * facts each time the list changes (no cloud call), and saved as a hypothetical on request.
 */
export function WhatIfPanel({ diagnosis }: { diagnosis: DiagnosisView }) {
  const t = useTranslations();
  const id = diagnosis.id ?? '';
  const [edits, setEdits] = useState<WhatIfEdit[]>([]);
  const evaluate = useMutation({ mutationFn: (input: { edits: WhatIfEdit[]; save: boolean }) => requestWhatIf(id, input.edits, input.save), retry: false });

  const update = (next: WhatIfEdit[]) => {
    setEdits(next);
    if (next.length === 0) evaluate.reset();
    else evaluate.mutate({ edits: next, save: false });
  };

  return (
    <Card className="space-y-3 p-3" role="region" aria-label={t('whatIf.title')}>
      <h2 className="text-sm font-semibold">{t('whatIf.title')}</h2>
      <p className="text-xs text-slate-600 dark:text-slate-400">{t('whatIf.intro')}</p>
      <EditForm defaults={defaultValues(diagnosis)} onAdd={(edit) => update([...edits, edit])} />
      <h3 className="text-xs font-semibold">{t('whatIf.edits')}</h3>
      {edits.length === 0 ? (
        <p className="text-xs">{t('whatIf.noEdits')}</p>
      ) : (
        <ol aria-label={t('whatIf.edits')} className="list-decimal space-y-1 pl-5 text-xs">
          {edits.map((edit, index) => (
            <li key={`${index}-${edit.kind}`} className="flex items-center gap-2">
              <span className="font-mono">
                <EditLine edit={edit} />
              </span>
              <Button size="sm" variant="ghost" onClick={() => update(edits.filter((_, other) => other !== index))} aria-label={t('whatIf.removeLabel', { index: index + 1 })}>
                {t('whatIf.remove')}
              </Button>
            </li>
          ))}
        </ol>
      )}
      <div aria-live="polite" className="space-y-2">
        {evaluate.isPending ? <p className="text-xs">{t('whatIf.evaluating')}</p> : null}
        {evaluate.error ? <ErrorNotice title={t('whatIf.failed')} message={<ErrorText error={evaluate.error} />} /> : null}
        {evaluate.data ? <WhatIfResult result={evaluate.data} /> : null}
      </div>
      {edits.length > 0 ? (
        <div className="flex gap-2">
          <Button size="sm" variant="secondary" disabled={evaluate.isPending || Boolean(evaluate.data?.diagnosis.id)} onClick={() => evaluate.mutate({ edits, save: true })}>
            {t('whatIf.save')}
          </Button>
          <Button size="sm" variant="ghost" onClick={() => update([])}>
            {t('whatIf.clear')}
          </Button>
        </div>
      ) : null}
    </Card>
  );
}
