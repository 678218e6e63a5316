import { describe, expect, it } from 'vitest';

import { pod } from './__fixtures__/path-builders';
import { podAnnotatedEip, type AnnotatedEip } from './pod-eip';

describe('podAnnotatedEip', () => {
  it.each<{ name: string; annotations: Record<string, string>; expected: AnnotatedEip | null }>([
    { name: 'no annotation: none', annotations: {}, expected: null },
    { name: 'pod-with-eip alone names no EIP yet', annotations: { 'network.alibabacloud.com/pod-with-eip': 'true' }, expected: null },
    {
      name: 'ACS existing-EIP annotation',
      annotations: { 'network.alibabacloud.com/pod-eip-instanceid': 'eip-1' },
      expected: { allocationId: 'eip-1', ip: null, annotation: 'network.alibabacloud.com/pod-eip-instanceid' },
    },
    {
      name: 'ECI result annotations give both',
      annotations: { 'k8s.aliyun.com/allocated-eipInstanceId': 'eip-2', 'k8s.aliyun.com/allocated-eipAddress': '198.51.100.9' },
      expected: { allocationId: 'eip-2', ip: '198.51.100.9', annotation: 'k8s.aliyun.com/allocated-eipInstanceId' },
    },
    {
      name: 'the requested EIP wins over the reported one',
      annotations: { 'k8s.aliyun.com/allocated-eipInstanceId': 'eip-old', 'k8s.aliyun.com/eci-eip-instanceid': 'eip-new' },
      expected: { allocationId: 'eip-new', ip: null, annotation: 'k8s.aliyun.com/eci-eip-instanceid' },
    },
    { name: 'an address alone', annotations: { 'k8s.aliyun.com/allocated-eipAddress': ' 198.51.100.9 ' }, expected: { allocationId: null, ip: '198.51.100.9', annotation: 'k8s.aliyun.com/allocated-eipAddress' } },
    { name: 'empty values name nothing', annotations: { 'k8s.aliyun.com/pod-eip-instanceid': '', 'k8s.aliyun.com/allocated-eipAddress': '' }, expected: null },
  ])('$name', ({ annotations, expected }) => {
    expect(podAnnotatedEip(pod({ annotations }))).toStrictEqual(expected);
  });
});
