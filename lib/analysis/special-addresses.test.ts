import { describe, expect, it } from 'vitest';

import { specialAddress } from './special-addresses';

describe('specialAddress', () => {
  it.each<[string, string | null, string | null]>([
    ['127.0.0.1', 'loopback', '127.0.0.0/8'],
    ['127.255.0.9', 'loopback', '127.0.0.0/8'],
    ['::1', 'loopback', '::1/128'],
    ['0.0.0.0', 'loopback', '0.0.0.0/32'],
    ['::', 'loopback', '::/128'],
    ['0.0.0.1', 'unspecified', '0.0.0.0/8'],
    ['169.254.169.254', 'linkLocal', '169.254.0.0/16'],
    ['fe80::1', 'linkLocal', 'fe80::/10'],
    ['100.100.100.200', 'metadata', '100.100.100.200/32'],
    ['224.0.0.251', 'nonUnicast', '224.0.0.0/4'],
    ['ff02::1', 'nonUnicast', 'ff00::/8'],
    ['255.255.255.255', 'nonUnicast', '255.255.255.255/32'],
    ['240.0.0.1', 'nonUnicast', '240.0.0.0/4'],
    // Ordinary addresses, the documentation ranges included (the demo uses them as public addresses).
    ['203.0.113.10', null, null],
    ['198.51.100.7', null, null],
    ['192.0.2.1', null, null],
    ['2001:db8::10', null, null],
    ['100.100.2.136', null, null],
    ['10.0.1.5', null, null],
    ['fd00::5', null, null],
    ['not-an-address', null, null],
  ])('%s → %s (%s)', (address, kind, range) => {
    const special = specialAddress(address);
    expect([special?.kind ?? null, special?.range ?? null]).toStrictEqual([kind, range]);
  });
});
