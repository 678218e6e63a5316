'use client';

import { useSyncExternalStore } from 'react';

import { useTranslations } from 'next-intl';

import { CopyButton } from './copy-button';

const noSubscription = () => () => undefined;

/** The absolute share URL of a saved diagnosis (`<origin>/d/<id>`); relative on the server. */
export function useShareUrl(id: string): string {
  const origin = useSyncExternalStore(
    noSubscription,
    () => window.location.origin,
    () => '',
  );
  return `${origin}/d/${encodeURIComponent(id)}`;
}

/** "Copy link" for a saved diagnosis, with the link itself for people who copy by hand. */
export function ShareLink({ id }: { id: string }) {
  const url = useShareUrl(id);
  const t = useTranslations();
  return (
    <span className="inline-flex items-center gap-1.5">
      <a href={`/d/${encodeURIComponent(id)}`} data-verbatim className="hidden font-mono text-xs text-sky-800 underline-offset-2 hover:underline md:inline dark:text-sky-300">
        /d/{id.slice(0, 8)}…
      </a>
      <CopyButton text={url} label={t('savedPage.copyLink')} description={t('savedPage.copyLinkDescription')} />
    </span>
  );
}
