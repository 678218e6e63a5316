/**
 * `npm run screenshots`: the README's screenshots of a blocked, an unknown and a reachable
 * diagnosis of the demo world, in the light and the dark theme, written to docs/screenshots.
 *
 * Builds when the build is stale (as `npm run demo` does), runs the demo (`scripts/demo.mjs`) on
 * its own port and sandbox, or uses a dashboard already running at SCREENSHOTS_BASE_URL. Browser:
 * Debian's headless Chromium (/usr/bin/chromium), as the e2e tests use.
 */
import { spawn, spawnSync, type ChildProcess } from 'node:child_process';
import { mkdirSync, readFileSync } from 'node:fs';
import path from 'node:path';

import { chromium, type Page } from '@playwright/test';
import { parse } from 'yaml';
import { z } from 'zod';

const root = path.resolve(import.meta.dirname, '..');
const outDir = path.join(root, 'docs/screenshots');
const port = process.env.SCREENSHOTS_PORT ?? '3230';

const scenarioSchema = z.object({
  id: z.string(),
  cluster: z.string(),
  namespace: z.string(),
  pod: z.string(),
  destination: z.string(),
  port: z.number(),
  protocol: z.string(),
  expect: z.object({ verdict: z.enum(['reachable', 'blocked', 'unknown']), blockingHop: z.string().nullable() }),
});
type Scenario = z.infer<typeof scenarioSchema>;

/** The shots: which scenario shows each verdict, and the hop whose details are open. */
const SHOTS = [
  { name: 'blocked', scenario: 'sg-drop' },
  { name: 'unknown', scenario: 'rds-forbidden' },
  { name: 'reachable', scenario: 'internet-ok' },
] as const;
const THEMES = ['light', 'dark'] as const;

function demoScenarios(): Scenario[] {
  const world = z.object({ scenarios: z.array(scenarioSchema.passthrough()) }).passthrough().parse(parse(readFileSync(path.join(root, 'lib/sandbox/worlds/demo.yaml'), 'utf8')));
  return world.scenarios;
}

async function waitHealthy(baseURL: string, demo: ChildProcess | null): Promise<void> {
  const deadline = Date.now() + 600_000;
  while (Date.now() < deadline) {
    if (demo && demo.exitCode !== null) throw new Error(`the demo stopped (exit ${demo.exitCode})`);
    try {
      if ((await fetch(`${baseURL}/api/healthz`)).ok) return;
    } catch {
      // Not listening yet.
    }
    await new Promise((resolve) => setTimeout(resolve, 1000));
  }
  throw new Error(`${baseURL} did not become healthy`);
}

function startDemo(): ChildProcess {
  // `next build` first when a source is newer than the build (scripts/setup.mjs), then the demo as it is.
  const built = spawnSync(process.execPath, ['--input-type=module', '-e', "import('./scripts/setup.mjs').then((setup) => setup.ensureBuilt())"], { cwd: root, stdio: 'inherit' });
  if (built.status !== 0) throw new Error('the build failed');
  return spawn(process.execPath, ['scripts/demo.mjs', '--no-setup'], {
    cwd: root,
    stdio: ['ignore', 'ignore', 'inherit'],
    env: { ...process.env, PORT: port, SANDBOX_DIR: '.sandbox/screenshots', DATA_DIR: '.data/screenshots' },
  });
}

/** Opens the diagnosis of `scenario` and waits until the banner, the graph and the hop details are drawn. */
async function showDiagnosis(page: Page, scenario: Scenario): Promise<void> {
  const query = new URLSearchParams({ cluster: scenario.cluster, namespace: scenario.namespace, pod: scenario.pod, to: scenario.destination, port: String(scenario.port), protocol: scenario.protocol });
  await page.goto(`/diagnose?${query.toString()}`);
  await page.locator(`[data-testid="verdict"][data-verdict="${scenario.expect.verdict}"]`).waitFor({ timeout: 60_000 });
  await page.locator('[data-testid^="hop-"][data-verdict]').first().waitFor();
  const focus = scenario.expect.blockingHop ?? (await page.locator('[data-testid^="hop-"][data-verdict="unknown"]').first().getAttribute('data-testid').catch(() => null))?.slice(4);
  if (focus) {
    // A wide path scrolls sideways: bring the hop shown in the details into the graph's view.
    await page.getByTestId(`hop-${focus}`).evaluate((node) => node.scrollIntoView({ block: 'nearest', inline: 'center' }));
    await page.getByTestId(`hop-${focus}`).click();
    await page.locator(`[data-testid="hop-details"][data-hop="${focus}"]`).waitFor();
  }
  await page.evaluate(async () => {
    await document.fonts.ready;
    if (document.activeElement instanceof HTMLElement) document.activeElement.blur();
    window.scrollTo(0, 0);
  });
}

async function main(): Promise<void> {
  const demo = process.env.SCREENSHOTS_BASE_URL ? null : startDemo();
  const baseURL = process.env.SCREENSHOTS_BASE_URL ?? `http://127.0.0.1:${port}`;
  const browser = await chromium.launch({ executablePath: '/usr/bin/chromium', args: ['--no-sandbox', '--disable-gpu', '--disable-background-networking', '--disable-dev-shm-usage', '--hide-scrollbars'] });
  try {
    await waitHealthy(baseURL, demo);
    mkdirSync(outDir, { recursive: true });
    const scenarios = demoScenarios();
    for (const shot of SHOTS) {
      const scenario = scenarios.find((item) => item.id === shot.scenario);
      if (!scenario) throw new Error(`the demo world has no scenario ${shot.scenario}`);
      if (scenario.expect.verdict !== shot.name) throw new Error(`${scenario.id} is ${scenario.expect.verdict}, not ${shot.name}`);
      for (const colorScheme of THEMES) {
        const context = await browser.newContext({ baseURL, viewport: { width: 1440, height: 900 }, colorScheme, reducedMotion: 'reduce', locale: 'en-US' });
        const page = await context.newPage();
        await showDiagnosis(page, scenario);
        const file = path.join(outDir, `${shot.name}-${colorScheme}.png`);
        await page.screenshot({ path: file, fullPage: true, animations: 'disabled' });
        console.log(`✓ ${path.relative(root, file)} (${scenario.id})`);
        await context.close();
      }
    }
  } finally {
    await browser.close();
    demo?.kill('SIGTERM');
  }
}

main().catch((error: unknown) => {
  console.error(error instanceof Error ? error.message : error);
  process.exitCode = 1;
});
