/** Test helper: scenarios of a world (the demo world by default) and the diagnosis request each names. */
import path from 'node:path';

import type { DiagnosisRequest } from '@/lib/analysis/model';
import type { Scenario, World } from '@/lib/schemas/world';
import { loadWorldFile } from '@/lib/sandbox/world/load';

/** The demo world, as the sandbox serves it. */
export function loadDemoWorld(): World {
  return loadWorldFile(path.resolve(__dirname, '../sandbox/worlds/demo.yaml'));
}

/** Scenario `id` of `world`; throws when there is none. */
export function scenarioOf(world: World, id: string): Scenario {
  const found = world.scenarios.find((item) => item.id === id);
  if (!found) throw new Error(`the world has no ${id} scenario`);
  return found;
}

/** The request a scenario diagnoses. */
export function requestOf(item: Scenario): DiagnosisRequest {
  return { cluster: item.cluster, namespace: item.namespace, pod: item.pod, destination: item.destination, host: item.destination, port: item.port, protocol: item.protocol };
}
