import { WhatIfPanel } from './pages/what-if-panel';
import { expect, loadDemoScenarios, test } from './fixtures';

const scenario = loadDemoScenarios().find((item) => item.id === 'sg-drop');
if (!scenario) throw new Error('the demo world has no sg-drop scenario');
const body = { cluster: scenario.cluster, namespace: scenario.namespace, pod: scenario.pod, destination: scenario.destination, port: scenario.port, protocol: scenario.protocol };

test.describe('what if', () => {
  let id = '';

  test.beforeEach(async ({ request }) => {
    const created = await request.post('/api/diagnoses', { data: body });
    expect(created.status()).toBe(201);
    const diagnosis: unknown = await created.json();
    id = typeof diagnosis === 'object' && diagnosis !== null && 'id' in diagnosis && typeof diagnosis.id === 'string' ? diagnosis.id : '';
  });

  test('removing the blocking rule shows reachable at once, with the change and the fix that makes it', async ({ page, expectAccessible }) => {
    await page.goto(`/d/${id}`);
    const panel = new WhatIfPanel(page);
    await panel.chooseEdit('Remove a security-group rule');
    // The fields start from the diagnosis: the source's security group and the rule that blocked.
    await expect(panel.region.getByLabel('Rule id')).toHaveValue(/^sgr-/);
    await panel.addEdit();
    await panel.expectHypotheticalVerdict('reachable');
    await expect(panel.result.getByRole('list', { name: 'Changes against the diagnosis' })).toContainText('verdict: blocked at Security group → reachable');
    await expect(panel.result.getByRole('link', { name: /revoke|Remove/i }).first()).toHaveAttribute('href', new RegExp(`^/d/${id}#fix-`));
    // The page's own diagnosis is untouched.
    await expect(page.getByRole('heading', { level: 2 }).first()).toBeVisible();
    await expectAccessible();
  });

  test('an accept rule below the drop changes nothing; a bad CIDR is refused in the form', async ({ page }) => {
    await page.goto(`/d/${id}`);
    const panel = new WhatIfPanel(page);
    await panel.fill('Priority (1–100, smaller wins)', '100');
    await panel.fill('CIDR block', 'everywhere');
    await panel.addEdit();
    await expect(panel.region.getByRole('alert')).toContainText('cidr');
    await panel.fill('CIDR block', '0.0.0.0/0');
    await panel.addEdit();
    await panel.expectHypotheticalVerdict('blocked');
  });

  test('a saved what-if has its own link, marked hypothetical', async ({ page, expectAccessible }) => {
    await page.goto(`/d/${id}`);
    const panel = new WhatIfPanel(page);
    await panel.chooseEdit('Remove a security-group rule');
    await panel.addEdit();
    await panel.expectHypotheticalVerdict('reachable');
    const link = await panel.save();
    expect(link).not.toBe(`/d/${id}`);
    await page.goto(link);
    const banner = page.getByRole('status', { name: 'Hypothetical — nothing was changed' });
    await expect(banner).toBeVisible();
    await expect(banner.getByRole('link', { name: `diagnosis ${id}` })).toBeVisible();
    await expectAccessible();
  });
});
