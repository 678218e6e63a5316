/**
 * How the VPC DNS (100.100.2.136/138) of the pod's VPC answers one name: a resolver forwarding
 * rule bound to the VPC, a PrivateZone zone bound to the VPC (its enabled records; for a name
 * it lacks, NXDOMAIN under `ZONE` recursion or public DNS under `RECORD`), else public DNS.
 * The most specific zone or rule wins; on equal names the zone wins. Pure.
 */
import type { PrivateZone, PrivateZoneFacts, PrivateZoneRecord, PrivateZoneRef, ResolverRule } from './dns-sources';

/** Record types that answer an address question (A/AAAA directly, CNAME by aliasing). */
const ADDRESS_TYPES = new Set(['A', 'AAAA', 'CNAME']);

export type VpcDnsRoute =
  /** A bound zone decides: `addresses`/`cname` when an enabled record answers, else NXDOMAIN. */
  | { kind: 'zone'; zone: PrivateZoneRef; outcome: 'answered' | 'recordDisabled' | 'noRecord'; records: PrivateZoneRecord[]; addresses: string[]; cname: string | null }
  /** Public DNS answers; `recursedFrom` is the bound RECORD zone that let it through. */
  | { kind: 'public'; recursedFrom: PrivateZoneRef | null; recursedOutcome: 'recordDisabled' | 'noRecord' | null; unboundZones: Array<{ zone: PrivateZoneRef; records: PrivateZoneRecord[] }> }
  /** A forwarding rule sends the query to servers outside the VPC DNS. */
  | { kind: 'rule'; rule: ResolverRule };

const normalize = (name: string): string => name.toLowerCase().replace(/\.+$/, '');

/** True when `name` is `zone` or inside it. */
export function inZone(name: string, zone: string): boolean {
  const n = normalize(name);
  const z = normalize(zone);
  return z === '' || n === z || n.endsWith(`.${z}`);
}

/** The zone as shown in evidence. */
export function zoneRef(zone: PrivateZone): PrivateZoneRef {
  return { id: zone.id, name: zone.name, proxyPattern: zone.proxyPattern, vpcs: zone.vpcs };
}

/** The host records that could answer `name` in `zone`: the exact one, else the closest wildcard. */
function recordsFor(zone: PrivateZone, name: string): PrivateZoneRecord[] {
  const n = normalize(name);
  const z = normalize(zone.name);
  const relative = n === z ? '@' : n.slice(0, -(z.length + 1));
  const exact = zone.records.filter((record) => record.rr.toLowerCase() === relative);
  if (exact.length > 0 || relative === '@') return exact;
  const labels = relative.split('.');
  for (let drop = 1; drop <= labels.length; drop += 1) {
    const rest = labels.slice(drop).join('.');
    const wildcard = rest === '' ? '*' : `*.${rest}`;
    const found = zone.records.filter((record) => record.rr.toLowerCase() === wildcard);
    if (found.length > 0) return found;
  }
  return [];
}

function zoneRoute(zone: PrivateZone, name: string): VpcDnsRoute {
  const records = recordsFor(zone, name).filter((record) => ADDRESS_TYPES.has(record.type.toUpperCase()));
  const enabled = records.filter((record) => record.enabled);
  const addresses = enabled.filter((record) => record.type.toUpperCase() !== 'CNAME').map((record) => record.value);
  const cname = enabled.find((record) => record.type.toUpperCase() === 'CNAME')?.value.replace(/\.+$/, '') ?? null;
  if (addresses.length > 0 || cname !== null) return { kind: 'zone', zone: zoneRef(zone), outcome: 'answered', records, addresses: cname === null ? addresses : [], cname };
  const outcome = records.length > 0 ? 'recordDisabled' : 'noRecord';
  if (zone.proxyPattern === 'RECORD') return { kind: 'public', recursedFrom: zoneRef(zone), recursedOutcome: outcome, unboundZones: [] };
  return { kind: 'zone', zone: zoneRef(zone), outcome, records, addresses: [], cname: null };
}

const longest = <T>(items: T[], nameOf: (item: T) => string): T | undefined =>
  [...items].sort((a, b) => normalize(nameOf(b)).length - normalize(nameOf(a)).length)[0];

/**
 * The VPC DNS's route for `name` asked from `facts.vpcId`. Zones not bound to the VPC never
 * answer; they are listed (with their records for the name) when public DNS answers instead,
 * because "the zone exists but is bound elsewhere" is the usual mistake.
 */
export function routeInVpc(name: string, facts: PrivateZoneFacts): VpcDnsRoute {
  const covering = facts.zones.filter((zone) => inZone(name, zone.name));
  const bound = covering.filter((zone) => zone.vpcs.some((vpc) => vpc.vpcId === facts.vpcId));
  const rules = facts.rules.filter((rule) => inZone(name, rule.zoneName) && rule.vpcIds.includes(facts.vpcId));
  const zone = longest(bound, (item) => item.name);
  const rule = longest(rules, (item) => item.zoneName);
  if (rule && (!zone || normalize(rule.zoneName).length > normalize(zone.name).length)) return { kind: 'rule', rule };
  if (zone) {
    const route = zoneRoute(zone, name);
    if (route.kind !== 'public') return route;
  }
  const unboundZones = covering
    .filter((candidate) => !bound.includes(candidate))
    .map((candidate) => ({ zone: zoneRef(candidate), records: recordsFor(candidate, name) }))
    .filter((entry) => entry.records.length > 0);
  const recursed = zone ? zoneRoute(zone, name) : null;
  return {
    kind: 'public',
    recursedFrom: recursed?.kind === 'public' ? recursed.recursedFrom : null,
    recursedOutcome: recursed?.kind === 'public' ? recursed.recursedOutcome : null,
    unboundZones,
  };
}
