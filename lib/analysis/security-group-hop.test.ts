import { describe, expect, it } from 'vitest';

import { eni, securityGroup, sgRule } from './__fixtures__/cloud-builders';
import { destination, factError, missing, ok, pathContext, pathFacts } from './__fixtures__/path-builders';
import type { CloudFacts, HopVerdict, PortRangeList, PrefixList, ResolvedDestination } from './model';
import { evaluateSecurityGroupHop } from './security-group-hop';
import { withoutMessages } from '@/lib/test/without-messages';

const internet = destination('internet', ['203.0.113.10']);
const dropRule = sgRule({ id: 'sgr-drop', policy: 'drop', priority: 5, remote: { kind: 'cidr', cidr: '0.0.0.0/0' } });
const acceptRule = sgRule({ id: 'sgr-accept', priority: 10 });

const listError = factError({ resource: 'DescribePrefixListAttributes pl-partners' });
const denyList: PrefixList = { id: 'pl-deny', name: 'egress-denylist', addressFamily: 'IPv4', entries: [{ cidr: '198.51.100.0/24', description: 'retired partner' }, { cidr: '203.0.113.10/32', description: 'SEC-3100 blocked' }] };
const webPorts: PortRangeList = { id: 'prl-web', entries: [{ portRange: { from: 80, to: 80 }, description: 'http' }, { portRange: { from: 443, to: 443 }, description: 'https' }] };
const acceptAll = sgRule({ id: 'sgr-all', priority: 1, protocol: 'all', portRange: null });
const listDrop = sgRule({ id: 'sgr-list-drop', policy: 'drop', priority: 1, protocol: 'all', portRange: null, remote: { kind: 'prefixList', prefixListId: 'pl-deny' } });
const portListDrop = sgRule({ id: 'sgr-web-drop', policy: 'drop', priority: 1, portRange: null, portRangeListId: 'prl-web' });

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
      summary: 'Outbound tcp/443 to 203.0.113.10 dropped by rule sgr-drop of pods (sg-pod) (priority 5, drop)',
      fixIds: ['securityGroup-authorize-egress-sg-pod', 'securityGroup-revoke-egress-sgr-drop'],
    },
  },
  {
    name: 'a group without a name is named by its id alone',
    cloud: { securityGroups: ok([securityGroup({ name: '', rules: [acceptRule, dropRule] })]) },
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
    name: 'unknown when a prefix-list accept rule that was not read might match before the enterprise default',
    cloud: {
      securityGroups: ok([
        securityGroup({ type: 'enterprise', rules: [sgRule({ remote: { kind: 'prefixList', prefixListId: 'pl-partners' } })] }),
      ]),
      prefixLists: missing(listError),
    },
    expected: {
      verdict: 'unknown',
      summary: 'Cannot tell: outbound tcp/443 to 203.0.113.10 is dropped by the implicit default of enterprise groups unless a rule naming an unread list matches',
      reason: 'rule sgr-1 of sg-pod (accept, priority 1) names prefix list pl-partners, which was not read (Forbidden.RAM on DescribePrefixListAttributes pl-partners: not authorized); it could accept the flow',
      fixIds: [],
    },
  },
  {
    name: 'blocks on a prefix-list drop whose list holds the destination, next to an accept-all at the same priority',
    cloud: { securityGroups: ok([securityGroup({ rules: [acceptAll, listDrop] })]), prefixLists: ok([denyList]) },
    expected: {
      verdict: 'block',
      summary: 'Outbound tcp/443 to 203.0.113.10 dropped by rule sgr-list-drop of pods (sg-pod) (priority 1, drop), through prefix list pl-deny entry 203.0.113.10/32',
      fixIds: ['securityGroup-revoke-egress-sgr-list-drop', 'securityGroup-prefix-list-entry'],
    },
  },
  {
    name: 'passes when the prefix list of the drop rule does not hold the destination',
    cloud: { securityGroups: ok([securityGroup({ rules: [acceptAll, listDrop] })]), prefixLists: ok([{ ...denyList, entries: [{ cidr: '198.51.100.0/24', description: '' }] }]) },
    expected: { verdict: 'pass', summary: 'Outbound tcp/443 to 203.0.113.10 accepted by rule sgr-all of pods (sg-pod) (priority 1, accept)', fixIds: [] },
  },
  {
    name: 'unknown when the prefix list of a drop rule ahead of the accept was not read',
    cloud: { securityGroups: ok([securityGroup({ rules: [acceptAll, listDrop] })]), prefixLists: missing(factError({ resource: 'DescribePrefixListAttributes pl-deny' })) },
    expected: {
      verdict: 'unknown',
      summary: 'Cannot tell: outbound tcp/443 to 203.0.113.10 is accepted by rule sgr-all of pods (sg-pod) (priority 1, accept) unless a rule naming an unread list matches',
      reason: 'rule sgr-list-drop of sg-pod (drop, priority 1) names prefix list pl-deny, which was not read (Forbidden.RAM on DescribePrefixListAttributes pl-deny: not authorized); it could drop the flow',
      fixIds: [],
    },
  },
  {
    name: 'unknown when the list read succeeded but did not return the list',
    cloud: { securityGroups: ok([securityGroup({ rules: [acceptAll, listDrop] })]), prefixLists: ok([]) },
    expected: {
      verdict: 'unknown',
      summary: 'Cannot tell: outbound tcp/443 to 203.0.113.10 is accepted by rule sgr-all of pods (sg-pod) (priority 1, accept) unless a rule naming an unread list matches',
      reason: 'rule sgr-list-drop of sg-pod (drop, priority 1) names prefix list pl-deny, which was not found; it could drop the flow',
      fixIds: [],
    },
  },
  {
    name: 'blocks when an unread drop list comes after the deciding drop (it cannot change the verdict)',
    cloud: { securityGroups: ok([securityGroup({ rules: [dropRule, { ...listDrop, priority: 50 }] })]), prefixLists: missing(listError) },
    expected: {
      verdict: 'block',
      summary: 'Outbound tcp/443 to 203.0.113.10 dropped by rule sgr-drop of pods (sg-pod) (priority 5, drop)',
      fixIds: ['securityGroup-authorize-egress-sg-pod', 'securityGroup-revoke-egress-sgr-drop'],
    },
  },
  {
    name: 'blocks when an unread drop list comes before a drop (it agrees with the verdict)',
    cloud: { securityGroups: ok([securityGroup({ rules: [dropRule, acceptRule, listDrop] })]), prefixLists: missing(listError) },
    expected: {
      verdict: 'block',
      summary: 'Outbound tcp/443 to 203.0.113.10 dropped by rule sgr-drop of pods (sg-pod) (priority 5, drop)',
      fixIds: ['securityGroup-authorize-egress-sg-pod', 'securityGroup-revoke-egress-sgr-drop'],
    },
  },
  {
    name: 'blocks on a port-list drop whose list holds the port',
    cloud: { securityGroups: ok([securityGroup({ rules: [acceptAll, portListDrop] })]), portRangeLists: ok([webPorts]) },
    expected: {
      verdict: 'block',
      summary: 'Outbound tcp/443 to 203.0.113.10 dropped by rule sgr-web-drop of pods (sg-pod) (priority 1, drop), through port list prl-web entry 443/443',
      fixIds: ['securityGroup-revoke-egress-sgr-web-drop'],
    },
  },
  {
    name: 'unknown when the port list of a drop rule was forbidden',
    cloud: { securityGroups: ok([securityGroup({ rules: [acceptAll, portListDrop] })]), portRangeLists: missing(factError({ resource: 'DescribePortRangeListEntries prl-web' })) },
    expected: {
      verdict: 'unknown',
      summary: 'Cannot tell: outbound tcp/443 to 203.0.113.10 is accepted by rule sgr-all of pods (sg-pod) (priority 1, accept) unless a rule naming an unread list matches',
      reason: 'rule sgr-web-drop of sg-pod (drop, priority 1) names port list prl-web, which was not read (Forbidden.RAM on DescribePortRangeListEntries prl-web: not authorized); it could drop the flow',
      fixIds: [],
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
    expected: { verdict: 'pass', summary: 'Outbound tcp/443 to 10.0.2.15 accepted by rule sgr-1 of pods (sg-pod) (priority 1, accept)', fixIds: [] },
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
    expect(withoutMessages(hop.evidence.tables)).toStrictEqual([
      {
        title: 'Outbound rules of pods (sg-pod) for tcp/443 to 203.0.113.10',
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

  it('shows the prefix list with the entry that matched, and the rule row naming it', () => {
    const facts = pathFacts({ cloud: { securityGroups: ok([securityGroup({ rules: [acceptAll, listDrop] })]), prefixLists: ok([denyList]) } });
    const hop = evaluateSecurityGroupHop(facts, pathContext(facts, internet));
    expect(hop.evidence.tables.map((table) => table.rows)).toStrictEqual([
      [
        ['sg-pod', 'sgr-list-drop', '1', 'drop', 'all', '-1/-1', 'prefix list pl-deny ∋ 203.0.113.10/32', 'yes', ''],
        ['sg-pod', 'sgr-all', '1', 'accept', 'all', '-1/-1', '0.0.0.0/0', 'yes', ''],
      ],
      [
        ['198.51.100.0/24', 'retired partner', 'no'],
        ['203.0.113.10/32', 'SEC-3100 blocked', 'yes'],
      ],
    ]);
    expect(hop.evidence.tables[1]).toMatchObject({ title: 'Prefix list egress-denylist (pl-deny), IPv4', columns: ['cidr', 'description', 'holds 203.0.113.10'], decidingRow: 1 });
    expect(hop.evidence.facts).toContainEqual({ kind: 'prefixList', id: 'pl-deny', label: 'egress-denylist (pl-deny)' });
    const entryFix = hop.fixes.find((fix) => fix.id === 'securityGroup-prefix-list-entry');
    expect(entryFix?.kind === 'manual' ? entryFix.steps[1] : null).toBe('aliyun ecs ModifyPrefixList --RegionId cn-hangzhou --PrefixListId pl-deny --RemoveEntry.1.Cidr 203.0.113.10/32');
  });

  it('marks a rule whose list was not read as unknown in the table', () => {
    const facts = pathFacts({ cloud: { securityGroups: ok([securityGroup({ rules: [acceptAll, listDrop] })]), prefixLists: missing(listError) } });
    const hop = evaluateSecurityGroupHop(facts, pathContext(facts, internet));
    expect(hop.evidence.tables.map((table) => table.rows)).toStrictEqual([
      [
        ['sg-pod', 'sgr-list-drop', '1', 'drop', 'all', '-1/-1', 'prefix list pl-deny', 'unknown (list not read)', ''],
        ['sg-pod', 'sgr-all', '1', 'accept', 'all', '-1/-1', '0.0.0.0/0', 'yes', ''],
      ],
    ]);
  });
});
