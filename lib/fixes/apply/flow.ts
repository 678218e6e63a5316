/**
 * Preview → confirm → apply → record → re-run, for a fix of a saved diagnosis and for the
 * undo of an audited change. The routes call these and nothing else.
 */
import 'server-only';

import { createHash } from 'node:crypto';

import { z } from 'zod';

import type { DiagnosisRequest, Fix } from '@/lib/analysis/model';
import { getAuditStore, type AuditRecord } from '@/lib/audit';
import type { ApplyResponse, AuditEntry, ChangePreview } from '@/lib/audit/schemas';
import { diagnoseWithFacts } from '@/lib/diagnose/diagnose';
import { BadRequestError } from '@/lib/errors';
import { hasInverse, inverseOf } from '@/lib/fixes/inverse';
import { fixSchema, type DiagnosisView } from '@/lib/schemas/diagnosis';
import { getDiagnosisStore } from '@/lib/store/diagnosis-store';
import { changesSince, diagnosisNotFound, saveDiagnosisRun } from '@/lib/store/saved-diagnoses';

import { changeOfInverse, effectOf, execute, previewOf, requestOf, titleOf, type ChangePreviewState, type PlannedChange } from './change';
import { applySubject, issueConfirmationToken, redeemConfirmationToken, undoSubject } from './confirmation';
import { ChangeFailedError, describeFailure } from './failure';

/** A saved fix parsed into the domain type (the saved record carries products as plain strings). */
const storedFixSchema = z.union([
  fixSchema.options[0],
  fixSchema.options[1].extend({ product: z.enum(['Ecs', 'Vpc', 'Slb', 'Rds', 'R-kvstore', 'Polardb', 'Dds']) }),
  fixSchema.options[2],
]);

interface LoadedFix {
  diagnosis: DiagnosisView;
  fix: Fix;
  change: PlannedChange;
}

/** The saved diagnosis and its fix; 404 `diagnosis_not_found` / `fix_not_found`, 400 `fix_not_applicable` for a manual fix. */
async function loadFix(diagnosisId: string, fixId: string): Promise<LoadedFix> {
  const saved = await getDiagnosisStore().get(diagnosisId);
  if (!saved) throw diagnosisNotFound(diagnosisId);
  // Never apply from a hypothetical picture: the fixes of a what-if rest on facts nobody read.
  if (saved.whatIf) throw new BadRequestError('hypothetical_diagnosis', `Diagnosis ${diagnosisId} is a what-if, not a reading of the live state: apply the fix from the diagnosis it edits (/d/${saved.whatIf.baseId}), whose preview re-reads the live objects.`, 409);
  const { diagnosis } = saved;
  const found = diagnosis.hops.flatMap((hop) => hop.fixes).find((fix) => fix.id === fixId);
  if (!found) throw new BadRequestError('fix_not_found', `Diagnosis ${diagnosisId} proposes no fix with the id “${fixId}”.`, 404);
  const fix: Fix = storedFixSchema.parse(found);
  if (fix.kind === 'manual') throw new BadRequestError('fix_not_applicable', `“${fix.title}” is carried out by hand: there is nothing to apply from here.`);
  const change: PlannedChange = fix.kind === 'alicloud' ? { kind: 'alicloud', fix } : { kind: 'kubernetesApply', context: diagnosis.request.cluster, fix };
  return { diagnosis, fix, change };
}

/** The 409 answered when a fix no longer fits the live state: the diagnosis it came from is out of date. */
function staleDiagnosis(stale: NonNullable<ChangePreviewState['stale']>): BadRequestError {
  return new BadRequestError('stale_diagnosis', `${stale.reason}. The diagnosis no longer matches the live state: re-run it first, then apply a fix of the new diagnosis.`, 409);
}

async function previewChange(change: PlannedChange, risk: string, undoPossible: boolean, subject: string, now: Date, options: { rejectStale: boolean }): Promise<ChangePreview> {
  let state: Awaited<ReturnType<typeof previewOf>>;
  try {
    state = await previewOf(change);
  } catch (error) {
    const failure = describeFailure(error);
    if (!failure) throw error;
    throw new ChangeFailedError(failure, null, error);
  }
  const { stale, ...shown } = state;
  if (options.rejectStale && stale) throw staleDiagnosis(stale);
  const { token, expiresAt } = issueConfirmationToken(subject, now);
  return { title: titleOf(change), risk, request: requestOf(change), ...shown, undoPossible, confirmationToken: token, expiresAt: expiresAt.toISOString() };
}

/**
 * The preview of applying `fixId` of saved diagnosis `diagnosisId`, with its confirmation
 * token. Re-reads the live objects the fix touches first: 409 `stale_diagnosis` when its
 * target is gone, changed, or the change would be a no-op.
 */
export async function previewFix(diagnosisId: string, fixId: string, now = new Date()): Promise<ChangePreview> {
  const { fix, change } = await loadFix(diagnosisId, fixId);
  return previewChange(change, fix.risk, hasInverse(fix), applySubject(diagnosisId, fixId), now, { rejectStale: true });
}

/** ClientToken of a change: the same for every retry of it (at most 64 ASCII characters). */
function clientTokenOf(...parts: string[]): string {
  return createHash('sha256').update(parts.join('\u0000')).digest('hex');
}

type Rerun = Pick<ApplyResponse, 'rerun' | 'rerunError' | 'previousId' | 'changes'>;

/**
 * Diagnoses the request again, saves it, and lists what changed since saved diagnosis
 * `previousId` (none when it is gone); a failure is reported, not thrown (the change is done).
 */
async function rerun(request: DiagnosisRequest, previousId: string): Promise<Rerun> {
  try {
    const store = getDiagnosisStore();
    const saved = await saveDiagnosisRun(store, await diagnoseWithFacts(request));
    const previous = await store.get(previousId);
    return { rerun: saved.diagnosis, rerunError: null, previousId: previous ? previousId : null, changes: previous ? changesSince(previous, saved) : [] };
  } catch (error) {
    const failure = describeFailure(error);
    return { rerun: null, rerunError: `The change was made, but the diagnosis could not be re-run: ${failure?.message ?? (error instanceof Error ? error.message : String(error))}`, previousId: null, changes: [] };
  }
}

interface SendInput {
  change: PlannedChange;
  clientToken: string;
  actor: string;
  now: Date;
  base: Pick<AuditRecord['entry'], 'operation' | 'diagnosisId' | 'fixId' | 'undoOf'>;
  diagnosisRequest: DiagnosisRequest;
  /** The saved diagnosis the re-run is compared with. */
  previousId: string;
  inverseFor: ((applied: Awaited<ReturnType<typeof execute>>['applied']) => ReturnType<typeof inverseOf>) | null;
  /** Re-check right before writing that the change still fits the live state (a fix: 409 `stale_diagnosis` otherwise). */
  recheck: boolean;
}

/** Executes, records (success or failure), re-runs. Throws `ChangeFailedError` (already recorded) on failure. */
async function send(input: SendInput): Promise<ApplyResponse & { record: AuditRecord }> {
  const audit = getAuditStore();
  const common = { ...input.base, at: input.now, actor: input.actor, diagnosisRequest: input.diagnosisRequest, title: titleOf(input.change), request: requestOf(input.change), rerun: null };
  let executed: Awaited<ReturnType<typeof execute>>;
  try {
    if (input.recheck) {
      // NOTE: the preview checked too, but the live state may have moved since (a race).
      const { stale } = await previewOf(input.change);
      if (stale) throw staleDiagnosis(stale);
    }
    executed = await execute(input.change, input.clientToken);
  } catch (error) {
    const failure = describeFailure(error) ?? { status: 500, code: 'internal_error', message: 'The change failed on the server; the error has been logged.' };
    const record = await audit.record({ ...common, result: { status: 'failed', message: failure.message, code: failure.code }, effect: null, response: null, before: null, inverse: null });
    if (failure.status === 500) throw error;
    throw new ChangeFailedError(failure, record.entry.id, error);
  }
  const inverse = input.inverseFor ? input.inverseFor(executed.applied) : null;
  const { before } = executed.applied;
  const effect = await effectOf(input.change);
  const record = await audit.record({ ...common, result: { status: 'ok', message: executed.message, code: null }, effect, response: executed.response, before, inverse });
  const after = await rerun(input.diagnosisRequest, input.previousId);
  const summary: AuditEntry['rerun'] = after.rerun?.id ? { diagnosisId: after.rerun.id, verdict: after.rerun.verdict, blockingHop: after.rerun.blockingHop } : null;
  if (summary) await audit.setRerun(record.entry.id, summary);
  return { auditId: record.entry.id, result: { status: 'ok', message: executed.message, requestId: executed.requestId }, ...after, record };
}

/** Applies a previewed fix once `confirmationToken` (from its preview) is redeemed. */
export async function applyFix(input: { diagnosisId: string; fixId: string; confirmationToken: string; actor: string; now?: Date }): Promise<ApplyResponse> {
  const now = input.now ?? new Date();
  const { diagnosis, fix, change } = await loadFix(input.diagnosisId, input.fixId);
  await redeemConfirmationToken(input.confirmationToken, applySubject(input.diagnosisId, input.fixId), now);
  const { auditId, result, rerun: after, rerunError, previousId, changes } = await send({
    change,
    clientToken: clientTokenOf('apply', input.diagnosisId, input.fixId),
    actor: input.actor,
    now,
    base: { operation: 'apply', diagnosisId: input.diagnosisId, fixId: input.fixId, undoOf: null },
    diagnosisRequest: diagnosis.request,
    previousId: input.diagnosisId,
    inverseFor: (applied) => inverseOf(fix, applied),
    recheck: true,
  });
  return { auditId, result, rerun: after, rerunError, previousId, changes };
}

async function loadUndo(auditId: string): Promise<AuditRecord & { inverse: NonNullable<AuditRecord['inverse']> }> {
  const record = await getAuditStore().get(auditId);
  if (!record) throw new BadRequestError('audit_not_found', `The audit log has no entry “${auditId}”.`, 404);
  const { inverse } = record;
  if (record.entry.undo.undoneAt !== null) throw new BadRequestError('already_undone', `This change was already undone by ${record.entry.undo.undoneBy ?? 'someone'} at ${record.entry.undo.undoneAt}.`, 409);
  if (record.entry.result.status !== 'ok' || inverse === null) throw new BadRequestError('undo_not_possible', 'This change has no undo: it failed, or its previous state could not be kept.', 409);
  return { ...record, inverse };
}

/** The preview of undoing audited change `auditId`, with its confirmation token. */
export async function previewUndo(auditId: string, now = new Date()): Promise<ChangePreview> {
  const record = await loadUndo(auditId);
  return previewChange(changeOfInverse(record.inverse), `Reverses “${record.entry.title}”: the path it opened may be blocked again.`, false, undoSubject(auditId), now, { rejectStale: false });
}

/** Undoes audited change `auditId` once `confirmationToken` (from its undo preview) is redeemed. */
export async function applyUndo(input: { auditId: string; confirmationToken: string; actor: string; now?: Date }): Promise<ApplyResponse> {
  const now = input.now ?? new Date();
  const original = await loadUndo(input.auditId);
  await redeemConfirmationToken(input.confirmationToken, undoSubject(input.auditId), now);
  const { record, ...response } = await send({
    change: changeOfInverse(original.inverse),
    clientToken: clientTokenOf('undo', input.auditId),
    actor: input.actor,
    now,
    base: { operation: 'undo', diagnosisId: original.entry.diagnosisId, fixId: original.entry.fixId, undoOf: input.auditId },
    diagnosisRequest: original.diagnosisRequest,
    // The state being undone is the one the change's own re-run saw.
    previousId: original.entry.rerun?.diagnosisId ?? original.entry.diagnosisId,
    inverseFor: null,
    recheck: false,
  });
  await getAuditStore().markUndone(input.auditId, { by: input.actor, at: now, undoAuditId: record.entry.id });
  return response;
}
