'use client';

import { useTranslations } from 'next-intl';

import { ApiError } from '@/lib/queries/api-error';

import { usePageLocale } from './use-text';

/** Codes whose server message carries details worth keeping under the translated sentence. */
const DETAILED = new Set(['invalid_input', 'invalid_request', 'invalid_edit']);

/**
 * What an error says, in the page's language. The API's messages are English: in English they
 * show as they are (with the code when `withCode`); in another language a known error code gets
 * its translated sentence (the server's details, when they matter, follow as they are), and
 * anything else shows the server's words marked verbatim with their code.
 */
export function ErrorText({ error, withCode = false }: { error: unknown; withCode?: boolean }) {
  const t = useTranslations();
  const locale = usePageLocale();
  if (!(error instanceof Error)) return t('errors.unexpected');
  const code = error instanceof ApiError ? error.code : null;
  if (locale === 'en') return code !== null && withCode ? `${error.message} (${code})` : error.message;
  const key = code === null ? null : `apiErrors.${code}`;
  if (key !== null && t.has(key)) {
    return (
      <>
        {t(key)}
        {code !== null && DETAILED.has(code) ? (
          <span data-verbatim className="mt-0.5 block font-mono text-xs">
            {error.message}
          </span>
        ) : null}
      </>
    );
  }
  return (
    <span data-verbatim>
      {error.message}
      {code !== null ? ` (${code})` : ''}
    </span>
  );
}
