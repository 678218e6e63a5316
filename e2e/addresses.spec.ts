import { DiagnosisPage } from './pages/diagnosis-page';
import { expect, loadDemoScenarios, test } from './fixtures';

const scenarios = loadDemoScenarios();

test('dns-one-address-blocked: one branch per resolved address, each with its own verdict', async ({ page, expectAccessible }) => {
  const scenario = scenarios.find((item) => item.id === 'dns-one-address-blocked');
  if (!scenario) throw new Error('the demo world has no dns-one-address-blocked scenario');
  const diagnosis = new DiagnosisPage(page);
  await diagnosis.open(scenario);
  await diagnosis.expectVerdict('blocked');
  await expect(diagnosis.addressesLine()).toHaveText('1 of 2 addresses blocked: 203.0.113.7 at Security group; 203.0.113.8 reachable');

  // The chain shows the blocked address's path; each branch carries its own verdict and outcome.
  await diagnosis.expectBlockingHop('securityGroup');
  const blocked = diagnosis.addressBranch('203.0.113.7');
  const reachable = diagnosis.addressBranch('203.0.113.8');
  await expect(blocked).toHaveAttribute('data-verdict', 'block');
  await expect(blocked).toContainText('blocked at Security group');
  await expect(reachable).toHaveAttribute('data-verdict', 'pass');
  await expect(reachable).toContainText('reachable');
  await expect(page.getByTestId('edge-destination-address-203.0.113.7')).toHaveAttribute('data-verdict', 'block');
  await expect(page.getByTestId('edge-destination-address-203.0.113.8')).toHaveAttribute('data-verdict', 'pass');
  await expect(page.getByTestId('hop-table-addresses')).toContainText('Hops of 203.0.113.7, the first blocked address.');

  // Two branches side by side, neither overlapping the other.
  const [first, second] = await Promise.all([blocked.boundingBox(), reachable.boundingBox()]);
  expect(first && second && (first.y + first.height <= second.y || second.y + second.height <= first.y || first.x + first.width <= second.x)).toBe(true);
  expect(await diagnosis.overflowingNodes()).toStrictEqual([]);
  await expectAccessible();
});
