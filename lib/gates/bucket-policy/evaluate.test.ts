/**
 * The bucketPolicy hop, table-driven: endpoint checks, explicit Deny first, Allow, the ACL,
 * what is left open by the pod's identity, and failed reads.
 */
import { describe, expect, it } from 'vitest';

import { eni } from '@/lib/analysis/__fixtures__/cloud-builders';
import { destination, factError, missing, ok, pathContext, pathFacts } from '@/lib/analysis/__fixtures__/path-builders';
import { english, formatMessage, type Message } from '@/lib/analysis/message';
import type { Fact, Hop } from '@/lib/analysis/model';
import ja from '@/messages/ja.json';
import zh from '@/messages/zh.json';

import { parseOssEndpoint } from './endpoint';
import type { BucketAcl, BucketFacts, BucketInfo, BucketPolicy } from './facts';
import { evaluateBucketPolicyHop } from './gate';
import { toBucketPolicy } from './policy-document';

const OWNER = '1583240961722507';

function policyOf(...statements: Array<Record<string, unknown>>): BucketPolicy {
  const parsed = toBucketPolicy(JSON.stringify({ Version: '1', Statement: statements }));
  if (!parsed.ok) throw new Error(parsed.message);
  return parsed.value;
}

const info = (overrides: Partial<BucketInfo> = {}): BucketInfo => ({ name: 'reports', region: 'cn-hangzhou', ownerId: OWNER, extranetEndpoint: null, intranetEndpoint: null, ...overrides });
const objects = [`acs:oss:*:${OWNER}:reports/*`];
const allowVpc = (vpc: string) => ({ Sid: 'AllowVpc', Effect: 'Allow', Principal: ['*'], Action: ['oss:GetObject', 'oss:PutObject'], Resource: objects, Condition: { StringEquals: { 'acs:SourceVpc': [vpc] } } });
const denyOutsideVpc = (vpc: string) => ({ Sid: 'DenyOutsideVpc', Effect: 'Deny', Principal: ['*'], Action: ['oss:*'], Resource: objects, Condition: { StringNotEquals: { 'acs:SourceVpc': [vpc] } } });
const denyOutsideSubnet = { Sid: 'DenyOutsidePods', Effect: 'Deny', Principal: ['*'], Action: ['oss:*'], Resource: objects, Condition: { NotIpAddress: { 'acs:SourceIp': ['10.0.1.0/24'] }, StringNotEquals: { 'acs:SourceVpc': ['vpc-1'] } } };

interface Row {
  host: string;
  url?: string;
  address: string;
  info?: Fact<BucketInfo | null>;
  policy?: Fact<BucketPolicy | null>;
  acl?: Fact<BucketAcl>;
  region?: string;
  cloud?: NonNullable<Parameters<typeof pathFacts>[0]>['cloud'];
}

function hopOf(row: Row): Hop {
  const url = row.url ?? `https://${row.host}/a.csv`;
  const endpoint = parseOssEndpoint(row.host, url);
  const bucket: BucketFacts | null = endpoint && { endpoint, info: row.info ?? ok(info()), policy: row.policy ?? ok(null), acl: row.acl ?? ok('private') };
  const facts = pathFacts({ host: row.host, cloud: { ...row.cloud, gates: { bucketPolicy: ok(bucket) } }, cluster: row.region === undefined ? {} : { cluster: { ...pathFacts().cluster.cluster, region: row.region } } });
  const withUrl = { ...facts, request: { ...facts.request, destination: url } };
  const kind = row.address.startsWith('100.') ? 'vpc' : 'internet';
  return evaluateBucketPolicyHop(withUrl, pathContext(withUrl, destination(kind, [row.address])));
}

/** What a row asserts: verdict, summary and the fixes offered (by id). */
const view = (hop: Hop) => ({ verdict: hop.verdict, summary: hop.summary, fixes: hop.fixes.map((fix) => fix.id) });

const internalHost = 'reports.oss-cn-hangzhou-internal.aliyuncs.com';
const publicHost = 'reports.oss-cn-hangzhou.aliyuncs.com';

describe('the bucketPolicy hop', () => {
  it.each<[string, Row, ReturnType<typeof view>]>([
    ['skips a destination that is no OSS endpoint', { host: 'api.partner.example.com', address: '203.0.113.20' }, { verdict: 'skip', summary: 'Not applicable: not an OSS endpoint', fixes: [] }],
    [
      'passes an Allow on the pod VPC at the internal endpoint',
      { host: internalHost, address: '100.118.28.12', policy: ok(policyOf(allowVpc('vpc-1'))) },
      { verdict: 'pass', summary: 'reports admits it: Allow AllowVpc; OSS sees pod IP 10.0.1.5, from vpc-1', fixes: [] },
    ],
    [
      'blocks an explicit Deny on acs:SourceVpc, whatever Allow says',
      { host: internalHost, address: '100.118.28.12', policy: ok(policyOf(allowVpc('vpc-1'), denyOutsideVpc('vpc-data'))) },
      {
        verdict: 'block',
        summary: "reports's policy denies it: Deny DenyOutsideVpc (StringNotEquals acs:SourceVpc [vpc-data]); OSS sees pod IP 10.0.1.5, from vpc-1",
        fixes: ['bucketPolicy-respect-deny', 'bucketPolicy-amend-deny'],
      },
    ],
    [
      'blocks on the public endpoint: the policy admits the pod subnet, OSS sees the SNAT EIP',
      { host: publicHost, address: '198.51.100.61', policy: ok(policyOf({ ...allowVpc('vpc-1'), Condition: { IpAddress: { 'acs:SourceIp': ['10.0.1.0/24'] }, StringEquals: { 'acs:SourceVpc': ['vpc-1'] } } }, denyOutsideSubnet)) },
      {
        verdict: 'block',
        summary: "reports's policy denies it: Deny DenyOutsidePods (NotIpAddress acs:SourceIp [10.0.1.0/24]; StringNotEquals acs:SourceVpc [vpc-1]); OSS sees SNAT EIP 198.51.100.20, from no VPC",
        fixes: ['bucketPolicy-respect-deny', 'bucketPolicy-amend-deny'],
      },
    ],
    [
      'passes the same policy at the internal endpoint, where OSS sees the pod address',
      { host: internalHost, address: '100.118.28.12', policy: ok(policyOf({ ...allowVpc('vpc-1'), Condition: { IpAddress: { 'acs:SourceIp': ['10.0.1.0/24'] }, StringEquals: { 'acs:SourceVpc': ['vpc-1'] } } }, denyOutsideSubnet)) },
      { verdict: 'pass', summary: 'reports admits it: Allow AllowVpc; OSS sees pod IP 10.0.1.5, from vpc-1', fixes: [] },
    ],
    [
      'sees the pod’s own EIP on the public endpoint',
      { host: publicHost, address: '198.51.100.61', policy: ok(policyOf(denyOutsideSubnet)), cloud: { sourceEni: ok(eni({ publicIp: { ip: '198.51.100.50', allocationId: 'eip-pod' } })) } },
      {
        verdict: 'block',
        summary: "reports's policy denies it: Deny DenyOutsidePods (NotIpAddress acs:SourceIp [10.0.1.0/24]; StringNotEquals acs:SourceVpc [vpc-1]); OSS sees pod EIP 198.51.100.50, from no VPC",
        fixes: ['bucketPolicy-respect-deny', 'bucketPolicy-amend-deny'],
      },
    ],
    [
      'leaves a source-address Deny open when the SNAT entries were not read',
      { host: publicHost, address: '198.51.100.61', policy: ok(policyOf({ ...denyOutsideSubnet, Condition: { NotIpAddress: { 'acs:SourceIp': ['10.0.1.0/24'] } } })), cloud: { snatEntries: missing() } },
      {
        verdict: 'unknown',
        summary: 'Cannot tell: Deny DenyOutsidePods may apply: acs:SourceIp needs the address OSS sees: the route table, NAT gateway or SNAT entries of the source could not be read',
        fixes: [],
      },
    ],
    [
      'passes a public-read ACL when no statement decides',
      { host: publicHost, address: '198.51.100.61', acl: ok('public-read') },
      { verdict: 'warn', summary: 'reports admits it: the bucket ACL public-read; OSS sees SNAT EIP 198.51.100.20, from no VPC', fixes: [] },
    ],
    [
      'says the pod identity decides when nothing grants everyone',
      { host: internalHost, address: '100.118.28.12' },
      {
        verdict: 'unknown',
        summary:
          "Cannot tell: no statement of reports's policy and not its ACL (private) grants it to every signer: it rests on the identity the pod signs with (its AccessKey's RAM user or its RRSA role), which is not visible",
        fixes: ['bucketPolicy-allow-source'],
      },
    ],
    [
      'leaves an Allow naming principals open',
      { host: internalHost, address: '100.118.28.12', policy: ok(policyOf({ ...allowVpc('vpc-1'), Principal: ['acs:ram::1583240961722507:role/etl'] })) },
      {
        verdict: 'unknown',
        summary: 'Cannot tell: Allow AllowVpc may grant it: it names principals acs:ram::1583240961722507:role/etl; the identity the pod signs with (an AccessKey, an RRSA role) is not visible',
        fixes: [],
      },
    ],
    [
      'blocks the internal endpoint of another region',
      { host: 'reports.oss-cn-shanghai-internal.aliyuncs.com', address: '100.98.1.1', info: ok(info({ region: 'cn-shanghai' })) },
      { verdict: 'block', summary: 'The internal endpoint of cn-shanghai does not answer from cn-hangzhou', fixes: ['bucketPolicy-endpoint'] },
    ],
    [
      'blocks a bucket addressed at another region’s endpoint',
      { host: publicHost, address: '198.51.100.61', info: ok(info({ region: 'cn-beijing' })) },
      { verdict: 'block', summary: "reports is in cn-beijing, not cn-hangzhou: OSS answers AccessDenied at another region's endpoint", fixes: ['bucketPolicy-endpoint'] },
    ],
    ['blocks a bucket that does not exist', { host: publicHost, address: '198.51.100.61', info: ok(null) }, { verdict: 'block', summary: 'OSS has no bucket reports (NoSuchBucket)', fixes: [] }],
    [
      'is unknown when the policy could not be read',
      { host: internalHost, address: '100.118.28.12', policy: missing(factError({ resource: 'GetBucketPolicy reports', code: 'AccessDenied', message: 'You are forbidden to oss:GetBucketPolicy.' })) },
      { verdict: 'unknown', summary: 'Cannot tell: AccessDenied on GetBucketPolicy reports: You are forbidden to oss:GetBucketPolicy.', fixes: [] },
    ],
    [
      'still blocks on an explicit Deny when the bucket information could not be read',
      { host: internalHost, address: '100.118.28.12', info: missing(), policy: ok(policyOf(denyOutsideVpc('vpc-data'))) },
      {
        verdict: 'block',
        summary: "reports's policy denies it: Deny DenyOutsideVpc (StringNotEquals acs:SourceVpc [vpc-data]); OSS sees pod IP 10.0.1.5, from vpc-1",
        fixes: ['bucketPolicy-respect-deny', 'bucketPolicy-amend-deny'],
      },
    ],
    [
      'reads a path-style URL',
      { host: 'oss-cn-hangzhou-internal.aliyuncs.com', url: 'https://oss-cn-hangzhou-internal.aliyuncs.com/reports/a.csv', address: '100.118.28.12', policy: ok(policyOf(allowVpc('vpc-1'))) },
      { verdict: 'pass', summary: 'reports admits it: Allow AllowVpc; OSS sees pod IP 10.0.1.5, from vpc-1', fixes: [] },
    ],
  ])('%s', (_name, row, expected) => {
    expect(view(hopOf(row))).toStrictEqual(expected);
  });

  it.each<[string, Row]>([
    ['the skip of a destination that is no OSS endpoint', { host: 'api.partner.example.com', address: '203.0.113.20' }],
    ['an explicit Deny on acs:SourceVpc', { host: internalHost, address: '100.118.28.12', policy: ok(policyOf(denyOutsideVpc('vpc-data'))) }],
    ['an Allow on the pod VPC', { host: internalHost, address: '100.118.28.12', policy: ok(policyOf(allowVpc('vpc-1'))) }],
    ['a public ACL on the public endpoint', { host: publicHost, address: '198.51.100.61', acl: ok('public-read') }],
    ['only the pod identity could grant it', { host: internalHost, address: '100.118.28.12' }],
    ['an internal endpoint of another region', { host: 'reports.oss-cn-shanghai-internal.aliyuncs.com', address: '100.118.28.12' }],
  ])('says %s in messages: English as the text beside them, Japanese and Chinese from their catalogs', (_name, row) => {
    const hop = hopOf(row);
    const messages = [hop.summaryMessage, hop.reasonMessage, ...(hop.evidence.noteMessages ?? []), ...hop.evidence.tables.map((table) => table.titleMessage)].filter((message): message is Message => message !== undefined && message !== null);
    const said = (locale: 'ja' | 'zh', message: Message) => formatMessage(locale === 'ja' ? ja : zh, locale, message);
    expect(hop.summaryMessage).toBeDefined();
    expect({
      english: english(hop.summaryMessage ?? { id: '' }) === hop.summary,
      sameInJapanese: messages.filter((message) => said('ja', message) === null || said('ja', message) === english(message)).map((message) => message.id),
      sameInChinese: messages.filter((message) => said('zh', message) === null || said('zh', message) === english(message)).map((message) => message.id),
    }).toStrictEqual({ english: true, sameInJapanese: [], sameInChinese: [] });
  });

  it('puts the reads it rests on in its basis: the ACL only when no statement decides', () => {
    const decided = hopOf({ host: internalHost, address: '100.118.28.12', policy: ok(policyOf(allowVpc('vpc-1'))), acl: missing() });
    const fellThrough = hopOf({ host: internalHost, address: '100.118.28.12', acl: missing() });
    expect([decided.basis?.map((entry) => [entry.fact, entry.error !== null]), fellThrough.verdict, fellThrough.basis?.map((entry) => [entry.fact, entry.error !== null])]).toStrictEqual([
      [
        ['GetBucketInfo reports', false],
        ['GetBucketPolicy reports', false],
      ],
      'unknown',
      [
        ['GetBucketInfo reports', false],
        ['GetBucketPolicy reports', false],
        ['GetBucketAcl reports', true],
      ],
    ]);
  });

  it('offers the whole policy with the Allow added as the fix, and the respectful path first on a Deny', () => {
    const hop = hopOf({ host: publicHost, address: '198.51.100.61', policy: ok(policyOf(denyOutsideSubnet)) });
    const [respect, amend] = hop.fixes;
    const steps = amend?.kind === 'manual' ? amend.steps : [];
    expect({
      intent: hop.evidence.intent?.control.id,
      respect: respect?.kind === 'manual' ? respect.steps[0] : null,
      exception: amend?.exception !== undefined,
      statements: JSON.parse(steps[1] ?? '{}').Statement.map((statement: { Sid: string }) => statement.Sid),
      commands: steps.slice(2),
    }).toStrictEqual({
      intent: 'reports/DenyOutsidePods',
      respect: "Use the internal endpoint reports.oss-cn-hangzhou-internal.aliyuncs.com: OSS then sees the pod's private address from its VPC, which is what such a policy usually admits.",
      exception: true,
      statements: ['DenyOutsidePods', 'AllowEgressDoctorIp'],
      commands: ['aliyun oss bucket-policy --method put oss://reports policy.json', 'ossutil api put-bucket-policy --bucket reports --body file://policy.json'],
    });
  });
});
