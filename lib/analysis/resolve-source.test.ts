import { describe, expect, it } from 'vitest';

import { eni, vSwitch } from './__fixtures__/cloud-builders';
import { clusterFacts, missing, ok, pathFacts } from './__fixtures__/path-builders';
import type { ClusterFacts, CloudFacts, ResolvedSource } from './model';
import { resolveSource } from './resolve-source';

const node = { name: 'node-1', internalIp: '10.0.0.20', providerId: 'cn-hangzhou.i-node1', labels: {} };

describe('resolveSource', () => {
  it.each<{ name: string; cluster?: Partial<ClusterFacts>; cloud?: Partial<CloudFacts>; expected: ResolvedSource }>([
    {
      name: 'vpc mode: the pod IP on the pod ENI, with its EIP',
      cloud: { sourceEni: ok(eni({ publicIp: { ip: '198.51.100.99', allocationId: 'eip-pod' } })) },
      expected: {
        podIp: '10.0.1.5',
        nodeName: 'virtual-kubelet-cn-hangzhou-h',
        nodeIp: null,
        networkMode: 'vpc',
        eniId: 'eni-pod',
        vpcId: 'vpc-1',
        vSwitchId: 'vsw-pod',
        vSwitchCidr: '10.0.1.0/24',
        securityGroupIds: ['sg-pod'],
        eip: '198.51.100.99',
        sourceAddress: '10.0.1.5',
      },
    },
    {
      name: 'flannel: the node IP on the node ENI and vSwitch',
      cluster: {
        cluster: { ...clusterFacts().cluster, networkMode: 'flannel' },
        node: ok(node),
        pod: { ...clusterFacts().pod, ip: '172.20.1.7', ips: ['172.20.1.7'], nodeName: 'node-1' },
      },
      cloud: {
        sourceEni: ok(eni({ id: 'eni-node', vSwitchId: 'vsw-node', primaryIp: '10.0.0.20', securityGroupIds: ['sg-node'] })),
        vSwitches: ok([vSwitch({ id: 'vsw-node', cidrBlock: '10.0.0.0/24' })]),
      },
      expected: {
        podIp: '172.20.1.7',
        nodeName: 'node-1',
        nodeIp: '10.0.0.20',
        networkMode: 'flannel',
        eniId: 'eni-node',
        vpcId: 'vpc-1',
        vSwitchId: 'vsw-node',
        vSwitchCidr: '10.0.0.0/24',
        securityGroupIds: ['sg-node'],
        eip: null,
        sourceAddress: '10.0.0.20',
      },
    },
    {
      name: 'missing ENI leaves the cloud fields null',
      cloud: { sourceEni: missing(), vSwitches: missing() },
      expected: {
        podIp: '10.0.1.5',
        nodeName: 'virtual-kubelet-cn-hangzhou-h',
        nodeIp: null,
        networkMode: 'vpc',
        eniId: null,
        vpcId: null,
        vSwitchId: null,
        vSwitchCidr: null,
        securityGroupIds: [],
        eip: null,
        sourceAddress: '10.0.1.5',
      },
    },
  ])('$name', ({ cluster, cloud, expected }) => {
    expect(resolveSource(pathFacts({ cluster, cloud }))).toStrictEqual(expected);
  });

  it.each<{ name: string; ips: string[]; destination: string | undefined; expected: string | null }>([
    { name: 'an IPv4 destination: the IPv4 pod IP', ips: ['10.0.1.5', '2408:4005:3ff:1::5'], destination: '203.0.113.10', expected: '10.0.1.5' },
    { name: 'an IPv6 destination from a dual-stack pod: its IPv6 address', ips: ['10.0.1.5', '2408:4005:3ff:1::5'], destination: '2001:db8::10', expected: '2408:4005:3ff:1::5' },
    { name: 'an IPv6 destination from an IPv4-only pod: the pod IP (podEgress blocks it)', ips: ['10.0.1.5'], destination: '2001:db8::10', expected: '10.0.1.5' },
    { name: 'no destination address: the pod IP', ips: ['10.0.1.5', '2408:4005:3ff:1::5'], destination: undefined, expected: '10.0.1.5' },
  ])('source address by family: $name', ({ ips, destination, expected }) => {
    const facts = pathFacts({ cluster: { pod: { ...clusterFacts().pod, ips } } });
    expect(resolveSource(facts, destination).sourceAddress).toBe(expected);
  });
});
