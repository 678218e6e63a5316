'use client';

import { useState } from 'react';

import type { WhatIfEdit, WhatIfEditKind } from '@/lib/schemas/what-if';

import { Button } from '@/components/ui/button';
import { Input, Select } from '@/components/ui/input';

import { EDIT_FIELDS, toEdit, type FieldValues } from './edit-fields';
import { WHAT_IF_STRINGS as S } from './strings';

const KINDS = Object.keys(EDIT_FIELDS).filter((kind): kind is WhatIfEditKind => kind in S.kinds);

/** Picks a kind of edit and fills its fields; `onAdd` gets the edit once the schema accepts it. */
export function EditForm({ defaults, onAdd }: { defaults: FieldValues; onAdd: (edit: WhatIfEdit) => void }) {
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
      aria-label="New edit"
      onSubmit={(event) => {
        event.preventDefault();
        add();
      }}
    >
      <label className="block text-xs font-medium">
        {S.kind}
        <Select value={kind} onChange={(event) => setKind(KINDS.find((item) => item === event.target.value) ?? kind)}>
          {KINDS.map((item) => (
            <option key={item} value={item}>
              {S.kinds[item]}
            </option>
          ))}
        </Select>
      </label>
      <div className="grid gap-2 sm:grid-cols-2">
        {EDIT_FIELDS[kind].map((field) => (
          <label key={field.name} className="block text-xs font-medium">
            {S.fields[field.name]}
            {field.options ? (
              <Select value={values[field.name] ?? ''} onChange={(event) => setValues({ ...values, [field.name]: event.target.value })}>
                {field.options.map((option) => (
                  <option key={option} value={option}>
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
        <p role="alert" className="text-xs text-red-700 dark:text-red-400">
          {problem}
        </p>
      ) : null}
      <Button type="submit" size="sm" variant="secondary">
        {S.add}
      </Button>
    </form>
  );
}
