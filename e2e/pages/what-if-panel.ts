import { expect, type Locator, type Page } from '@playwright/test';

/** The what-if editor on a saved diagnosis's page, and its result. */
export class WhatIfPanel {
  readonly region: Locator;
  readonly result: Locator;

  constructor(readonly page: Page) {
    this.region = page.getByRole('region', { name: 'What if…' });
    this.result = this.region.getByRole('region', { name: 'What-if result' });
  }

  async chooseEdit(kind: string): Promise<void> {
    await this.region.getByLabel('Change').selectOption({ label: kind });
  }

  async fill(field: string, value: string): Promise<void> {
    await this.region.getByLabel(field).fill(value);
  }

  async addEdit(): Promise<void> {
    await this.region.getByRole('button', { name: 'Add edit' }).click();
  }

  async expectHypotheticalVerdict(verdict: string): Promise<void> {
    await expect(this.result.getByText('Hypothetical — nothing was changed')).toBeVisible({ timeout: 20_000 });
    await expect(this.result.getByLabel(`hypothetical verdict ${verdict}`)).toBeVisible();
  }

  /** Saves the what-if and returns the path of its own link. */
  async save(): Promise<string> {
    await this.region.getByRole('button', { name: 'Save what-if' }).click();
    const link = this.result.getByRole('link', { name: /^\/d\// });
    await expect(link).toBeVisible({ timeout: 20_000 });
    return (await link.textContent()) ?? '';
  }
}
