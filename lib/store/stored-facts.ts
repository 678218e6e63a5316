/**
 * The facts of a saved diagnosis as the store keeps them beside its world fragment, so a
 * what-if can evaluate them again without a sandbox or a cloud call. Versioned: rows saved
 * before facts were kept have none (`null`), and a later format gets a new `version`.
 *
 * Same secrecy rule as the fragment (world-fragment-k8s.ts): annotations are kept only when
 * the analysis reads them; pods carry no env, volumes or images in the first place.
 */
import { z } from 'zod';

import type { PathFacts, Pod, Service } from '@/lib/analysis/model';

import { safeAnnotations } from './world-fragment-k8s';

export const STORED_FACTS_VERSION = 1;

const safePod = (pod: Pod): Pod => ({ ...pod, annotations: safeAnnotations(pod.annotations) });
const safeService = (service: Service): Service => ({ ...service, annotations: safeAnnotations(service.annotations) });

/** `facts` without what must not be stored (see the file comment). */
export function withoutSecrets(facts: PathFacts): PathFacts {
  const { cluster } = facts;
  return {
    ...facts,
    cluster: {
      ...cluster,
      pod: safePod(cluster.pod),
      pods: cluster.pods.kind === 'ok' ? { kind: 'ok', value: cluster.pods.value.map(safePod) } : cluster.pods,
      services: cluster.services.kind === 'ok' ? { kind: 'ok', value: cluster.services.value.map(safeService) } : cluster.services,
    },
  };
}

/** The JSON stored for `facts`. */
export function formatStoredFacts(facts: PathFacts): string {
  return JSON.stringify({ version: STORED_FACTS_VERSION, facts: withoutSecrets(facts) });
}

const isRecord = (value: unknown): value is Record<string, unknown> => typeof value === 'object' && value !== null && !Array.isArray(value);

/** The shape every PathFacts has (the store wrote it from one; a partial check guards a damaged row). */
function looksLikePathFacts(value: unknown): value is PathFacts {
  if (!isRecord(value) || !isRecord(value.request) || typeof value.readAt !== 'string' || !isRecord(value.cloud) || !isRecord(value.cluster)) return false;
  const { cluster } = value;
  return isRecord(cluster.cluster) && isRecord(cluster.pod) && isRecord(cluster.networkPolicies) && isRecord(value.cloud.securityGroups);
}

const storedFactsSchema = z.object({
  version: z.literal(STORED_FACTS_VERSION),
  facts: z.custom<PathFacts>(looksLikePathFacts, 'not the facts of a diagnosis'),
});

/** The facts of a stored row, or null when the row has none (saved before facts were kept). Throws on a damaged row. */
export function parseStoredFacts(json: string | null): PathFacts | null {
  if (json === null) return null;
  let data: unknown;
  try {
    data = JSON.parse(json);
  } catch (error) {
    throw new Error('Stored diagnosis facts hold JSON that does not parse', { cause: error });
  }
  return storedFactsSchema.parse(data).facts;
}
