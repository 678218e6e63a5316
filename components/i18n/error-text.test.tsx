// @vitest-environment jsdom
import { cleanup } from '@testing-library/react';
import { afterEach, describe, expect, it } from 'vitest';

import type { Locale } from '@/lib/i18n/locales';
import { ApiError } from '@/lib/queries/api-error';
import { renderIntl } from '@/lib/test/intl';

import { ErrorText } from './error-text';

afterEach(cleanup);

/** The text shown, with what is marked verbatim in brackets. */
function shown(error: unknown, locale: Locale, withCode = false): string {
  const { container } = renderIntl(<ErrorText error={error} withCode={withCode} />, locale);
  const clone = container.cloneNode(true);
  if (!(clone instanceof HTMLElement)) throw new Error('not an element');
  for (const verbatim of clone.querySelectorAll('[data-verbatim]')) verbatim.textContent = `[${verbatim.textContent ?? ''}]`;
  return clone.textContent ?? '';
}

describe('ErrorText', () => {
  const notFound = new ApiError(404, 'pod_not_found', 'pod shop/web-1 not found');
  const invalid = new ApiError(400, 'invalid_input', 'destination: A destination has no spaces');
  const unknownCode = new ApiError(502, 'upstream_mystery', 'the cloud said no');

  it.each([
    ['English shows the server message', notFound, 'en', false, 'pod shop/web-1 not found'],
    ['English adds the code when asked', notFound, 'en', true, 'pod shop/web-1 not found (pod_not_found)'],
    ['a known code is translated', notFound, 'ja', false, 'その Pod は名前空間にありません (置き換えられた可能性があります)。'],
    ['a known code with details keeps them verbatim', invalid, 'zh', false, '请求无效;详情如下。[destination: A destination has no spaces]'],
    ['an unknown code shows the server words verbatim with the code', unknownCode, 'ja', false, '[the cloud said no (upstream_mystery)]'],
    ['a plain error shows its message verbatim', new Error('Failed to fetch'), 'zh', false, '[Failed to fetch]'],
    ['something not an error says so', 'boom', 'ja', false, '予期しないエラー'],
  ] as const)('%s', (_name, error, locale, withCode, expected) => {
    expect(shown(error, locale, withCode)).toBe(expected);
  });
});
