/**
 * The audit's speed figures (scripts/bench.ts prints them):
 *
 * - `audit10kMs`: every pod of a generated 10,000-pod cluster (100 namespaces × 4 Deployments
 *   × 25 replicas, with the large environment's 2,000 NetworkPolicies and cloud facts) to one
 *   destination, on facts already read: classes, one evaluation per class and address cell,
 *   the groups and the single change (median of 3).
 * - `audit1000E2eMs`, `audit1000CloudCalls`: a 1,000-pod namespace (5 Deployments, each pod on its
 *   own ENI) audited end to end against the sandbox with `latencyMs` on every cloud call, through
 *   the same `runAudit` the API route calls (median of 3), and the cloud calls one audit made.
 */
import { mkdtemp, rm } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import path from 'node:path';

import { evaluatePath } from '@/lib/analysis/evaluate-path';
import type { Pod } from '@/lib/analysis/model';
import { destinationResult, evaluateClass, seenFrom } from '@/lib/fleet/audit-evaluate';
import { groupPodClasses } from '@/lib/fleet/pod-classes';
import type { AuditDestination } from '@/lib/schemas/audit';

import type { BenchEnvironment } from './bench-facts';
import { median } from './bench-stats';

/** 10,000 pods: 100 namespaces × 4 Deployments × 25 replicas, addresses in the bench vSwitch (10.10.0.0/16). */
function deploymentPods(environment: BenchEnvironment): Pod[] {
  const template = environment.sweepPods[0] as Pod;
  const namespaces = environment.cluster.namespaces.kind === 'ok' ? environment.cluster.namespaces.value.map((namespace) => namespace.name) : [];
  return namespaces.flatMap((namespace, namespaceIndex) =>
    Array.from({ length: 100 }, (_, index): Pod => {
      const workload = namespaceIndex * 4 + Math.floor(index / 25);
      const app = `app-${workload % 50}`;
      const serial = namespaceIndex * 100 + index;
      return {
        ...template,
        namespace,
        name: `${app}-w${workload}-${serial}`,
        labels: { app, tier: workload % 3 === 0 ? 'frontend' : 'backend', 'pod-template-hash': `h${workload}` },
        ip: `10.10.${Math.floor(serial / 250)}.${(serial % 250) + 2}`,
        ips: [],
        owner: { kind: 'ReplicaSet', name: `${app}-w${workload}-h${workload}` },
      };
    }),
  );
}

/** `audit10kMs` and the number of classes it evaluated. */
export async function benchAuditPure(environment: BenchEnvironment): Promise<{ audit10kMs: number; classes: number }> {
  const pods = deploymentPods(environment);
  const cluster = { ...environment.cluster, pods: { kind: 'ok' as const, value: pods } };
  const target: AuditDestination = { destination: '203.0.113.10:443', host: '203.0.113.10', port: 443, protocol: 'tcp' };
  const request = { cluster: 'bench', namespace: '', pod: '', ...target };
  const run = async () => {
    const classes = groupPodClasses(pods, { networkMode: 'vpc', networkPolicies: cluster.networkPolicies.kind === 'ok' ? cluster.networkPolicies.value : null, services: [] });
    const evaluations = [];
    for (const podClass of classes) {
      evaluations.push(
        ...(await evaluateClass(podClass, async (pod) => {
          const facts = { request: { ...request, namespace: pod.namespace, pod: pod.name }, readAt: '2026-01-01T00:00:00.000Z', cluster: seenFrom(cluster, pod), dnsAnswers: null, cloud: environment.cloud };
          return { diagnosis: evaluatePath(facts, environment.destination), facts, destination: environment.destination };
        })),
      );
    }
    const result = destinationResult('bench', target, evaluations, new Map(pods.map((pod, index) => [pod, index])));
    if (result.pods.length !== pods.length) throw new Error(`the audit answered for ${result.pods.length} of ${pods.length} pods`);
    return classes.length;
  };
  let classes = await run();
  const samples: number[] = [];
  for (let index = 0; index < 3; index += 1) {
    const started = performance.now();
    classes = await run();
    samples.push(performance.now() - started);
  }
  return { audit10kMs: median(samples), classes };
}

/** `audit1000E2eMs` and `audit1000CloudCalls` against a sandbox with `latencyMs` per cloud call. */
export async function benchAuditEndToEnd(latencyMs: number): Promise<{ audit1000E2eMs: number; audit1000CloudCalls: number; classes: number }> {
  const [{ loadWorldFile }, { startSandbox }, { withReplicatedPods }, { resetEnvForTests }, { setDefaultK8sReaderForTests }] = await Promise.all([
    import('@/lib/sandbox/world/load'),
    import('@/lib/sandbox'),
    import('@/lib/sandbox/worlds/replicate-pods'),
    import('@/lib/env'),
    import('@/lib/k8s'),
  ]);
  const world = withReplicatedPods(loadWorldFile('lib/sandbox/worlds/demo.yaml'), { cluster: 'acs-prod', template: 'shop/storefront-web-7d9c8b6f5-x2lqk', namespace: 'replicas', count: 1_000, workloads: 5, cidr: '10.0.64.0/20' });
  const outDir = await mkdtemp(path.join(tmpdir(), 'egress-bench-audit-'));
  const sandbox = await startSandbox({ world, outDir, faults: { latencyMs } });
  Object.assign(process.env, sandbox.env);
  resetEnvForTests();
  setDefaultK8sReaderForTests();
  try {
    const { runAudit } = await import('@/lib/fleet/run-audit');
    const request = { cluster: 'acs-prod', scope: { kind: 'namespace' as const, namespace: 'replicas' }, destinations: [{ destination: 'https://api.partner.example.com', host: 'api.partner.example.com', port: 443, protocol: 'tcp' as const }] };
    await runAudit(request);
    const samples: number[] = [];
    let calls = 0;
    let classes = 0;
    for (let run = 0; run < 3; run += 1) {
      sandbox.openApi.resetCalls();
      const started = performance.now();
      const result = await runAudit(request);
      samples.push(performance.now() - started);
      calls = sandbox.openApi.calls().length;
      classes = result.classes;
      if (result.destinations[0]?.counts.reachable !== 1_000) throw new Error(`expected 1,000 reachable pods, got ${JSON.stringify(result.destinations[0]?.counts)}`);
    }
    return { audit1000E2eMs: median(samples), audit1000CloudCalls: calls, classes };
  } finally {
    await sandbox.close();
    await rm(outDir, { recursive: true, force: true });
  }
}
