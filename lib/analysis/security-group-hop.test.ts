import { describe, expect, it } from 'vitest';

import { eni, securityGroup, sgRule } from './__fixtures__/cloud-builders';
import { destination, factError, missing, ok, pathContext, pathFacts } from './__fixtures__/path-builders';
import type { CloudFacts, HopVerdict, ResolvedDestination } from './model';
import { evaluateSecurityGroupHop } from './security-group-hop';

const internet = destination('internet', ['203.0.113.10']);
const dropRule = sgRule({ id: 'sgr-drop', policy: 'drop', priority: 5, remote: { kind: 'cidr', cidr: '0.0.0.0/0' } });
const acceptRule = sgRule({ id: 'sgr-accept', priority: 10 });

type Row = {
  name: string;
  cloud: Partial<CloudFacts>;
  target?: ResolvedDestination;
  port?: number;
  expected: { verdict: HopVerdict; summary: string; fixIds: string[]; reason?: string | null };
};

const rows: Row[] = [
  {
    name: 'passes on the basic-group default',
    cloud: {},
    expected: { verdict: 'pass', summary: 'Outbound tcp/443 to 203.0.113.10 accepted by the implicit default of basic groups', fixIds: [] },
  },
  {
    name: 'blocks on a higher-priority drop rule and offers a priority-4 accept and a revoke',
    cloud: { securityGroups: ok([securityGroup({ rules: [acceptRule, dropRule] })]) },
    expected: {
      verdict: 'block',
      summary: 'Outbound tcp/443 to 203.0.113.10 dropped by rule sgr-drop of sg-pod (priority 5, drop)',
      fixIds: ['securityGroup-authorize-egress-sg-pod', 'securityGroup-revoke-egress-sgr-drop'],
    },
  },
  {
    name: 'blocks on the enterprise default with an accept fix',
    cloud: { securityGroups: ok([securityGroup({ type: 'enterprise', innerAccessPolicy: 'Drop' })]) },
    expected: {
      verdict: 'block',
      summary: 'Outbound tcp/443 to 203.0.113.10 dropped by the implicit default of enterprise groups',
      fixIds: ['securityGroup-authorize-egress-sg-pod'],
    },
  },
  {
    name: 'blocks TCP 25 to the Internet with a manual fix',
    cloud: {},
    port: 25,
    expected: { verdict: 'block', summary: 'Outbound tcp/25 to 203.0.113.10 dropped by the platform block of outbound TCP 25', fixIds: ['securityGroup-tcp25'] },
  },
  {
    name: 'warns when a prefix-list accept rule might match before the enterprise default',
    cloud: {
      securityGroups: ok([
        securityGroup({ type: 'enterprise', rules: [sgRule({ remote: { kind: 'prefixList', prefixListId: 'pl-partners' } })] }),
      ]),
    },
    expected: {
      verdict: 'warn',
      summary: 'Outbound tcp/443 to 203.0.113.10 dropped by the implicit default of enterprise groups',
      fixIds: ['securityGroup-authorize-egress-sg-pod'],
    },
  },
  {
    name: 'unknown when the groups are forbidden',
    cloud: { securityGroups: missing() },
    expected: {
      verdict: 'unknown',
      summary: 'Cannot tell: Forbidden.RAM on DescribeSecurityGroupAttribute sg-pod: not authorized',
      reason: 'Forbidden.RAM on DescribeSecurityGroupAttribute sg-pod: not authorized',
      fixIds: [],
    },
  },
  {
    name: 'unknown when no ENI holds the source address',
    cloud: { sourceEni: ok(null) },
    expected: { verdict: 'unknown', summary: 'Cannot tell: no ENI holds the source address 10.0.1.5', reason: 'no ENI holds the source address 10.0.1.5', fixIds: [] },
  },
  {
    name: 'unknown when one of the ENI groups was not read',
    cloud: { sourceEni: ok(eni({ securityGroupIds: ['sg-pod', 'sg-extra'] })) },
    expected: { verdict: 'unknown', summary: 'Cannot tell: security group sg-extra was not read', reason: 'security group sg-extra was not read', fixIds: [] },
  },
  {
    name: 'skips when nothing resolved',
    cloud: {},
    target: destination('unresolved', []),
    expected: { verdict: 'skip', summary: 'Not applicable: no address to evaluate', reason: 'no address to evaluate', fixIds: [] },
  },
  {
    name: 'passes a group reference to the destination ECS groups',
    cloud: {
      securityGroups: ok([
        securityGroup({ type: 'enterprise', rules: [sgRule({ remote: { kind: 'securityGroup', groupId: 'sg-db' } })] }),
      ]),
      destinationEni: ok(eni({ id: 'eni-db', primaryIp: '10.0.2.15', privateIps: ['10.0.2.15'], securityGroupIds: ['sg-db'], instanceId: 'i-db' })),
    },
    target: destination('ecs', ['10.0.2.15']),
    expected: { verdict: 'pass', summary: 'Outbound tcp/443 to 10.0.2.15 accepted by rule sgr-1 of sg-pod (priority 1, accept)', fixIds: [] },
  },
];

describe('evaluateSecurityGroupHop', () => {
  it.each(rows)('$name', ({ cloud, target, port, expected }) => {
    const facts = pathFacts({ cloud, port });
    const hop = evaluateSecurityGroupHop(facts, pathContext(facts, target ?? internet));
    expect({ verdict: hop.verdict, summary: hop.summary, fixIds: hop.fixes.map((fix) => fix.id), reason: hop.reason }).toStrictEqual({
      reason: null,
      ...expected,
    });
  });

  it('shows the rule table with the deciding drop row and a narrow accept fix one priority above it', () => {
    const facts = pathFacts({ cloud: { securityGroups: ok([securityGroup({ rules: [acceptRule, dropRule] })]) } });
    const hop = evaluateSecurityGroupHop(facts, pathContext(facts, internet));
    expect(hop.evidence.tables).toStrictEqual([
      {
        title: 'Outbound rules of sg-pod for tcp/443 to 203.0.113.10',
        columns: ['group', 'rule', 'priority', 'policy', 'protocol', 'ports', 'remote', 'matches', 'description'],
        rows: [
          ['sg-pod', 'sgr-drop', '5', 'drop', 'tcp', '443/443', '0.0.0.0/0', 'yes', ''],
          ['sg-pod', 'sgr-accept', '10', 'accept', 'tcp', '443/443', '0.0.0.0/0', 'yes', ''],
        ],
        decidingRow: 0,
      },
    ]);
    expect(hop.evidence.decidedBy).toStrictEqual({ kind: 'securityGroupRule', id: 'sgr-drop', label: 'sg-pod sgr-drop' });
    const [authorize] = hop.fixes;
    expect(authorize?.kind === 'alicloud' ? authorize.command : null).toBe(
      'aliyun ecs AuthorizeSecurityGroupEgress --RegionId cn-hangzhou --SecurityGroupId sg-pod --IpProtocol tcp --PortRange 443/443 --DestCidrIp 203.0.113.10/32 --Policy accept --Priority 4 --Description \'added by ACS Egress Doctor\'',
    );
  });

  it('reports the error of the missing fact', () => {
    const facts = pathFacts({ cloud: { sourceEni: missing(factError({ reason: 'throttled', code: 'Throttling.User', resource: 'DescribeNetworkInterfaces', message: 'slow down', retryable: true })) } });
    expect(evaluateSecurityGroupHop(facts, pathContext(facts, internet)).reason).toBe('Throttling.User on DescribeNetworkInterfaces: slow down');
  });
});
