import { describe, expect, it } from 'vitest';

import { actorOf } from './identity';

describe('actorOf', () => {
  const request = (headers: Record<string, string>) => ({ headers: new Headers(headers) });
  const rows: Array<{ name: string; trusted: boolean; headers: Record<string, string>; expected: string }> = [
    { name: 'ignores the header without a trusted proxy', trusted: false, headers: { 'x-forwarded-user': 'admin' }, expected: 'anonymous' },
    { name: 'believes the header from a trusted proxy', trusted: true, headers: { 'x-forwarded-user': 'alice@example.com' }, expected: 'alice@example.com' },
    { name: 'is anonymous when the trusted proxy sends none', trusted: true, headers: {}, expected: 'anonymous' },
    { name: 'strips control characters (no forged log lines)', trusted: true, headers: { 'x-forwarded-user': 'bob\tadmin' }, expected: 'bobadmin' },
    { name: 'cuts a long name at 200 characters', trusted: true, headers: { 'x-forwarded-user': 'x'.repeat(500) }, expected: 'x'.repeat(200) },
  ];
  it.each(rows)('$name', ({ trusted, headers, expected }) => {
    expect(actorOf(request(headers), { EGRESS_DOCTOR_TRUSTED_PROXY: trusted, EGRESS_DOCTOR_IDENTITY_HEADER: 'x-forwarded-user' })).toBe(expected);
  });
});
