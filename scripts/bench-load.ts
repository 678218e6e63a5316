/**
 * The load figure of `npm run bench`: diagnoses per second through the orchestrator the API
 * route calls, 20 at a time, against the sandbox with no injected latency.
 *
 * The sandbox runs in a child process (`npm run sandbox`), so its own CPU time is measured
 * apart from the app's: on this 2-core machine the two compete, and the figure says how much
 * of each diagnosis is the sandbox playing the cluster and the cloud.
 */
import { spawn, type ChildProcess } from 'node:child_process';
import { mkdtemp, readFile, rm } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { createInterface } from 'node:readline';

import type { DiagnosisRequest } from '@/lib/analysis/model';

import { percentile } from './bench-stats';

export interface LoadFigures {
  /** Diagnoses completed per second of wall time. */
  loadPerSecond: number;
  loadP50Ms: number;
  loadP95Ms: number;
  loadConcurrency: number;
  loadDiagnoses: number;
  /** CPU time of this process (the app) per diagnosis. */
  loadAppCpuMsPerDiagnosis: number;
  /** CPU time of the sandbox process per diagnosis. */
  loadSandboxCpuMsPerDiagnosis: number;
}

/** Scenarios of the demo world the load cycles through: a reachable, a blocked and an unknown path, a PrivateZone name, an SLB. */
const LOAD_SCENARIOS = ['internet-ok', 'sg-drop', 'pvtz-ok', 'rds-whitelist', 'flannel-internet-ok'];

/** User + system CPU milliseconds a process has used, from /proc (Linux). */
async function processCpuMs(pid: number): Promise<number> {
  const stat = await readFile(`/proc/${pid}/stat`, 'utf8');
  // Fields after the command name (which may hold spaces) start after the last ')'.
  const fields = stat.slice(stat.lastIndexOf(')') + 2).split(' ');
  const ticks = Number(fields[11]) + Number(fields[12]);
  return (ticks * 1000) / 100;
}

async function startSandboxProcess(outDir: string): Promise<{ child: ChildProcess; env: Record<string, string> }> {
  const child = spawn(process.execPath, ['--import', 'tsx', 'scripts/sandbox.ts', '--out', outDir], { stdio: ['ignore', 'pipe', 'inherit'] });
  if (!child.stdout) throw new Error('the sandbox has no stdout');
  for await (const line of createInterface({ input: child.stdout })) {
    if (line.startsWith('SANDBOX_READY ')) return { child, env: JSON.parse(line.slice('SANDBOX_READY '.length)) as Record<string, string> };
  }
  throw new Error('the sandbox exited before it was ready');
}

export async function benchLoad(options: { diagnoses?: number; concurrency?: number } = {}): Promise<LoadFigures> {
  const total = options.diagnoses ?? 200;
  const concurrency = options.concurrency ?? 20;
  const [{ loadWorldFile }] = await Promise.all([import('@/lib/sandbox/world/load')]);
  const world = loadWorldFile('lib/sandbox/worlds/demo.yaml');
  const requests: DiagnosisRequest[] = LOAD_SCENARIOS.map((id) => {
    const scenario = world.scenarios.find((item) => item.id === id);
    if (!scenario) throw new Error(`the demo world has no ${id} scenario`);
    return { cluster: scenario.cluster, namespace: scenario.namespace, pod: scenario.pod, destination: scenario.destination, host: scenario.destination, port: scenario.port, protocol: scenario.protocol };
  });
  const outDir = await mkdtemp(path.join(tmpdir(), 'egress-bench-load-'));
  const { child, env } = await startSandboxProcess(outDir);
  const [{ resetEnvForTests }, { setDefaultK8sReaderForTests }] = await Promise.all([import('@/lib/env'), import('@/lib/k8s')]);
  Object.assign(process.env, env);
  resetEnvForTests();
  setDefaultK8sReaderForTests();
  try {
    const { diagnose } = await import('@/lib/diagnose/diagnose');
    for (const request of requests) await diagnose(request);

    const durations: number[] = [];
    let next = 0;
    const appCpuBefore = process.cpuUsage();
    const sandboxCpuBefore = await processCpuMs(child.pid ?? 0);
    const started = performance.now();
    const worker = async () => {
      while (next < total) {
        const request = requests[next % requests.length] as DiagnosisRequest;
        next += 1;
        const begun = performance.now();
        await diagnose(request);
        durations.push(performance.now() - begun);
      }
    };
    await Promise.all(Array.from({ length: concurrency }, worker));
    const wallMs = performance.now() - started;
    const appCpu = process.cpuUsage(appCpuBefore);
    const sandboxCpuMs = (await processCpuMs(child.pid ?? 0)) - sandboxCpuBefore;
    durations.sort((a, b) => a - b);
    return {
      loadPerSecond: (total * 1000) / wallMs,
      loadP50Ms: percentile(durations, 0.5),
      loadP95Ms: percentile(durations, 0.95),
      loadConcurrency: concurrency,
      loadDiagnoses: total,
      loadAppCpuMsPerDiagnosis: (appCpu.user + appCpu.system) / 1000 / total,
      loadSandboxCpuMsPerDiagnosis: sandboxCpuMs / total,
    };
  } finally {
    child.kill('SIGTERM');
    await new Promise((resolve) => child.once('exit', resolve));
    await rm(outDir, { recursive: true, force: true });
  }
}
