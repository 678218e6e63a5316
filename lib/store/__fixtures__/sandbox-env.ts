/**
 * Test helper: start sandboxes and point this process's environment at one of them, as
 * scripts/cli.ts does for `--world` (kubeconfig, cloud endpoints, AccessKey, DNS server).
 */
import { mkdtemp, rm } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import path from 'node:path';

import { resetEnvForTests } from '@/lib/env';
import { setDefaultK8sReaderForTests } from '@/lib/k8s';
import type { World } from '@/lib/schemas/world';
import { startSandbox, type Sandbox } from '@/lib/sandbox';

export interface TestSandbox {
  sandbox: Sandbox;
  /** Makes the app's adapters read this sandbox from now on. */
  use(): void;
  close(): Promise<void>;
}

/** Starts a sandbox serving `world`, with its kubeconfig and env in a temporary directory. */
export async function startTestSandbox(world: World): Promise<TestSandbox> {
  const outDir = await mkdtemp(path.join(tmpdir(), 'egress-doctor-store-'));
  const sandbox = await startSandbox({ world, outDir });
  return {
    sandbox,
    use() {
      Object.assign(process.env, sandbox.env);
      resetEnvForTests();
      setDefaultK8sReaderForTests();
    },
    async close() {
      await sandbox.close();
      await rm(outDir, { recursive: true, force: true });
    },
  };
}
