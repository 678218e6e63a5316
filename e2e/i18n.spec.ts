import type { Locator, Page } from '@playwright/test';

import { DiagnosisPage } from './pages/diagnosis-page';
import { expect, loadDemoScenarios, test } from './fixtures';

const scenario = loadDemoScenarios().find((item) => item.id === 'sg-drop');
if (!scenario) throw new Error('the demo world has no sg-drop scenario');
const body = { cluster: scenario.cluster, namespace: scenario.namespace, pod: scenario.pod, destination: scenario.destination, port: scenario.port, protocol: scenario.protocol };

/**
 * Runs of four or more English words in the text of `container`, leaving out what is shown as
 * it is (`[data-verbatim]`: ids, commands, YAML, API parameters, values read from the cloud) and
 * what a sentence quotes of the operator's own words (a rule's description in “…” or 「…」).
 * Text nodes are joined with a space, so a sentence split over several elements still counts.
 */
async function englishRuns(container: Locator): Promise<string[]> {
  return container.evaluate((root) => {
    const parts: string[] = [];
    const walker = document.createTreeWalker(root, NodeFilter.SHOW_TEXT);
    for (let node = walker.nextNode(); node; node = walker.nextNode()) {
      if (node.parentElement?.closest('[data-verbatim]')) continue;
      parts.push(node.textContent ?? '');
    }
    const text = parts.join(' ').replace(/“[^”]*”|「[^」]*」/g, ' ');
    return text.match(/[A-Za-z][A-Za-z'’-]*(?:[\s,;:()]+[A-Za-z][A-Za-z'’-]*){3,}/g) ?? [];
  });
}

/** Picks a language in the header's switcher and waits for the page to render in it. */
async function switchTo(page: Page, locale: 'en' | 'ja' | 'zh'): Promise<void> {
  await page.getByRole('combobox').filter({ has: page.locator(`option[value="${locale}"]`) }).selectOption(locale);
  await expect(page.locator('html')).toHaveAttribute('lang', locale === 'zh' ? /^zh/ : locale);
}

// NOTE: the Cloud Firewall gate's sentences are being converted to messages by its own change
// (issue 13); until it lands, its hop is left out here as in lib/i18n/scenario-messages.test.ts.
const NOT_CONVERTED_YET = new Set(['cloudFirewall']);

/** Every hop of the graph, each opened in turn: what its details (and fix cards) say in English. */
async function englishInHops(diagnosis: DiagnosisPage): Promise<string[]> {
  const kinds = await diagnosis.page.locator('[data-testid^="hop-"][data-verdict]').evaluateAll((nodes) => nodes.map((node) => (node.getAttribute('data-testid') ?? '').slice(4)));
  expect(kinds.length).toBeGreaterThan(5);
  const found: string[] = [];
  for (const kind of kinds.filter((item) => !NOT_CONVERTED_YET.has(item))) {
    await diagnosis.openHop(kind);
    for (const run of await englishRuns(diagnosis.hopDetails)) found.push(`${kind}: ${run}`);
  }
  return found;
}

test.describe('the sg-drop diagnosis in Japanese and in Chinese', () => {
  let id = '';

  test.beforeAll(async ({ request }) => {
    const created = await request.post('/api/diagnoses', { data: body });
    expect(created.status()).toBe(201);
    const diagnosis: unknown = await created.json();
    id = typeof diagnosis === 'object' && diagnosis !== null && 'id' in diagnosis && typeof diagnosis.id === 'string' ? diagnosis.id : '';
    expect(id).toMatch(/^[A-Za-z0-9_-]{22}$/);
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
