// @vitest-environment jsdom
import { act, cleanup, fireEvent, screen, within } from '@testing-library/react';
import { afterEach, beforeAll, describe, expect, it, vi } from 'vitest';

import { renderIntl } from '@/lib/test/intl';

import { blockedAtSecurityGroup, reachableInternet, unknownRdsForbidden } from './__fixtures__';
import { DiagnosisView } from './diagnosis-view';

beforeAll(() => {
  // jsdom lacks what xyflow measures with; give nodes a size so edges render.
  globalThis.ResizeObserver = class {
    observe() {}
    unobserve() {}
    disconnect() {}
  };
  window.matchMedia = vi.fn((query: string) => ({ matches: false, media: query, onchange: null, addEventListener: vi.fn(), removeEventListener: vi.fn(), addListener: vi.fn(), removeListener: vi.fn(), dispatchEvent: vi.fn() }));
  Object.defineProperty(window, 'DOMMatrixReadOnly', {
    value: class {
      m22 = 1;
      constructor() {}
    },
  });
});

afterEach(cleanup);

describe('DiagnosisView', () => {
  it('names the blocking hop, draws the path and selects the blocking hop with its fixes', async () => {
    renderIntl(<DiagnosisView diagnosis={blockedAtSecurityGroup} />);
    expect(screen.getByTestId('verdict').getAttribute('role')).toBe('status');
    expect(screen.getByTestId('verdict').dataset.verdict).toBe('blocked');
    expect(screen.getByTestId('verdict').textContent).toContain('Blocked at Security group');

    const hop = await screen.findByTestId('hop-securityGroup', {}, { timeout: 10_000 });
    expect(hop.dataset.verdict).toBe('block');
    expect(hop.textContent).toContain('Blocks here');
    expect(screen.queryByTestId('hop-whitelist')).toBeNull();
    expect(screen.getByTestId('node-source')).toBeTruthy();
    expect(screen.getByTestId('node-destination')).toBeTruthy();

    const details = screen.getByTestId('hop-details');
    expect(details.dataset.hop).toBe('securityGroup');
    expect(within(details).getByRole('heading', { name: 'Revoke drop rule sgr-bp1drop443' })).toBeTruthy();
    expect(within(details).getByRole('button', { name: 'Copy command: Revoke drop rule sgr-bp1drop443' })).toBeTruthy();
    const deciding = details.querySelector('tr[aria-current="true"]');
    expect(deciding?.textContent).toContain('sgr-bp1drop443');

    fireEvent.click(screen.getByRole('checkbox', { name: 'Show skipped hops (4)' }));
    expect((await screen.findByTestId('hop-whitelist', {}, { timeout: 10_000 })).dataset.verdict).toBe('skip');

    fireEvent.click(screen.getByTestId('hop-dns'));
    expect(screen.getByTestId('hop-details').dataset.hop).toBe('dns');
  });

  it('gives each resolved address its own branch and verdict, and says which were evaluated', async () => {
    const oneOfTwo = {
      ...blockedAtSecurityGroup,
      addresses: [
        { address: '203.0.113.7', label: 'Internet', verdict: 'blocked' as const, blockingHop: 'securityGroup' as const, blockingHops: ['securityGroup' as const] },
        { address: '203.0.113.8', label: 'Internet', verdict: 'reachable' as const, blockingHop: null, blockingHops: [] },
      ],
    };
    renderIntl(<DiagnosisView diagnosis={oneOfTwo} />);
    expect(screen.getByTestId('verdict-addresses').textContent).toBe('1 of 2 addresses blocked: 203.0.113.7 at Security group; 203.0.113.8 reachable');
    expect(screen.getByTestId('hop-table-addresses').textContent).toContain('Hops of 203.0.113.7, the first blocked address.');
    const blocked = await screen.findByTestId('node-address-203.0.113.7', {}, { timeout: 10_000 });
    const reachable = screen.getByTestId('node-address-203.0.113.8');
    expect([blocked.dataset.verdict, blocked.dataset.primary, blocked.textContent]).toStrictEqual(['block', 'true', 'Address203.0.113.7Blocksblocked at Security group']);
    expect([reachable.dataset.verdict, reachable.dataset.primary, reachable.textContent]).toStrictEqual(['pass', 'false', 'Address203.0.113.8Passreachable']);
  });

  it('draws an address a saved diagnosis did not evaluate as neutral, labelled not evaluated', async () => {
    renderIntl(<DiagnosisView diagnosis={blockedAtSecurityGroup} />);
    const other = await screen.findByTestId('node-address-203.0.113.8', {}, { timeout: 10_000 });
    expect([other.dataset.verdict, other.dataset.evaluated, other.textContent]).toStrictEqual(['skip', 'false', 'Address203.0.113.8not evaluated']);
    expect(screen.getByTestId('verdict-addresses').textContent).toBe('Evaluated for 203.0.113.7 only (1 address not evaluated: 203.0.113.8)');
  });

  it('says reachable with no hop selected', async () => {
    renderIntl(<DiagnosisView diagnosis={reachableInternet} />);
    expect(screen.getByTestId('verdict').dataset.verdict).toBe('reachable');
    expect(screen.getByTestId('verdict').textContent).toContain('Reachable');
    expect((await screen.findByTestId('hop-natEip', {}, { timeout: 10_000 })).dataset.verdict).toBe('pass');
    expect(screen.queryByTestId('hop-details')).toBeNull();
  });

  it('says how many hops could not be read and lists the errors', async () => {
    renderIntl(<DiagnosisView diagnosis={unknownRdsForbidden} />);
    const banner = screen.getByTestId('verdict');
    expect(banner.dataset.verdict).toBe('unknown');
    expect(banner.textContent).toContain('Unknown — 1 hop could not be read');
    expect(banner.textContent).toContain('Forbidden.RAM');
    expect((await screen.findByTestId('hop-whitelist', {}, { timeout: 10_000 })).dataset.verdict).toBe('unknown');
    expect(screen.getByTestId('hop-details').dataset.hop).toBe('whitelist');
  });

  it('copies a command and says Copied', async () => {
    const writeText = vi.fn(() => Promise.resolve());
    Object.defineProperty(navigator, 'clipboard', { value: { writeText }, configurable: true });
    renderIntl(<DiagnosisView diagnosis={blockedAtSecurityGroup} />);
    const button = screen.getByRole('button', { name: 'Copy command: Revoke drop rule sgr-bp1drop443' });
    await act(async () => {
      fireEvent.click(button);
    });
    expect(writeText).toHaveBeenCalledWith(expect.stringContaining('aliyun ecs RevokeSecurityGroupEgress'));
    expect(button.textContent).toBe('Copied');
  });
});
