/**
 * The sentences about several resolved addresses (lib/analysis/address-summary.ts) in each
 * language: English as before, Japanese and Chinese from their own catalogs with the hop
 * names translated too.
 */
import { describe, expect, it } from 'vitest';

import { addressesLineMessage, hopsOfLineMessage, type AddressSummaryInput } from '@/lib/analysis/address-summary';
import { formatMessage, type Message } from '@/lib/analysis/message';

import { catalogFor } from './catalogs';
import type { Locale } from './locales';

const oneOfTwoBlocked: AddressSummaryInput = {
  verdict: 'blocked',
  destination: { addresses: ['203.0.113.7', '203.0.113.8', '203.0.113.9'] },
  hops: [],
  addresses: [
    { address: '203.0.113.7', verdict: 'blocked', blockingHop: 'securityGroup' },
    { address: '203.0.113.8', verdict: 'reachable', blockingHop: null },
  ],
};
const allBlocked: AddressSummaryInput = {
  verdict: 'blocked',
  destination: { addresses: ['203.0.113.7', '203.0.113.8'] },
  hops: [],
  addresses: [
    { address: '203.0.113.7', verdict: 'blocked', blockingHop: 'securityGroup' },
    { address: '203.0.113.8', verdict: 'blocked', blockingHop: 'securityGroup' },
  ],
};

const render = (locale: Locale, message: Message | null) => (message ? formatMessage(catalogFor(locale), locale, message) : null);

describe('the address lines in each language', () => {
  it.each<[Locale, AddressSummaryInput, string, string]>([
    ['en', oneOfTwoBlocked, '1 of 2 addresses blocked: 203.0.113.7 at Security group; 203.0.113.8 reachable (1 address not evaluated: 203.0.113.9)', 'Hops of 203.0.113.7, the first blocked address'],
    ['ja', oneOfTwoBlocked, '2 件中 1 件のアドレスがブロック: 203.0.113.7（セキュリティグループ）、203.0.113.8（到達可能）（1 件のアドレスは未評価: 203.0.113.9）', '203.0.113.7 のホップ（最初にブロックされたアドレス）'],
    ['zh', oneOfTwoBlocked, '2 个地址中有 1 个被阻断：203.0.113.7（在安全组处）；203.0.113.8（可达）（1 个地址未评估：203.0.113.9）', '203.0.113.7 的跳（第一个被阻断的地址）'],
    ['ja', allBlocked, '2 件のアドレスすべてがセキュリティグループ でブロック: 203.0.113.7, 203.0.113.8', '203.0.113.7 のホップ（最初にブロックされたアドレス）'],
    ['zh', allBlocked, '全部 2 个地址在安全组处被阻断：203.0.113.7, 203.0.113.8', '203.0.113.7 的跳（第一个被阻断的地址）'],
  ])('%s: %#', (locale, diagnosis, line, hopsOf) => {
    expect(render(locale, addressesLineMessage(diagnosis))).toBe(line);
    expect(render(locale, hopsOfLineMessage(diagnosis))).toBe(hopsOf);
  });
});
