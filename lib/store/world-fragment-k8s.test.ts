/** The annotation allowlist of saved facts and world exports. */
import { readdirSync, readFileSync, statSync } from 'node:fs';
import path from 'node:path';

import { describe, expect, it } from 'vitest';

import { ANALYSED_ANNOTATIONS, safeAnnotations } from './world-fragment-k8s';

describe('safeAnnotations', () => {
  const rows: Array<{ name: string; annotations: Record<string, string>; expected: Record<string, string> }> = [
    {
      name: 'keeps the ENI, EIP, security-group and network-policy-agent annotations the analysis reads',
      annotations: {
        'k8s.aliyun.com/eni-instance-id': 'eni-1',
        'k8s.aliyun.com/allocated-eipAddress': '47.0.0.1',
        'network.alibabacloud.com/security-group-ids': 'sg-1,sg-2',
        'alibabacloud.com/enable-network-policy-agent': 'true',
      },
      expected: {
        'k8s.aliyun.com/eni-instance-id': 'eni-1',
        'k8s.aliyun.com/allocated-eipAddress': '47.0.0.1',
        'network.alibabacloud.com/security-group-ids': 'sg-1,sg-2',
        'alibabacloud.com/enable-network-policy-agent': 'true',
      },
    },
    {
      name: 'drops secrets under innocent keys: an API key, a database URL with its password, a webhook URL',
      annotations: {
        'example.com/client': 'sk_live_51HxAbCdEf',
        'example.com/database': 'postgres://app:S3cret@db.internal:5432/app',
        'example.com/notify': 'https://hooks.slack.com/services/T0/B0/XYZ',
        'k8s.aliyun.com/eni-instance-id': 'eni-2',
      },
      expected: { 'k8s.aliyun.com/eni-instance-id': 'eni-2' },
    },
    {
      name: 'drops the last-applied manifest and look-alike keys',
      annotations: { 'kubectl.kubernetes.io/last-applied-configuration': '{"env":"x"}', 'k8s.aliyun.com/eni-instance-id-backup': 'eni-3', 'prometheus.io/scrape': 'true' },
      expected: {},
    },
  ];
  it.each(rows)('$name', ({ annotations, expected }) => {
    expect(safeAnnotations(annotations)).toStrictEqual(expected);
  });
});

/** Every `.ts` file (not tests, not fixtures) under `dir`. */
function sourceFiles(dir: string): string[] {
  return readdirSync(dir).flatMap((name) => {
    const full = path.join(dir, name);
    if (statSync(full).isDirectory()) return name === '__fixtures__' ? [] : sourceFiles(full);
    return name.endsWith('.ts') && !name.endsWith('.test.ts') ? [full] : [];
  });
}

describe('ANALYSED_ANNOTATIONS', () => {
  it('holds every annotation key the analysis, the fact collection and the Kubernetes adapter read', () => {
    const root = path.resolve(__dirname, '..');
    const dirs = ['analysis', 'diagnose', 'k8s', 'gates'].map((name) => path.join(root, name)).filter((dir) => statSync(dir, { throwIfNoEntry: false })?.isDirectory());
    const read = new Set<string>();
    for (const file of dirs.flatMap(sourceFiles)) {
      const text = readFileSync(file, 'utf8');
      for (const match of text.matchAll(/annotations\??\.?\[\s*'([^']+)'\s*\]/g)) read.add(match[1] ?? '');
      for (const match of text.matchAll(/[A-Za-z]*(?:ANNOTATION|Annotation)[A-Za-z_]*\s*=\s*'([^']+)'/g)) read.add(match[1] ?? '');
    }
    expect(read.size).toBeGreaterThanOrEqual(8);
    expect([...read].filter((key) => !ANALYSED_ANNOTATIONS.has(key))).toStrictEqual([]);
  });
});
