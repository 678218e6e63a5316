// @vitest-environment jsdom
import { cleanup, screen, within } from '@testing-library/react';
import { afterEach, describe, expect, it } from 'vitest';

import { msg } from '@/lib/analysis/message';
import { renderIntl } from '@/lib/test/intl';

import { EvidenceTable } from './evidence-table';
import { FactRefChip } from './fact-ref';

afterEach(cleanup);

/** The DNS hop's table as the analysis builds it: its own `#` column first. */
const namesTried = {
  title: 'Names the resolver tried, in order',
  titleMessage: msg('analysis.dns.namesTableTitle'),
  columns: ['#', 'Name', 'Answered by', 'Rcode', 'Addresses'],
  rows: [
    ['1', 'hooks.example.net.payments.svc.cluster.local', 'cluster DNS (Service records)', 'NXDOMAIN', '—'],
    ['2', 'hooks.example.net', '10.0.0.2:53', 'NOERROR', '198.51.100.40'],
  ],
  decidingRow: 1,
};

describe('EvidenceTable', () => {
  it('shows one "#" column when the table numbers its rows itself, and marks the deciding row in it', () => {
    renderIntl(<EvidenceTable table={namesTried} />);
    const table = screen.getByRole('table');
    const headers = within(table).getAllByRole('columnheader').map((header) => header.textContent ?? '');
    expect(headers.filter((header) => header.includes('#'))).toHaveLength(1);
    expect(headers).toHaveLength(5);
    const rows = within(table).getAllByRole('row').slice(1);
    expect(rows.map((row) => within(row).getAllByRole('cell').length)).toStrictEqual([5, 5]);
    expect(rows[0]?.textContent).toContain('1');
    expect(rows[1]?.getAttribute('aria-current')).toBe('true');
  });

  it('renders title, column headers and known cell words in Japanese', () => {
    renderIntl(<EvidenceTable table={namesTried} />, 'ja');
    const table = screen.getByRole('table');
    expect(within(table).getByText('リゾルバーが試した名前 (順番どおり)')).toBeTruthy();
    expect(within(table).getByRole('columnheader', { name: '応答元' })).toBeTruthy();
    expect(within(table).getByText('クラスター DNS (Service レコード)')).toBeTruthy();
    expect(within(table).getByText('hooks.example.net')).toBeTruthy();
  });
});

describe('FactRefChip', () => {
  it.each([
    { name: 'a label that is the id', fact: { kind: 'networkPolicy', id: 'reports/egress-https-only', label: 'reports/egress-https-only' }, text: 'reports/egress-https-only' },
    { name: 'a label naming its kind before the id', fact: { kind: 'networkPolicy', id: 'reports/egress-https-only', label: 'NetworkPolicy reports/egress-https-only' }, text: 'reports/egress-https-only' },
    { name: 'a label holding the id after a name', fact: { kind: 'natGateway', id: 'ngw-1', label: 'acs-prod-egress (ngw-1)' }, text: 'acs-prod-egress (ngw-1)' },
    { name: 'a label that is a name only', fact: { kind: 'securityGroup', id: 'sg-1', label: 'payments' }, text: 'payments (sg-1)' },
  ])('says each name or id once: $name', ({ fact, text }) => {
    const { container } = renderIntl(<FactRefChip fact={fact} region={null} />);
    const shown = container.querySelector('.font-mono')?.textContent?.replace(' (opens the Alibaba Cloud console)', '').trim();
    expect(shown).toBe(text);
  });
});
