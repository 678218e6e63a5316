import Link from 'next/link';

import type { WhatIfOrigin } from '@/lib/schemas/what-if';

import { describeEdit } from './edit-fields';
import { WHAT_IF_STRINGS as S } from './strings';

/** The banner of a saved what-if: it is a hypothetical, which diagnosis it edits, and how. */
export function HypotheticalBanner({ whatIf }: { whatIf: WhatIfOrigin }) {
  return (
    <section role="status" aria-label={S.banner} className="space-y-1 rounded-md border-2 border-dashed border-amber-500 bg-amber-50 p-3 text-sm dark:bg-amber-950/40">
      <p className="font-semibold text-amber-900 dark:text-amber-200">{S.banner}</p>
      <p>
        A what-if of{' '}
        <Link href={`/d/${whatIf.baseId}`} className="font-medium text-sky-700 underline underline-offset-2 dark:text-sky-400">
          diagnosis {whatIf.baseId}
        </Link>
        , with these edits to the facts it read (its fixes cannot be applied from here: apply them from that diagnosis):
      </p>
      <ol className="list-decimal pl-5 font-mono text-xs">
        {whatIf.edits.map((edit, index) => (
          <li key={`${index}-${edit.kind}`}>{describeEdit(edit)}</li>
        ))}
      </ol>
    </section>
  );
}
