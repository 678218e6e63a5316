/**
 * Fixes of the natEip hop for EIPs that cannot carry the traffic: a locked or detached EIP,
 * or a SNAT entry naming an EIP the gateway does not hold. Pure.
 */
import { manualFix } from '@/lib/fixes/cloud-fixes';

import { ref } from './hop-helpers';
import type { Eip, Fix, NatGateway, SnatEntry } from './model';

/** Settle the lock or re-associate an EIP of the source or the gateway. */
export function eipManualFix(eip: Eip, problem: string): Fix {
  return manualFix({
    id: `eip-repair-${eip.allocationId}`,
    title: `Make EIP ${eip.ip} usable`,
    description: problem,
    risk: 'None beyond restoring the intended egress address.',
    target: ref('eip', eip.allocationId, eip.ip),
    steps: ['Settle any overdue payment or security lock on the EIP (VPC console → EIP)', 'Associate the EIP with its instance again if it is Available'],
  });
}

/**
 * For a SNAT entry whose EIP the gateway does not hold: associate a detached (`Available`)
 * EIP with the gateway, or point the entry at an EIP the gateway holds (or remove it). An
 * EIP associated with another instance is only replaced: taking it would break that instance.
 */
export function snatEipFix(eip: Eip, detached: boolean, gateway: NatGateway, entry: SnatEntry, problem: string): Fix {
  const gatewayEips = gateway.ipAddresses.map((address) => address.ip);
  const replace = gatewayEips.length > 0
    ? `Or change ${entry.id} to translate to an EIP ${gateway.id} holds (${gatewayEips.join(', ')}): aliyun vpc ModifySnatEntry --SnatTableId ${entry.snatTableId} --SnatEntryId ${entry.id} --SnatIp ${gatewayEips[0]}`
    : `Or remove ${entry.id} (aliyun vpc DeleteSnatEntry --SnatTableId ${entry.snatTableId} --SnatEntryId ${entry.id}) and create one with an EIP associated with ${gateway.id}`;
  if (detached) {
    return manualFix({
      id: `snatEntry-eip-associate-${eip.allocationId}`,
      title: `Associate EIP ${eip.ip} with ${gateway.id}`,
      description: problem,
      risk: `Only the egress address of ${entry.id} changes to what it names already; the EIP starts being billed as in use.`,
      target: ref('eip', eip.allocationId, eip.ip),
      steps: [`aliyun vpc AssociateEipAddress --AllocationId ${eip.allocationId} --InstanceId ${gateway.id} --InstanceType Nat`, replace],
    });
  }
  return manualFix({
    id: `snatEntry-eip-replace-${entry.id}`,
    title: `Point ${entry.id} at an EIP of ${gateway.id}`,
    description: problem,
    risk: `The sources of ${entry.id} leave with another address: partners that allowlist ${eip.ip} must be told.`,
    target: ref('snatEntry', entry.id),
    steps: [replace.replace(/^Or c/, 'C').replace(/^Or r/, 'R'), `Do not move ${eip.ip} away from ${eip.instanceId ?? 'its instance'}: that instance would lose it`],
  });
}
