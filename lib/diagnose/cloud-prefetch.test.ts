/**
 * The guess a diagnosis starts its cloud reads on: the last diagnosis's cluster facts (none for
 * a cluster not seen yet, nor for a Flannel pod on a node not seen yet), and the likely address
 * of the destination (none for cluster names).
 */
import { beforeEach, describe, expect, it } from 'vitest';

import { pod as podFixture } from '@/lib/analysis/__fixtures__/path-builders';
import type { ClusterInfo, NetworkInterface, Pod } from '@/lib/analysis/model';

import type { SourceEniLookup } from './cloud-facts';
import { forgetEarlyFactsForTests, guessEarlyFacts, guessSourceEni, likelyAddresses, rememberEarlyFacts, rememberSourceEni } from './cloud-prefetch';

const info = (networkMode: ClusterInfo['networkMode']): ClusterInfo => ({
  name: 'c1',
  kind: 'ack',
  networkMode,
  region: 'cn-hangzhou',
  clusterDomain: 'cluster.local',
  networkPolicyEnforcement: 'always',
  enforcementReason: '',
});
const pod = (nodeName: string | null): Pod => podFixture({ nodeName });
const node = { name: 'node-a', internalIp: '10.0.1.1', providerId: null, labels: {} };

beforeEach(() => forgetEarlyFactsForTests());

describe('guessEarlyFacts', () => {
  it.each([
    { name: 'a cluster not diagnosed yet: no guess', remembered: null, asked: pod('node-a'), expected: null },
    { name: 'VPC mode (ACS, Terway): the last cluster facts, whatever the node', remembered: { mode: 'vpc' as const, pod: pod('node-a') }, asked: pod('node-b'), expected: { region: 'cn-hangzhou', node: null } },
    { name: 'Flannel on a node seen before: its address', remembered: { mode: 'flannel' as const, pod: pod('node-a') }, asked: pod('node-a'), expected: { region: 'cn-hangzhou', node: '10.0.1.1' } },
    { name: 'Flannel on a node not seen yet: no guess (the source is the node)', remembered: { mode: 'flannel' as const, pod: pod('node-a') }, asked: pod('node-b'), expected: null },
  ])('$name', ({ remembered, asked, expected }) => {
    if (remembered) rememberEarlyFacts('c1', remembered.pod, { cluster: info(remembered.mode), node: { kind: 'ok', value: remembered.pod.nodeName === 'node-a' ? node : null } });
    const guess = guessEarlyFacts('c1', asked);
    expect(guess === null ? null : { region: guess.cluster.region, node: guess.node.kind === 'ok' ? (guess.node.value?.internalIp ?? null) : 'missing' }).toStrictEqual(expected);
  });
});

const seenEni: NetworkInterface = {
  id: 'eni-seen',
  type: 'Secondary',
  status: 'InUse',
  instanceId: 'eci-1',
  vpcId: 'vpc-1',
  vSwitchId: 'vsw-pods',
  zoneId: 'cn-hangzhou-h',
  primaryIp: '10.0.32.21',
  privateIps: ['10.0.32.21'],
  securityGroupIds: ['sg-pods'],
  publicIp: { ip: '203.0.113.9', allocationId: 'eip-1' },
};

describe('guessSourceEni', () => {
  const byIp = (address: string): SourceEniLookup => ({ kind: 'privateIp', address });
  it.each([
    { name: 'the same lookup: the ENI it found', asked: byIp('10.0.32.21'), podIp: null, expected: { id: 'eni-seen', vSwitchId: 'vsw-pods', groups: ['sg-pods'], publicIp: '203.0.113.9' } },
    { name: 'another address in the same vSwitch block: that vSwitch and VPC, no groups, no public address', asked: byIp('10.0.32.77'), podIp: null, expected: { id: '', vSwitchId: 'vsw-pods', groups: [], publicIp: null } },
    { name: 'an ENI id, its pod address in the block: the same', asked: { kind: 'eniId', eniId: 'eni-other' } as const, podIp: '10.0.32.78', expected: { id: '', vSwitchId: 'vsw-pods', groups: [], publicIp: null } },
    { name: 'an address outside every vSwitch block seen: no guess', asked: byIp('10.0.33.5'), podIp: null, expected: null },
    { name: 'a source with nothing to look up: no guess', asked: { kind: 'none', reason: 'no IP yet' } as const, podIp: null, expected: null },
  ])('$name', ({ asked, podIp, expected }) => {
    rememberSourceEni('c1', byIp('10.0.32.21'), seenEni, '10.0.32.0/24');
    const guess = guessSourceEni('c1', asked, podIp);
    const eni = guess?.kind === 'lastSeen' ? guess.eni : null;
    expect(eni === null ? null : { id: eni.id, vSwitchId: eni.vSwitchId, groups: eni.securityGroupIds, publicIp: eni.publicIp?.ip ?? null }).toStrictEqual(expected);
  });

  it('forgets the ENI when the lookup later finds none, and guesses nothing in another cluster', () => {
    rememberSourceEni('c1', byIp('10.0.32.21'), seenEni, null);
    expect(guessSourceEni('c2', byIp('10.0.32.21'))).toBeNull();
    rememberSourceEni('c1', byIp('10.0.32.21'), null);
    expect(guessSourceEni('c1', byIp('10.0.32.21'))).toBeNull();
  });
});

describe('likelyAddresses', () => {
  it.each([
    ['an address is itself', '203.0.113.9', ['203.0.113.9']],
    ['a single-label name is a cluster or search-list name', 'redis', []],
    ['a name in the cluster domain is the cluster’s', 'redis.shop.svc.cluster.local', []],
    ['the cluster domain itself', 'cluster.local.', []],
  ])('%s', async (_name, host, expected) => {
    expect(await likelyAddresses(host, info('vpc'))).toStrictEqual(expected);
  });
});
