'use client';

import { useState } from 'react';

import { useTranslations } from 'next-intl';

import type { WhatIfEdit, WhatIfEditKind } from '@/lib/schemas/what-if';

import { Button } from '@/components/ui/button';
import { Input, Select } from '@/components/ui/input';

import { EDIT_FIELDS, toEdit, type FieldValues } from './edit-fields';

const KINDS = Object.keys(EDIT_FIELDS).filter((kind): kind is WhatIfEditKind => kind in EDIT_FIELDS);

/** Picks a kind of edit and fills its fields; `onAdd` gets the edit once the schema accepts it. */
export function EditForm({ defaults, onAdd }: { defaults: FieldValues; onAdd: (edit: WhatIfEdit) => void }) {
  const t = useTranslations();
  const [kind, setKind] = useState<WhatIfEditKind>('addSecurityGroupRule');
  const [values, setValues] = useState<FieldValues>(defaults);
  const [problem, setProblem] = useState<string | null>(null);

  const add = () => {
    const result = toEdit(kind, values);
    if (result.kind === 'invalid') return setProblem(result.message);
    setProblem(null);
    onAdd(result.edit);
  };

  return (
    <form
      className="space-y-2"
      aria-label={t('whatIf.newEdit')}
      onSubmit={(event) => {
        event.preventDefault();
        add();
      }}
    >
      <label className="block text-xs font-medium">
        {t('whatIf.kind')}
        <Select value={kind} onChange={(event) => setKind(KINDS.find((item) => item === event.target.value) ?? kind)}>
          {KINDS.map((item) => (
            <option key={item} value={item}>
              {t(`whatIf.kinds.${item}`)}
            </option>
          ))}
        </Select>
      </label>
      <div className="grid gap-2 sm:grid-cols-2">
        {EDIT_FIELDS[kind].map((field) => (
          <label key={field.name} className="block text-xs font-medium">
            {t(`whatIf.fields.${field.name}`)}
            {field.options ? (
              <Select value={values[field.name] ?? ''} onChange={(event) => setValues({ ...values, [field.name]: event.target.value })}>
                {field.options.map((option) => (
                  <option key={option} value={option} data-verbatim>
                    {option}
                  </option>
                ))}
              </Select>
            ) : (
              <Input value={values[field.name] ?? ''} onChange={(event) => setValues({ ...values, [field.name]: event.target.value })} />
            )}
          </label>
        ))}
      </div>
      {problem ? (
        <p role="alert" data-verbatim className="text-xs text-red-700 dark:text-red-400">
          {problem}
        </p>
      ) : null}
      <Button type="submit" size="sm" variant="secondary">
        {t('whatIf.add')}
      </Button>
    </form>
  );
}
