/**
 * What-if on a saved diagnosis: load its stored facts, evaluate the edits (pure), and save the
 * hypothetical under its own link when asked. The code the route calls (and the tests).
 */
import 'server-only';

import { BadRequestError } from '@/lib/errors';
import { recordWhatIf } from '@/lib/metrics/registry';
import type { DiagnosisView } from '@/lib/schemas/diagnosis';
import type { WhatIfRequest, WhatIfResponse } from '@/lib/schemas/what-if';
import type { WhatIfEdit } from '@/lib/schemas/what-if-edits';
import { newDiagnosisId, type DiagnosisStore, type StoredDiagnosis } from '@/lib/store/diagnosis-store';
import { diagnosisNotFound } from '@/lib/store/saved-diagnoses';
import { parseStoredFacts } from '@/lib/store/stored-facts';
import { formatWorldYaml, toWorldFragment } from '@/lib/store/world-fragment';

import { evaluateWhatIf } from './evaluate-what-if';
import { findFixLinks } from './fix-links';

/** The original a hypothetical edits (a what-if of a what-if goes back to the reading it started from). */
async function originalOf(store: DiagnosisStore, stored: StoredDiagnosis, edits: readonly WhatIfEdit[]): Promise<{ baseId: string; edits: WhatIfEdit[]; diagnosis: DiagnosisView | null }> {
  const id = stored.diagnosis.id ?? '';
  if (!stored.whatIf) return { baseId: id, edits: [...edits], diagnosis: stored.diagnosis };
  const original = await store.get(stored.whatIf.baseId);
  return { baseId: stored.whatIf.baseId, edits: [...stored.whatIf.edits, ...edits], diagnosis: original?.diagnosis ?? null };
}

/**
 * Evaluates `body.edits` on the saved diagnosis `id`: 404 for an unknown id, 409
 * `facts_not_saved` for a diagnosis saved before facts were kept, 422 `invalid_edit` for an
 * edit that cannot apply. With `save`, the hypothetical is saved (marked as such) and carries its id.
 */
export async function whatIfSavedDiagnosis(store: DiagnosisStore, id: string, body: WhatIfRequest, clock: () => number = () => performance.now()): Promise<WhatIfResponse> {
  const stored = await store.get(id);
  if (!stored) throw diagnosisNotFound(id);
  const facts = parseStoredFacts(stored.factsJson);
  if (!facts) {
    throw new BadRequestError('facts_not_saved', `Diagnosis ${id} was saved before the dashboard kept the facts a what-if needs. Re-run it and ask the what-if on the new diagnosis.`, 409);
  }
  const started = clock();
  const outcome = evaluateWhatIf({ diagnosis: stored.diagnosis, facts }, body.edits);
  if (outcome.kind === 'invalid') throw new BadRequestError('invalid_edit', outcome.message, 422);
  const evaluationMs = clock() - started;
  recordWhatIf(evaluationMs);

  const original = await originalOf(store, stored, body.edits);
  const fixes = original.diagnosis ? findFixLinks(original.diagnosis, original.edits).filter((link) => link.edit >= original.edits.length - body.edits.length).map((link) => ({ ...link, edit: link.edit - (original.edits.length - body.edits.length) })) : [];
  let diagnosis: DiagnosisView = outcome.diagnosis;
  if (body.save) {
    const savedId = newDiagnosisId();
    const hypothetical = { ...outcome.diagnosis, id: savedId };
    const worldYaml = formatWorldYaml(toWorldFragment({ facts: outcome.facts, diagnosis: hypothetical }));
    const saved = await store.save({ id: savedId, diagnosis: hypothetical, worldYaml, origin: stored.origin, facts: outcome.facts, whatIf: { baseId: original.baseId, edits: original.edits } });
    diagnosis = saved.diagnosis;
  }
  return { hypothetical: true, baseId: original.baseId, diagnosis, changes: outcome.changes, fixes, evaluationMs };
}
