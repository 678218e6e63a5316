import { readFileSync } from 'node:fs';
import path from 'node:path';

import AxeBuilder from '@axe-core/playwright';
import { test as base, expect } from '@playwright/test';
import { parse } from 'yaml';

import { HomePage } from './pages/home-page';

export interface DemoScenario {
  id: string;
  cluster: string;
  namespace: string;
  pod: string;
  destination: string;
  port: number;
  protocol: 'tcp' | 'udp';
  expect: { verdict: 'reachable' | 'blocked' | 'unknown'; blockingHop: string | null };
}

function isScenario(value: unknown): value is DemoScenario {
  return typeof value === 'object' && value !== null && 'id' in value && 'cluster' in value && 'pod' in value && 'expect' in value;
}

/** The scenarios of the world the dashboard under test serves. */
export function loadDemoScenarios(): DemoScenario[] {
  const world: unknown = parse(readFileSync(path.resolve('lib/sandbox/worlds/demo.yaml'), 'utf8'));
  const scenarios = typeof world === 'object' && world !== null && 'scenarios' in world && Array.isArray(world.scenarios) ? world.scenarios : [];
  return scenarios.filter(isScenario);
}

interface Fixtures {
  homePage: HomePage;
  /** Runs axe on the page and fails on serious or critical violations. */
  expectAccessible: () => Promise<void>;
}

export const test = base.extend<Fixtures>({
  homePage: async ({ page }, use) => {
    await use(new HomePage(page));
  },
  expectAccessible: async ({ page }, use) => {
    await use(async () => {
      const results = await new AxeBuilder({ page }).analyze();
      const serious = results.violations.filter((violation) => violation.impact === 'serious' || violation.impact === 'critical');
      expect(serious.map((violation) => `${violation.id}: ${violation.help} (${violation.nodes.map((node) => node.target.join(' ')).join(', ')})`)).toStrictEqual([]);
    });
  },
});

export { expect };
