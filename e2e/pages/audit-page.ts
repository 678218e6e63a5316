import { expect, type Locator, type Page } from '@playwright/test';

/** The audit log: applied fixes and undos, with Undo buttons. */
export class AuditPage {
  constructor(readonly page: Page) {}

  async open(): Promise<void> {
    await this.page.goto('/audit');
    await expect(this.page.getByRole('heading', { name: 'Audit log', level: 1 })).toBeVisible();
  }

  entry(auditId: string): Locator {
    return this.page.getByTestId(`audit-${auditId}`);
  }

  async undo(auditId: string): Promise<void> {
    await this.entry(auditId).getByRole('button', { name: /^Undo…/ }).click();
  }

  async expectUndone(auditId: string): Promise<void> {
    await expect(this.entry(auditId)).toContainText('Undone by');
  }
}
