/**
 * Starts the sandbox for a world and keeps it running.
 *
 *   npm run sandbox -- [--world lib/sandbox/worlds/demo.yaml] [--out .sandbox] [--latency-ms N] [--error-rate R]
 *
 * Writes `<out>/kubeconfig`, `<out>/kubeconfig-restricted` and `<out>/env`, then prints one
 * line `SANDBOX_READY <json>` (the env) so a parent process can wait for it.
 */
import { parseArgs } from 'node:util';

import { startSandbox } from '@/lib/sandbox';
import { loadWorldFile } from '@/lib/sandbox/world/load';

async function main(): Promise<void> {
  const { values } = parseArgs({
    options: {
      world: { type: 'string', default: 'lib/sandbox/worlds/demo.yaml' },
      out: { type: 'string', default: '.sandbox' },
      'latency-ms': { type: 'string', default: '0' },
      'error-rate': { type: 'string', default: '0' },
    },
  });
  const world = loadWorldFile(values.world);
  const sandbox = await startSandbox({
    world,
    outDir: values.out,
    faults: { latencyMs: Number(values['latency-ms']), errorRate: Number(values['error-rate']) },
  });
  const clusters = sandbox.k8s.clusters.map((cluster) => `${cluster.name} → ${cluster.server}`).join(', ');
  process.stdout.write(`Sandbox "${world.name}" is up: Kubernetes ${clusters}; cloud ${sandbox.openApi.endpoint}; DNS ${sandbox.env.EGRESS_DOCTOR_DNS_SERVER}\n`);
  process.stdout.write(`Environment written to ${values.out}/env (kubeconfig: ${values.out}/kubeconfig)\n`);
  process.stdout.write(`SANDBOX_READY ${JSON.stringify(sandbox.env)}\n`);

  const stop = (): void => {
    sandbox.close().then(
      () => process.exit(0),
      (error: unknown) => {
        process.stderr.write(`sandbox: error while closing: ${String(error)}\n`);
        process.exit(1);
      },
    );
  };
  process.on('SIGINT', stop);
  process.on('SIGTERM', stop);
}

main().catch((error: unknown) => {
  process.stderr.write(`sandbox: ${error instanceof Error ? error.message : String(error)}\n`);
  process.exit(1);
});
