import { describe, expect, it } from 'vitest';

import { routeEntry, routeTable } from './__fixtures__/cloud-builders';
import { longestPrefixMatch } from './route-table';

const defaultRoute = routeEntry({ id: 'rte-default' });
const partner = routeEntry({ id: 'rte-partner', destinationCidr: '203.0.113.0/24', nextHops: [{ type: 'VpnGateway', id: 'vpn-1' }] });
const pending = routeEntry({ id: 'rte-pending', destinationCidr: '203.0.113.10/32', status: 'Pending' });
const v6 = routeEntry({ id: 'rte-v6', destinationCidr: '::/0', nextHops: [{ type: 'IPv6Gateway', id: 'ipv6gw-1' }] });

describe('longestPrefixMatch', () => {
  it.each([
    { name: 'more specific route wins over the default', entries: [defaultRoute, partner], address: '203.0.113.10', expected: partner },
    { name: 'default route catches everything else', entries: [defaultRoute, partner], address: '198.51.100.1', expected: defaultRoute },
    { name: 'non-Available entries are ignored', entries: [defaultRoute, pending], address: '203.0.113.10', expected: defaultRoute },
    { name: 'no route gives null', entries: [partner], address: '198.51.100.1', expected: null },
    { name: 'IPv4 does not match an IPv6 default route', entries: [v6], address: '198.51.100.1', expected: null },
    { name: 'IPv6 matches the IPv6 default route', entries: [defaultRoute, v6], address: '2001:db8::1', expected: v6 },
    { name: 'invalid address gives null', entries: [defaultRoute], address: 'example.com', expected: null },
  ])('$name', ({ entries, address, expected }) => {
    expect(longestPrefixMatch(routeTable({ entries }), address)).toStrictEqual(expected);
  });
});
