// @vitest-environment jsdom
import { cleanup, screen } from '@testing-library/react';
import { afterEach, describe, expect, it } from 'vitest';

import { renderIntl } from '@/lib/test/intl';

import { blockedAtSecurityGroup } from '@/components/diagnosis/__fixtures__';

import { ChangeResultView } from './change-result-view';

afterEach(cleanup);

describe('ChangeResultView', () => {
  it('names the hop that still blocks by its label, never its key', () => {
    const rerun = { ...blockedAtSecurityGroup, id: 'NEW' };
    renderIntl(<ChangeResultView response={{ auditId: 'a1', result: { status: 'ok', message: 'Done.', requestId: null }, rerun, rerunError: null, previousId: 'OLD', changes: [] }} />);
    const status = screen.getByRole('status');
    expect(status.textContent).toContain('Still blocked — now at the Security group hop.');
    expect(status.textContent).not.toContain('securityGroup');
    expect(screen.getByRole('link', { name: 'Open the re-run diagnosis' }).getAttribute('href')).toBe('/d/NEW');
  });
});
