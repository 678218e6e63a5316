/**
 * One change to send: a fix, or the inverse of an applied one. Renders its request for the
 * preview and the audit log, previews it (dry run / current state) and executes it, reading
 * first what the inverse will need.
 */
import 'server-only';

import { stringify } from 'yaml';

import { callCloudAction, createCloudClients, describeNetworkAcls, describeSecurityGroups, previewCloudFix, type AlicloudFix, type CloudClients, type StaleState } from '@/lib/alicloud';
import { getEnv } from '@/lib/env';
import { BadRequestError, UpstreamError } from '@/lib/errors';
import type { AppliedChange, CloudBeforeState, InverseOperation, ObjectRef } from '@/lib/fixes/inverse';
import { applyKubernetesFix, deleteKubernetesObject, fixRef, mergePatchKubernetesObject, type KubernetesChange, type KubernetesFix } from '@/lib/k8s';
import type { ChangeRequest } from '@/lib/audit/schemas';

/** A change the dashboard can send. */
export type PlannedChange = { kind: 'alicloud'; fix: AlicloudFix } | { kind: 'kubernetesApply'; context: string; fix: KubernetesFix } | Exclude<InverseOperation, { kind: 'alicloud' }>;

/** The inverse operation as a change to send. */
export function changeOfInverse(inverse: InverseOperation): PlannedChange {
  return inverse.kind === 'alicloud' ? { kind: 'alicloud', fix: inverse.fix } : inverse;
}

function describeRef(ref: ObjectRef): string {
  return `${ref.kind} ${ref.namespace === null ? '' : `${ref.namespace}/`}${ref.name}`;
}

function kubectlTarget(ref: ObjectRef, context: string): string {
  return `${ref.kind.toLowerCase()} ${ref.name}${ref.namespace === null ? '' : ` -n ${ref.namespace}`} --context ${context}`;
}

/** The title shown for the change. */
export function titleOf(change: PlannedChange): string {
  return change.kind === 'alicloud' || change.kind === 'kubernetesApply' ? change.fix.title : change.title;
}

/** The exact request, for the preview and the audit log. */
export function requestOf(change: PlannedChange): ChangeRequest {
  switch (change.kind) {
    case 'alicloud':
      return { kind: 'alicloud', product: change.fix.product, version: change.fix.version, action: change.fix.action, parameters: change.fix.parameters, command: change.fix.command };
    case 'kubernetesApply':
      return { kind: 'kubernetes', operation: change.fix.patchType, object: describeRef(fixRef(change.fix).ref), body: change.fix.yaml, command: change.fix.command };
    case 'kubernetesDelete':
      return { kind: 'kubernetes', operation: 'delete', object: describeRef(change.ref), body: '', command: `kubectl delete ${kubectlTarget(change.ref, change.context)}` };
    case 'kubernetesMergePatch':
      return {
        kind: 'kubernetes',
        operation: 'merge',
        object: describeRef(change.ref),
        body: stringify(change.patch),
        command: `kubectl patch ${kubectlTarget(change.ref, change.context)} --type merge -p '${JSON.stringify(change.patch)}'`,
      };
    default: {
      const exhaustive: never = change;
      throw new Error(`unhandled change ${JSON.stringify(exhaustive)}`);
    }
  }
}

/** Cloud clients of the fix's region (its `RegionId`, else `ALIBABA_CLOUD_REGION_ID`). */
function clientsFor(fix: AlicloudFix): CloudClients {
  const region = fix.parameters.RegionId ?? getEnv().ALIBABA_CLOUD_REGION_ID;
  if (!region) throw new BadRequestError('region_unknown', `The fix names no RegionId and ALIBABA_CLOUD_REGION_ID is not set: the region to call ${fix.action} in is unknown.`);
  return createCloudClients({ region });
}

/** What the preview shows besides the request. */
export interface ChangePreviewState {
  diff: string | null;
  state: { title: string; columns: string[]; before: string[][]; after: string[][] } | null;
  stateError: string | null;
  /** Set when the change does not fit the live state: a no-op, its object gone, or what it was built on changed. */
  stale: StaleState | null;
}

function kubernetesWrite(change: Exclude<PlannedChange, { kind: 'alicloud' }>, dryRun: boolean): Promise<KubernetesChange> {
  switch (change.kind) {
    case 'kubernetesApply':
      return applyKubernetesFix(change.context, change.fix, { dryRun });
    case 'kubernetesDelete':
      return deleteKubernetesObject(change.context, change.ref, { dryRun });
    case 'kubernetesMergePatch':
      return mergePatchKubernetesObject(change.context, change.ref, change.patch, { dryRun });
    default: {
      const exhaustive: never = change;
      throw new Error(`unhandled change ${JSON.stringify(exhaustive)}`);
    }
  }
}

/** True when a line diff changes no line. */
const changesNothing = (diff: string): boolean => !diff.split('\n').some((line) => line.startsWith('+') || line.startsWith('-'));

/** The dry run of a Kubernetes change and whether it fits the live object. */
async function previewKubernetes(change: Exclude<PlannedChange, { kind: 'alicloud' }>): Promise<ChangePreviewState> {
  try {
    const dryRun = await kubernetesWrite(change, true);
    const stale: StaleState | null = changesNothing(dryRun.diff) ? { kind: 'noOp', reason: `${describeRef(dryRun.ref)} already is what the change asks for` } : null;
    return { diff: dryRun.diff, state: null, stateError: null, stale };
  } catch (error) {
    if (!(error instanceof UpstreamError) || error.reason !== 'notFound') throw error;
    // A delete of what is already gone changes nothing; a patch of what is gone cannot be made.
    const stale: StaleState =
      change.kind === 'kubernetesDelete' ? { kind: 'noOp', reason: `${describeRef(change.ref)} is already gone` } : { kind: 'gone', reason: `${error.resource} no longer exists` };
    return { diff: null, state: null, stateError: null, stale };
  }
}

/**
 * Kubernetes: the server-side dry run and its diff (its failure is the preview's failure).
 * Cloud: the state the action changes, before and after; a failed read is reported beside
 * the request, as the change itself may still be possible. Both say whether the change
 * still fits the live state (`stale`).
 */
export async function previewOf(change: PlannedChange): Promise<ChangePreviewState> {
  if (change.kind !== 'alicloud') return previewKubernetes(change);
  try {
    const { stale = null, ...state } = await previewCloudFix(clientsFor(change.fix), change.fix);
    return { diff: null, state, stateError: null, stale };
  } catch (error) {
    if (!(error instanceof UpstreamError)) throw error;
    if (error.reason === 'notFound') return { diff: null, state: null, stateError: null, stale: { kind: 'gone', reason: `${error.resource}: ${error.message}` } };
    return { diff: null, state: null, stateError: `The current state could not be read (${error.code ?? error.reason}): ${error.message}`, stale: null };
  }
}

/** Whether a change took effect, from the live state read right after it. */
export interface ChangeEffect {
  /** `confirmed`: the live state now is what the change asked for; `notObserved`: it is not; `unchecked`: it could not be read. */
  status: 'confirmed' | 'notObserved' | 'unchecked';
  message: string;
}

/** Re-reads what the change touched: it took effect when applying it again would be a no-op. */
export async function effectOf(change: PlannedChange): Promise<ChangeEffect> {
  try {
    const after = await previewOf(change);
    if (after.stale?.kind === 'noOp') return { status: 'confirmed', message: `Re-read after the change: ${after.stale.reason}.` };
    if (after.stateError) return { status: 'unchecked', message: after.stateError };
    return { status: 'notObserved', message: `Re-read after the change: it is not in effect${after.stale ? ` (${after.stale.reason})` : ''}.` };
  } catch (error) {
    return { status: 'unchecked', message: `The state could not be re-read after the change: ${error instanceof Error ? error.message : String(error)}` };
  }
}

/** The rule a revoke removes, or the list an ACL update replaces, read right before the change. */
async function readCloudBeforeState(clients: CloudClients, fix: AlicloudFix): Promise<CloudBeforeState | null> {
  const { parameters } = fix;
  if (fix.action === 'RevokeSecurityGroupEgress' || fix.action === 'RevokeSecurityGroup') {
    const securityGroupId = parameters.SecurityGroupId;
    const ruleId = parameters['SecurityGroupRuleId.1'];
    if (!securityGroupId || !ruleId) return null;
    const [group] = await describeSecurityGroups(clients, [securityGroupId]);
    const rule = group?.rules.find((item) => item.id === ruleId);
    return rule ? { kind: 'securityGroupRule', securityGroupId, rule } : null;
  }
  if (fix.action === 'UpdateNetworkAclEntries' && parameters.NetworkAclId) {
    const direction = parameters.UpdateEgressAclEntries === 'true' ? 'egress' : 'ingress';
    const [acl] = await describeNetworkAcls(clients, [parameters.NetworkAclId]);
    if (!acl) return null;
    return { kind: 'networkAcl', networkAclId: acl.id, direction, entries: acl[direction].filter((entry) => entry.entryType === 'custom') };
  }
  return null;
}

/** What an executed change did. */
export interface ExecutedChange {
  applied: AppliedChange;
  /** One sentence for people. */
  message: string;
  requestId: string | null;
  /** What the cloud or cluster answered (for the audit log). */
  response: unknown;
}

/**
 * Sends the change for real. Cloud calls carry `clientToken`, so a retry of the same change
 * is answered with the first result instead of being applied twice.
 */
export async function execute(change: PlannedChange, clientToken: string): Promise<ExecutedChange> {
  if (change.kind === 'alicloud') {
    const clients = clientsFor(change.fix);
    const before = await readCloudBeforeState(clients, change.fix);
    const { product, version, action, parameters } = change.fix;
    const result = await callCloudAction(clients, { product, version, action, parameters }, { clientToken });
    return {
      applied: { kind: 'alicloud', response: result.body, before },
      message: `${action} succeeded${result.requestId ? ` (RequestId ${result.requestId})` : ''}.`,
      requestId: result.requestId || null,
      response: result.body,
    };
  }
  const result = await kubernetesWrite(change, false);
  const verb = change.kind === 'kubernetesDelete' ? 'Deleted' : result.before === null ? 'Created' : 'Patched';
  return {
    applied: { kind: 'kubernetes', context: change.context, ref: result.ref, before: result.before, after: result.after },
    message: `${verb} ${describeRef(result.ref)} in ${change.context}.`,
    requestId: null,
    response: { diff: result.diff },
  };
}
