/**
 * SNAT entry selection and EIP usability (domain doc §3.2, §3.3). Pure.
 */
import { cidrContains, parseCidr } from './ip';
import type { Eip, NatGateway, NetworkInterface, SnatEntry } from './model';

/** The source as SNAT entries see it. */
export interface SnatSource {
  address: string;
  vSwitchId: string;
  /** CIDR of the source vSwitch (the prefix of vSwitch-granularity entries); null when unknown. */
  vSwitchCidr: string | null;
}

/**
 * True when `entry` can apply to traffic from `eni` (any of its private addresses, its vSwitch);
 * true for every entry when the ENI is unknown. The entries of a VPC that cover no address of
 * the source are other workloads'.
 */
export function snatEntryCoversEni(entry: SnatEntry, eni: Pick<NetworkInterface, 'privateIps' | 'vSwitchId'> | null): boolean {
  if (eni === null) return true;
  return eni.privateIps.some((address) => snatSpecificity(entry, { address, vSwitchId: eni.vSwitchId, vSwitchCidr: null }) !== null);
}

/** How specific an entry is for the source: its prefix length, or null when it does not cover it. */
export function snatSpecificity(entry: SnatEntry, source: SnatSource): number | null {
  const prefixes: number[] = [];
  if (entry.sourceCidr !== null && cidrContains(entry.sourceCidr, source.address)) {
    const cidr = parseCidr(entry.sourceCidr);
    if (cidr) prefixes.push(cidr.prefix);
  }
  if (entry.sourceVSwitchId !== null && entry.sourceVSwitchId === source.vSwitchId) {
    const cidr = source.vSwitchCidr === null ? null : parseCidr(source.vSwitchCidr);
    prefixes.push(cidr?.prefix ?? 0);
  }
  return prefixes.length === 0 ? null : Math.max(...prefixes);
}

/** SNAT entries of the gateway (by gateway id or SNAT table id). */
export function gatewaySnatEntries(gateway: NatGateway, entries: SnatEntry[]): SnatEntry[] {
  return entries.filter((entry) => entry.natGatewayId === gateway.id || gateway.snatTableIds.includes(entry.snatTableId));
}

/**
 * The `Available` entry covering the source with the longest source prefix: a /32 ECS/ENI
 * entry beats a vSwitch entry, which beats a VPC-wide CIDR. First listed wins a tie; null
 * when none covers the source.
 */
export function selectSnatEntry(entries: SnatEntry[], source: SnatSource): SnatEntry | null {
  let best: { entry: SnatEntry; prefix: number } | null = null;
  for (const entry of entries) {
    if (entry.status !== 'Available') continue;
    const prefix = snatSpecificity(entry, source);
    if (prefix !== null && (best === null || prefix > best.prefix)) best = { entry, prefix };
  }
  return best?.entry ?? null;
}

/** Why an EIP cannot carry traffic, or null when it can (`InUse`, `Normal`, no locks). */
export function eipProblem(eip: Eip): string | null {
  if (eip.status !== 'InUse') return `EIP ${eip.ip} is ${eip.status}, not InUse`;
  if (eip.businessStatus !== 'Normal') return `EIP ${eip.ip} is ${eip.businessStatus}`;
  if (eip.locks.length > 0) return `EIP ${eip.ip} is locked (${eip.locks.join(', ')})`;
  return null;
}

/** Whether a SNAT IP can carry traffic; `unusable` carries the EIP when one was read, and whether it is detached. */
export type SnatIpState =
  | { kind: 'usable' }
  | { kind: 'unusable'; problem: string; eip: Eip; detached: boolean }
  | { kind: 'notRead'; reason: string };

/**
 * Checks a SNAT IP of `gateway`: an EIP bound to that gateway, `InUse`, `Normal`, unlocked.
 * An EIP the gateway does not hold is `detached` when it is `Available` (associated with
 * nothing), otherwise it belongs to another instance.
 */
export function snatIpState(ip: string, gateway: NatGateway, eips: Eip[]): SnatIpState {
  const eip = eips.find((candidate) => candidate.ip === ip);
  if (!eip) return { kind: 'notRead', reason: `no EIP with the address ${ip} was read` };
  const boundToGateway = eip.instanceId === gateway.id || gateway.ipAddresses.some((address) => address.ip === ip);
  if (!boundToGateway) {
    if (eip.status === 'Available') return { kind: 'unusable', eip, detached: true, problem: `EIP ${ip} (${eip.allocationId}) is Available: it is associated with nothing, not with ${gateway.id}` };
    const owner = eip.instanceId ? `${eip.instanceType ?? 'instance'} ${eip.instanceId}` : 'another instance';
    return { kind: 'unusable', eip, detached: false, problem: `EIP ${ip} (${eip.allocationId}) is associated with ${owner}, not with ${gateway.id}` };
  }
  const problem = eipProblem(eip);
  return problem === null ? { kind: 'usable' } : { kind: 'unusable', eip, detached: false, problem };
}
