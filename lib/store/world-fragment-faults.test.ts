/**
 * Failed reads survive the export: a demo scenario is diagnosed while the sandbox fails one
 * read (a per-action cloud fault, a refused Kubernetes list, a DNS SERVFAIL), the fragment
 * carries that failure in `faults`, and a sandbox serving only the fragment — in process and
 * through `cli diagnose --world` — reads the same failure and gives the same verdict.
 */
import { execFile } from 'node:child_process';
import { mkdtemp, rm, writeFile } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { promisify } from 'node:util';

import { afterAll, beforeAll, describe, expect, it } from 'vitest';

import type { FactError } from '@/lib/analysis/model';
import { diagnoseWithFacts } from '@/lib/diagnose/diagnose';
import type { Scenario, WorldFaults } from '@/lib/schemas/world';
import { loadWorldFile, parseWorld } from '@/lib/sandbox/world/load';

import { startTestSandbox, type TestSandbox } from './__fixtures__/sandbox-env';
import { formatWorldYaml, toWorldFragment } from './world-fragment';
import { toCloudFault, toKubernetesFaults } from './world-fragment-faults';

const demo = loadWorldFile(path.resolve(__dirname, '../sandbox/worlds/demo.yaml'));
let live: TestSandbox;
let tempDir: string;

beforeAll(async () => {
  live = await startTestSandbox(demo);
  tempDir = await mkdtemp(path.join(tmpdir(), 'egress-doctor-faults-'));
});

afterAll(async () => {
  await live.close();
  await rm(tempDir, { recursive: true, force: true });
});

function scenarioOf(id: string): Scenario {
  const scenario = demo.scenarios.find((item) => item.id === id);
  if (!scenario) throw new Error(`the demo world has no ${id} scenario`);
  return scenario;
}

const requestOf = (scenario: Scenario) => ({ ...scenario, host: scenario.destination });
const errorKeys = (errors: FactError[]) => errors.map((error) => `${error.source} ${error.reason} ${error.code ?? ''} ${error.resource}`).sort();
const none: WorldFaults = { cloud: [], kubernetes: [], dns: [] };

const cases: Array<{ name: string; scenario: string; faults: WorldFaults }> = [
  { name: 'a throttled cloud action', scenario: 'internet-ok', faults: { ...none, cloud: [{ action: 'DescribeNatGateways', error: 'Throttling.User' }] } },
  { name: 'a cloud action failing for one resource', scenario: 'slb-acl', faults: { ...none, cloud: [{ action: 'DescribeAccessControlListAttribute', error: 'ServiceUnavailable' }] } },
  { name: 'Kubernetes refusing services', scenario: 'lb-hairpin', faults: { ...none, kubernetes: [{ resource: 'services', cluster: 'acs-prod', status: 403 }] } },
  { name: 'Kubernetes failing network policies', scenario: 'netpol-deny', faults: { ...none, kubernetes: [{ resource: 'networkpolicies', status: 500 }] } },
  { name: 'the DNS server failing the name', scenario: 'internet-ok', faults: { ...none, dns: [{ name: 'api.partner.example.com', rcode: 'SERVFAIL' }] } },
  { name: 'a gate read nested in its facts failing (the permission group rules after the mount target)', scenario: 'nas-ok', faults: { ...none, cloud: [{ action: 'DescribeAccessRules', error: 'ServiceUnavailable' }] } },
];

describe('a diagnosis whose reads failed replays the same from its export', () => {
  it.each(cases)('$name ($scenario)', async ({ scenario: id, faults }) => {
    const scenario = scenarioOf(id);
    live.use();
    live.sandbox.setWorldFaults(faults);
    const run = await diagnoseWithFacts(requestOf(scenario)).finally(() => live.sandbox.setWorldFaults(undefined));
    expect(run.diagnosis.verdict).not.toBe('reachable');

    const fragment = parseWorld(formatWorldYaml(toWorldFragment(run)), `${id}.yaml`);
    expect(fragment.faults).toBeDefined();
    const replay = await startTestSandbox(fragment);
    try {
      replay.use();
      const again = await diagnoseWithFacts(requestOf(scenario));
      expect({ verdict: again.diagnosis.verdict, blockingHop: again.diagnosis.blockingHop }).toStrictEqual({ verdict: run.diagnosis.verdict, blockingHop: run.diagnosis.blockingHop });
      expect(again.diagnosis.hops.map((hop) => `${hop.kind}: ${hop.verdict}`)).toStrictEqual(run.diagnosis.hops.map((hop) => `${hop.kind}: ${hop.verdict}`));
      expect(errorKeys(again.diagnosis.errors)).toStrictEqual(errorKeys(run.diagnosis.errors));
    } finally {
      await replay.close();
    }
  });

  it('`cli diagnose --world` on the export of a per-action fault exits with the live verdict', async () => {
    const scenario = scenarioOf('internet-ok');
    live.use();
    live.sandbox.setWorldFaults({ ...none, cloud: [{ action: 'DescribeSnatTableEntries', error: 'InternalError' }] });
    const run = await diagnoseWithFacts(requestOf(scenario)).finally(() => live.sandbox.setWorldFaults(undefined));
    const file = path.join(tempDir, 'internet-ok-snat-fault.yaml');
    await writeFile(file, formatWorldYaml(toWorldFragment(run)));
    const args = ['--conditions=react-server', '--import', 'tsx', 'scripts/cli.ts', 'diagnose', '--json', '--world', file, '--cluster', scenario.cluster, '--from', `${scenario.namespace}/${scenario.pod}`, '--to', scenario.destination, '--port', String(scenario.port)];
    const result = await promisify(execFile)(process.execPath, args, { cwd: path.resolve(__dirname, '../..'), env: { ...process.env, KUBECONFIG: '' } }).then(
      ({ stdout }) => ({ code: 0, stdout }),
      (error: unknown) => ({
        code: typeof error === 'object' && error !== null && 'code' in error && typeof error.code === 'number' ? error.code : -1,
        stdout: typeof error === 'object' && error !== null && 'stdout' in error && typeof error.stdout === 'string' ? error.stdout : '',
      }),
    );
    const replayed: unknown = JSON.parse(result.stdout);
    expect(replayed).toMatchObject({ verdict: run.diagnosis.verdict, blockingHop: run.diagnosis.blockingHop });
    expect(result.code).toBe({ reachable: 0, blocked: 1, unknown: 2 }[run.diagnosis.verdict]);
  }, 120_000);
});

describe('failed reads as faults', () => {
  const error = (over: Partial<FactError>): FactError => ({ source: 'alicloud', reason: 'error', resource: 'DescribeNatGateways vpc-bp1x', message: 'm', retryable: true, ...over });

  it.each([
    { name: 'throttled keeps its code', error: error({ reason: 'throttled', code: 'Throttling.User' }), fault: { action: 'DescribeNatGateways', resource: 'vpc-bp1x', error: 'Throttling.User' } },
    { name: '5xx keeps its code', error: error({ code: 'ServiceUnavailable' }), fault: { action: 'DescribeNatGateways', resource: 'vpc-bp1x', error: 'ServiceUnavailable' } },
    { name: 'a timeout times out again', error: error({ reason: 'timeout', code: 'timeout' }), fault: { action: 'DescribeNatGateways', resource: 'vpc-bp1x', error: 'timeout' } },
    { name: 'a reset is reset again', error: error({ reason: 'unreachable', code: 'ECONNRESET' }), fault: { action: 'DescribeNatGateways', resource: 'vpc-bp1x', error: 'reset' } },
    { name: 'an address narrows the fault', error: error({ reason: 'throttled', code: 'Throttling', resource: 'DescribeLoadBalancers 10.0.2.100' }), fault: { action: 'DescribeLoadBalancers', resource: '10.0.2.100', error: 'Throttling' } },
    { name: 'a filter gives an action-wide fault', error: error({ resource: 'DescribeEipAddresses all', code: 'InternalError' }), fault: { action: 'DescribeEipAddresses', error: 'InternalError' } },
    { name: 'forbidden is ram.deny, not a fault', error: error({ reason: 'forbidden', code: 'Forbidden.RAM' }), fault: null },
    { name: 'a Kubernetes error is not a cloud fault', error: error({ source: 'k8s' }), fault: null },
  ])('$name', ({ error: input, fault }) => {
    expect(toCloudFault(input)).toStrictEqual(fault);
  });

  it('maps every failed cluster read to the resource, verb and status that failed', () => {
    const missing = (reason: FactError['reason'], resource: string, code?: string) => ({ kind: 'missing' as const, error: { source: 'k8s' as const, reason, resource, message: 'm', retryable: false, ...(code ? { code } : {}) } });
    const ok = { kind: 'ok' as const, value: [] };
    const faults = toKubernetesFaults(
      {
        cluster: { name: 'c', kind: 'acs', networkMode: 'vpc', region: null, clusterDomain: 'cluster.local', networkPolicyEnforcement: 'perPod', enforcementReason: '' },
        pod: { namespace: 'shop', name: 'web', labels: {}, annotations: {}, ip: null, ips: [], nodeName: null, phase: 'Running', hostNetwork: false, dnsPolicy: 'ClusterFirst', dnsConfig: null, containerPorts: [] },
        node: ok,
        namespaces: ok,
        pods: missing('timeout', 'pods in all namespaces of c'),
        nodes: ok,
        services: missing('forbidden', 'services in all namespaces of c', 'Forbidden'),
        endpointSlices: missing('error', 'endpointslices in all namespaces of c', 'ServiceUnavailable'),
        networkPolicies: missing('throttled', 'networkpolicies in all namespaces of c'),
        dns: missing('forbidden', 'Service kube-system/kube-dns of c'),
      } as unknown as Parameters<typeof toKubernetesFaults>[0],
      'c',
    );
    expect(faults).toStrictEqual([
      { resource: 'pods', verb: 'list', cluster: 'c', status: 'timeout' },
      { resource: 'services', verb: 'list', cluster: 'c', status: 403 },
      { resource: 'endpointslices', verb: 'list', cluster: 'c', status: 503 },
      { resource: 'networkpolicies', verb: 'list', cluster: 'c', status: 429 },
      { resource: 'services', namespace: 'kube-system', name: 'kube-dns', verb: 'get', cluster: 'c', status: 403 },
    ]);
  });
});
