import type { APIRequestContext, APIResponse } from '@playwright/test';

import { AuditPage } from './pages/audit-page';
import { ChangeDialog } from './pages/change-dialog';
import { DiagnosisPage } from './pages/diagnosis-page';
import { SavedDiagnosisPage } from './pages/saved-diagnosis-page';
import { expect, loadDemoScenarios, test, type DemoScenario } from './fixtures';

/**
 * Applying fixes end to end on the sandbox (project `apply`: a dashboard started with
 * EGRESS_DOCTOR_FIXES_ENABLED=true), plus the refusal of the default dashboard (disabled).
 */
const scenarios = loadDemoScenarios();
const disabledBaseURL = process.env.E2E_DISABLED_BASE_URL ?? `http://127.0.0.1:${process.env.E2E_PORT ?? 3100}`;

function scenario(id: string): DemoScenario {
  const found = scenarios.find((item) => item.id === id);
  if (!found) throw new Error(`the demo world has no scenario ${id}`);
  return found;
}

interface Json {
  [key: string]: unknown;
}

async function json(response: APIResponse): Promise<Json> {
  const body: unknown = await response.json();
  if (typeof body !== 'object' || body === null || Array.isArray(body)) throw new Error(`expected a JSON object, got ${JSON.stringify(body)}`);
  return Object.fromEntries(Object.entries(body));
}

function field(object: unknown, ...path: string[]): unknown {
  let current: unknown = object;
  for (const key of path) current = typeof current === 'object' && current !== null && key in current ? Object.fromEntries(Object.entries(current))[key] : undefined;
  return current;
}

/** A client of the fix routes as the dashboard's own page would call them (cookie + header + Origin). */
class FixesApi {
  private csrfToken = '';

  constructor(
    readonly request: APIRequestContext,
    readonly origin: string,
  ) {}

  async init(): Promise<void> {
    const config = await json(await this.request.get('/api/fixes/config'));
    this.csrfToken = String(config.csrfToken);
  }

  post(path: string, body: unknown, origin = this.origin): Promise<APIResponse> {
    return this.request.post(path, { data: body, headers: { origin, 'x-csrf-token': this.csrfToken } });
  }

  async diagnose(item: DemoScenario): Promise<Json> {
    const response = await this.request.post('/api/diagnoses', { data: { cluster: item.cluster, namespace: item.namespace, pod: item.pod, destination: item.destination, port: item.port, protocol: item.protocol } });
    expect(response.status()).toBe(201);
    return json(response);
  }

  async preview(diagnosisId: string, fixId: string): Promise<Json> {
    const response = await this.post('/api/fixes/preview', { diagnosisId, fixId });
    expect(response.status(), await response.text()).toBe(200);
    const preview = field(await json(response), 'preview');
    if (typeof preview !== 'object' || preview === null) throw new Error('no preview');
    return Object.fromEntries(Object.entries(preview));
  }

  async apply(diagnosisId: string, fixId: string): Promise<APIResponse> {
    const preview = await this.preview(diagnosisId, fixId);
    return this.post('/api/fixes/apply', { diagnosisId, fixId, confirmationToken: preview.confirmationToken });
  }

  async undo(auditId: string): Promise<APIResponse> {
    const preview = await this.post(`/api/fixes/audit/${auditId}/undo/preview`, {});
    expect(preview.status(), await preview.text()).toBe(200);
    return this.post(`/api/fixes/audit/${auditId}/undo`, { confirmationToken: field(await json(preview), 'preview', 'confirmationToken') });
  }
}

function fixesOf(diagnosis: Json, hop: string): Json[] {
  const hops = Array.isArray(diagnosis.hops) ? diagnosis.hops : [];
  const found: unknown = hops.find((item: unknown) => field(item, 'kind') === hop);
  const fixes = field(found, 'fixes');
  return Array.isArray(fixes) ? fixes.map((fix: unknown) => Object.fromEntries(Object.entries(typeof fix === 'object' && fix !== null ? fix : {}))) : [];
}

test.describe.configure({ mode: 'serial' });

test('with applying disabled, the endpoints refuse 403 and the UI offers no Apply button', async ({ browser, playwright }) => {
  const api = await playwright.request.newContext({ baseURL: disabledBaseURL });
  const config = await json(await api.get('/api/fixes/config'));
  expect(config.enabled).toBe(false);
  for (const path of ['/api/fixes/preview', '/api/fixes/apply']) {
    const response = await api.post(path, { data: { diagnosisId: 'x', fixId: 'y', confirmationToken: 'z' }, headers: { origin: disabledBaseURL, 'x-csrf-token': String(config.csrfToken) } });
    expect(response.status()).toBe(403);
    expect(field(await json(response), 'error', 'code')).toBe('fixes_disabled');
    expect(String(field(await json(response), 'error', 'message'))).toContain('EGRESS_DOCTOR_FIXES_ENABLED=true');
  }
  await api.dispose();

  const context = await browser.newContext({ baseURL: disabledBaseURL });
  const diagnosis = new DiagnosisPage(await context.newPage());
  await diagnosis.open(scenario('sg-drop'));
  await diagnosis.expectVerdict('blocked');
  await diagnosis.openHop('securityGroup');
  await expect(diagnosis.fixes().first()).toBeVisible();
  await expect(diagnosis.hopDetails.getByRole('button', { name: /^Apply…/ })).toHaveCount(0);
  await context.close();
});

const applied = new Map<string, string>();

for (const id of ['netpol-deny', 'sg-drop', 'snat-missing', 'rds-whitelist']) {
  test(`${id}: preview → confirm → the re-run diagnosis is reachable`, async ({ page }) => {
    const item = scenario(id);
    const hop = item.expect.blockingHop ?? '';
    const diagnosis = new DiagnosisPage(page);
    await diagnosis.open(item);
    await diagnosis.expectVerdict('blocked');
    await diagnosis.openHop(hop);
    // A deliberate deny leads with a manual option (go through the proxy, ask the owner): apply the first fix that can be applied.
    await diagnosis.applicableFixes().first().getByRole('button', { name: /^Apply…/ }).click();

    const dialog = new ChangeDialog(page);
    await dialog.expectPreview();
    const answer = await dialog.confirm();
    expect(answer.status, JSON.stringify(answer.body)).toBe(201);
    applied.set(id, String(field(answer.body, 'auditId')));
    await dialog.expectRerunVerdict('reachable');
    await dialog.openRerun();
    await expect(page).toHaveURL(/\/d\/[A-Za-z0-9_-]+$/);
    await diagnosis.expectVerdict('reachable');
  });
}

for (const id of ['netpol-deny', 'sg-drop', 'snat-missing', 'rds-whitelist']) {
  test(`${id}: undo from the audit log → preview → confirm → blocked again`, async ({ page }) => {
    const auditId = applied.get(id);
    if (!auditId) throw new Error(`${id} was not applied`);
    const audit = new AuditPage(page);
    await audit.open();
    await audit.undo(auditId);
    const dialog = new ChangeDialog(page);
    await dialog.expectPreview();
    const answer = await dialog.confirm();
    expect(answer.status, JSON.stringify(answer.body)).toBe(201);
    await dialog.expectRerunVerdict('blocked');
    await dialog.close();
    await audit.expectUndone(auditId);
  });
}

test('the audit log lists the four applies and their undos', async ({ page, request, expectAccessible }) => {
  const log = await json(await request.get('/api/fixes/audit?limit=500'));
  const entries = Array.isArray(log.entries) ? log.entries : [];
  for (const auditId of applied.values()) {
    const entry: unknown = entries.find((item: unknown) => field(item, 'id') === auditId);
    expect({ operation: field(entry, 'operation'), status: field(entry, 'result', 'status'), effect: field(entry, 'effect', 'status') }).toStrictEqual({ operation: 'apply', status: 'ok', effect: 'confirmed' });
    expect(field(entry, 'request', 'kind')).toBeTruthy();
    expect(entries.some((entry: unknown) => field(entry, 'undoOf') === auditId && field(entry, 'operation') === 'undo' && field(entry, 'result', 'status') === 'ok')).toBe(true);
  }
  const audit = new AuditPage(page);
  await audit.open();
  for (const auditId of applied.values()) await audit.expectUndone(auditId);
  await expectAccessible();
});

test('on /d/<id>, Apply → Close switches the page to the re-run (changes, link back), and Undo → Close switches again', async ({ page, baseURL }) => {
  const api = new FixesApi(page.request, new URL(baseURL ?? '').origin);
  await api.init();
  const first = await api.diagnose(scenario('sg-drop'));
  const firstId = String(first.id);
  const saved = new SavedDiagnosisPage(page);
  await saved.openSaved(firstId);
  await saved.expectVerdict('blocked');
  await saved.openHop('securityGroup');
  await saved.applicableFixes().first().getByRole('button', { name: /^Apply…/ }).click();
  const dialog = new ChangeDialog(page);
  await dialog.expectPreview();
  const answer = await dialog.confirm();
  expect(answer.status, JSON.stringify(answer.body)).toBe(201);
  const rerunId = String(field(answer.body, 'rerun', 'id'));
  expect(field(answer.body, 'previousId')).toBe(firstId);
  await dialog.expectRerunVerdict('reachable');
  await dialog.closeDone();

  // One current truth: the banner, the address bar and the share link are the re-run's.
  await saved.expectVerdict('reachable');
  await expect(page).toHaveURL(new RegExp(`/d/${rerunId}$`));
  const applied = saved.switchResult('Result of the applied fix');
  await expect(applied.getByRole('heading')).toHaveText('Fix applied, re-run: reachable');
  const changes = applied.getByRole('list', { name: 'Changes since the previous diagnosis' });
  await expect(changes).toContainText('verdict: blocked at Security group → reachable');
  await expect(changes).toContainText(/security group sg-\S+ rule sgr-\S+ removed/);
  await expect(changes).not.toContainText('securityGroup');
  await expect(applied.getByRole('link', { name: 'Back to the previous diagnosis' })).toHaveAttribute('href', `/d/${firstId}`);

  await applied.getByRole('button', { name: 'Undo this change…' }).click();
  await dialog.expectPreview();
  const undone = await dialog.confirm();
  expect(undone.status, JSON.stringify(undone.body)).toBe(201);
  const undoId = String(field(undone.body, 'rerun', 'id'));
  await dialog.expectRerunVerdict('blocked');
  await dialog.closeDone();
  await saved.expectVerdict('blocked');
  await saved.expectBlockingHop('securityGroup');
  await expect(page).toHaveURL(new RegExp(`/d/${undoId}$`));
  const undo = saved.switchResult('Result of the undo');
  await expect(undo.getByRole('heading')).toHaveText('Change undone, re-run: blocked at Security group');
  await expect(undo.getByRole('list', { name: 'Changes since the previous diagnosis' })).toContainText('verdict: reachable → blocked at Security group');
  await expect(undo.getByRole('link', { name: 'Back to the previous diagnosis' })).toHaveAttribute('href', `/d/${rerunId}`);
  await page.reload();
  await saved.expectVerdict('blocked');
});

test('a cross-site POST is rejected 403 even with a valid token', async ({ page, baseURL }) => {
  const api = new FixesApi(page.request, new URL(baseURL ?? '').origin);
  await api.init();
  const diagnosis = await api.diagnose(scenario('sg-drop'));
  const fix = fixesOf(diagnosis, 'securityGroup')[0];
  for (const path of ['/api/fixes/preview', '/api/fixes/apply']) {
    const response = await api.post(path, { diagnosisId: diagnosis.id, fixId: fix?.id, confirmationToken: 'x' }, 'https://evil.example');
    expect(response.status()).toBe(403);
    expect(field(await json(response), 'error', 'code')).toBe('csrf_rejected');
  }
  const withoutToken = await page.request.post('/api/fixes/preview', { data: { diagnosisId: diagnosis.id, fixId: fix?.id }, headers: { origin: api.origin } });
  expect(withoutToken.status()).toBe(403);
});

test('a reused confirmation is refused, and a change that another apply made meanwhile is not made twice (409 stale_diagnosis)', async ({ page, baseURL }) => {
  const api = new FixesApi(page.request, new URL(baseURL ?? '').origin);
  await api.init();
  const first = await api.diagnose(scenario('snat-missing'));
  const second = await api.diagnose(scenario('snat-missing'));
  const fixOf = (diagnosis: Json) => fixesOf(diagnosis, 'natEip').find((item) => item.action === 'CreateSnatEntry');
  const fix = fixOf(first);
  if (!fix || !fixOf(second)) throw new Error('snat-missing offers no CreateSnatEntry');
  const fixId = String(fix.id);
  const vSwitchId = String(field(fix, 'parameters', 'SourceVSwitchId'));
  const entriesOfVSwitch = (rows: unknown) => (Array.isArray(rows) ? rows.filter((row: unknown) => Array.isArray(row) && row.includes(vSwitchId)).length : -1);

  const racing = await api.preview(String(second.id), fixId);
  const before = await api.preview(String(first.id), fixId);
  expect(entriesOfVSwitch(field(before, 'state', 'before'))).toBe(0);
  const applied = await api.post('/api/fixes/apply', { diagnosisId: first.id, fixId, confirmationToken: before.confirmationToken });
  expect(applied.status(), await applied.text()).toBe(201);
  const reused = await api.post('/api/fixes/apply', { diagnosisId: first.id, fixId, confirmationToken: before.confirmationToken });
  expect(reused.status()).toBe(409);
  expect(field(await json(reused), 'error', 'code')).toBe('confirmation_used');

  // The second diagnosis was previewed before the first apply: its apply re-checks and refuses.
  const raced = await api.post('/api/fixes/apply', { diagnosisId: second.id, fixId, confirmationToken: racing.confirmationToken });
  expect(raced.status()).toBe(409);
  const racedBody = await json(raced);
  expect(field(racedBody, 'error', 'code')).toBe('stale_diagnosis');
  const again = await api.post('/api/fixes/preview', { diagnosisId: second.id, fixId });
  expect(again.status()).toBe(409);
  expect(String(field(await json(again), 'error', 'message'))).toMatch(/already translates .*re-run it first/);

  const log = await json(await page.request.get('/api/fixes/audit?limit=500'));
  const entries = Array.isArray(log.entries) ? log.entries : [];
  const refused: unknown = entries.find((entry: unknown) => field(entry, 'id') === field(racedBody, 'error', 'auditId'));
  expect({ status: field(refused, 'result', 'status'), code: field(refused, 'result', 'code') }).toStrictEqual({ status: 'failed', code: 'stale_diagnosis' });

  const undo = await api.undo(String(field(await json(applied), 'auditId')));
  expect(undo.status(), await undo.text()).toBe(201);
  expect(field(await json(undo), 'rerun', 'verdict')).toBe('blocked');
  const after = await api.preview(String(first.id), fixId);
  expect(entriesOfVSwitch(field(after, 'state', 'before'))).toBe(0);
});

test('a fix from a stale diagnosis (its rule re-created under a new id) answers 409, changes nothing, and the dialog offers Re-run', async ({ page, baseURL }) => {
  const api = new FixesApi(page.request, new URL(baseURL ?? '').origin);
  await api.init();
  const item = scenario('sg-drop');
  const first = await api.diagnose(item);
  const stale = await api.diagnose(item);
  const revoke = fixesOf(first, 'securityGroup').find((fix) => fix.action === 'RevokeSecurityGroupEgress');
  if (!revoke) throw new Error('sg-drop offers no revoke of its drop rule');
  const confirmedEarly = await api.preview(String(stale.id), String(revoke.id));
  const revoked = await api.apply(String(first.id), String(revoke.id));
  expect(revoked.status(), await revoked.text()).toBe(201);
  // The undo authorizes the rule again: the same rule, under a new id.
  const restored = await api.undo(String(field(await json(revoked), 'auditId')));
  expect(restored.status(), await restored.text()).toBe(201);
  expect(field(await json(restored), 'rerun', 'verdict')).toBe('blocked');

  const applied = await api.post('/api/fixes/apply', { diagnosisId: stale.id, fixId: revoke.id, confirmationToken: confirmedEarly.confirmationToken });
  expect(applied.status()).toBe(409);
  expect(field(await json(applied), 'error', 'code')).toBe('stale_diagnosis');
  const refused = await api.post('/api/fixes/preview', { diagnosisId: stale.id, fixId: revoke.id });
  expect(refused.status()).toBe(409);
  const body = await json(refused);
  expect(field(body, 'error', 'code')).toBe('stale_diagnosis');
  expect(String(field(body, 'error', 'message'))).toMatch(/no longer in .*re-run it first/);
  // Nothing changed: the re-created rule still drops, under its new id.
  const fresh = await api.diagnose(item);
  const revokeNow = fixesOf(fresh, 'securityGroup').find((fix) => fix.action === 'RevokeSecurityGroupEgress');
  expect(fresh.verdict).toBe('blocked');
  expect(revokeNow?.id).toMatch(/^securityGroup-revoke-egress-sgr-/);
  expect(revokeNow?.id).not.toBe(revoke.id);

  const diagnosis = new DiagnosisPage(page);
  await page.goto(`/d/${String(stale.id)}`);
  await diagnosis.expectVerdict('blocked');
  await diagnosis.openHop('securityGroup');
  await diagnosis.fixes().filter({ hasText: 'Revoke' }).getByRole('button', { name: /^Apply…/ }).click();
  const dialog = new ChangeDialog(page);
  await dialog.expectStale(/re-run it first/);
  await dialog.rerun();
  await dialog.openRerun();
  await expect(page).toHaveURL(/\/d\/[A-Za-z0-9_-]+$/);
  await diagnosis.expectVerdict('blocked');
});
