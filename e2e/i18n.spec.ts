import type { APIRequestContext, Page } from '@playwright/test';

import ja from '../messages/ja.json';
import zh from '../messages/zh.json';

import { DiagnosisPage } from './pages/diagnosis-page';
import { expect, loadDemoScenarios, test } from './fixtures';
import { englishLabels, englishRuns, switchTo } from './i18n-tools';

const scenario = loadDemoScenarios().find((item) => item.id === 'sg-drop');
if (!scenario) throw new Error('the demo world has no sg-drop scenario');
const body = { cluster: scenario.cluster, namespace: scenario.namespace, pod: scenario.pod, destination: scenario.destination, port: scenario.port, protocol: scenario.protocol };

/** Saves the sg-drop diagnosis; its id. */
async function saveDiagnosis(request: APIRequestContext): Promise<string> {
  const created = await request.post('/api/diagnoses', { data: body });
  expect(created.status()).toBe(201);
  const diagnosis: unknown = await created.json();
  const id = typeof diagnosis === 'object' && diagnosis !== null && 'id' in diagnosis && typeof diagnosis.id === 'string' ? diagnosis.id : '';
  expect(id).toMatch(/^[A-Za-z0-9_-]{22}$/);
  return id;
}

/** Every hop of the graph, each opened in turn: what its details (and fix cards) say in English. */
async function englishInHops(diagnosis: DiagnosisPage): Promise<string[]> {
  const kinds = await diagnosis.page.locator('[data-testid^="hop-"][data-verdict]').evaluateAll((nodes) => nodes.map((node) => (node.getAttribute('data-testid') ?? '').slice(4)));
  expect(kinds.length).toBeGreaterThan(5);
  const found: string[] = [];
  for (const kind of kinds) {
    await diagnosis.openHop(kind);
    for (const run of await englishRuns(diagnosis.hopDetails)) found.push(`${kind}: ${run}`);
  }
  return found;
}

test.describe('the sg-drop diagnosis in Japanese and in Chinese', () => {
  let id = '';

  test.beforeAll(async ({ request }) => {
    id = await saveDiagnosis(request);
  });

  test('the English page has English sentences (the check can fail)', async ({ page }) => {
    const diagnosis = new DiagnosisPage(page);
    await page.goto(`/d/${id}`);
    await diagnosis.expectVerdict('blocked');
    expect(await englishRuns(diagnosis.verdict)).not.toStrictEqual([]);
    await diagnosis.openHop('securityGroup');
    expect(await englishRuns(diagnosis.hopDetails)).not.toStrictEqual([]);
  });

  for (const [locale, blockedAt] of [
    ['ja', 'セキュリティグループ でブロック'],
    ['zh', '在安全组处被阻断'],
  ] as const) {
    test(`${locale}: no English sentence in the banner, the hop details or the fix cards; English again on the same page`, async ({ page }) => {
      const diagnosis = new DiagnosisPage(page);
      await page.goto(`/d/${id}`);
      await diagnosis.expectVerdict('blocked');
      await switchTo(page, locale);
      await expect(page).toHaveURL(new RegExp(`/d/${id}$`));
      await expect(diagnosis.verdict).toContainText(blockedAt);

      expect(await englishRuns(diagnosis.verdict), 'the banner').toStrictEqual([]);
      await diagnosis.openHop('securityGroup');
      await expect(diagnosis.fixes().first()).toBeVisible();
      expect(await englishInHops(diagnosis), 'the hop details and fix cards').toStrictEqual([]);

      // A reload keeps the language (the cookie), and English comes back on the same diagnosis.
      await page.reload();
      await expect(diagnosis.verdict).toContainText(blockedAt);
      await switchTo(page, 'en');
      await expect(page).toHaveURL(new RegExp(`/d/${id}$`));
      await diagnosis.expectVerdict('blocked');
      await expect(diagnosis.verdict).toContainText('Blocked at Security group');
      await diagnosis.expectBlockingHop('securityGroup');
    });
  }
});

const CATALOGS = { ja, zh } as const;

/** Nothing in English on the page (the header included), neither in its text nor in its controls' labels. */
async function expectNoEnglish(page: Page, where: string): Promise<void> {
  expect(await englishRuns(page.locator('body')), `${where}: text`).toStrictEqual([]);
  expect(await englishLabels(page.locator('body')), `${where}: labels`).toStrictEqual([]);
}

test.describe('the other pages in Japanese and in Chinese', () => {
  let id = '';

  test.beforeAll(async ({ request }) => {
    id = await saveDiagnosis(request);
  });

  test('the English pages have English sentences (the check can fail)', async ({ page }) => {
    await page.goto(`/?cluster=${scenario.cluster}&namespace=${scenario.namespace}&pod=${scenario.pod}`);
    await expect(page.getByRole('form', { name: 'Destination' })).toBeVisible();
    expect(await englishRuns(page.locator('body'))).not.toStrictEqual([]);
    expect(await englishLabels(page.locator('body'))).not.toStrictEqual([]);
  });

  for (const locale of ['ja', 'zh'] as const) {
    const m = CATALOGS[locale];

    test(`${locale}: the home page with a pod chosen, its form's check and the search; English again on the same page`, async ({ page }) => {
      const url = `/?cluster=${scenario.cluster}&namespace=${scenario.namespace}&pod=${scenario.pod}`;
      await page.goto(url);
      await expect(page.getByRole('form', { name: 'Destination' })).toBeVisible();
      await switchTo(page, locale);
      await expect(page).toHaveURL(url);
      await expect(page.getByRole('form', { name: m.diagnoseForm.label })).toBeVisible();
      await expect(page.getByRole('button', { name: scenario.pod, exact: true })).toHaveAttribute('aria-pressed', 'true');
      await expectNoEnglish(page, 'home, pod chosen');

      // The form's check speaks the language too (the typed range is quoted, the example address is verbatim).
      const destination = page.getByRole('textbox', { name: new RegExp(scenario.pod) });
      await destination.fill('203.0.113.0/24');
      await expect(page.getByText('203.0.113.1')).toBeVisible();
      await page.getByRole('textbox', { name: m.diagnoseForm.port }).fill('0');
      await expect(page.getByText(m.diagnoseForm.portRange)).toBeVisible();
      await expectNoEnglish(page, 'home, form errors');

      // The cluster-wide search and its results.
      await page.getByRole('searchbox', { name: m.podBrowser.searchLabel }).fill(scenario.pod);
      await expect(page.getByRole('heading', { name: m.podBrowser.podsMatching.replace('{query}', scenario.pod) })).toBeVisible();
      await expectNoEnglish(page, 'home, search');

      await switchTo(page, 'en');
      await expect(page).toHaveURL(url);
      await expect(page.getByRole('heading', { name: `Pods matching “${scenario.pod}”` })).toBeVisible();
    });

    test(`${locale}: the saved diagnoses list names the blocking hop in words; English again on the same page`, async ({ page }) => {
      await page.goto('/diagnoses');
      await expect(page.getByRole('heading', { name: 'Saved diagnoses', level: 1 })).toBeVisible();
      await switchTo(page, locale);
      await expect(page).toHaveURL(/\/diagnoses$/);
      await expect(page.getByRole('heading', { name: m.savedList.title, level: 1 })).toBeVisible();
      const row = page.getByRole('row').filter({ has: page.locator(`a[href="/d/${id}"]`) });
      await expect(row).toContainText(m.hops.securityGroup);
      await expect(row).not.toContainText('securityGroup');
      await expectNoEnglish(page, '/diagnoses');
      await switchTo(page, 'en');
      await expect(page.getByRole('row').filter({ has: page.locator(`a[href="/d/${id}"]`) })).toContainText('Security group');
    });

    test(`${locale}: the namespace audit with a finished audit; English again on the same page`, async ({ page }) => {
      const url = `/namespaces?cluster=${scenario.cluster}`;
      await page.goto(url);
      await expect(page.getByRole('heading', { name: 'Namespace audit', level: 1 })).toBeVisible();
      await switchTo(page, locale);
      await expect(page).toHaveURL(url);
      await page.getByLabel(m.namespaceAudit.scope).selectOption(scenario.namespace);
      await page.getByLabel(m.namespaceAudit.destinations).fill(`${scenario.destination}:${scenario.port}`);
      await page.getByRole('button', { name: m.namespaceAudit.run }).click();
      const result = page.getByRole('region', { name: m.namespaceAudit.resultLabel });
      await expect(result.getByRole('region')).not.toHaveCount(0, { timeout: 45_000 });
      await expect(result).toContainText(m.hops.securityGroup);
      await expectNoEnglish(page, '/namespaces with a result');
      await switchTo(page, 'en');
      await expect(page).toHaveURL(url);
      await expect(page.getByRole('heading', { name: 'Namespace audit', level: 1 })).toBeVisible();
    });

    test(`${locale}: the watches page with a watch of the diagnosis; English again on the same page`, async ({ page, request }) => {
      const created = await request.post('/api/watches', { data: { diagnosisId: id, intervalMinutes: 60 } });
      expect(created.status()).toBe(201);
      await page.goto('/watches');
      await expect(page.getByRole('heading', { name: 'Watches', level: 1 })).toBeVisible();
      await switchTo(page, locale);
      await expect(page).toHaveURL(/\/watches$/);
      const card = page.getByRole('region', { name: m.watchesPage.cardLabel.replace('{name}', `${scenario.namespace}/${scenario.pod} → ${scenario.destination}:${scenario.port}`) }).first();
      await expect(card).toContainText(m.hops.securityGroup);
      await expectNoEnglish(page, '/watches');
      await switchTo(page, 'en');
      await expect(page.getByRole('heading', { name: 'Watches', level: 1 })).toBeVisible();
    });

    test(`${locale}: the what-if panel with a result; English again on the same page`, async ({ page }) => {
      await page.goto(`/d/${id}`);
      await expect(page.getByRole('region', { name: 'What if…' })).toBeVisible();
      await switchTo(page, locale);
      await expect(page).toHaveURL(new RegExp(`/d/${id}$`));
      const panel = page.getByRole('region', { name: m.whatIf.title });
      await panel.getByLabel(m.whatIf.kind).selectOption({ label: m.whatIf.kinds.removeSecurityGroupRule });
      await panel.getByRole('button', { name: m.whatIf.add }).click();
      await expect(panel.getByRole('region', { name: m.whatIf.result })).toBeVisible({ timeout: 20_000 });
      expect(await englishRuns(panel), 'what-if panel: text').toStrictEqual([]);
      expect(await englishLabels(panel), 'what-if panel: labels').toStrictEqual([]);
      await switchTo(page, 'en');
      await expect(page.getByRole('region', { name: 'What if…' })).toBeVisible();
    });

    test(`${locale}: the audit log; English again on the same page`, async ({ page }) => {
      await page.goto('/audit');
      await expect(page.getByRole('heading', { name: 'Audit log', level: 1 })).toBeVisible();
      await switchTo(page, locale);
      await expect(page).toHaveURL(/\/audit$/);
      await expect(page.getByRole('heading', { name: m.auditLog.title, level: 1 })).toBeVisible();
      await expect(page.getByText(m.auditLog.empty)).toBeVisible();
      await expectNoEnglish(page, '/audit');
      await switchTo(page, 'en');
      await expect(page.getByRole('heading', { name: 'Audit log', level: 1 })).toBeVisible();
    });

    test(`${locale}: a page that does not exist; English again on the same page`, async ({ page }) => {
      await page.goto('/no-such-page');
      await expect(page.getByRole('heading', { name: 'Page not found' })).toBeVisible();
      await switchTo(page, locale);
      await expect(page).toHaveURL(/\/no-such-page$/);
      await expect(page.getByRole('heading', { name: m.errors.notFoundTitle })).toBeVisible();
      await expectNoEnglish(page, 'not found');
      await switchTo(page, 'en');
      await expect(page.getByRole('heading', { name: 'Page not found' })).toBeVisible();
    });
  }
});
