/**
 * Saving a diagnosis run with its world fragment, and re-running a saved one: the code the
 * routes call (and the tests, so they exercise exactly what the routes do).
 */
import 'server-only';

import type { Diagnosis, DiagnosisRequest, PathFacts } from '@/lib/analysis/model';
import { getEnv } from '@/lib/env';
import { BadRequestError } from '@/lib/errors';
import { listClusters } from '@/lib/k8s';
import type { DiagnosisChange, DiagnosisOrigin, RerunResponse } from '@/lib/schemas/saved-diagnosis';

import { diffDiagnoses } from './diagnosis-diff';
import { newDiagnosisId } from './diagnosis-id';
import type { DiagnosisStore, StoredDiagnosis } from './diagnosis-store';
import { formatWorldYaml, parseWorldFragment, toWorldFragment } from './world-fragment';

/** A diagnosis and the facts it was decided on (what `diagnoseWithFacts` returns). */
export interface DiagnosisRunResult {
  diagnosis: Diagnosis;
  facts: PathFacts;
}

/**
 * Where the diagnosis was taken: the kubeconfig context and its API server URL, the region
 * the cloud facts were read in, and the account id when configured. Never credentials.
 */
export function describeOrigin(facts: PathFacts): DiagnosisOrigin {
  const env = getEnv();
  const context = listClusters().find((cluster) => cluster.name === facts.request.cluster);
  return {
    cluster: facts.request.cluster,
    clusterServer: context?.server ? context.server : null,
    region: facts.cluster.cluster.region ?? env.ALIBABA_CLOUD_REGION_ID ?? null,
    accountId: env.ALIBABA_CLOUD_ACCOUNT_ID ?? null,
  };
}

/** Saves the diagnosis with its facts as a world fragment (YAML) under a new id. */
export async function saveDiagnosisRun(store: DiagnosisStore, run: DiagnosisRunResult, origin: DiagnosisOrigin = describeOrigin(run.facts)): Promise<StoredDiagnosis> {
  const id = newDiagnosisId();
  const diagnosis = { ...run.diagnosis, id };
  const worldYaml = formatWorldYaml(toWorldFragment({ facts: run.facts, diagnosis }));
  return store.save({ id, diagnosis, worldYaml, origin, facts: run.facts });
}

/** Throws the 404 the routes answer for an unknown or expired id. */
export function diagnosisNotFound(id: string): BadRequestError {
  return new BadRequestError('diagnosis_not_found', `No saved diagnosis has the id “${id}”. It may have expired.`, 404);
}

/**
 * Diagnoses the saved request again with `diagnose` (live), saves the result as a new
 * diagnosis, and lists what changed since. Throws the 404 error for an unknown or expired id.
 */
export async function rerunSavedDiagnosis(
  store: DiagnosisStore,
  id: string,
  diagnose: (request: DiagnosisRequest) => Promise<DiagnosisRunResult>,
): Promise<RerunResponse & { saved: StoredDiagnosis }> {
  const previous = await store.get(id);
  if (!previous) throw diagnosisNotFound(id);
  const run = await diagnose(previous.diagnosis.request);
  const saved = await saveDiagnosisRun(store, run);
  return { diagnosis: saved.diagnosis, previousId: id, changes: changesSince(previous, saved), saved };
}

/** What changed from saved diagnosis `previous` to `next` (a later diagnosis of the same request), for people. */
export function changesSince(previous: StoredDiagnosis, next: StoredDiagnosis): DiagnosisChange[] {
  const { request } = previous.diagnosis;
  return diffDiagnoses(
    { diagnosis: previous.diagnosis, world: parseWorldFragment(previous.worldYaml) },
    { diagnosis: next.diagnosis, world: parseWorldFragment(next.worldYaml) },
    `${request.namespace}/${request.pod}`,
  );
}
