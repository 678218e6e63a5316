/**
 * One change to send: a fix, or the inverse of an applied one. Renders its request for the
 * preview and the audit log, previews it (dry run / current state) and executes it, reading
 * first what the inverse will need.
 */
import 'server-only';

import { stringify } from 'yaml';

import { callCloudAction, createCloudClients, describeNetworkAcls, describeSecurityGroups, previewCloudFix, type AlicloudFix, type CloudClients } from '@/lib/alicloud';
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

/**
 * Kubernetes: the server-side dry run and its diff (its failure is the preview's failure).
 * Cloud: the state the action changes, before and after; a failed read is reported beside
 * the request, as the change itself may still be possible.
 */
export async function previewOf(change: PlannedChange): Promise<ChangePreviewState> {
  if (change.kind !== 'alicloud') {
    const dryRun = await kubernetesWrite(change, true);
    return { diff: dryRun.diff, state: null, stateError: null };
  }
  try {
    return { diff: null, state: await previewCloudFix(clientsFor(change.fix), change.fix), stateError: null };
  } catch (error) {
    if (!(error instanceof UpstreamError)) throw error;
    return { diff: null, state: null, stateError: `The current state could not be read (${error.code ?? error.reason}): ${error.message}` };
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
