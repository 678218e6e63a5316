/**
 * Whitelist fixes beyond one appended entry: keeping pod IPs in the whitelist with
 * ack-kubernetes-webhook-injector (docs/gates/whitelists.md). Pure.
 */
import type { Fix, WhitelistService } from '@/lib/analysis/model';

import { manualFix } from './cloud-fixes';

/**
 * The injector's pod-template annotations, as its README and plugins name them: the instance id
 * and the whitelist group the pod IP is added to at start (and removed from on deletion).
 * It serves RDS and Redis (and SLB ACLs, security groups), not PolarDB or MongoDB.
 */
export const INJECTOR_ANNOTATIONS: Readonly<Partial<Record<WhitelistService, { instance: string; group: string }>>> = {
  rds: { instance: 'ack.aliyun.com/rds_id', group: 'ack.aliyun.com/white_list_name' },
  redis: { instance: 'ack.aliyun.com/redis_id', group: 'ack.aliyun.com/redis_white_list_name' },
};

/**
 * The manual fix that keeps the pod's own IP in the whitelist as pods come and go, for RDS and
 * Redis with pod addresses from the VPC (Terway); null for other services or Flannel, where the
 * instance sees the node address and a pod IP in the whitelist does not help.
 */
export function injectorFix(input: { service: WhitelistService; instanceId: string; group: string; flannel: boolean }): Extract<Fix, { kind: 'manual' }> | null {
  const keys = INJECTOR_ANNOTATIONS[input.service];
  if (keys === undefined || input.flannel) return null;
  return manualFix({
    id: `whitelist-injector-${input.instanceId}`,
    title: `Keep pod IPs in the whitelist of ${input.instanceId} automatically (ack-kubernetes-webhook-injector)`,
    description: 'Instead of a CIDR, let the ack-kubernetes-webhook-injector add-on add each pod IP of the workload to a whitelist group when the pod starts and remove it when the pod is deleted.',
    risk: 'Admits only this workload’s pods. Needs the add-on installed (ACK with Terway) and its credentials allowed to modify the whitelist; entries are not cleaned up if the cluster is deleted.',
    target: { kind: input.service, id: input.instanceId, label: input.instanceId },
    steps: [
      'Install ack-kubernetes-webhook-injector from the ACK marketplace (ACK with Terway; it is not available for Flannel).',
      `Add to the workload's pod template (spec.template.metadata.annotations):\n  ${keys.instance}: "${input.instanceId}"\n  ${keys.group}: "${input.group}"`,
      'Roll the workload so new pods are admitted through the injector’s init container, and check the group in the console.',
    ],
  });
}
