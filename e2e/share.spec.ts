import { parse } from 'yaml';

import { SavedDiagnosisPage } from './pages/saved-diagnosis-page';
import { expect, loadDemoScenarios, test } from './fixtures';

const scenario = loadDemoScenarios().find((item) => item.id === 'sg-drop');
if (!scenario) throw new Error('the demo world has no sg-drop scenario');
const body = { cluster: scenario.cluster, namespace: scenario.namespace, pod: scenario.pod, destination: scenario.destination, port: scenario.port, protocol: scenario.protocol };

test.describe('shareable diagnosis links', () => {
  let id = '';

  test.beforeEach(async ({ request }) => {
    const created = await request.post('/api/diagnoses', { data: body });
    expect(created.status()).toBe(201);
    const diagnosis: unknown = await created.json();
    expect(diagnosis).toMatchObject({ verdict: 'blocked', blockingHop: 'securityGroup' });
    id = typeof diagnosis === 'object' && diagnosis !== null && 'id' in diagnosis && typeof diagnosis.id === 'string' ? diagnosis.id : '';
    expect(id).toMatch(/^[A-Za-z0-9_-]{22}$/);
  });

  test('the link shows the same verdict, where and when it was taken', async ({ page, expectAccessible }) => {
    const saved = new SavedDiagnosisPage(page);
    await saved.openSaved(id);
    await saved.expectVerdict('blocked');
    await saved.expectBlockingHop('securityGroup');
    await expect(saved.origin).toContainText(scenario.cluster);
    await expect(saved.origin).toContainText('cn-hangzhou');
    await expectAccessible();
  });

  test('"Download world" downloads the facts as a YAML world file', async ({ page }) => {
    const saved = new SavedDiagnosisPage(page);
    await saved.openSaved(id);
    const { fileName, text } = await saved.downloadWorld();
    expect(fileName).toBe(`diagnosis-${id}.yaml`);
    const world: unknown = parse(text);
    expect(world).toMatchObject({
      version: 1,
      name: `diagnosis-${id}`,
      clusters: [{ name: scenario.cluster }],
      scenarios: [{ id: 'saved-diagnosis', namespace: scenario.namespace, pod: scenario.pod, expect: { verdict: 'blocked', blockingHop: 'securityGroup' } }],
    });
    expect(text).not.toMatch(/AccessKey|token:/);
  });

  test('"Re-run" switches the page to the new diagnosis, lists no changes and links back', async ({ page }) => {
    const saved = new SavedDiagnosisPage(page);
    await saved.openSaved(id);
    await saved.rerun();
    await expect(saved.rerunResult).toContainText('No changes');
    await expect(saved.rerunResult).toContainText('blocked at Security group');
    await expect(page).toHaveURL(/\/d\/[A-Za-z0-9_-]{22}$/);
    const newId = new URL(page.url()).pathname.split('/').at(-1) ?? '';
    expect(newId).not.toBe(id);
    await expect(page.getByRole('button', { name: 'Re-run' })).toHaveCount(0);
    await saved.expectVerdict('blocked');
    await page.reload();
    await saved.expectVerdict('blocked');
    await expect(page).toHaveURL(new RegExp(`/d/${newId}$`));
    await page.goBack();
    await saved.openSaved(newId);
    await saved.rerun();
    const back = saved.rerunResult.getByRole('link', { name: 'Back to the previous diagnosis' });
    await expect(back).toHaveAttribute('href', `/d/${newId}`);
    await back.click();
    await expect(page).toHaveURL(new RegExp(`/d/${newId}$`));
    await saved.expectVerdict('blocked');
  });

  test('the saved-diagnoses list shows it, newest first, filtered by cluster and namespace', async ({ page, expectAccessible }) => {
    await page.goto('/');
    await page.getByRole('navigation', { name: 'Main' }).getByRole('link', { name: 'Saved diagnoses' }).click();
    await expect(page).toHaveURL(/\/diagnoses$/);
    await page.getByLabel('Cluster').fill(scenario.cluster);
    await page.getByLabel('Namespace').fill(scenario.namespace);
    await page.getByRole('button', { name: 'Filter' }).click();
    await expect(page).toHaveURL(new RegExp(`cluster=${scenario.cluster}&namespace=${scenario.namespace}`));
    const firstRow = page.getByRole('row').nth(1);
    await expect(firstRow.getByRole('link')).toHaveAttribute('href', `/d/${id}`);
    await expect(firstRow).toContainText('blocked');
    await expect(firstRow).toContainText('Security group');
    await expectAccessible();

    await page.goto(`/diagnoses?cluster=${scenario.cluster}&namespace=no-such-namespace`);
    await expect(page.getByText('No saved diagnoses match.')).toBeVisible();
  });

  test('an unknown id shows the 404 page, and the API answers 404 diagnosis_not_found', async ({ page, request }) => {
    const response = await page.goto('/d/AAAAAAAAAAAAAAAAAAAAAA');
    expect(response?.status()).toBe(404);
    await expect(page.getByRole('heading', { name: 'No saved diagnosis at this link' })).toBeVisible();
    const api = await request.get('/api/diagnoses/AAAAAAAAAAAAAAAAAAAAAA');
    expect([api.status(), await api.json()]).toStrictEqual([404, { error: { code: 'diagnosis_not_found', message: 'No saved diagnosis has the id “AAAAAAAAAAAAAAAAAAAAAA”. It may have expired.' } }]);
  });
});
