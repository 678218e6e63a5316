// @vitest-environment jsdom
import { cleanup, screen, within } from '@testing-library/react';
import { afterEach, describe, expect, it } from 'vitest';

import { renderIntl } from '@/lib/test/intl';

import { blockedAtSecurityGroup, reachableInternet } from '@/components/diagnosis/__fixtures__';

import type { DiagnosisSwitch } from './rerun';
import { RerunChanges } from './rerun-changes';

afterEach(cleanup);

const verdictChange = { scope: 'verdict', subject: 'verdict', change: 'changed', message: 'verdict: blocked at Security group → reachable' } as const;

describe('RerunChanges', () => {
  it.each([
    ['a re-run', { cause: 'rerun', diagnosis: blockedAtSecurityGroup, previousId: 'OLD', changes: [], auditId: null }, 'Re-run result', 'Re-run: blocked at Security group'],
    ['an applied fix', { cause: 'apply', diagnosis: reachableInternet, previousId: 'OLD', changes: [verdictChange], auditId: 'a1' }, 'Result of the applied fix', 'Fix applied, re-run: reachable'],
    ['an undo', { cause: 'undo', diagnosis: blockedAtSecurityGroup, previousId: 'OLD', changes: [verdictChange], auditId: null }, 'Result of the undo', 'Change undone, re-run: blocked at Security group'],
  ] satisfies Array<[string, DiagnosisSwitch, string, string]>)('%s: says what the page switched to, by hop label, and links back', (_name, result, region, heading) => {
    renderIntl(<RerunChanges result={result} />);
    const card = screen.getByRole('region', { name: region });
    expect(within(card).getByRole('heading').textContent).toBe(heading);
    expect(within(card).getByRole('link', { name: 'Back to the previous diagnosis' }).getAttribute('href')).toBe('/d/OLD');
    expect(card.textContent).not.toMatch(/securityGroup/);
  });

  it('lists the changes, or says there were none; no link back when the previous diagnosis is gone', () => {
    renderIntl(<RerunChanges result={{ cause: 'apply', diagnosis: reachableInternet, previousId: null, changes: [verdictChange], auditId: 'a1' }} />);
    const list = screen.getByRole('list', { name: 'Changes since the previous diagnosis' });
    expect(within(list).getAllByRole('listitem').map((item) => item.textContent)).toStrictEqual(['changedverdict: blocked at Security group → reachable']);
    expect(screen.queryByRole('link')).toBeNull();
    cleanup();
    renderIntl(<RerunChanges result={{ cause: 'rerun', diagnosis: blockedAtSecurityGroup, previousId: 'OLD', changes: [], auditId: null }} />);
    expect(screen.getByText(/^No changes:/)).toBeTruthy();
  });

  it('speaks the page language, the hop included', () => {
    renderIntl(<RerunChanges result={{ cause: 'rerun', diagnosis: blockedAtSecurityGroup, previousId: 'OLD', changes: [], auditId: null }} />, 'ja');
    expect(screen.getByRole('heading').textContent).toBe('再実行: セキュリティグループ でブロック');
  });
});
