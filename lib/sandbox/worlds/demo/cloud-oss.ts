/**
 * OSS buckets of the demo account, their DNS names and the oss-* scenarios: a bucket whose
 * policy denies every VPC but the data team's (oss-policy-deny), one that admits the ACS VPC on
 * its internal endpoint (oss-internal-ok), and one that admits only the pod subnet — which the
 * public endpoint never sees, since the traffic leaves with the SNAT EIP (oss-public-sourceip).
 */
import type { WorldInput } from './build-demo-world';
import { cloudId } from './ids';
import { ACCOUNT_ID, REGION_ID, V_SWITCHES, VPCS } from './topology';

type Scenario = NonNullable<WorldInput['scenarios']>[number];
type DnsRecordInput = NonNullable<NonNullable<WorldInput['dns']>['records']>[number];

/** The data team's VPC (another VPC of the account, not modelled beyond its id). */
export const DATA_VPC_ID = cloudId('vpc', 'data');

/** The buckets, with the address each endpoint name resolves to (OSS internal endpoints are in 100.64.0.0/10). */
export const OSS_BUCKETS = {
  analytics: { name: 'analytics-exports-hz', host: `analytics-exports-hz.oss-${REGION_ID}-internal.aliyuncs.com`, address: '100.118.28.12' },
  assets: { name: 'shop-assets-hz', host: `shop-assets-hz.oss-${REGION_ID}-internal.aliyuncs.com`, address: '100.118.28.13' },
  media: { name: 'shop-media-hz', host: `shop-media-hz.oss-${REGION_ID}.aliyuncs.com`, address: '198.51.100.61' },
} as const;

const objects = (bucket: string) => [`acs:oss:*:${ACCOUNT_ID}:${bucket}/*`];
const podSubnet = V_SWITCHES.podsH.cidr;

/** `cloud.bucketPolicy` of the demo world. */
export function ossBuckets(): NonNullable<WorldInput['cloud']['bucketPolicy']> {
  return {
    buckets: [
      {
        Name: OSS_BUCKETS.analytics.name,
        Location: `oss-${REGION_ID}`,
        Acl: 'private',
        CreationDate: '2025-06-02T03:12:44.000Z',
        Policy: {
          Version: '1',
          Statement: [
            { Sid: 'DenyOutsideDataVpc', Effect: 'Deny', Principal: ['*'], Action: ['oss:*'], Resource: objects(OSS_BUCKETS.analytics.name), Condition: { StringNotEquals: { 'acs:SourceVpc': [DATA_VPC_ID] } } },
            { Sid: 'AllowDataVpc', Effect: 'Allow', Principal: ['*'], Action: ['oss:GetObject', 'oss:PutObject'], Resource: objects(OSS_BUCKETS.analytics.name), Condition: { StringEquals: { 'acs:SourceVpc': [DATA_VPC_ID] } } },
          ],
        },
      },
      {
        Name: OSS_BUCKETS.assets.name,
        Location: `oss-${REGION_ID}`,
        Acl: 'private',
        CreationDate: '2024-11-18T09:40:02.000Z',
        Policy: {
          Version: '1',
          Statement: [
            { Sid: 'AllowAcsProdVpc', Effect: 'Allow', Principal: ['*'], Action: ['oss:GetObject', 'oss:PutObject'], Resource: objects(OSS_BUCKETS.assets.name), Condition: { StringEquals: { 'acs:SourceVpc': [VPCS.prod.id] } } },
          ],
        },
      },
      {
        Name: OSS_BUCKETS.media.name,
        Location: `oss-${REGION_ID}`,
        Acl: 'private',
        CreationDate: '2025-02-27T12:05:31.000Z',
        Policy: {
          Version: '1',
          Statement: [
            {
              Sid: 'AllowShopPods',
              Effect: 'Allow',
              Principal: ['*'],
              Action: ['oss:GetObject', 'oss:PutObject'],
              Resource: objects(OSS_BUCKETS.media.name),
              Condition: { IpAddress: { 'acs:SourceIp': [podSubnet] }, StringEquals: { 'acs:SourceVpc': [VPCS.prod.id] } },
            },
            {
              Sid: 'DenyOutsideShopPods',
              Effect: 'Deny',
              Principal: ['*'],
              Action: ['oss:*'],
              Resource: objects(OSS_BUCKETS.media.name),
              Condition: { NotIpAddress: { 'acs:SourceIp': [podSubnet] }, StringNotEquals: { 'acs:SourceVpc': [VPCS.prod.id] } },
            },
          ],
        },
      },
    ],
  };
}

/** The buckets' endpoint names as the DNS answers them. */
export function ossDnsRecords(): DnsRecordInput[] {
  return Object.values(OSS_BUCKETS).map((bucket) => ({ name: bucket.host, type: 'A' as const, value: bucket.address, ttl: 60 }));
}

/** oss-policy-deny, oss-internal-ok, oss-public-sourceip. */
export function ossScenarios(): Scenario[] {
  const source = { cluster: 'acs-prod', namespace: 'shop', pod: 'storefront-web-7d9c8b6f5-x2lqk', port: 443, protocol: 'tcp' as const };
  return [
    {
      id: 'oss-policy-deny',
      title: 'Bucket policy denies every VPC but the data team’s (acs:SourceVpc)',
      ...source,
      destination: OSS_BUCKETS.analytics.host,
      expect: { verdict: 'blocked', blockingHop: 'bucketPolicy' },
    },
    { id: 'oss-internal-ok', title: 'Bucket policy admits the pod VPC on the internal endpoint', ...source, destination: OSS_BUCKETS.assets.host, expect: { verdict: 'reachable', blockingHop: null } },
    {
      id: 'oss-public-sourceip',
      title: 'Bucket policy admits the pod subnet, but on the public endpoint OSS sees the SNAT EIP',
      ...source,
      destination: OSS_BUCKETS.media.host,
      expect: { verdict: 'blocked', blockingHop: 'bucketPolicy' },
    },
  ];
}
