import { expect, loadDemoScenarios, test } from './fixtures';

const scenarios = loadDemoScenarios();

test.describe('browse cluster → namespace → pod', () => {
  for (const cluster of ['acs-prod', 'ack-flannel']) {
    test(`lists the pods of ${cluster} with their network facts`, async ({ homePage, page }) => {
      const scenario = scenarios.find((item) => item.cluster === cluster);
      expect(scenario, `the demo world has a scenario in ${cluster}`).toBeDefined();
      if (!scenario) return;
      await homePage.open();
      await homePage.selectCluster(cluster);
      await homePage.selectNamespace(scenario.namespace);
      await expect(homePage.podButton(scenario.pod)).toBeVisible();
      const row = page.getByRole('row').filter({ has: page.getByRole('button', { name: scenario.pod, exact: true }) });
      await expect(row).toContainText(/Running/);
      if (cluster === 'acs-prod') await expect(row).toContainText(/vsw-/);
    });
  }

  test('search narrows the pod list and says when nothing matches', async ({ homePage }) => {
    const scenario = scenarios[0];
    if (!scenario) throw new Error('the demo world has no scenarios');
    await homePage.open();
    await homePage.selectCluster(scenario.cluster);
    await homePage.selectNamespace(scenario.namespace);
    await homePage.searchPods(scenario.pod.slice(0, 6));
    await expect(homePage.podButton(scenario.pod)).toBeVisible();
    await homePage.searchPods('no-such-pod-zzz');
    await expect(homePage.page.getByText('No pod matches “no-such-pod-zzz”.')).toBeVisible();
  });

  test('the destination form checks input as typed and fills the port from a URL', async ({ homePage, page }) => {
    const scenario = scenarios[0];
    if (!scenario) throw new Error('the demo world has no scenarios');
    await page.goto(`/?cluster=${scenario.cluster}&namespace=${scenario.namespace}&pod=${scenario.pod}`);
    const destination = page.getByLabel(/^Destination from/);
    await destination.fill('exa$mple.com');
    await expect(page.getByText('“exa$mple.com” is neither an IP address nor a valid host name')).toBeVisible();
    await destination.fill('https://api.example.com/v1');
    await expect(page.getByLabel('Port', { exact: true })).toHaveValue('443');
    await homePage.page.getByLabel('Port', { exact: true }).fill('99999');
    await expect(page.getByText('Port must be 1–65535')).toBeVisible();
  });

  test('the home screen has no serious accessibility violations', async ({ homePage, expectAccessible }) => {
    const scenario = scenarios[0];
    if (!scenario) throw new Error('the demo world has no scenarios');
    await homePage.open();
    await homePage.selectCluster(scenario.cluster);
    await homePage.selectNamespace(scenario.namespace);
    await expect(homePage.podButton(scenario.pod)).toBeVisible();
    await expectAccessible();
  });
});

test.describe('API errors', () => {
  test('bad input gets a 4xx JSON error, never a stack trace', async ({ request }) => {
    const unknownCluster = await request.get('/api/clusters/no-such-cluster/namespaces');
    expect(unknownCluster.status()).toBe(404);
    expect(await unknownCluster.json()).toMatchObject({ error: { code: 'cluster_not_found' } });

    const badNamespace = await request.get('/api/clusters/acs-prod/namespaces/Bad_Name/pods');
    expect(badNamespace.status()).toBe(400);
    expect(await badNamespace.json()).toMatchObject({ error: { code: 'invalid_input' } });

    const notJson = await request.post('/api/diagnoses', { data: 'not json', headers: { 'content-type': 'application/json' } });
    expect(notJson.status()).toBe(400);
    const body: unknown = await notJson.json();
    expect(JSON.stringify(body)).not.toMatch(/at .*\.js:\d+/);

    const noPort = await request.post('/api/diagnoses', { data: { cluster: 'acs-prod', namespace: 'default', pod: 'x', destination: 'api.example.com' } });
    expect(noPort.status()).toBe(400);
    expect(await noPort.json()).toMatchObject({ error: { code: 'invalid_input', issues: [{ path: 'port' }] } });
  });
});
