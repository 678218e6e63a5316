/**
 * The EIP a pod's annotations ask for or report (domain doc §4.3). Pure.
 */
import { manualFix } from '@/lib/fixes/cloud-fixes';

import { notesOf, ref, withoutSummaryMessage } from './hop-helpers';
import type { Eip, Hop, PathFacts, Pod } from './model';

/** Annotations naming an existing EIP by allocation id, most specific first (ACS, ECI, legacy Terway, the ECI result). */
const ALLOCATION_ID_ANNOTATIONS = [
  'network.alibabacloud.com/pod-eip-instanceid',
  'k8s.aliyun.com/eci-eip-instanceid',
  'k8s.aliyun.com/pod-eip-instanceid',
  'k8s.aliyun.com/allocated-eipInstanceId',
];

/** The result annotation with the EIP's address. */
const ADDRESS_ANNOTATION = 'k8s.aliyun.com/allocated-eipAddress';

/** An EIP named by the pod's annotations: its allocation id and/or address, and the annotation that named it. */
export interface AnnotatedEip {
  allocationId: string | null;
  ip: string | null;
  annotation: string;
}

/** The EIP the pod's annotations name, or null when none does. */
export function podAnnotatedEip(pod: Pod): AnnotatedEip | null {
  const idAnnotation = ALLOCATION_ID_ANNOTATIONS.find((key) => (pod.annotations[key] ?? '').trim() !== '');
  const allocationId = idAnnotation === undefined ? null : (pod.annotations[idAnnotation] ?? '').trim();
  const ip = (pod.annotations[ADDRESS_ANNOTATION] ?? '').trim() || null;
  if (allocationId === null && ip === null) return null;
  return { allocationId, ip, annotation: idAnnotation ?? ADDRESS_ANNOTATION };
}

/** What became of the annotated EIP, in words: "is Available (associated with nothing)", … */
function eipState(annotated: AnnotatedEip, eips: Eip[]): { text: string; eip: Eip | null } {
  const eip = eips.find((candidate) => candidate.allocationId === annotated.allocationId || (annotated.ip !== null && candidate.ip === annotated.ip)) ?? null;
  if (eip === null) return { text: 'no such EIP was found in the region', eip };
  if (eip.status === 'Available') return { text: `${eip.allocationId} is Available (associated with nothing)`, eip };
  return { text: `${eip.allocationId} is ${eip.status}, associated with ${eip.instanceType ?? 'instance'} ${eip.instanceId ?? '(unknown)'}`, eip };
}

/**
 * The natEip hop, told about an EIP the pod's annotations name but its ENI does not carry:
 * a note saying so; a `pass` becomes a `warn` whose summary says the pod leaves with the
 * translated address instead; a `block` also offers to associate the EIP with the pod's ENI.
 * The hop unchanged when no annotation names an EIP, or the ENI carries it.
 */
export function withAnnotatedEip(hop: Hop, facts: PathFacts): Hop {
  const annotated = podAnnotatedEip(facts.cluster.pod);
  const eni = facts.cloud.sourceEni.kind === 'ok' ? facts.cloud.sourceEni.value : null;
  if (annotated === null || eni === null || hop.verdict === 'skip') return hop;
  const publicIp = eni.publicIp;
  if (publicIp !== null && (publicIp.allocationId === annotated.allocationId || publicIp.ip === annotated.ip)) return hop;
  const eips = facts.cloud.eips.kind === 'ok' ? facts.cloud.eips.value : [];
  const state = eipState(annotated, eips);
  const name = [annotated.ip ?? state.eip?.ip, annotated.allocationId ?? state.eip?.allocationId].filter(Boolean).join(' / ');
  const note = `The pod is annotated (${annotated.annotation}) with EIP ${name}, but it is not attached to the pod's ENI ${eni.id}: ${state.text}.`;
  const evidence = { ...hop.evidence, ...notesOf([note, ...hop.evidence.notes], [null, ...(hop.evidence.noteMessages ?? [])]) };
  if (hop.verdict === 'pass') {
    return { ...withoutSummaryMessage(hop), verdict: 'warn', summary: `${hop.summary}, not with the pod's annotated EIP ${state.eip?.ip ?? name} (not attached)`, evidence };
  }
  if (hop.verdict !== 'block' || state.eip === null || state.eip.status !== 'Available') return { ...hop, evidence };
  const eip = state.eip;
  const fix = manualFix({
    id: `podEip-associate-${eip.allocationId}`,
    title: `Associate EIP ${eip.ip} with the pod's ENI ${eni.id}`,
    description: note,
    risk: `The pod egresses with ${eip.ip} and can be reached on it where its security groups admit inbound traffic.`,
    target: ref('eip', eip.allocationId, eip.ip),
    steps: [`aliyun vpc AssociateEipAddress --AllocationId ${eip.allocationId} --InstanceId ${eni.id} --InstanceType NetworkInterface`, 'Or recreate the pod so its EIP controller attaches the EIP again'],
  });
  return { ...hop, evidence, fixes: [...hop.fixes, fix] };
}
