/**
 * The attack suite against the fix routes (project `apply`: applying enabled): cross-site
 * POSTs, CSRF tokens the server did not issue, and an identity header nobody vouches for.
 */
import type { APIRequestContext, APIResponse } from '@playwright/test';

import { API_ROUTES } from '../lib/http/api-routes';

import { expect, loadDemoScenarios, test } from './fixtures';

const fixRoutes = API_ROUTES.filter((route) => route.pattern.startsWith('/api/fixes/') && route.methods.includes('POST')).map((route) => route.pattern.replace(/\[[^\]]+\]/g, 'AAAAAAAAAAAAAAAAAAAAAA'));

async function body(response: APIResponse): Promise<Record<string, unknown>> {
  const parsed: unknown = await response.json();
  return typeof parsed === 'object' && parsed !== null ? Object.fromEntries(Object.entries(parsed)) : {};
}

function code(parsed: Record<string, unknown>): unknown {
  const error = parsed.error;
  return typeof error === 'object' && error !== null && 'code' in error ? error.code : undefined;
}

async function issuedToken(request: APIRequestContext): Promise<string> {
  return String((await body(await request.get('/api/fixes/config'))).csrfToken);
}

test.describe.configure({ mode: 'serial' });

test('a cross-site text/plain POST to every fix route is refused', async ({ request, baseURL }) => {
  const token = await issuedToken(request);
  for (const path of fixRoutes) {
    const plain = await request.post(path, { data: '{}', headers: { 'content-type': 'text/plain', origin: 'https://evil.example', 'x-csrf-token': token } });
    expect([plain.status(), code(await body(plain))], path).toStrictEqual([415, 'unsupported_media_type']);
    const sameSite = await request.post(path, { data: {}, headers: { origin: new URL(baseURL ?? '').origin.replace(/:\d+$/, ':1'), 'x-csrf-token': token } });
    expect([sameSite.status(), code(await body(sameSite))], path).toStrictEqual([403, 'csrf_rejected']);
  }
});

test('a forged token sent equal in cookie and header is refused; the issued one passes the CSRF check', async ({ playwright, baseURL }) => {
  const forged = 'k2M0cT7v9Yb3cL1qX8wZp4rS6uV0aB2dE5fG7hJ9iKo';
  const origin = new URL(baseURL ?? '').origin;
  const attacker = await playwright.request.newContext({ baseURL, extraHTTPHeaders: { cookie: `egress_doctor_csrf=${forged}` } });
  for (const path of fixRoutes) {
    const answer = await attacker.post(path, { data: {}, headers: { origin, 'x-csrf-token': forged } });
    expect([answer.status(), code(await body(answer))], path).toStrictEqual([403, 'csrf_rejected']);
  }
  const sameShapeForged = `${Math.floor(Date.now() / 1000).toString(36)}.AAAAAAAAAAAAAAAAAAAAAA.${'A'.repeat(43)}`;
  const shaped = await attacker.post('/api/fixes/preview', { data: {}, headers: { origin, cookie: `egress_doctor_csrf=${sameShapeForged}`, 'x-csrf-token': sameShapeForged } });
  expect([shaped.status(), code(await body(shaped))]).toStrictEqual([403, 'csrf_rejected']);
  await attacker.dispose();

  const user = await playwright.request.newContext({ baseURL });
  const token = await issuedToken(user);
  const passes = await user.post('/api/fixes/preview', { data: { diagnosisId: 'AAAAAAAAAAAAAAAAAAAAAA', fixId: 'x' }, headers: { origin, 'x-csrf-token': token } });
  expect(passes.status(), 'past the CSRF check, the unknown diagnosis is the answer').toBe(404);
  await user.dispose();
});

test('without a trusted proxy, the identity header a client sends is not the audit actor', async ({ request, baseURL }) => {
  const item = loadDemoScenarios().find((scenario) => scenario.id === 'rds-whitelist');
  if (!item) throw new Error('the demo world has no rds-whitelist scenario');
  const origin = new URL(baseURL ?? '').origin;
  const token = await issuedToken(request);
  const headers = { origin, 'x-csrf-token': token, 'x-forwarded-user': 'mallory' };
  const diagnosis = await body(await request.post('/api/diagnoses', { data: { cluster: item.cluster, namespace: item.namespace, pod: item.pod, destination: item.destination, port: item.port } }));
  const hops = Array.isArray(diagnosis.hops) ? diagnosis.hops : [];
  const hop: unknown = hops.find((each: unknown) => typeof each === 'object' && each !== null && 'kind' in each && each.kind === item.expect.blockingHop);
  const fixes: unknown = typeof hop === 'object' && hop !== null && 'fixes' in hop ? hop.fixes : [];
  const fix: unknown = Array.isArray(fixes) ? fixes.find((each: unknown) => typeof each === 'object' && each !== null && 'kind' in each && each.kind !== 'manual') : undefined;
  const fixId = typeof fix === 'object' && fix !== null && 'id' in fix ? String(fix.id) : '';
  expect(fixId).not.toBe('');

  const preview = await body(await request.post('/api/fixes/preview', { data: { diagnosisId: diagnosis.id, fixId }, headers }));
  const confirmationToken = typeof preview.preview === 'object' && preview.preview !== null && 'confirmationToken' in preview.preview ? preview.preview.confirmationToken : '';
  const applied = await request.post('/api/fixes/apply', { data: { diagnosisId: diagnosis.id, fixId, confirmationToken }, headers });
  expect(applied.status(), await applied.text()).toBe(201);
  const auditId = String((await body(applied)).auditId);

  const log = await body(await request.get('/api/fixes/audit?limit=500'));
  const entry: unknown = Array.isArray(log.entries) ? log.entries.find((each: unknown) => typeof each === 'object' && each !== null && 'id' in each && each.id === auditId) : undefined;
  expect(typeof entry === 'object' && entry !== null && 'actor' in entry ? entry.actor : null).toBe('anonymous');

  const undoPreview = await body(await request.post(`/api/fixes/audit/${auditId}/undo/preview`, { data: {}, headers }));
  const undoToken = typeof undoPreview.preview === 'object' && undoPreview.preview !== null && 'confirmationToken' in undoPreview.preview ? undoPreview.preview.confirmationToken : '';
  const undone = await request.post(`/api/fixes/audit/${auditId}/undo`, { data: { confirmationToken: undoToken }, headers });
  expect(undone.status(), await undone.text()).toBe(201);
});
