/**
 * The proof rule end to end: classifyDestination + evaluatePath with the real hops. A read
 * that fails on the destination side never lets the path come back reachable.
 */
import { describe, expect, it } from 'vitest';

import { loadBalancer, listener, slbAcl, whitelistGroup } from './__fixtures__/cloud-builders';
import { factError, missing, ok, pathFacts } from './__fixtures__/path-builders';
import { classifyDestination } from './classify-destination';
import { evaluatePath } from './evaluate-path';
import type { ClusterFacts, CloudFacts, DestinationOwner, HopKind, HopVerdict, Verdict, WhitelistAddressLookup } from './model';

const slbForbidden = factError({ resource: 'DescribeLoadBalancers 10.0.3.10', code: 'Throttling.User', reason: 'throttled', message: 'Request was denied due to user flow control.' });
const eniFailed = factError({ resource: 'DescribeNetworkInterfaces 10.0.3.10', code: 'ServiceUnavailable', reason: 'error', message: 'The request has failed due to a temporary failure of the server.' });
const servicesForbidden = factError({ source: 'k8s', resource: 'services in all namespaces', code: '403', message: 'services is forbidden' });

function diagnose(host: string, overrides: { cluster?: Partial<ClusterFacts>; cloud?: Partial<CloudFacts> }) {
  const facts = pathFacts({ ...overrides, host, port: 80 });
  const destination = classifyDestination({
    host,
    addresses: [host],
    cluster: facts.cluster,
    destinationEni: facts.cloud.destinationEni,
    loadBalancer: facts.cloud.loadBalancer,
    whitelistService: null,
    whitelistInstanceId: null,
    whitelistAddress: facts.cloud.destinationOwners?.find((owner) => owner.address === host)?.whitelistInstance ?? null,
  });
  return evaluatePath(facts, destination);
}

const polardbRefused = factError({ resource: 'DescribeDBClusters cn-hangzhou', code: 'Forbidden.RAM', reason: 'forbidden', message: 'You are not authorized to do this action.' });
/** The owners of `address` as the orchestrator hands them over after matching it against the VPC's instances. */
const ownedBy = (address: string, whitelistInstance: WhitelistAddressLookup): DestinationOwner[] => [{ address, destinationEni: ok(null), loadBalancer: ok(null), whitelistInstance }];

const hopOf = (verdicts: Array<{ kind: HopKind; verdict: HopVerdict; reason: string | null }>, kind: HopKind) => verdicts.find((hop) => hop.kind === kind);

describe('evaluatePath proves reachable', () => {
  const blacklisted = ok(loadBalancer({ address: '10.0.3.10', listeners: [listener({ port: 80, aclType: 'black' })] }));
  it.each<{ name: string; host: string; cluster?: Partial<ClusterFacts>; cloud?: Partial<CloudFacts>; expected: { verdict: Verdict; hop: HopKind; hopVerdict: HopVerdict; reasonHas: string | null } }>([
    { name: 'control: a VPC address with every lookup read is reachable', host: '10.0.3.10', expected: { verdict: 'reachable', hop: 'destinationAcl', hopVerdict: 'skip', reasonHas: 'not an ECS instance or SLB' } },
    {
      name: 'control: the SLB read, its blacklist holding the pod, blocks',
      host: '10.0.3.10',
      cloud: { loadBalancer: blacklisted, slbAcls: ok([slbAcl({ id: 'acl-1', entries: [{ cidr: '10.0.1.0/24', comment: 'pods' }] })]) },
      expected: { verdict: 'blocked', hop: 'destinationAcl', hopVerdict: 'block', reasonHas: null },
    },
    {
      name: 'DescribeLoadBalancers throttled: destinationAcl unknown naming the read, not skip',
      host: '10.0.3.10',
      cloud: { loadBalancer: missing(slbForbidden) },
      expected: { verdict: 'unknown', hop: 'destinationAcl', hopVerdict: 'unknown', reasonHas: 'DescribeLoadBalancers could not be read (Throttling.User' },
    },
    {
      name: 'DescribeLoadBalancers throttled for a public address too',
      host: '203.0.113.10',
      cloud: { loadBalancer: missing(slbForbidden) },
      expected: { verdict: 'unknown', hop: 'destinationAcl', hopVerdict: 'unknown', reasonHas: 'whether 203.0.113.10 is an SLB address' },
    },
    {
      name: 'the destination ENI lookup failed: destinationAcl unknown',
      host: '10.0.3.10',
      cloud: { destinationEni: missing(eniFailed) },
      expected: { verdict: 'unknown', hop: 'destinationAcl', hopVerdict: 'unknown', reasonHas: 'whether 10.0.3.10 belongs to an ECS instance' },
    },
    {
      name: 'the PolarDB listing refused: a bare VPC address may be a cluster behind a whitelist, so the whitelist hop is unknown',
      host: '10.0.3.10',
      cloud: {
        destinationOwners: ownedBy('10.0.3.10', {
          owner: null,
          open: [{ couldBe: 'polardb', fact: 'DescribeDBClusters, DescribeDBClusterEndpoints', neededFor: 'whether 10.0.3.10 is the VPC address of one of the PolarDB instances', error: polardbRefused }],
        }),
      },
      expected: { verdict: 'unknown', hop: 'whitelist', hopVerdict: 'unknown', reasonHas: 'DescribeDBClusters, DescribeDBClusterEndpoints could not be read (Forbidden.RAM' },
    },
    {
      name: 'the VPC address of an RDS instance whose whitelist lacks the pod: blocked at the whitelist',
      host: '10.0.3.10',
      cloud: {
        destinationOwners: ownedBy('10.0.3.10', { owner: { service: 'rds', instanceId: 'rm-orders' }, open: [] }),
        whitelist: ok({ service: 'rds', instanceId: 'rm-orders', groups: [whitelistGroup({ name: 'default', entries: ['127.0.0.1'] })], securityGroups: ok([]), templates: ok([]) }),
      },
      expected: { verdict: 'blocked', hop: 'whitelist', hopVerdict: 'block', reasonHas: null },
    },
    {
      name: 'matched by address but its whitelist not read: unknown, never reachable',
      host: '10.0.3.10',
      cloud: { destinationOwners: ownedBy('10.0.3.10', { owner: { service: 'redis', instanceId: 'r-cart' }, open: [] }), whitelist: null },
      expected: { verdict: 'unknown', hop: 'whitelist', hopVerdict: 'unknown', reasonHas: 'the whitelist of r-cart was not read' },
    },
    {
      name: 'Services forbidden: lbPolicy unknown for an address that may be a cluster LoadBalancer',
      host: '203.0.113.10',
      cluster: { services: missing(servicesForbidden) },
      expected: { verdict: 'unknown', hop: 'lbPolicy', hopVerdict: 'unknown', reasonHas: 'services could not be read (403' },
    },
  ])('$name', ({ host, cluster, cloud, expected }) => {
    const diagnosis = diagnose(host, { cluster, cloud });
    const hop = hopOf(diagnosis.hops, expected.hop);
    expect({
      verdict: diagnosis.verdict,
      hop: expected.hop,
      hopVerdict: hop?.verdict,
      reasonHas: expected.reasonHas === null || hop?.reason?.includes(expected.reasonHas) ? expected.reasonHas : hop?.reason,
    }).toStrictEqual(expected);
  });

  it('a SLB found with the ENI lookup failed is still decided (the ENI would not change an SLB)', () => {
    const diagnosis = diagnose('10.0.3.10', { cloud: { loadBalancer: ok(loadBalancer({ address: '10.0.3.10', listeners: [listener({ port: 80, aclStatus: 'off' })] })), destinationEni: missing(eniFailed) } });
    expect(hopOf(diagnosis.hops, 'destinationAcl')?.verdict).toBe('pass');
  });
});
