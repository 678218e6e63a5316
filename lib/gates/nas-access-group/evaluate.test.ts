/**
 * The nasAccessGroup hop, table-driven: which hosts are mount targets, the mount target's own
 * state, the rules of its permission group by priority, read-only rules, the address NAS sees
 * (pod IP, node IP on Flannel), and failed reads.
 */
import { describe, expect, it } from 'vitest';

import { clusterFacts, destination, factError, missing, ok, pathContext, pathFacts, pod } from '@/lib/analysis/__fixtures__/path-builders';
import { formatMessage, type Message } from '@/lib/analysis/message';
import type { Fact, Hop } from '@/lib/analysis/model';
import ja from '@/messages/ja.json';
import zh from '@/messages/zh.json';

import { parseMountTargetDomain } from './endpoint';
import { evaluateNasAccessGroupHop, matchingRules } from './evaluate';
import type { NasAccessGroupFacts, NasAccessRule, NasMountTarget } from './facts';

const DOMAIN = '1ca404a666-wxa89.cn-hangzhou.nas.aliyuncs.com';

const target = (overrides: Partial<NasMountTarget> = {}): NasMountTarget => ({ domain: DOMAIN, accessGroup: 'k8s-pods', networkType: 'Vpc', status: 'Active', vpcId: 'vpc-1', vSwitchId: 'vsw-nas', ...overrides });
const rule = (id: string, source: string, priority: number, rwAccess: NasAccessRule['rwAccess'] = 'RDWR'): NasAccessRule => ({ id, sourceCidrIp: source, ipv6SourceCidrIp: '', rwAccess, userAccess: 'no_squash', priority });

interface Row {
  name: string;
  host?: string;
  mountTarget?: NasMountTarget | null;
  rules?: Fact<NasAccessRule[]> | null;
  /** The whole gate fact, when the row is about it. */
  fact?: Fact<NasAccessGroupFacts | null>;
  flannel?: boolean;
  expected: { verdict: Hop['verdict']; summary: RegExp; fixes?: string[]; decidedBy?: string | null };
}

function hopOf(row: Row): Hop {
  const host = row.host ?? DOMAIN;
  const endpoint = parseMountTargetDomain(host);
  const gate: Fact<NasAccessGroupFacts | null> = row.fact ?? ok(endpoint && { endpoint, mountTarget: row.mountTarget === undefined ? target() : row.mountTarget, rules: row.rules === undefined ? ok([]) : row.rules });
  const cluster = row.flannel
    ? { cluster: { ...clusterFacts().cluster, kind: 'ack' as const, networkMode: 'flannel' as const }, pod: pod({ ip: '172.20.1.7', ips: ['172.20.1.7'], nodeName: 'node-1' }), node: ok({ name: 'node-1', internalIp: '10.0.1.9', providerId: null, labels: {} }) }
    : {};
  const facts = pathFacts({ host, port: 2049, cloud: { gates: { nasAccessGroup: gate } }, cluster });
  return evaluateNasAccessGroupHop(facts, pathContext(facts, destination('vpc', ['10.0.9.20'])));
}

const rows: Row[] = [
  { name: 'a host that is no mount target domain', host: 'db.example.com', expected: { verdict: 'skip', summary: /not a NAS mount target domain/ } },
  { name: 'an OSS endpoint', host: 'b.oss-cn-hangzhou-internal.aliyuncs.com', expected: { verdict: 'skip', summary: /not a NAS mount target domain/ } },
  { name: 'facts saved before the gate', fact: ok(null), expected: { verdict: 'unknown', summary: /was not read/ } },
  { name: 'DescribeMountTargets failed', fact: missing(factError({ resource: `DescribeMountTargets ${DOMAIN}`, code: 'Forbidden.RAM' })), expected: { verdict: 'unknown', summary: /Forbidden\.RAM|DescribeMountTargets/ } },
  { name: 'no such mount target', mountTarget: null, rules: null, expected: { verdict: 'block', summary: /File system 1ca404a666 has no mount target/ } },
  { name: 'a mount target of another region', host: '1ca404a666-wxa89.cn-beijing.nas.aliyuncs.com', mountTarget: null, rules: null, expected: { verdict: 'block', summary: /is in cn-beijing, the pod in cn-hangzhou/ } },
  { name: 'an Inactive mount target', mountTarget: target({ status: 'Inactive' }), expected: { verdict: 'block', summary: /is Inactive: NAS accepts mounts only while it is Active/ } },
  { name: 'a Pending mount target', mountTarget: target({ status: 'Pending' }), expected: { verdict: 'block', summary: /is Pending/ } },
  { name: 'a classic network mount target', mountTarget: target({ networkType: 'Classic', vpcId: null }), expected: { verdict: 'block', summary: /classic network/ } },
  { name: 'a mount target in another VPC', mountTarget: target({ vpcId: 'vpc-other' }), expected: { verdict: 'block', summary: /is in vpc-other, the pod in vpc-1/ } },
  { name: 'the default permission group', mountTarget: target({ accessGroup: 'DEFAULT_VPC_GROUP_NAME' }), rules: null, expected: { verdict: 'pass', summary: /allows read and write from every address/ } },
  { name: 'DescribeAccessRules failed', rules: missing(factError({ resource: 'DescribeAccessRules k8s-pods', code: 'Throttling.User' })), expected: { verdict: 'unknown', summary: /Throttling\.User|DescribeAccessRules/ } },
  { name: 'no rule covers the pod', rules: ok([rule('1', '10.0.2.0/24', 1), rule('2', '192.168.0.0/16', 1)]), expected: { verdict: 'block', summary: /No rule of permission group k8s-pods covers 10\.0\.1\.5/, fixes: ['nasAccessGroup-pod-rule', 'nasAccessGroup-vswitch-rule'], decidedBy: null } },
  { name: 'an empty permission group', rules: ok([]), expected: { verdict: 'block', summary: /No rule/, fixes: ['nasAccessGroup-pod-rule', 'nasAccessGroup-vswitch-rule'] } },
  { name: 'the vSwitch CIDR read-write', rules: ok([rule('1', '10.0.1.0/24', 10)]), expected: { verdict: 'pass', summary: /rule 1 \(priority 10, 10\.0\.1\.0\/24\) grants read and write/, fixes: [], decidedBy: 'k8s-pods/1' } },
  { name: 'a bare address rule', rules: ok([rule('3', '10.0.1.5', 5)]), expected: { verdict: 'pass', summary: /rule 3/, decidedBy: 'k8s-pods/3' } },
  { name: 'a read-only rule', rules: ok([rule('4', '10.0.0.0/16', 5, 'RDONLY')]), expected: { verdict: 'warn', summary: /read-only: rule 4 .* is RDONLY, so NAS refuses writes/, fixes: ['nasAccessGroup-pod-rule'], decidedBy: 'k8s-pods/4' } },
  { name: 'the highest priority wins over a broader read-write rule', rules: ok([rule('5', '0.0.0.0/0', 50), rule('6', '10.0.1.0/24', 2, 'RDONLY')]), expected: { verdict: 'warn', summary: /rule 6/, decidedBy: 'k8s-pods/6' } },
  { name: 'the highest priority read-write wins over a lower read-only one', rules: ok([rule('7', '10.0.1.5/32', 1), rule('8', '10.0.0.0/8', 9, 'RDONLY')]), expected: { verdict: 'pass', summary: /rule 7/, decidedBy: 'k8s-pods/7' } },
  { name: 'Flannel: NAS sees the node IP', flannel: true, rules: ok([rule('9', '172.20.0.0/16', 1)]), expected: { verdict: 'block', summary: /covers 10\.0\.1\.9/ } },
  { name: 'Flannel: a rule for the node passes', flannel: true, rules: ok([rule('9', '10.0.1.9/32', 1)]), expected: { verdict: 'pass', summary: /lets 10\.0\.1\.9 mount/ } },
];

describe('the nasAccessGroup hop', () => {
  it.each(rows)('$name', (row) => {
    const hop = hopOf(row);
    expect(hop.verdict).toBe(row.expected.verdict);
    expect(hop.summary).toMatch(row.expected.summary);
    if (row.expected.fixes !== undefined) expect(hop.fixes.map((fix) => fix.id)).toStrictEqual(row.expected.fixes);
    if (row.expected.decidedBy !== undefined) expect(hop.evidence.decidedBy?.id ?? null).toBe(row.expected.decidedBy);
  });

  it('puts both reads in the basis of a verdict that rests on the rules, the error on the failed one', () => {
    const hop = hopOf({ name: '', rules: missing(factError({ resource: 'DescribeAccessRules k8s-pods' })), expected: { verdict: 'unknown', summary: /./ } });
    expect(hop.basis?.map((entry) => [entry.fact, entry.error === null])).toStrictEqual([
      [`DescribeMountTargets ${DOMAIN}`, true],
      ['DescribeAccessRules k8s-pods', false],
    ]);
  });

  it('words the fix as the CreateAccessRule request and its aliyun nas line, narrowest first', () => {
    const hop = hopOf({ name: '', rules: ok([rule('1', '10.0.2.0/24', 1)]), expected: { verdict: 'block', summary: /./ } });
    const [podRule, vSwitchRule] = hop.fixes;
    expect(podRule?.kind === 'manual' ? podRule.steps.slice(1) : []).toStrictEqual([
      expect.stringContaining('POST https://nas.cn-hangzhou.aliyuncs.com/ Action=CreateAccessRule Version=2017-06-26'),
      "aliyun nas CreateAccessRule --RegionId cn-hangzhou --AccessGroupName k8s-pods --FileSystemType standard --SourceCidrIp 10.0.1.5/32 --RWAccessType RDWR --UserAccessType no_squash --Priority 1",
    ]);
    expect(vSwitchRule?.kind === 'manual' ? vSwitchRule.steps[2] : '').toContain('--SourceCidrIp 10.0.1.0/24 --RWAccessType RDWR --UserAccessType no_squash --Priority 100');
  });

  it('puts the pod rule above a read-only rule that applies', () => {
    const hop = hopOf({ name: '', rules: ok([rule('4', '10.0.0.0/16', 5, 'RDONLY')]), expected: { verdict: 'warn', summary: /./ } });
    expect(hop.fixes[0]?.kind === 'manual' ? hop.fixes[0].steps[2] : '').toContain('--SourceCidrIp 10.0.1.5/32 --RWAccessType RDWR --UserAccessType no_squash --Priority 4');
  });

  it('says every sentence in Japanese and Chinese', () => {
    const hops = rows.map(hopOf);
    const messages = hops.flatMap((hop) => [hop.summaryMessage, ...(hop.evidence.noteMessages ?? []), ...hop.fixes.flatMap((fix) => [fix.titleMessage, fix.descriptionMessage, fix.riskMessage])]).filter((message): message is Message => message !== undefined && message !== null);
    expect(messages.length).toBeGreaterThan(20);
    for (const message of messages) {
      expect(formatMessage(ja, 'ja', message), message.id).not.toBeNull();
      expect(formatMessage(zh, 'zh', message), message.id).not.toBeNull();
    }
  });
});

describe('mount target domains and rule matching', () => {
  it.each([
    [DOMAIN, { domain: DOMAIN, fileSystemId: '1ca404a666', region: 'cn-hangzhou' }],
    ['174494B666-XOG95.cn-beijing.nas.aliyuncs.com.', { domain: '174494b666-xog95.cn-beijing.nas.aliyuncs.com', fileSystemId: '174494b666', region: 'cn-beijing' }],
    ['nas.cn-hangzhou.aliyuncs.com', null],
    ['1ca404a666.cn-hangzhou.nas.aliyuncs.com', null],
    ['10.0.9.20', null],
  ])('%s', (host, expected) => {
    expect(parseMountTargetDomain(host)).toStrictEqual(expected);
  });

  it('orders the covering rules by priority, 1 first, and skips IPv6-only rules for an IPv4 address', () => {
    const rules = [rule('a', '10.0.0.0/8', 30), rule('b', '10.0.1.5', 2), { ...rule('c', '', 1), ipv6SourceCidrIp: '2001:db8::/32' }, rule('d', '10.0.2.0/24', 1)];
    expect(matchingRules(rules, '10.0.1.5').map((item) => item.id)).toStrictEqual(['b', 'a']);
  });
});
