// @vitest-environment jsdom
import { cleanup, screen, within } from '@testing-library/react';
import { afterEach, describe, expect, it } from 'vitest';

import type { HopView } from '@/lib/schemas/diagnosis';
import { renderIntl } from '@/lib/test/intl';

import { blockedAtSecurityGroup, unknownRdsForbidden } from './__fixtures__';
import { HopDetails } from './hop-details';

afterEach(cleanup);

function hopOf(kind: HopView['kind'], diagnosis = blockedAtSecurityGroup): HopView {
  const hop = diagnosis.hops.find((item) => item.kind === kind);
  if (!hop) throw new Error(`fixture has no ${kind} hop`);
  return hop;
}

const securityGroup = hopOf('securityGroup');
const [revoke] = securityGroup.fixes;
if (!revoke || revoke.kind !== 'alicloud') throw new Error('fixture leads with a cloud fix');

/** The security-group hop as a deliberate drop makes it: intent, the proxy first, the revoke as an exception. */
const deliberate: HopView = {
  ...securityGroup,
  evidence: {
    ...securityGroup.evidence,
    intent: { control: { kind: 'securityGroupRule', id: 'sgr-bp1drop443', label: 'rule sgr-bp1drop443 of sg-bp1egress0strict01' }, signal: 'description', says: 'SEC-2291: no direct Internet HTTPS, use the egress proxy' },
  },
  fixes: [
    {
      kind: 'manual',
      id: 'securityGroup-use-proxy',
      title: 'Send api.partner.example.com:443 through the egress proxy',
      description: 'Point the client at the egress proxy.',
      risk: 'None to the control.',
      target: { kind: 'securityGroupRule', id: 'sgr-bp1drop443', label: 'rule sgr-bp1drop443' },
      steps: ['Set HTTPS_PROXY=http://<PROXY_HOST>:<PROXY_PORT>'],
      verify: ['kubectl --context acs-prod -n shop exec web-0 -- nc -vz <PROXY_HOST> <PROXY_PORT>'],
    },
    { ...revoke, title: `Exception: ${revoke.title}`, exception: { blastRadius: 'Revoking sgr-bp1drop443 opens TCP 443/443 to 0.0.0.0/0 for the 12 pods of acs-prod in sg-bp1egress0strict01.' } },
  ],
};

describe('HopDetails', () => {
  it('leads with "This looks intentional" and what the rule says, then the respecting option, then the exception with its blast radius', () => {
    renderIntl(<HopDetails hop={deliberate} blocking region="cn-hangzhou" diagnosis={blockedAtSecurityGroup} />);
    const details = screen.getByTestId('hop-details');
    expect(within(details).getByText(/^This looks intentional:/).textContent).toBe(
      'This looks intentional: rule sgr-bp1drop443 of sg-bp1egress0strict01 says “SEC-2291: no direct Internet HTTPS, use the egress proxy”. The option that respects it comes first; removing or bypassing it is an exception.',
    );
    const fixes = within(details).getAllByRole('article');
    expect(fixes.map((fix) => within(fix).getByRole('heading').textContent)).toStrictEqual([
      'Send api.partner.example.com:443 through the egress proxy',
      'Exception: Revoke drop rule sgr-bp1drop443',
    ]);
    const [respecting, exception] = fixes;
    if (!respecting || !exception) throw new Error('two fixes');
    expect(respecting.textContent).toContain('Not ready to run: replace <PROXY_HOST>, <PROXY_PORT> with your own values first.');
    expect(within(respecting).getByLabelText('Check before and after (fails before the fix, succeeds after)').textContent).toBe(
      'kubectl --context acs-prod -n shop exec web-0 -- nc -vz <PROXY_HOST> <PROXY_PORT>',
    );
    expect(exception.dataset.exception).toBe('true');
    expect(exception.textContent).toContain('Blast radius:Revoking sgr-bp1drop443 opens TCP 443/443 to 0.0.0.0/0 for the 12 pods of acs-prod in sg-bp1egress0strict01.');
    expect(within(exception).getByLabelText('Check before and after (fails before the fix, succeeds after)').textContent).toBe(
      'kubectl --context acs-prod -n shop exec web-7d9c8b6f5-x2lqk -- nc -vz -w 5 api.partner.example.com 443',
    );
  });

  it('shows the description column of the evidence table', () => {
    const hop: HopView = {
      ...securityGroup,
      evidence: {
        ...securityGroup.evidence,
        tables: [{ title: 'Outbound rules', columns: ['rule', 'policy', 'description'], rows: [['sgr-bp1drop443', 'drop', 'SEC-2291: no direct Internet HTTPS, use the egress proxy']], decidingRow: 0 }],
      },
    };
    renderIntl(<HopDetails hop={hop} blocking region="cn-hangzhou" diagnosis={blockedAtSecurityGroup} />);
    expect(screen.getByRole('columnheader', { name: 'description' })).toBeTruthy();
    expect(screen.getByRole('cell', { name: 'SEC-2291: no direct Internet HTTPS, use the egress proxy' })).toBeTruthy();
  });

  it('an unknown hop says its error once, what to grant (the RAM policy) and how to check by hand', () => {
    const hop = hopOf('whitelist', unknownRdsForbidden);
    renderIntl(<HopDetails hop={hop} blocking={false} region="cn-hangzhou" diagnosis={unknownRdsForbidden} />);
    const details = screen.getByTestId('hop-details');
    expect(details.textContent?.split('The RAM identity is not authorized to read the instance').length).toBe(2);
    expect(JSON.parse(within(details).getByLabelText('RAM policy (DescribeDBInstanceIPArrayList)').textContent ?? '')).toStrictEqual({
      Version: '1',
      Statement: [{ Effect: 'Allow', Action: ['rds:DescribeDBInstanceIPArrayList'], Resource: ['*'] }],
    });
    expect(within(details).getByLabelText('Check by hand with the same credentials').textContent).toBe(
      'aliyun rds DescribeDBInstanceIPArrayList --RegionId cn-hangzhou --DBInstanceId rm-bp1forbidden0001',
    );
    expect(within(details).getByRole('link', { name: 'rm-bp1forbidden0001 in the Alibaba Cloud console' }).getAttribute('href')).toBe(
      'https://rdsnext.console.aliyun.com/detail/rm-bp1forbidden0001/basicInfo?region=cn-hangzhou',
    );
  });
});
