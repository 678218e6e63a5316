import { DiagnosisPage } from './pages/diagnosis-page';
import { NamespaceAuditPage } from './pages/namespace-audit-page';
import { expect, test } from './fixtures';

test.describe('namespace audit', () => {
  test('groups the pods of a namespace by verdict and blocking rule, names the single change, and links each pod to its diagnosis', async ({ page, expectAccessible }) => {
    const audit = new NamespaceAuditPage(page);
    await audit.open('acs-prod');
    await audit.audit('shop', ['https://api.partner.example.com']);
    const card = audit.destination('https://api.partner.example.com');
    await expect(card).toContainText('10 reachable, 2 blocked, 0 unknown', { timeout: 45_000 });
    await expect(card.getByText(/^1 pod$/).first()).toBeVisible();
    await expect(card).toContainText(/blocked at Security group: .*sgr-/);
    await expect(card).toContainText(/blocked at NAT \/ EIP: .*snat-/);
    await expect(card).toContainText(/Single change that unblocks the most pods: .*\(unblocks 1 pod\)/);
    await expectAccessible();

    await audit.openDiagnosisOf('loyalty-sync-6d8b7c9f5-m3q8z', 'https://api.partner.example.com');
    await expect(page).toHaveURL(/\/diagnose\?cluster=acs-prod&namespace=shop&pod=loyalty-sync-6d8b7c9f5-m3q8z&to=/);
    const diagnosis = new DiagnosisPage(page);
    await diagnosis.expectVerdict('blocked');
    await diagnosis.expectBlockingHop('securityGroup');
  });

  test('shows a workload × destination matrix whose cells open the diagnosis', async ({ page, expectAccessible }) => {
    const audit = new NamespaceAuditPage(page);
    await audit.open('acs-prod');
    await audit.audit('orders', ['api.partner.example.com:443', '10.0.2.15:8080']);
    await expect(audit.cell('orders/deployment/order-api', 'api.partner.example.com:443')).toHaveAccessibleName(/: Reachable$/, { timeout: 45_000 });
    await expect(audit.cell('orders/deployment/order-api', '10.0.2.15:8080')).toHaveAccessibleName(/: Blocked$/);
    await expect(audit.matrix.getByRole('row')).toHaveCount(5);
    await expectAccessible();

    await audit.cell('orders/deployment/order-api', '10.0.2.15:8080').click();
    const diagnosis = new DiagnosisPage(page);
    await diagnosis.expectVerdict('blocked');
    await diagnosis.expectBlockingHop('destinationAcl');
  });

  test('watches an audit from the namespace view and shows it on the watches page', async ({ page, expectAccessible }) => {
    const audit = new NamespaceAuditPage(page);
    await audit.open('acs-prod');
    await audit.audit('shop', ['https://api.partner.example.com']);
    await expect(audit.destination('https://api.partner.example.com')).toContainText('10 reachable, 2 blocked, 0 unknown', { timeout: 45_000 });
    const form = page.getByRole('region', { name: 'Watch this audit' });
    await form.getByLabel('Every (minutes)').fill('5');
    await form.getByRole('button', { name: 'Start watching' }).click();
    await expect(form.getByRole('status')).toContainText('Watching', { timeout: 45_000 });
    await form.getByRole('link', { name: 'the watches page' }).click();

    await expect(page).toHaveURL(/\/watches$/);
    const card = page.getByRole('region', { name: 'Watch Audit of namespace shop → https://api.partner.example.com:443' }).first();
    await expect(card).toContainText('10 reachable, 2 blocked, 0 unknown');
    await expect(card).toContainText('every 5 min');
    await expect(card.getByRole('list', { name: /^History of/ })).toContainText(/Watching from 10 reachable, 2 blocked, 0 unknown; .*single change: /);
    await card.getByRole('button', { name: 'Run now' }).click();
    await expect(card).not.toContainText('last run not yet', { timeout: 45_000 });
    await expectAccessible();

    await card.getByRole('link', { name: 'run the audit' }).first().click();
    await expect(page).toHaveURL(/\/namespaces\?cluster=acs-prod&namespace=shop&to=https%3A%2F%2Fapi\.partner\.example\.com$/);
  });

  test('says what to change when a destination has no port', async ({ page }) => {
    const audit = new NamespaceAuditPage(page);
    await audit.open('acs-prod');
    await audit.audit('shop', ['api.partner.example.com']);
    await expect(page.getByRole('alert').filter({ hasText: 'The audit failed' })).toContainText('add a port');
  });
});
