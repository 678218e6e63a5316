import { expect, type Locator, type Page } from '@playwright/test';

/** The first screen: cluster → namespace → pod, then a destination. */
export class HomePage {
  readonly clusterSelect: Locator;
  readonly namespaces: Locator;
  readonly podSearch: Locator;

  constructor(readonly page: Page) {
    this.clusterSelect = page.getByLabel('Cluster');
    this.namespaces = page.getByRole('navigation', { name: 'Namespaces' });
    this.podSearch = page.getByLabel('Search pods');
  }

  async open(): Promise<void> {
    await this.page.goto('/');
    await expect(this.clusterSelect).toBeVisible();
  }

  async selectCluster(name: string): Promise<void> {
    await this.clusterSelect.selectOption(name);
  }

  async selectNamespace(name: string): Promise<void> {
    await this.namespaces.getByRole('button', { name, exact: true }).click();
  }

  podButton(name: string): Locator {
    return this.page.getByRole('table').getByRole('button', { name, exact: true });
  }

  async selectPod(name: string): Promise<void> {
    await this.podButton(name).click();
  }

  async searchPods(text: string): Promise<void> {
    await this.podSearch.fill(text);
  }

  async askFor(destination: string, port?: number): Promise<void> {
    await this.page.getByLabel(/^Destination from/).fill(destination);
    if (port !== undefined) await this.page.getByLabel('Port', { exact: true }).fill(String(port));
    await this.page.getByRole('button', { name: 'Diagnose' }).click();
  }
}
