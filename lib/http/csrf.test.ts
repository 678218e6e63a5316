import { afterEach, beforeEach, describe, expect, it } from 'vitest';

import { resetEnvForTests } from '@/lib/env';
import { BadRequestError } from '@/lib/errors';

import { checkCsrf, CSRF_COOKIE, CSRF_TOKEN_TTL_MS, csrfCookieHeader, isIssuedCsrfToken, newCsrfToken, readCookie, requireCsrf, tokensEqual } from './csrf';

const origins = ['http://127.0.0.1:3000'];
const savedSecret = process.env.EGRESS_DOCTOR_SECRET;

beforeEach(() => {
  process.env.EGRESS_DOCTOR_SECRET = 'a'.repeat(40);
  resetEnvForTests();
});
afterEach(() => {
  if (savedSecret === undefined) delete process.env.EGRESS_DOCTOR_SECRET;
  else process.env.EGRESS_DOCTOR_SECRET = savedSecret;
  resetEnvForTests();
});

function request(headers: Record<string, string>) {
  return { headers: new Headers({ 'content-type': 'application/json', ...headers }) };
}

function sameOrigin(token: string): Record<string, string> {
  return { host: '127.0.0.1:3000', origin: 'http://127.0.0.1:3000', cookie: `other=1; ${CSRF_COOKIE}=${token}`, 'x-csrf-token': token };
}

describe('checkCsrf', () => {
  const rows: Array<{ name: string; headers: (token: string) => Record<string, string>; expected: ReturnType<typeof checkCsrf> }> = [
    { name: 'accepts a same-origin POST with the issued token in cookie and header', headers: sameOrigin, expected: { ok: true } },
    {
      name: 'accepts Sec-Fetch-Site same-origin when the browser sends no Origin',
      headers: (token) => ({ 'sec-fetch-site': 'same-origin', cookie: `${CSRF_COOKIE}=${token}`, 'x-csrf-token': token }),
      expected: { ok: true },
    },
    {
      name: 'accepts a script without Origin or Sec-Fetch-Site that holds an issued token',
      headers: (token) => ({ cookie: `${CSRF_COOKIE}=${token}`, 'x-csrf-token': token }),
      expected: { ok: true },
    },
    {
      name: 'rejects a cross-site Origin even with a valid token',
      headers: (token) => ({ ...sameOrigin(token), origin: 'https://evil.example' }),
      expected: { ok: false, reason: 'the request comes from https://evil.example, and this dashboard is served from http://127.0.0.1:3000 (set EGRESS_DOCTOR_PUBLIC_ORIGIN when it is served under another address)' },
    },
    {
      name: 'rejects an Origin that only the Host and X-Forwarded-Host headers vouch for',
      headers: (token) => ({ ...sameOrigin(token), host: 'evil.example', 'x-forwarded-host': 'evil.example', origin: 'https://evil.example' }),
      expected: { ok: false, reason: 'the request comes from https://evil.example, and this dashboard is served from http://127.0.0.1:3000 (set EGRESS_DOCTOR_PUBLIC_ORIGIN when it is served under another address)' },
    },
    {
      name: 'rejects Sec-Fetch-Site same-site (a sibling origin of the same site)',
      headers: (token) => ({ 'sec-fetch-site': 'same-site', cookie: `${CSRF_COOKIE}=${token}`, 'x-csrf-token': token }),
      expected: { ok: false, reason: 'the browser marks the request same-site' },
    },
    {
      name: 'rejects a text/plain body',
      headers: (token) => ({ ...sameOrigin(token), 'content-type': 'text/plain' }),
      expected: { ok: false, reason: 'the body must be sent as Content-Type: application/json' },
    },
    {
      name: 'rejects a missing cookie',
      headers: (token) => ({ origin: 'http://127.0.0.1:3000', 'x-csrf-token': token }),
      expected: { ok: false, reason: `the ${CSRF_COOKIE} cookie is missing (load the page again)` },
    },
    {
      name: 'rejects a missing header',
      headers: (token) => ({ origin: 'http://127.0.0.1:3000', cookie: `${CSRF_COOKIE}=${token}` }),
      expected: { ok: false, reason: 'the x-csrf-token header is missing' },
    },
    {
      name: 'rejects a header that differs from the cookie',
      headers: (token) => ({ ...sameOrigin(token), 'x-csrf-token': `${token.slice(0, -1)}X` }),
      expected: { ok: false, reason: `the x-csrf-token header does not match the ${CSRF_COOKIE} cookie` },
    },
    {
      name: 'rejects a forged token sent equal in cookie and header',
      headers: () => sameOrigin('k2M0cT7v9Yb3cL1qX8wZp4rS6uV0aB2dE5fG7hJ9iKo'),
      expected: { ok: false, reason: 'the CSRF token was not issued by this dashboard or has expired (load the page again)' },
    },
  ];

  for (const row of rows) {
    it(row.name, () => {
      expect(checkCsrf(request(row.headers(newCsrfToken())), origins)).toStrictEqual(row.expected);
    });
  }
});

describe('issued tokens', () => {
  it('are accepted while fresh, refused once expired, re-signed or signed under another secret', () => {
    const now = Date.parse('2026-11-28T08:00:00Z');
    const token = newCsrfToken(now);
    const [issued, nonce] = token.split('.');
    const tampered = `${issued}.${nonce?.slice(0, -1)}${nonce?.endsWith('A') ? 'B' : 'A'}.${token.split('.')[2]}`;
    const fresh = isIssuedCsrfToken(token, now + 60_000);
    const expired = isIssuedCsrfToken(token, now + CSRF_TOKEN_TTL_MS + 1000);
    process.env.EGRESS_DOCTOR_SECRET = 'b'.repeat(40);
    resetEnvForTests();
    expect([fresh, expired, isIssuedCsrfToken(tampered, now), isIssuedCsrfToken(token, now)]).toStrictEqual([true, false, false, false]);
  });
});

describe('requireCsrf', () => {
  it('throws a 403 csrf_rejected naming the reason', () => {
    let thrown: unknown = null;
    try {
      requireCsrf(request({ ...sameOrigin(newCsrfToken()), origin: 'https://evil.example' }));
    } catch (error) {
      thrown = error;
    }
    expect(thrown).toBeInstanceOf(BadRequestError);
    expect(thrown instanceof BadRequestError ? { code: thrown.code, status: thrown.status } : null).toStrictEqual({ code: 'csrf_rejected', status: 403 });
  });
});

describe('helpers', () => {
  it('compares tokens only when both are non-empty and of equal length', () => {
    expect([tokensEqual('abc', 'abc'), tokensEqual('abc', 'abd'), tokensEqual('abc', 'abcd'), tokensEqual('', '')]).toStrictEqual([true, false, false, false]);
  });

  it('reads one cookie among several', () => {
    expect([readCookie('a=1; b=2', 'b'), readCookie('a=1', 'b'), readCookie(null, 'a')]).toStrictEqual(['2', null, null]);
  });

  it('writes a SameSite=Strict cookie, Secure on HTTPS', () => {
    expect([csrfCookieHeader('t', false), csrfCookieHeader('t', true)]).toStrictEqual([
      `${CSRF_COOKIE}=t; Path=/; SameSite=Strict; HttpOnly`,
      `${CSRF_COOKIE}=t; Path=/; SameSite=Strict; HttpOnly; Secure`,
    ]);
  });
});
