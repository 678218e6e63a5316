// @vitest-environment jsdom
import { cleanup } from '@testing-library/react';
import { afterEach, describe, expect, it } from 'vitest';

import type { Locale } from '@/lib/i18n/locales';
import type { WatchEvent, WatchState } from '@/lib/schemas/watch';
import { renderIntl } from '@/lib/test/intl';

import { WatchEventText } from './watch-state-text';

afterEach(cleanup);

const blocked: WatchState = { verdict: 'blocked', blockingHop: 'networkAcl', blockingRule: 'nacl-1/e2' };
const reachable: WatchState = { verdict: 'reachable', blockingHop: null, blockingRule: null };
const event = (kind: WatchEvent['kind'], state: WatchState | null, previous: WatchState | null, message: string): WatchEvent => ({ at: '2026-03-01T10:00:00.000Z', kind, state, previous, diagnosisId: null, message, notification: 'none', attempts: 0 });

/** The text shown, with what is marked verbatim in brackets. */
function shown(value: WatchEvent, locale: Locale): string {
  const { container } = renderIntl(<WatchEventText event={value} />, locale);
  for (const verbatim of container.querySelectorAll('[data-verbatim]')) verbatim.textContent = `[${verbatim.textContent ?? ''}]`;
  return container.textContent ?? '';
}

describe('WatchEventText', () => {
  it.each([
    ['English keeps the recorded line', event('baseline', blocked, null, 'Watching from blocked at networkAcl (nacl-1/e2)'), 'en', 'Watching from blocked at networkAcl (nacl-1/e2)'],
    ['a baseline is told again with the hop in words', event('baseline', blocked, null, 'Watching from blocked at networkAcl (nacl-1/e2)'), 'ja', 'ネットワーク ACL でブロック[ (nacl-1/e2)] から監視中'],
    ['a change says both states', event('changed', reachable, blocked, 'blocked at networkAcl (nacl-1/e2) → reachable'), 'zh', '在网络 ACL处被阻断[ (nacl-1/e2)] → 可达'],
    ['a failed run shows the server words as they are', event('error', null, blocked, 'The run failed: timeout'), 'ja', '[The run failed: timeout]'],
  ] as const)('%s', (_name, value, locale, expected) => {
    expect(shown(value, locale)).toBe(expected);
  });
});
