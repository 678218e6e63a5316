import { expect, type Locator, type Page } from '@playwright/test';

/** The preview → confirm dialog of applying a fix or undoing a change. */
export class ChangeDialog {
  readonly dialog: Locator;

  constructor(readonly page: Page) {
    this.dialog = page.getByRole('dialog');
  }

  async expectPreview(): Promise<void> {
    await expect(this.dialog.getByTestId('change-preview')).toBeVisible({ timeout: 30_000 });
    await expect(this.dialog.getByText(/This will change production/)).toBeVisible();
  }

  /** Confirms and returns the JSON the apply (or undo) route answered. */
  async confirm(): Promise<{ status: number; body: unknown }> {
    const answer = this.page.waitForResponse((response) => response.request().method() === 'POST' && /\/api\/fixes\/(apply|audit\/[^/]+\/undo)$/.test(new URL(response.url()).pathname), { timeout: 60_000 });
    await this.dialog.getByRole('button', { name: 'Confirm' }).click();
    const response = await answer;
    return { status: response.status(), body: await response.json() };
  }

  async expectRerunVerdict(verdict: string): Promise<void> {
    await expect(this.dialog.getByTestId('rerun-verdict')).toHaveAttribute('data-verdict', verdict, { timeout: 60_000 });
  }

  async expectError(text: RegExp): Promise<void> {
    await expect(this.dialog.getByRole('alert')).toContainText(text, { timeout: 60_000 });
  }

  /** The fix no longer fits the live state: the dialog says so and offers Re-run, not Confirm. */
  async expectStale(text: RegExp): Promise<void> {
    await expect(this.dialog.getByTestId('stale-diagnosis')).toContainText(text, { timeout: 30_000 });
    await expect(this.dialog.getByRole('button', { name: 'Confirm' })).toHaveCount(0);
  }

  async rerun(): Promise<void> {
    await this.dialog.getByRole('button', { name: 'Re-run' }).click();
  }

  async openRerun(): Promise<void> {
    await this.dialog.getByRole('link', { name: 'Open the re-run diagnosis' }).click();
  }

  /** Closes the finished dialog with its Close button. */
  async closeDone(): Promise<void> {
    await this.dialog.getByRole('button', { name: 'Close' }).click();
    await expect(this.dialog).toHaveCount(0);
  }

  async close(): Promise<void> {
    await this.page.keyboard.press('Escape');
    await expect(this.dialog).toHaveCount(0);
  }
}
