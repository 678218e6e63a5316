import type { DiagnosisView } from '@/lib/schemas/diagnosis';

export interface EgressAddress {
  address: string;
  /** What the address is, in the words an operator passes on ("SNAT EIP", "pod EIP", "pod IP", "node IP"). */
  what: string;
}

const IPV4 = /\b(\d{1,3}(?:\.\d{1,3}){3})\b/;

/**
 * The address the destination sees the traffic come from — what a partner or a whitelist
 * must allow: on the Internet, the EIP the NAT hop decided on (the pod's own EIP, or the
 * SNAT entry's); inside the VPC, the pod IP (the node IP in Flannel mode). Null when the
 * diagnosis does not tell.
 */
export function egressAddressOf(diagnosis: Pick<DiagnosisView, 'source' | 'destination' | 'hops'>): EgressAddress | null {
  const { source, destination } = diagnosis;
  if (destination.kind === 'internet') {
    const natEip = diagnosis.hops.find((hop) => hop.kind === 'natEip');
    if (!natEip || natEip.verdict !== 'pass') return null;
    if (natEip.evidence.decidedBy?.kind === 'eip') {
      const address = IPV4.exec(natEip.evidence.decidedBy.label)?.[1] ?? source.eip;
      return address ? { address, what: 'pod EIP' } : null;
    }
    const eip = natEip.evidence.facts.find((fact) => fact.kind === 'eip');
    const address = eip ? IPV4.exec(eip.label)?.[1] : undefined;
    return address ? { address, what: 'SNAT EIP' } : null;
  }
  if (!source.sourceAddress) return null;
  return { address: source.sourceAddress, what: source.networkMode === 'flannel' ? 'node IP' : 'pod IP' };
}
