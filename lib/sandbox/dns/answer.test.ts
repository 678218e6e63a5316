import { describe, expect, it } from 'vitest';

import type { DnsRecord } from '@/lib/schemas/world';

import { indexRecords, lookup } from './answer';

const records: DnsRecord[] = [
  { name: 'a.example.com', type: 'A', value: '203.0.113.1', ttl: 60 },
  { name: 'alias.example.com', type: 'CNAME', value: 'a.example.com', ttl: 30 },
  { name: 'dangling.example.com', type: 'CNAME', value: 'gone.example.com', ttl: 30 },
  { name: 'loop1.example.com', type: 'CNAME', value: 'loop2.example.com', ttl: 30 },
  { name: 'loop2.example.com', type: 'CNAME', value: 'loop1.example.com', ttl: 30 },
];
const index = indexRecords(records);

describe('lookup', () => {
  it.each([
    {
      name: 'answers an A record with the name spelled as asked (trailing dot dropped)',
      query: ['A.Example.COM.', 'A'] as const,
      expected: { rcode: 'NOERROR', answers: [{ name: 'A.Example.COM', type: 'A', value: '203.0.113.1', ttl: 60 }] },
    },
    {
      name: 'follows a CNAME to the A record',
      query: ['alias.example.com', 'A'] as const,
      expected: {
        rcode: 'NOERROR',
        answers: [
          { name: 'alias.example.com', type: 'CNAME', value: 'a.example.com', ttl: 30 },
          { name: 'a.example.com', type: 'A', value: '203.0.113.1', ttl: 60 },
        ],
      },
    },
    {
      name: 'answers a CNAME question with the CNAME only',
      query: ['alias.example.com', 'CNAME'] as const,
      expected: { rcode: 'NOERROR', answers: [{ name: 'alias.example.com', type: 'CNAME', value: 'a.example.com', ttl: 30 }] },
    },
    {
      name: 'gives NXDOMAIN with the CNAME when the chain ends outside the world',
      query: ['dangling.example.com', 'A'] as const,
      expected: { rcode: 'NXDOMAIN', answers: [{ name: 'dangling.example.com', type: 'CNAME', value: 'gone.example.com', ttl: 30 }] },
    },
    {
      name: 'stops at a CNAME loop',
      query: ['loop1.example.com', 'A'] as const,
      expected: {
        rcode: 'NOERROR',
        answers: [
          { name: 'loop1.example.com', type: 'CNAME', value: 'loop2.example.com', ttl: 30 },
          { name: 'loop2.example.com', type: 'CNAME', value: 'loop1.example.com', ttl: 30 },
        ],
      },
    },
    { name: 'gives NXDOMAIN for an unknown name', query: ['nope.example.com', 'A'] as const, expected: { rcode: 'NXDOMAIN', answers: [] } },
    { name: 'gives NOERROR with no data for another type', query: ['a.example.com', 'OTHER'] as const, expected: { rcode: 'NOERROR', answers: [] } },
  ])('$name', ({ query, expected }) => {
    expect(lookup(index, query[0], query[1])).toStrictEqual(expected);
  });
});
