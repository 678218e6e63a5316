import { describe, expect, it } from 'vitest';

import { BadRequestError } from '@/lib/errors';

import { checkCsrf, CSRF_COOKIE, csrfCookieHeader, readCookie, requireCsrf, tokensEqual } from './csrf';

const token = 'k2M0cT7v9Yb3cL1qX8wZp4rS6uV0aB2dE5fG7hJ9iKo';

function request(headers: Record<string, string>, url = 'http://127.0.0.1:3000/api/fixes/apply') {
  return { url, headers: new Headers(headers) };
}

const sameOrigin = { host: '127.0.0.1:3000', origin: 'http://127.0.0.1:3000', cookie: `other=1; ${CSRF_COOKIE}=${token}`, 'x-csrf-token': token };

describe('checkCsrf', () => {
  const rows: Array<{ name: string; headers: Record<string, string>; expected: ReturnType<typeof checkCsrf> }> = [
    { name: 'accepts a same-origin POST with matching cookie and header', headers: sameOrigin, expected: { ok: true } },
    {
      name: 'accepts Sec-Fetch-Site same-origin when the browser sends no Origin',
      headers: { host: sameOrigin.host, 'sec-fetch-site': 'same-origin', cookie: sameOrigin.cookie, 'x-csrf-token': token },
      expected: { ok: true },
    },
    {
      name: 'accepts the forwarded host of a proxy in front',
      headers: { ...sameOrigin, host: 'internal:3000', origin: 'https://doctor.example.com', 'x-forwarded-host': 'doctor.example.com' },
      expected: { ok: true },
    },
    {
      name: 'rejects a cross-site Origin even with a valid token',
      headers: { ...sameOrigin, origin: 'https://evil.example' },
      expected: { ok: false, reason: 'the request comes from https://evil.example, not from this dashboard' },
    },
    {
      name: 'rejects a same-site but different-port Origin',
      headers: { ...sameOrigin, origin: 'http://127.0.0.1:4000' },
      expected: { ok: false, reason: 'the request comes from http://127.0.0.1:4000, not from this dashboard' },
    },
    {
      name: 'rejects Sec-Fetch-Site cross-site without Origin',
      headers: { host: sameOrigin.host, 'sec-fetch-site': 'cross-site', cookie: sameOrigin.cookie, 'x-csrf-token': token },
      expected: { ok: false, reason: 'the browser says the request is cross-site' },
    },
    {
      name: 'rejects a request with neither Origin nor Sec-Fetch-Site',
      headers: { host: sameOrigin.host, cookie: sameOrigin.cookie, 'x-csrf-token': token },
      expected: { ok: false, reason: 'the request carries neither an Origin nor a Sec-Fetch-Site header' },
    },
    {
      name: 'rejects a missing cookie',
      headers: { host: sameOrigin.host, origin: sameOrigin.origin, 'x-csrf-token': token },
      expected: { ok: false, reason: `the ${CSRF_COOKIE} cookie is missing (load the page again)` },
    },
    {
      name: 'rejects a missing header',
      headers: { host: sameOrigin.host, origin: sameOrigin.origin, cookie: sameOrigin.cookie },
      expected: { ok: false, reason: 'the x-csrf-token header is missing' },
    },
    {
      name: 'rejects a header that differs from the cookie',
      headers: { ...sameOrigin, 'x-csrf-token': `${token.slice(0, -1)}X` },
      expected: { ok: false, reason: `the x-csrf-token header does not match the ${CSRF_COOKIE} cookie` },
    },
    {
      name: 'rejects an Origin that is not a URL',
      headers: { ...sameOrigin, origin: 'not a url' },
      expected: { ok: false, reason: 'the Origin header “not a url” is not a URL (Invalid URL)' },
    },
  ];

  for (const row of rows) {
    it(row.name, () => {
      expect(checkCsrf(request(row.headers))).toStrictEqual(row.expected);
    });
  }
});

describe('requireCsrf', () => {
  it('throws a 403 csrf_rejected naming the reason', () => {
    let thrown: unknown = null;
    try {
      requireCsrf(request({ ...sameOrigin, origin: 'https://evil.example' }));
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
