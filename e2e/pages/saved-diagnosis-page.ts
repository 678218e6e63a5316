import { expect, type Locator, type Page } from '@playwright/test';

import { DiagnosisPage } from './diagnosis-page';

/** The share page of a saved diagnosis: its origin, Re-run with the changes, Download world. */
export class SavedDiagnosisPage extends DiagnosisPage {
  readonly origin: Locator;
  readonly rerunResult: Locator;

  constructor(page: Page) {
    super(page);
    this.origin = page.locator('dl[aria-label="Where this diagnosis was taken"]');
    this.rerunResult = page.getByRole('region', { name: 'Re-run result' });
  }

  /** The card of what the page switched to after a fix was applied from it (`Result of the applied fix`) or undone (`Result of the undo`). */
  switchResult(name: 'Result of the applied fix' | 'Result of the undo'): Locator {
    return this.page.getByRole('region', { name });
  }

  async openSaved(id: string): Promise<void> {
    await this.page.goto(`/d/${id}`);
  }

  /** Clicks "Download world" and returns the file's name and text. */
  async downloadWorld(): Promise<{ fileName: string; text: string }> {
    const [download] = await Promise.all([this.page.waitForEvent('download'), this.page.getByRole('link', { name: 'Download world' }).click()]);
    const stream = await download.createReadStream();
    const chunks: Buffer[] = [];
    for await (const chunk of stream) chunks.push(Buffer.isBuffer(chunk) ? chunk : Buffer.from(String(chunk)));
    return { fileName: download.suggestedFilename(), text: Buffer.concat(chunks).toString('utf8') };
  }

  async rerun(): Promise<void> {
    await this.page.getByRole('button', { name: 'Re-run' }).click();
    await expect(this.rerunResult).toBeVisible({ timeout: 30_000 });
  }
}
