import { useTranslations } from 'next-intl';

import type { WhatIfEdit } from '@/lib/schemas/what-if';

import { editDetail } from './edit-fields';

/** One edit of a list: its kind in words, then what it names (ids, addresses, ports) as they are. */
export function EditLine({ edit }: { edit: WhatIfEdit }) {
  const t = useTranslations();
  return (
    <>
      {t(`whatIf.kinds.${edit.kind}`)}: <span data-verbatim>{editDetail(edit)}</span>
    </>
  );
}
