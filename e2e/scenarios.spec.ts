import { DiagnosisPage } from './pages/diagnosis-page';
import { expect, loadDemoScenarios, test } from './fixtures';

const scenarios = loadDemoScenarios();

test.describe('every demo scenario, from the home page to the verdict', () => {
  test.beforeEach(async ({ context }) => {
    await context.grantPermissions(['clipboard-read', 'clipboard-write']);
  });

  test('the demo world holds every scenario of the brief', () => {
    expect(scenarios.map((scenario) => scenario.id).sort()).toStrictEqual(
      [
        'cfw-disabled-ok', 'cfw-internet-deny', 'cfw-nat-deny', 'cfw-vpc-deny', 'cname-dead-end', 'coredns-stub-forward', 'dns-nxdomain', 'dns-one-address-blocked', 'dns-policy-denied', 'ecs-sg-inbound', 'flannel-internet-ok', 'flannel-rds-nodeip', 'internet-ok', 'ipv6-no-address', 'lb-cluster-ok', 'lb-hairpin',
        'loopback-destination', 'metadata-destination', 'mongodb-ok', 'nacl-deny', 'nas-access-group-deny', 'nas-ok', 'netpol-deny', 'no-nat-route', 'nodelocal-dns-ok', 'oss-internal-ok', 'oss-policy-deny', 'oss-public-sourceip', 'pod-eip-ok', 'polardb-whitelist', 'pvtz-not-bound', 'pvtz-ok', 'pvtz-record-disabled', 'pvtz-zone-nxdomain',
        'rds-by-address-blocked', 'rds-forbidden', 'rds-trusted-sg-ok', 'rds-whitelist', 'redis-ok', 'services-forbidden-hairpin', 'sg-drop', 'sg-prefix-list-drop', 'slb-acl', 'slb-listener-read-fails', 'snat-eip-detached', 'snat-missing',
      ].sort(),
    );
  });

  for (const scenario of scenarios) {
    test(`${scenario.id}: ${scenario.expect.verdict}${scenario.expect.blockingHop ? ` at ${scenario.expect.blockingHop}` : ''}`, async ({ homePage, page, context }, testInfo) => {
      await homePage.open();
      await homePage.selectCluster(scenario.cluster);
      await homePage.selectNamespace(scenario.namespace);
      await homePage.selectPod(scenario.pod);
      await homePage.askFor(scenario.destination, scenario.port);

      const diagnosis = new DiagnosisPage(page);
      await diagnosis.expectVerdict(scenario.expect.verdict);
      if (scenario.expect.blockingHop) {
        await diagnosis.expectBlockingHop(scenario.expect.blockingHop);
        await diagnosis.openHop(scenario.expect.blockingHop);
        await expect(diagnosis.fixes().first()).toBeVisible();
        if ((await diagnosis.fixCommandCopyButtons().count()) > 0) {
          expect(await diagnosis.copyFirstFixCommand()).toMatch(/^(aliyun|kubectl) /m);
        }
      } else {
        await expect(page.locator('[data-testid^="hop-"][data-verdict="block"]')).toHaveCount(0);
      }
      if (scenario.expect.verdict === 'unknown') await expect(page.locator('[data-testid^="hop-"][data-verdict="unknown"]').first()).toBeVisible();

      const { graph, table } = await diagnosis.graphAndTable();
      expect(graph.length).toBeGreaterThan(0);
      for (const node of graph) expect(table, 'every graph node has its row in the hop table').toContain(node);
      for (const row of table.filter((item) => !graph.includes(item))) expect(row, 'only skipped hops are left out of the graph').toMatch(/:skip$/);
      expect(await diagnosis.overflowingNodes()).toStrictEqual([]);

      if (scenario.id === 'sg-drop' || scenario.id === 'internet-ok') {
        await page.screenshot({ path: testInfo.outputPath(`${scenario.id}.png`), fullPage: true });
      }

      const link = await diagnosis.copyShareLink();
      expect(link).toMatch(/\/d\/[A-Za-z0-9_-]{22}$/);
      const shared = new DiagnosisPage(await context.newPage());
      await shared.page.goto(link);
      await shared.expectVerdict(scenario.expect.verdict);
      if (scenario.expect.blockingHop) await shared.expectBlockingHop(scenario.expect.blockingHop);
    });
  }
});

test('the diagnosis page and the shared page have no serious accessibility violations', async ({ page, expectAccessible }) => {
  const scenario = scenarios.find((item) => item.id === 'sg-drop');
  if (!scenario) throw new Error('the demo world has no sg-drop scenario');
  const diagnosis = new DiagnosisPage(page);
  await diagnosis.open(scenario);
  await diagnosis.expectVerdict('blocked');
  await expectAccessible();
  const id = await page.getByRole('link', { name: /^\/d\// }).getAttribute('href');
  expect(id).toBeTruthy();
  await page.goto(id ?? '/');
  await diagnosis.expectVerdict('blocked');
  await expectAccessible();
});

for (const [name, viewport, colorScheme] of [
  ['laptop, light', { width: 1440, height: 900 }, 'light'],
  ['laptop, dark', { width: 1440, height: 900 }, 'dark'],
  ['phone, light', { width: 390, height: 844 }, 'light'],
  ['phone, dark', { width: 390, height: 844 }, 'dark'],
] as const) {
  test(`graph nodes show their whole labels at scale 1 (${name})`, async ({ page }) => {
    await page.setViewportSize(viewport);
    await page.emulateMedia({ colorScheme });
    const diagnosis = new DiagnosisPage(page);
    for (const id of ['sg-drop', 'rds-forbidden', 'internet-ok']) {
      const scenario = scenarios.find((item) => item.id === id);
      if (!scenario) throw new Error(`the demo world has no ${id} scenario`);
      await diagnosis.open(scenario);
      await diagnosis.expectVerdict(scenario.expect.verdict);
      await expect(page.getByTestId('node-destination')).toBeVisible();
      expect(await diagnosis.overflowingNodes(), id).toStrictEqual([]);
      const scale = await page.locator('.react-flow__viewport').evaluate((element) => getComputedStyle(element).transform);
      expect(scale, 'the graph is drawn at scale 1').toMatch(/^matrix\(1, 0, 0, 1,/);
    }
  });
}

test('the graph shows with the verdict banner, not after it', async ({ page }) => {
  const scenario = scenarios.find((item) => item.id === 'sg-drop');
  if (!scenario) throw new Error('the demo world has no sg-drop scenario');
  // Records when the banner and the graph's destination node first enter the page.
  await page.addInitScript(() => {
    const seen: Record<string, number> = {};
    Object.defineProperty(window, '__firstSeen', { value: seen });
    new MutationObserver(() => {
      if (seen.banner === undefined && document.querySelector('[data-testid="verdict"]')) seen.banner = performance.now();
      if (seen.graph === undefined && document.querySelector('[data-testid="node-destination"]')) seen.graph = performance.now();
    }).observe(document, { childList: true, subtree: true });
  });
  const diagnosis = new DiagnosisPage(page);
  await diagnosis.open(scenario);
  await diagnosis.expectVerdict('blocked');
  await expect(page.getByTestId('node-destination')).toBeVisible();
  const seen = await page.evaluate(() => (window as unknown as { __firstSeen: { banner?: number; graph?: number } }).__firstSeen);
  expect(seen.banner).toBeDefined();
  expect(seen.graph).toBeDefined();
  expect((seen.graph ?? Infinity) - (seen.banner ?? 0)).toBeLessThan(100);
});

const deliberate = [
  { id: 'sg-drop', says: 'SEC-2291: no direct Internet HTTPS, use the egress proxy', first: /through the egress proxy/ },
  { id: 'nacl-deny', says: 'PCI: Internet HTTPS only through the payment proxy', first: /through the payment proxy/ },
  { id: 'netpol-deny', says: 'except 203.0.113.10/32', first: /^Ask the owner of NetworkPolicy/ },
];

for (const item of deliberate) {
  test(`${item.id}: the deliberate deny leads with the option that respects it, and bypasses are exceptions`, async ({ page }) => {
    const scenario = scenarios.find((candidate) => candidate.id === item.id);
    if (!scenario?.expect.blockingHop) throw new Error(`the demo world has no blocked scenario ${item.id}`);
    const diagnosis = new DiagnosisPage(page);
    await diagnosis.open(scenario);
    await diagnosis.expectVerdict('blocked');
    await diagnosis.openHop(scenario.expect.blockingHop);
    await expect(diagnosis.intentNote()).toContainText(item.says);
    await expect(diagnosis.fixes().first().getByRole('heading')).toHaveText(item.first);
    await expect(diagnosis.fixes().first()).not.toHaveAttribute('data-exception', 'true');
    const exceptions = diagnosis.fixes().and(page.locator('[data-exception="true"]'));
    await expect(exceptions.first()).toContainText(/Blast radius:.*\d+ pods?/);
    if (item.id !== 'netpol-deny') await expect(diagnosis.hopDetails.getByRole('cell', { name: item.says }).first()).toBeVisible();
  });
}

test('an unknown share link gets a clear 404', async ({ page }) => {
  const response = await page.goto('/d/AAAAAAAAAAAAAAAAAAAAAA');
  expect(response?.status()).toBe(404);
  await expect(page.getByRole('heading', { level: 1 })).toBeVisible();
});
