import { expect, loadDemoScenarios, test } from './fixtures';

const scenario = loadDemoScenarios().find((item) => item.id === 'nacl-deny');
if (!scenario) throw new Error('the demo world has no nacl-deny scenario');
const body = { cluster: scenario.cluster, namespace: scenario.namespace, pod: scenario.pod, destination: scenario.destination, port: scenario.port, protocol: scenario.protocol };

test('watch a saved diagnosis, see it on the watches page, run it now', async ({ page, request, expectAccessible }) => {
  const created = await request.post('/api/diagnoses', { data: body });
  expect(created.status()).toBe(201);
  const diagnosis: unknown = await created.json();
  const id = typeof diagnosis === 'object' && diagnosis !== null && 'id' in diagnosis && typeof diagnosis.id === 'string' ? diagnosis.id : '';

  await page.goto(`/d/${id}`);
  const form = page.getByRole('region', { name: 'Watch this diagnosis' });
  await form.getByLabel('Every (minutes)').fill('1');
  await form.getByLabel('Webhook URL (optional, http or https)').fill('ftp://example.com/hook');
  await form.getByRole('button', { name: 'Start watching' }).click();
  await expect(form.getByRole('alert')).toContainText('must be an http:// or https:// URL');
  await form.getByLabel('Webhook URL (optional, http or https)').fill('');
  await form.getByRole('button', { name: 'Start watching' }).click();
  await expect(form.getByRole('status')).toContainText('Watching');
  await form.getByRole('link', { name: 'the watches page' }).click();

  await expect(page).toHaveURL(/\/watches$/);
  const card = page.getByRole('region', { name: `Watch ${scenario.namespace}/${scenario.pod} → ${scenario.destination}:${scenario.port}` }).first();
  await expect(card).toContainText('blocked at Network ACL');
  await expect(card).toContainText('every 1 min');
  await expect(card.getByRole('list', { name: /^History of/ })).toContainText('Watching from blocked at networkAcl');
  await card.getByRole('button', { name: 'Run now' }).click();
  await expect(card).not.toContainText('last run not yet', { timeout: 30_000 });
  await expectAccessible();

  const metrics = await request.get('/api/metrics');
  expect(metrics.headers()['content-type']).toContain('text/plain');
  expect(await metrics.text()).toMatch(/^egress_doctor_watch_verdict\{watch="[^"]+",cluster="acs-prod",namespace="payments",.*verdict="blocked"\} 1$/m);
});
