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

  test('search by IP across namespaces finds the pod in one step', async ({ homePage, page, request }) => {
    const scenario = scenarios.find((item) => item.cluster === 'acs-prod');
    if (!scenario) throw new Error('the demo world has no acs-prod scenario');
    const listed = await request.get(`/api/clusters/${scenario.cluster}/namespaces/${scenario.namespace}/pods`);
    const body: unknown = await listed.json();
    const pods = typeof body === 'object' && body !== null && 'pods' in body && Array.isArray(body.pods) ? body.pods : [];
    const ip = pods.map((pod: unknown) => (typeof pod === 'object' && pod !== null && 'name' in pod && 'ip' in pod && pod.name === scenario.pod ? pod.ip : null)).find(Boolean);
    expect(typeof ip, `${scenario.pod} has an IP`).toBe('string');
    await homePage.open();
    await homePage.selectCluster(scenario.cluster);
    await homePage.searchPods(String(ip));
    await expect(page.getByRole('heading', { name: `Pods matching “${String(ip)}”` })).toBeVisible();
    const row = page.getByRole('row').filter({ has: page.getByRole('button', { name: scenario.pod, exact: true }) });
    await expect(row).toContainText(scenario.namespace);
    await expect(row).toContainText('IP');
    await homePage.selectPod(scenario.pod);
    await expect(page).toHaveURL(new RegExp(`namespace=${scenario.namespace}&pod=${scenario.pod}`));
    await expect(page.getByLabel(/^Destination from/)).toBeInViewport();
  });

  test('search by workload name lists its pods with their namespace; nothing found is said', async ({ homePage, page }) => {
    const scenario = scenarios.find((item) => /-[a-z0-9]{6,10}-[a-z0-9]{5}$/.test(item.pod));
    if (!scenario) throw new Error('the demo world has no Deployment pod scenario');
    const workload = scenario.pod.replace(/-[a-z0-9]{6,10}-[a-z0-9]{5}$/, '');
    await homePage.open();
    await homePage.selectCluster(scenario.cluster);
    await homePage.searchPods(workload);
    await expect(page.getByRole('row').filter({ has: page.getByRole('button', { name: scenario.pod, exact: true }) })).toContainText(scenario.namespace);
    await homePage.searchPods('no-such-pod-zzz');
    await expect(page.getByText('No pod matches “no-such-pod-zzz”.')).toBeVisible();
  });

  test('namespaces can be filtered', async ({ homePage, page }) => {
    const scenario = scenarios[0];
    if (!scenario) throw new Error('the demo world has no scenarios');
    await homePage.open();
    await homePage.selectCluster(scenario.cluster);
    await page.getByLabel('Filter namespaces').fill(scenario.namespace);
    await expect(homePage.namespaces.getByRole('button', { name: scenario.namespace, exact: true })).toBeVisible();
    await expect(homePage.namespaces.getByRole('button', { name: 'kube-system', exact: true })).toHaveCount(scenario.namespace === 'kube-system' ? 1 : 0);
    await page.getByLabel('Filter namespaces').fill('zzz-none');
    await expect(page.getByText('No namespace matches.')).toBeVisible();
  });

  test('deep links say when the cluster, namespace or pod does not exist', async ({ page }) => {
    const scenario = scenarios[0];
    if (!scenario) throw new Error('the demo world has no scenarios');
    await page.goto('/?cluster=no-such-cluster');
    await expect(page.getByRole('alert').filter({ hasText: '“no-such-cluster” is not a context' })).toBeVisible();
    await expect(page.getByLabel('Cluster')).toHaveValue('');

    await page.goto(`/?cluster=${scenario.cluster}&namespace=no-such-namespace`);
    await expect(page.getByRole('alert').filter({ hasText: 'Namespace “no-such-namespace” does not exist' })).toBeVisible();

    await page.goto(`/?cluster=${scenario.cluster}&namespace=${scenario.namespace}&pod=nope`);
    await expect(page.getByRole('alert').filter({ hasText: 'Pod “nope” was not found' })).toBeVisible();
    await expect(page.getByLabel(/^Destination from/)).toHaveCount(0);
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

    const noQuery = await request.get('/api/clusters/acs-prod/pods');
    expect(noQuery.status()).toBe(400);
    expect(await noQuery.json()).toMatchObject({ error: { code: 'invalid_input', issues: [{ path: 'q' }] } });
    const searchUnknownCluster = await request.get('/api/clusters/no-such-cluster/pods?q=web');
    expect(searchUnknownCluster.status()).toBe(404);

    const noPort = await request.post('/api/diagnoses', { data: { cluster: 'acs-prod', namespace: 'default', pod: 'x', destination: 'api.example.com' } });
    expect(noPort.status()).toBe(400);
    expect(await noPort.json()).toMatchObject({ error: { code: 'invalid_input', issues: [{ path: 'port' }] } });
  });
});
