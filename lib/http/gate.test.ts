/** The proxy's gate: what it answers itself, before any page or API handler runs. */
import { afterEach, describe, expect, it } from 'vitest';

import { resetEnvForTests } from '@/lib/env';

import { checkRequest } from './gate';

const settings = ['EGRESS_DOCTOR_PUBLIC_ORIGIN', 'EGRESS_DOCTOR_TRUSTED_PROXY', 'EGRESS_DOCTOR_REQUIRE_IDENTITY', 'EGRESS_DOCTOR_FIXES_ENABLED'] as const;
const saved = Object.fromEntries(settings.map((name) => [name, process.env[name]]));

function withEnv(values: Partial<Record<(typeof settings)[number], string>>): void {
  for (const name of settings) {
    const value = values[name] ?? (name === 'EGRESS_DOCTOR_PUBLIC_ORIGIN' ? 'https://doctor.example.com' : undefined);
    if (value === undefined) delete process.env[name];
    else process.env[name] = value;
  }
  resetEnvForTests();
}

afterEach(() => {
  for (const name of settings) {
    if (saved[name] === undefined) delete process.env[name];
    else process.env[name] = saved[name];
  }
  resetEnvForTests();
});

interface Probe {
  method?: string;
  path: string;
  headers?: Record<string, string>;
}

async function answer(probe: Probe): Promise<{ status: number; code: string | null; allow: string | null } | null> {
  const response = checkRequest({ method: probe.method ?? 'GET', url: `http://127.0.0.1:3000${probe.path}`, headers: new Headers(probe.headers ?? {}) });
  if (response === null) return null;
  const isJson = response.headers.get('content-type')?.includes('json') ?? false;
  const body: unknown = isJson ? await response.json() : null;
  const code = typeof body === 'object' && body !== null && 'error' in body && typeof body.error === 'object' && body.error !== null && 'code' in body.error ? String(body.error.code) : null;
  expect(response.headers.get('x-frame-options')).toBe('DENY');
  return { status: response.status, code, allow: response.headers.get('allow') };
}

const json = { 'content-type': 'application/json' };

describe('checkRequest', () => {
  const rows: Array<{ name: string; env?: Parameters<typeof withEnv>[0]; probe: Probe; expected: Awaited<ReturnType<typeof answer>> }> = [
    { name: 'lets a page through', probe: { path: '/' }, expected: null },
    { name: 'lets a same-origin JSON POST through', probe: { method: 'POST', path: '/api/diagnoses', headers: { ...json, origin: 'https://doctor.example.com', 'sec-fetch-site': 'same-origin' } }, expected: null },
    { name: 'lets curl through (JSON, no Origin, no Sec-Fetch-Site)', probe: { method: 'POST', path: '/api/diagnoses/abc/rerun', headers: json }, expected: null },
    { name: 'malformed escape in an API path → 400', probe: { path: '/api/diagnoses/%ff' }, expected: { status: 400, code: 'malformed_path', allow: null } },
    { name: 'malformed escape in a page path → 404 page', probe: { path: '/d/%ff' }, expected: { status: 404, code: null, allow: null } },
    { name: 'TRACE on an API route → 405 with Allow', probe: { method: 'TRACE', path: '/api/healthz' }, expected: { status: 405, code: 'method_not_allowed', allow: 'GET, HEAD, OPTIONS' } },
    { name: 'DELETE on a POST route → 405 with Allow', probe: { method: 'DELETE', path: '/api/fixes/apply' }, expected: { status: 405, code: 'method_not_allowed', allow: 'POST, OPTIONS' } },
    { name: 'POST to a page (no Server Actions here) → 405 page', probe: { method: 'POST', path: '/', headers: json }, expected: { status: 405, code: null, allow: 'GET, HEAD' } },
    { name: 'unknown API path → JSON 404', probe: { path: '/api/nothing' }, expected: { status: 404, code: 'not_found', allow: null } },
    {
      name: 'cross-site text/plain POST → 415',
      probe: { method: 'POST', path: '/api/diagnoses', headers: { 'content-type': 'text/plain', origin: 'https://evil.example', 'sec-fetch-site': 'cross-site' } },
      expected: { status: 415, code: 'unsupported_media_type', allow: null },
    },
    { name: 'cross-site JSON POST → 403', probe: { method: 'POST', path: '/api/diagnoses', headers: { ...json, origin: 'https://evil.example' } }, expected: { status: 403, code: 'csrf_rejected', allow: null } },
    {
      name: 'an Origin matching only Host / X-Forwarded-Host → 403',
      probe: { method: 'POST', path: '/api/diagnoses', headers: { ...json, origin: 'https://evil.example', host: 'evil.example', 'x-forwarded-host': 'evil.example' } },
      expected: { status: 403, code: 'csrf_rejected', allow: null },
    },
    {
      name: 'a declared body over the route limit → 413',
      probe: { method: 'POST', path: '/api/diagnoses', headers: { ...json, 'content-length': String(20 * 1024 * 1024) } },
      expected: { status: 413, code: 'payload_too_large', allow: null },
    },
    { name: 'a bad setting → 503 on routes', env: { EGRESS_DOCTOR_FIXES_ENABLED: 'yes' }, probe: { path: '/api/clusters' }, expected: { status: 503, code: 'invalid_configuration', allow: null } },
    { name: 'a bad setting leaves healthz to answer', env: { EGRESS_DOCTOR_FIXES_ENABLED: 'yes' }, probe: { path: '/api/healthz' }, expected: null },
    {
      name: 'identity required, none sent → 401',
      env: { EGRESS_DOCTOR_TRUSTED_PROXY: 'true', EGRESS_DOCTOR_REQUIRE_IDENTITY: 'true' },
      probe: { path: '/api/clusters' },
      expected: { status: 401, code: 'identity_required', allow: null },
    },
    {
      name: 'identity required, page without one → 401 page',
      env: { EGRESS_DOCTOR_TRUSTED_PROXY: 'true', EGRESS_DOCTOR_REQUIRE_IDENTITY: 'true' },
      probe: { path: '/diagnoses' },
      expected: { status: 401, code: null, allow: null },
    },
    {
      name: 'identity required, sent by the trusted proxy → through',
      env: { EGRESS_DOCTOR_TRUSTED_PROXY: 'true', EGRESS_DOCTOR_REQUIRE_IDENTITY: 'true' },
      probe: { path: '/api/clusters', headers: { 'x-forwarded-user': 'alice' } },
      expected: null,
    },
    { name: 'identity required: healthz stays open', env: { EGRESS_DOCTOR_TRUSTED_PROXY: 'true', EGRESS_DOCTOR_REQUIRE_IDENTITY: 'true' }, probe: { path: '/api/healthz' }, expected: null },
  ];

  it.each(rows)('$name', async ({ env, probe, expected }) => {
    withEnv(env ?? {});
    expect(await answer(probe)).toStrictEqual(expected);
  });
});
