/**
 * The guess a diagnosis starts its cloud reads on: the last diagnosis's cluster facts (none for
 * a cluster not seen yet, nor for a Flannel pod on a node not seen yet), and the likely address
 * of the destination (none for cluster names).
 */
import { beforeEach, describe, expect, it } from 'vitest';

import { pod as podFixture } from '@/lib/analysis/__fixtures__/path-builders';
import type { ClusterInfo, Pod } from '@/lib/analysis/model';

import { forgetEarlyFactsForTests, guessEarlyFacts, likelyAddresses, rememberEarlyFacts } from './cloud-prefetch';

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
