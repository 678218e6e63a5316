import { describe, expect, it } from 'vitest';

import type { FactError, WhitelistAddressLookup } from './model';
import { matchWhitelistAddress, type WhitelistInstanceListing } from './whitelist-address';

const refused: FactError = { source: 'alicloud', reason: 'forbidden', resource: 'DescribeDBClusters vpc-prod', message: 'Forbidden.RAM', code: 'Forbidden.RAM', retryable: false };
const capped: FactError = { source: 'alicloud', reason: 'error', resource: 'DescribeDBInstances vpc-prod', message: 'more than 100 instances', retryable: false };

function listing(service: WhitelistInstanceListing['service'], instances: WhitelistInstanceListing['instances'], gap: FactError | null = null): WhitelistInstanceListing {
  return { service, reads: `${service} reads`, instances, gap };
}

const rds = listing('rds', [{ instanceId: 'rm-orders', addresses: ['10.0.4.10'] }, { instanceId: 'rm-ledger', addresses: ['10.0.4.11', '10.0.4.99'] }]);
const redis = listing('redis', [{ instanceId: 'r-cart', addresses: ['10.0.4.20'] }]);
const mongo = listing('mongodb', [{ instanceId: 'dds-reviews', addresses: ['10.0.4.40', ' 10.0.4.41'] }]);
const polardbRefused = listing('polardb', [], refused);

const openPolardb = { couldBe: 'polardb' as const, fact: 'polardb reads', neededFor: 'whether 10.0.9.9 is the VPC address of one of the PolarDB instances', error: refused };

describe('matchWhitelistAddress', () => {
  const rows: Array<{ name: string; address: string; listings: WhitelistInstanceListing[]; expected: WhitelistAddressLookup }> = [
    { name: 'an RDS connection address names its instance', address: '10.0.4.10', listings: [rds, redis], expected: { owner: { service: 'rds', instanceId: 'rm-orders' }, open: [] } },
    { name: 'any address of an instance counts (its second connection)', address: '10.0.4.99', listings: [rds], expected: { owner: { service: 'rds', instanceId: 'rm-ledger' }, open: [] } },
    { name: 'a Redis private IP', address: '10.0.4.20', listings: [rds, redis], expected: { owner: { service: 'redis', instanceId: 'r-cart' }, open: [] } },
    { name: 'a MongoDB member address, spaces trimmed', address: '10.0.4.41', listings: [mongo], expected: { owner: { service: 'mongodb', instanceId: 'dds-reviews' }, open: [] } },
    { name: 'a match decides even when another listing failed', address: '10.0.4.20', listings: [polardbRefused, redis], expected: { owner: { service: 'redis', instanceId: 'r-cart' }, open: [] } },
    { name: 'no instance holds it, every listing complete: no owner, nothing open', address: '10.0.9.9', listings: [rds, redis, mongo], expected: { owner: null, open: [] } },
    { name: 'no match and a refused listing: that product stays open', address: '10.0.9.9', listings: [rds, polardbRefused], expected: { owner: null, open: [openPolardb] } },
    {
      name: 'a listing cut at its cap stays open too',
      address: '10.0.9.9',
      listings: [listing('rds', [{ instanceId: 'rm-orders', addresses: ['10.0.4.10'] }], capped)],
      expected: { owner: null, open: [{ couldBe: 'rds', fact: 'rds reads', neededFor: 'whether 10.0.9.9 is the VPC address of one of the RDS instances', error: capped }] },
    },
    { name: 'a prefix of an address is no match', address: '10.0.4.1', listings: [rds], expected: { owner: null, open: [] } },
    { name: 'nothing listed', address: '10.0.4.10', listings: [], expected: { owner: null, open: [] } },
  ];
  it.each(rows)('$name', ({ address, listings, expected }) => {
    expect(matchWhitelistAddress(address, listings)).toStrictEqual(expected);
  });
});
