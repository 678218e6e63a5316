import { describe, expect, it } from 'vitest';

import { addressesLine, shownAddress, unevaluatedAddresses, type AddressSummaryInput } from './address-summary';
import type { HopKind, Verdict } from './model';

type Result = NonNullable<AddressSummaryInput['addresses']>[number];
const result = (address: string, verdict: Verdict, blockingHop: HopKind | null = null, unknownAt?: HopKind): Result => ({
  address,
  verdict,
  blockingHop,
  hops: unknownAt ? [{ kind: unknownAt, verdict: 'unknown' }] : [],
});
const input = (verdict: Verdict, addresses: string[], results: Result[] | undefined): AddressSummaryInput => ({ verdict, destination: { addresses }, hops: [], addresses: results });

describe('addressesLine', () => {
  it.each<[string, AddressSummaryInput, string | null]>([
    ['one address: nothing to add', input('blocked', ['203.0.113.7'], [result('203.0.113.7', 'blocked', 'securityGroup')]), null],
    [
      'one of two blocked',
      input('blocked', ['203.0.113.7', '203.0.113.8'], [result('203.0.113.7', 'blocked', 'securityGroup'), result('203.0.113.8', 'reachable')]),
      '1 of 2 addresses blocked: 203.0.113.7 at Security group; 203.0.113.8 reachable',
    ],
    [
      'blocked, unknown and reachable together: counted by the worst',
      input('blocked', ['10.0.0.1', '10.0.0.2', '10.0.0.3'], [result('10.0.0.1', 'reachable'), result('10.0.0.2', 'unknown', null, 'natEip'), result('10.0.0.3', 'blocked', 'networkAcl')]),
      '1 of 3 addresses blocked: 10.0.0.1 reachable; 10.0.0.2 unknown at NAT / EIP; 10.0.0.3 at Network ACL',
    ],
    [
      'one of two unknown',
      input('unknown', ['10.0.0.1', '10.0.0.2'], [result('10.0.0.1', 'reachable'), result('10.0.0.2', 'unknown', null, 'destinationAcl')]),
      '1 of 2 addresses unknown: 10.0.0.1 reachable; 10.0.0.2 at Destination ACL',
    ],
    ['every address the same', input('reachable', ['10.0.0.1', '10.0.0.2'], [result('10.0.0.1', 'reachable'), result('10.0.0.2', 'reachable')]), 'All 2 addresses reachable: 10.0.0.1, 10.0.0.2'],
    [
      'beyond the bound: named as not evaluated',
      input('reachable', ['10.0.0.1', '10.0.0.2', '10.0.0.3'], [result('10.0.0.1', 'reachable'), result('10.0.0.2', 'reachable')]),
      'All 2 addresses reachable: 10.0.0.1, 10.0.0.2 (1 address not evaluated: 10.0.0.3)',
    ],
    ['a diagnosis saved before: the first only', input('reachable', ['10.0.0.1', '10.0.0.2'], undefined), 'Evaluated for 10.0.0.1 only (1 address not evaluated: 10.0.0.2)'],
  ])('%s', (_name, diagnosis, expected) => {
    expect(addressesLine(diagnosis)).toBe(expected);
  });
});

describe('shownAddress and unevaluatedAddresses', () => {
  it.each<[string, AddressSummaryInput, { shown: string | null; unevaluated: string[] }]>([
    ['the first blocked address is shown', input('blocked', ['a', 'b', 'c'], [result('a', 'reachable'), result('b', 'blocked', 'dns'), result('c', 'blocked', 'dns')]), { shown: 'b', unevaluated: [] }],
    ['all reachable: the first', input('reachable', ['a', 'b'], [result('a', 'reachable'), result('b', 'reachable')]), { shown: 'a', unevaluated: [] }],
    ['nothing resolved', input('blocked', [], []), { shown: null, unevaluated: [] }],
    ['saved before: the first was evaluated, the rest were not', input('reachable', ['a', 'b'], undefined), { shown: null, unevaluated: ['b'] }],
  ])('%s', (_name, diagnosis, expected) => {
    expect({ shown: shownAddress(diagnosis), unevaluated: unevaluatedAddresses(diagnosis) }).toStrictEqual(expected);
  });
});
