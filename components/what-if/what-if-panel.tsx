'use client';

import { useMutation } from '@tanstack/react-query';
import { useState } from 'react';

import { requestWhatIf } from '@/lib/queries/what-if';
import type { DiagnosisView } from '@/lib/schemas/diagnosis';
import type { WhatIfEdit } from '@/lib/schemas/what-if';

import { Button } from '@/components/ui/button';
import { Card } from '@/components/ui/card';
import { ErrorNotice } from '@/components/ui/states';

import { defaultValues, describeEdit } from './edit-fields';
import { EditForm } from './edit-form';
import { WHAT_IF_STRINGS as S } from './strings';
import { WhatIfResult } from './what-if-result';

/**
 * The what-if editor of a saved diagnosis: a list of edits, evaluated by the server on the saved
 * facts each time the list changes (no cloud call), and saved as a hypothetical on request.
 */
export function WhatIfPanel({ diagnosis }: { diagnosis: DiagnosisView }) {
  const id = diagnosis.id ?? '';
  const [edits, setEdits] = useState<WhatIfEdit[]>([]);
  const evaluate = useMutation({ mutationFn: (input: { edits: WhatIfEdit[]; save: boolean }) => requestWhatIf(id, input.edits, input.save), retry: false });

  const update = (next: WhatIfEdit[]) => {
    setEdits(next);
    if (next.length === 0) evaluate.reset();
    else evaluate.mutate({ edits: next, save: false });
  };

  return (
    <Card className="space-y-3 p-3" role="region" aria-label={S.title}>
      <h2 className="text-sm font-semibold">{S.title}</h2>
      <p className="text-xs text-slate-600 dark:text-slate-400">{S.intro}</p>
      <EditForm defaults={defaultValues(diagnosis)} onAdd={(edit) => update([...edits, edit])} />
      <h3 className="text-xs font-semibold">{S.edits}</h3>
      {edits.length === 0 ? (
        <p className="text-xs">{S.noEdits}</p>
      ) : (
        <ol aria-label={S.edits} className="list-decimal space-y-1 pl-5 text-xs">
          {edits.map((edit, index) => (
            <li key={`${index}-${edit.kind}`} className="flex items-center gap-2">
              <span className="font-mono">{describeEdit(edit)}</span>
              <Button size="sm" variant="ghost" onClick={() => update(edits.filter((_, other) => other !== index))} aria-label={`${S.remove} edit ${index + 1}`}>
                {S.remove}
              </Button>
            </li>
          ))}
        </ol>
      )}
      <div aria-live="polite" className="space-y-2">
        {evaluate.isPending ? <p className="text-xs">{S.evaluating}</p> : null}
        {evaluate.error ? <ErrorNotice title={S.failed} message={evaluate.error.message} /> : null}
        {evaluate.data ? <WhatIfResult result={evaluate.data} /> : null}
      </div>
      {edits.length > 0 ? (
        <div className="flex gap-2">
          <Button size="sm" variant="secondary" disabled={evaluate.isPending || Boolean(evaluate.data?.diagnosis.id)} onClick={() => evaluate.mutate({ edits, save: true })}>
            {S.save}
          </Button>
          <Button size="sm" variant="ghost" onClick={() => update([])}>
            {S.clear}
          </Button>
        </div>
      ) : null}
    </Card>
  );
}
