// @vitest-environment jsdom
import { cleanup, screen, within } from '@testing-library/react';
import { afterEach, describe, expect, it } from 'vitest';

import type { AuditEntry } from '@/lib/audit/schemas';
import type { Locale } from '@/lib/i18n/locales';
import { renderIntl } from '@/lib/test/intl';

import { AuditLogTable } from './audit-log';

afterEach(cleanup);

/** An apply of a security-group fix whose re-run still blocked at the NAT hop, then undone. */
const entry: AuditEntry = {
  id: 'a1',
  at: '2026-03-01T10:00:00.000Z',
  actor: 'ops@example.com',
  operation: 'apply',
  diagnosisId: 'D1',
  fixId: 'f1',
  undoOf: null,
  title: 'Allow TCP 443 to 203.0.113.7 in sg-bp1web',
  request: { kind: 'alicloud', product: 'Ecs', version: '2014-05-26', action: 'AuthorizeSecurityGroupEgress', parameters: {}, command: 'aliyun ecs AuthorizeSecurityGroupEgress' },
  result: { status: 'ok', message: 'RequestId 1234', code: null },
  effect: { status: 'confirmed', message: 'the rule is in the group' },
  undo: { available: false, undoneAt: '2026-03-01T11:00:00.000Z', undoneBy: 'ops@example.com', undoAuditId: 'a2' },
  rerun: { diagnosisId: 'D2', verdict: 'blocked', blockingHop: 'natEip' },
};

describe('AuditLogTable', () => {
  it.each([
    ['en', 'blocked at NAT / EIP', 'ok', 'in effect'],
    ['ja', 'NAT / EIP でブロック', '成功', '反映済み'],
    ['zh', '在NAT / EIP处被阻断', '成功', '已生效'],
  ] as const)('%s: the re-run names its hop in words, the status and effect in the language', (locale: Locale, rerun, status, effect) => {
    renderIntl(<AuditLogTable entries={[entry]} onUndo={null} />, locale);
    const row = screen.getByTestId('audit-a1');
    expect(within(row).getByRole('link').textContent).toBe(rerun);
    expect(row.textContent).not.toContain('natEip');
    expect(within(row).getByText(status)).toBeTruthy();
    expect(within(row).getByText(effect)).toBeTruthy();
    // What the entry recorded is shown as it was recorded, marked as such.
    expect(within(row).getByText(entry.title).closest('[data-verbatim]')).not.toBeNull();
  });

  it('says so when nothing was applied, in the language', () => {
    renderIntl(<AuditLogTable entries={[]} onUndo={null} />, 'zh');
    expect(screen.getByText('尚未从此仪表盘应用任何修复。')).toBeTruthy();
  });
});
