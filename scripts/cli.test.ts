import { execFile } from 'node:child_process';
import { mkdtemp, rm, writeFile } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import path from 'node:path';

import { afterAll, beforeAll, describe, expect, it } from 'vitest';

import { loadWorldFile } from '@/lib/sandbox/world/load';

/** Runs the CLI as `npm run cli` does and returns its exit code and output. */
function cli(args: string[]): Promise<{ code: number; stdout: string; stderr: string }> {
  return new Promise((resolve) => {
    execFile(process.execPath, ['--conditions=react-server', '--import', 'tsx', 'scripts/cli.ts', ...args], { cwd: path.resolve(import.meta.dirname, '..'), timeout: 120_000 }, (error, stdout, stderr) => {
      const code = error && typeof error.code === 'number' ? error.code : error ? -1 : 0;
      resolve({ code, stdout, stderr });
    });
  });
}

const world = ['--world', 'lib/sandbox/worlds/demo.yaml'];

describe('npm run cli', () => {
  let dir = '';
  beforeAll(async () => {
    dir = await mkdtemp(path.join(tmpdir(), 'egress-cli-'));
  });
  afterAll(async () => {
    await rm(dir, { recursive: true, force: true });
  });

  it('runs every scenario of the demo world and exits 0 when all match', async () => {
    const result = await cli(['scenarios', ...world, '--json']);
    const outcomes: unknown = JSON.parse(result.stdout);
    expect(Array.isArray(outcomes) && outcomes.length).toBe(loadWorldFile('lib/sandbox/worlds/demo.yaml').scenarios.length);
    expect(outcomes).toStrictEqual(expect.arrayContaining([expect.objectContaining({ id: 'sg-drop', matches: true, actual: { verdict: 'blocked', blockingHop: 'securityGroup' } })]));
    expect(Array.isArray(outcomes) && outcomes.every((outcome: { matches?: boolean }) => outcome.matches === true)).toBe(true);
    expect(result.code).toBe(0);
  });

  it.each([
    ['reachable → 0', ['--cluster', 'acs-prod', '--from', 'shop/storefront-web-7d9c8b6f5-x2lqk', '--to', 'https://api.partner.example.com'], 0, /verdict: REACHABLE/],
    ['blocked → 1 with the blocking hop and its fix', ['--cluster', 'acs-prod', '--from', 'payments/payment-notifier-5d6c7b8f9-v6b2c', '--to', 'hooks.paygate.example.net:443'], 1, /verdict: BLOCKED \(first blocking hop: Security group\)[\s\S]*\$ aliyun ecs RevokeSecurityGroupEgress/],
    ['one address of two blocked → 1, naming each address', ['--cluster', 'acs-prod', '--from', 'shop/loyalty-sync-6d8b7c9f5-m3q8z', '--to', 'ingest.adtrack.example.com:443'], 1, /verdict: BLOCKED \(first blocking hop: Security group\)\naddresses: 1 of 2 addresses blocked: 203\.0\.113\.7 at Security group; 203\.0\.113\.8 reachable/],
    ['unknown → 2 naming what could not be read', ['--cluster', 'acs-prod', '--from', 'finance/ledger-report-59c8d7b6f4-q5w8e', '--to', 'rm-bp1qd4vpdxxntaj5c.mysql.rds.aliyuncs.com:3306'], 2, /verdict: UNKNOWN[\s\S]*Forbidden\.RAM/],
  ])('diagnose: %s', async (_name, args, code, output) => {
    const result = await cli(['diagnose', ...world, ...args]);
    expect(result.stdout).toMatch(output);
    expect(result.code).toBe(code);
  });

  it.each([
    ['no destination', ['diagnose', ...world, '--from', 'shop/x'], /needs --from <namespace>\/<pod> and --to <destination>/],
    ['a malformed --from', ['diagnose', ...world, '--from', 'shop', '--to', 'a.example.com:443'], /--from must be <namespace>\/<pod>/],
    ['a destination without port', ['diagnose', ...world, '--from', 'shop/storefront-web-7d9c8b6f5-x2lqk', '--to', 'api.partner.example.com'], /port: add a port/],
    ['an unknown pod', ['diagnose', ...world, '--cluster', 'acs-prod', '--from', 'shop/nope', '--to', 'a.example.com:443'], /Pod shop\/nope was not found in cluster acs-prod/],
    ['an unknown command', ['frobnicate'], /Unknown command “frobnicate”/],
  ])('bad input (%s) → 3 with a message', async (_name, args, message) => {
    const result = await cli(args);
    expect(result.stderr).toMatch(message);
    expect(result.code).toBe(3);
  });

  it('diagnoses a JSONL batch, one Diagnosis a line, exiting with the worst verdict', async () => {
    const batch = path.join(dir, 'requests.jsonl');
    await writeFile(
      batch,
      [
        JSON.stringify({ cluster: 'acs-prod', namespace: 'shop', pod: 'storefront-web-7d9c8b6f5-x2lqk', destination: 'https://api.partner.example.com' }),
        '# comments and blank lines are skipped',
        '',
        JSON.stringify({ cluster: 'ack-flannel', namespace: 'billing', pod: 'billing-api-84c6d9f7b5-w7q2n', destination: 'rm-bp1cqp1npayf66m3p.mysql.rds.aliyuncs.com', port: 3306 }),
      ].join('\n'),
    );
    const result = await cli(['diagnose', ...world, '--batch', batch]);
    const lines = result.stdout.trim().split('\n').map((line): unknown => JSON.parse(line));
    expect(lines).toStrictEqual([
      expect.objectContaining({ verdict: 'reachable', blockingHop: null }),
      expect.objectContaining({ verdict: 'blocked', blockingHop: 'whitelist' }),
    ]);
    expect(result.code).toBe(1);
  });

  it('reports a bad batch line as one error record with its line number and goes on, exiting with the worst code', async () => {
    const batch = path.join(dir, 'bad-requests.jsonl');
    await writeFile(
      batch,
      [
        '{ not json',
        JSON.stringify({ cluster: 'acs-prod', namespace: 'shop', pod: 'storefront-web-7d9c8b6f5-x2lqk', destination: 'https://api.partner.example.com' }),
        '',
        JSON.stringify({ cluster: 'acs-prod', namespace: 'shop', destination: 'api.partner.example.com:443' }),
        JSON.stringify({ cluster: 'acs-prod', namespace: 'shop', pod: 'nope', destination: 'api.partner.example.com:443' }),
      ].join('\n'),
    );
    const result = await cli(['diagnose', ...world, '--batch', batch]);
    const lines = result.stdout.trim().split('\n').map((line): unknown => JSON.parse(line));
    expect(lines).toStrictEqual([
      { line: 1, error: { code: 'bad_input', message: expect.stringMatching(/^not JSON/) } },
      expect.objectContaining({ verdict: 'reachable' }),
      { line: 4, error: { code: 'bad_input', message: expect.stringMatching(/pod/) } },
      { line: 5, error: { code: 'pod_not_found', message: 'Pod shop/nope was not found in cluster acs-prod.' } },
    ]);
    expect(result.code).toBe(3);
  }, 120_000);
});

describe('npm run cli -- audit', () => {
  let dir = '';
  beforeAll(async () => {
    dir = await mkdtemp(path.join(tmpdir(), 'egress-cli-audit-'));
  });
  afterAll(async () => {
    await rm(dir, { recursive: true, force: true });
  });

  it('groups a namespace by verdict and blocking rule, names the single change and exits 1 when a pod is blocked', async () => {
    const result = await cli(['audit', ...world, '--cluster', 'acs-prod', '--namespace', 'shop', '--to', 'https://api.partner.example.com']);
    expect(result.stdout).toMatch(/12 pods in \d+ classes[\s\S]*10 reachable, 2 blocked, 0 unknown[\s\S]*1 pod blocked at Security group: [\s\S]*single change that unblocks the most \(1 pod\)/);
    expect(result.code).toBe(1);
  }, 120_000);

  it('prints the workload × destination matrix of a destination file as CSV', async () => {
    const file = path.join(dir, 'dependencies.txt');
    await writeFile(file, ['# the dependencies of orders', 'api.partner.example.com:443', '', '10.0.2.15:8080'].join('\n'));
    const result = await cli(['audit', ...world, '--cluster', 'acs-prod', '--namespace', 'orders', '--to-file', file, '--csv']);
    expect(result.stdout.trim().split('\n')).toStrictEqual([
      'workload,pods,api.partner.example.com:443,10.0.2.15:8080',
      'orders/deployment/fulfillment-api,1,reachable,blocked',
      'orders/deployment/inventory-client,1,reachable,blocked',
      'orders/deployment/order-api,1,reachable,blocked',
      'orders/deployment/order-worker,1,reachable,blocked',
    ]);
    expect(result.code).toBe(1);
  }, 120_000);

  it('exits 0 with JSON when every pod of a workload reaches the destination, 3 on bad input', async () => {
    const ok = await cli(['audit', ...world, '--cluster', 'acs-prod', '--workload', 'shop/deployment/checkout-api', '--to', 'https://api.partner.example.com', '--json']);
    const parsed: { podCount: number; destinations: Array<{ counts: unknown }> } = JSON.parse(ok.stdout);
    expect([ok.code, parsed.podCount, parsed.destinations[0]?.counts]).toStrictEqual([0, 2, { reachable: 2, blocked: 0, unknown: 0 }]);
    const bad = await cli(['audit', '--namespace', 'shop']);
    expect([bad.code, bad.stderr]).toStrictEqual([3, expect.stringMatching(/audit needs --to <destination> or --to-file <file>/)]);
  }, 120_000);
});
