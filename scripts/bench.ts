/**
 * `npm run bench [-- --json]`: speed figures, printed (never asserted in tests).
 *
 * 1. Pure evaluation on a generated large environment (10,000 pods, 2,000 NetworkPolicies,
 *    200 security-group rules in 5 groups, 50 route entries, 100 SNAT entries): one full
 *    path (median, p95) and every pod of a 1,000-pod namespace to one destination.
 * 2. End to end against the sandbox with 50 ms injected latency on every cloud call: the
 *    median diagnosis time through the orchestrator the API route calls (a pod diagnosed
 *    before, as re-runs, watches and a second destination are; and the first diagnosis of the
 *    pod), the number of cloud calls per diagnosis and how many sequential rounds they took.
 * 3. What-if: one edit applied to the large environment's facts, re-evaluated and diffed (`whatIfMs`).
 * 4. Audits (scripts/bench-audit.ts): 10,000 pods on read facts (`audit10kMs`), a 1,000-pod
 *    namespace end to end with its cloud call count (`audit1000E2eMs`, `audit1000CloudCalls`).
 */
import { mkdtemp, rm } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { parseArgs } from 'node:util';

import { evaluatePath } from '@/lib/analysis/evaluate-path';
import type { PathFacts } from '@/lib/analysis/model';

import { buildBenchEnvironment } from './bench-facts';
import { benchLoad } from './bench-load';
import { countSequentialRounds } from './bench-rounds';
import { median, percentile } from './bench-stats';
import { benchAuditEndToEnd, benchAuditPure } from './bench-audit';
import { benchWhatIf } from './bench-what-if';

function benchPureEvaluation(): { pathEvalMedianMs: number; pathEvalP95Ms: number; sweep1000Ms: number } {
  const environment = buildBenchEnvironment();
  const factsFor = (podIndex: number): PathFacts => {
    const pod = environment.sweepPods[podIndex] ?? environment.cluster.pod;
    return {
      request: { cluster: 'bench', namespace: pod.namespace, pod: pod.name, destination: '203.0.113.10:443', host: '203.0.113.10', port: 443, protocol: 'tcp' },
      readAt: '2026-01-01T00:00:00.000Z',
      cluster: { ...environment.cluster, pod },
      dnsAnswers: null,
      cloud: environment.cloud,
    };
  };
  for (let warm = 0; warm < 20; warm += 1) evaluatePath(factsFor(warm), environment.destination);

  const samples: number[] = [];
  for (let run = 0; run < 200; run += 1) {
    const facts = factsFor(run % 1_000);
    const started = performance.now();
    evaluatePath(facts, environment.destination);
    samples.push(performance.now() - started);
  }
  samples.sort((a, b) => a - b);

  const sweeps: number[] = [];
  for (let run = 0; run < 3; run += 1) {
    const started = performance.now();
    for (let index = 0; index < environment.sweepPods.length; index += 1) evaluatePath(factsFor(index), environment.destination);
    sweeps.push(performance.now() - started);
  }
  return { pathEvalMedianMs: percentile(samples, 0.5), pathEvalP95Ms: percentile(samples, 0.95), sweep1000Ms: median(sweeps) };
}

async function benchEndToEnd(latencyMs: number): Promise<{ e2eMedianMs: number; e2eFirstSourceMs: number; cloudCallsPerDiagnosis: number; sequentialRounds: number; scenario: string }> {
  const [{ loadWorldFile }, { startSandbox }] = await Promise.all([import('@/lib/sandbox/world/load'), import('@/lib/sandbox')]);
  const world = loadWorldFile('lib/sandbox/worlds/demo.yaml');
  const outDir = await mkdtemp(path.join(tmpdir(), 'egress-bench-'));
  const sandbox = await startSandbox({ world, outDir, faults: { latencyMs } });
  Object.assign(process.env, sandbox.env);
  try {
    const [{ diagnose }, { forgetSourceEnis }] = await Promise.all([import('@/lib/diagnose/diagnose'), import('@/lib/diagnose/cloud-prefetch')]);
    const scenario = world.scenarios.find((item) => item.id === 'internet-ok') ?? world.scenarios[0];
    if (!scenario) throw new Error('the demo world has no scenarios');
    const request = { cluster: scenario.cluster, namespace: scenario.namespace, pod: scenario.pod, destination: scenario.destination, host: scenario.destination, port: scenario.port, protocol: scenario.protocol };
    await diagnose(request);
    const durations: number[] = [];
    let calls = 0;
    let rounds = 0;
    for (let run = 0; run < 15; run += 1) {
      sandbox.openApi.resetCalls();
      const started = performance.now();
      await diagnose(request);
      durations.push(performance.now() - started);
      const log = sandbox.openApi.calls();
      calls = log.length;
      rounds = countSequentialRounds(log);
    }
    // The same pod diagnosed the first time: the cluster is known, its source ENI not (three rounds by dependency).
    const firstSource: number[] = [];
    for (let run = 0; run < 15; run += 1) {
      forgetSourceEnis();
      const started = performance.now();
      await diagnose(request);
      firstSource.push(performance.now() - started);
    }
    return { e2eMedianMs: median(durations), e2eFirstSourceMs: median(firstSource), cloudCallsPerDiagnosis: calls, sequentialRounds: rounds, scenario: scenario.id };
  } finally {
    await sandbox.close();
    await rm(outDir, { recursive: true, force: true });
  }
}

async function main(): Promise<void> {
  const { values } = parseArgs({ options: { json: { type: 'boolean', default: false }, 'latency-ms': { type: 'string', default: '50' } } });
  const latencyMs = Number(values['latency-ms']);
  const pure = benchPureEvaluation();
  const whatIfMs = benchWhatIf(buildBenchEnvironment());
  const e2e = await benchEndToEnd(latencyMs);
  const audit = await benchAuditPure(buildBenchEnvironment());
  const auditE2e = await benchAuditEndToEnd(latencyMs);
  const load = await benchLoad();
  const figures = {
    ...pure,
    e2eMedianMs: e2e.e2eMedianMs,
    e2eFirstSourceMs: e2e.e2eFirstSourceMs,
    cloudCallsPerDiagnosis: e2e.cloudCallsPerDiagnosis,
    sequentialRounds: e2e.sequentialRounds,
    whatIfMs,
    audit10kMs: audit.audit10kMs,
    audit1000E2eMs: auditE2e.audit1000E2eMs,
    audit1000CloudCalls: auditE2e.audit1000CloudCalls,
    ...load,
  };
  if (values.json) {
    process.stdout.write(`${JSON.stringify(figures)}\n`);
    return;
  }
  const round = (value: number) => value.toFixed(value < 10 ? 3 : 1);
  process.stdout.write(
    [
      'Pure evaluation (10,000 pods, 2,000 NetworkPolicies, 200 SG rules in 5 groups, 50 routes, 100 SNAT entries)',
      `  one path            median ${round(pure.pathEvalMedianMs)} ms   p95 ${round(pure.pathEvalP95Ms)} ms   (goal < 5 ms)`,
      `  1,000-pod sweep     ${round(pure.sweep1000Ms)} ms   (goal < 1,000 ms)`,
      `  what-if             median ${round(whatIfMs)} ms   (one edit re-evaluated and diffed; goal < 20 ms)`,
      `End to end against the sandbox, ${latencyMs} ms per cloud call (scenario ${e2e.scenario})`,
      `  diagnosis           median ${round(e2e.e2eMedianMs)} ms   (goal ≤ 180 ms: 3 rounds of ${latencyMs} ms, the Kubernetes reads beside them)`,
      `  first of its pod    median ${round(e2e.e2eFirstSourceMs)} ms   (the cluster known, the pod's source ENI not: three rounds by dependency)`,
      `  cloud calls         ${e2e.cloudCallsPerDiagnosis} per diagnosis in ${e2e.sequentialRounds} sequential rounds   (goal ≤ 3 rounds)`,
      `Load against the sandbox in its own process, no injected latency, ${load.loadConcurrency} at a time (${load.loadDiagnoses} diagnoses)`,
      `  throughput          ${round(load.loadPerSecond)} diagnoses/s   p50 ${round(load.loadP50Ms)} ms   p95 ${round(load.loadP95Ms)} ms`,
      `  CPU per diagnosis   app ${round(load.loadAppCpuMsPerDiagnosis)} ms   sandbox ${round(load.loadSandboxCpuMsPerDiagnosis)} ms`,
      `Audits`,
      `  10,000 pods         ${round(audit.audit10kMs)} ms on read facts, ${audit.classes} classes   (goal < 1,000 ms)`,
      `  1,000-pod namespace ${round(auditE2e.audit1000E2eMs)} ms end to end, ${latencyMs} ms per cloud call, ${auditE2e.audit1000CloudCalls} cloud calls, ${auditE2e.classes} classes   (goal < 1,000 ms)`,
      '',
    ].join('\n'),
  );
}

main().catch((error: unknown) => {
  process.stderr.write(`bench: ${error instanceof Error ? (error.stack ?? error.message) : String(error)}\n`);
  process.exit(1);
});
