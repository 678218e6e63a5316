import { expect, type Locator, type Page } from '@playwright/test';

/** The namespace audit: scope and destinations in, groups of pods and the matrix out. */
export class NamespaceAuditPage {
  readonly result: Locator;
  readonly matrix: Locator;

  constructor(readonly page: Page) {
    this.result = page.getByRole('region', { name: 'Audit result' });
    this.matrix = page.getByRole('region', { name: 'Workload × destination' });
  }

  async open(cluster: string): Promise<void> {
    await this.page.goto(`/namespaces?cluster=${encodeURIComponent(cluster)}`);
    await expect(this.page.getByRole('heading', { name: 'Namespace audit', level: 1 })).toBeVisible();
  }

  async audit(namespace: string, destinations: string[]): Promise<void> {
    await this.page.getByLabel('Namespace').selectOption(namespace);
    await this.page.getByLabel('Destinations').fill(destinations.join('\n'));
    await this.page.getByRole('button', { name: 'Run audit' }).click();
  }

  /** The card of one destination's answer. */
  destination(name: string): Locator {
    return this.result.getByLabel(name, { exact: true });
  }

  async openDiagnosisOf(pod: string, destination: string): Promise<void> {
    await this.result.getByRole('link', { name: new RegExp(`^Full diagnosis: [^ ]*/${pod} → ${destination.replace(/[.*+?^${}()|[\]\\]/g, '\\$&')}$`) }).click();
  }

  cell(workload: string, destination: string): Locator {
    return this.matrix.getByRole('link', { name: new RegExp(`^${workload} → ${destination.replace(/[.*+?^${}()|[\]\\]/g, '\\$&')}: `) });
  }
}
