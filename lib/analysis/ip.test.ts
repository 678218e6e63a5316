import { describe, expect, it } from 'vitest';

import { cidrContains, cidrCovers, isPrivateAddress, parseCidr, parseIp } from './ip';

describe('parseIp', () => {
  it.each([
    ['10.0.1.5', { version: 4, value: 0x0a000105n }],
    ['255.255.255.255', { version: 4, value: 0xffffffffn }],
    ['::1', { version: 6, value: 1n }],
    ['2001:db8::1', { version: 6, value: 0x20010db8000000000000000000000001n }],
    ['256.1.1.1', null],
    ['01.1.1.1', null],
    ['api.example.com', null],
    ['1:2:3:4:5:6:7:8:9', null],
  ])('%s', (text, expected) => {
    expect(parseIp(text)).toStrictEqual(expected);
  });
});

describe('cidrContains', () => {
  it.each([
    ['10.0.0.0/16', '10.0.255.1', true],
    ['10.0.0.0/16', '10.1.0.1', false],
    ['10.0.1.5/16', '10.0.200.1', true], // host bits set: read as the network
    ['0.0.0.0/0', '203.0.113.10', true],
    ['203.0.113.10/32', '203.0.113.10', true],
    ['203.0.113.10', '203.0.113.10', true],
    ['10.0.0.0/8', '2001:db8::1', false],
    ['2001:db8::/32', '2001:db8::1', true],
    ['not-a-cidr', '10.0.0.1', false],
  ])('%s contains %s → %s', (cidr, address, expected) => {
    expect(cidrContains(cidr, address)).toBe(expected);
  });
});

describe('cidrCovers and parseCidr', () => {
  it('covers nested blocks only', () => {
    expect(cidrCovers('10.0.0.0/16', '10.0.1.0/24')).toBe(true);
    expect(cidrCovers('10.0.1.0/24', '10.0.0.0/16')).toBe(false);
  });
  it('rejects prefixes longer than the address', () => {
    expect(parseCidr('10.0.0.0/33')).toBeNull();
  });
  it.each([
    ['10.1.2.3', true],
    ['172.20.0.1', true],
    ['100.100.2.136', true],
    ['203.0.113.10', false],
    ['198.51.100.7', false],
  ])('isPrivateAddress(%s) → %s', (address, expected) => {
    expect(isPrivateAddress(address)).toBe(expected);
  });
});
