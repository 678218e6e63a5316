import { describe, expect, it } from 'vitest';

import { parseOssEndpoint } from './endpoint';

describe('parseOssEndpoint', () => {
  it.each([
    ['a virtual-hosted public endpoint', 'reports.oss-cn-hangzhou.aliyuncs.com', 'https://reports.oss-cn-hangzhou.aliyuncs.com', { bucket: 'reports', region: 'cn-hangzhou', internal: false, style: 'virtualHosted', objectKey: null }],
    ['a virtual-hosted internal endpoint with an object', 'reports.oss-cn-hangzhou-internal.aliyuncs.com', 'https://reports.oss-cn-hangzhou-internal.aliyuncs.com/2026/11/day.csv?x=1', { bucket: 'reports', region: 'cn-hangzhou', internal: true, style: 'virtualHosted', objectKey: '2026/11/day.csv' }],
    ['a region with a number', 'media-eu.oss-ap-southeast-1.aliyuncs.com', 'media-eu.oss-ap-southeast-1.aliyuncs.com:443', { bucket: 'media-eu', region: 'ap-southeast-1', internal: false, style: 'virtualHosted', objectKey: null }],
    ['a path-style URL', 'oss-cn-shanghai.aliyuncs.com', 'https://oss-cn-shanghai.aliyuncs.com/backups/db/dump%201.sql', { bucket: 'backups', region: 'cn-shanghai', internal: false, style: 'path', objectKey: 'db/dump 1.sql' }],
    ['a path-style internal URL without scheme', 'oss-cn-shanghai-internal.aliyuncs.com', 'oss-cn-shanghai-internal.aliyuncs.com/backups', { bucket: 'backups', region: 'cn-shanghai', internal: true, style: 'path', objectKey: null }],
    ['upper case and a trailing dot', 'Reports.OSS-cn-hangzhou.aliyuncs.com.', 'Reports.OSS-cn-hangzhou.aliyuncs.com.', { bucket: 'reports', region: 'cn-hangzhou', internal: false, style: 'virtualHosted', objectKey: null }],
  ])('recognises %s', (_name, host, destination, expected) => {
    expect(parseOssEndpoint(host, destination)).toStrictEqual(expected);
  });

  it.each([
    ['a region endpoint without a bucket in the path', 'oss-cn-hangzhou.aliyuncs.com', 'https://oss-cn-hangzhou.aliyuncs.com/'],
    ['the global acceleration endpoint', 'reports.oss-accelerate.aliyuncs.com', 'reports.oss-accelerate.aliyuncs.com'],
    ['another Alibaba Cloud service', 'rm-bp1abc.mysql.rds.aliyuncs.com', 'rm-bp1abc.mysql.rds.aliyuncs.com:3306'],
    ['a look-alike domain', 'reports.oss-cn-hangzhou.aliyuncs.com.evil.example', 'reports.oss-cn-hangzhou.aliyuncs.com.evil.example'],
    ['a bucket name too short', 'ab.oss-cn-hangzhou.aliyuncs.com', 'ab.oss-cn-hangzhou.aliyuncs.com'],
  ])('does not take %s for an OSS bucket', (_name, host, destination) => {
    expect(parseOssEndpoint(host, destination)).toBeNull();
  });
});
