/**
 * Splitting a class of pods by what the cloud says about each pod's own address (pure): the
 * facts a path is decided on compare the source address with CIDRs (a /32 SNAT entry, an RDS
 * whitelist entry, a destination security-group rule, a network ACL entry, an ingress ipBlock
 * at an in-cluster destination). Pods whose address lies in exactly the same of those CIDRs
 * are decided alike; the others need their own evaluation.
 */
import { cidrContains, parseCidr, parseIp, type Cidr, type ParsedIp } from '@/lib/analysis/ip';
import type { PathFacts } from '@/lib/analysis/model';

const valueOf = <T>(fact: { kind: 'ok'; value: T } | { kind: 'missing' } | null): T | null => (fact !== null && fact.kind === 'ok' ? fact.value : null);

const cloudCidrs = new WeakMap<PathFacts['cloud'], string[]>();
const policyCidrs = new WeakMap<object, string[]>();

/** The cloud's CIDRs a path compares with the source address, once per cloud facts. */
function cidrTextsOfCloud(cloud: PathFacts['cloud']): string[] {
  const cached = cloudCidrs.get(cloud);
  if (cached) return cached;
  const destinationGroups = new Set(valueOf(cloud.destinationEni)?.securityGroupIds ?? []);
  const texts = [
    ...(valueOf(cloud.vSwitches) ?? []).map((vSwitch) => vSwitch.cidrBlock),
    ...(valueOf(cloud.snatEntries) ?? []).flatMap((entry) => (entry.sourceCidr === null ? [] : [entry.sourceCidr])),
    ...(valueOf(cloud.networkAcls) ?? []).flatMap((acl) => [...acl.ingress, ...acl.egress].map((entry) => entry.cidr)),
    ...(valueOf(cloud.securityGroups) ?? [])
      .filter((group) => destinationGroups.has(group.id))
      .flatMap((group) => group.rules.flatMap((rule) => (rule.direction === 'ingress' && rule.remote.kind === 'cidr' ? [rule.remote.cidr] : []))),
    ...(valueOf(cloud.prefixLists) ?? []).flatMap((list) => list.entries.map((entry) => entry.cidr)),
    ...(valueOf(cloud.slbAcls) ?? []).flatMap((acl) => acl.entries.map((entry) => entry.cidr)),
    ...(valueOf(cloud.whitelist)?.groups ?? []).flatMap((group) => group.entries),
  ];
  cloudCidrs.set(cloud, texts);
  return texts;
}

/** NetworkPolicy ingress ipBlocks (an in-cluster destination's policies see the source address), once per policy list. */
function cidrTextsOfPolicies(policies: PathFacts['cluster']['networkPolicies']): string[] {
  const list = valueOf(policies);
  if (list === null) return [];
  const cached = policyCidrs.get(list);
  if (cached) return cached;
  const texts: string[] = [];
  for (const policy of list) for (const rule of policy.ingress ?? []) for (const peer of rule.peers ?? []) if (peer.ipBlock !== null) texts.push(peer.ipBlock.cidr, ...peer.ipBlock.except);
  policyCidrs.set(list, texts);
  return texts;
}

/**
 * Every CIDR of `facts` that a path compares with the source address: the vSwitches, SNAT
 * entries, network ACL entries (both directions: the return path is checked too), the
 * destination ENI's inbound rules and the prefix lists, SLB ACLs, the RDS/Redis whitelist,
 * and NetworkPolicy ingress ipBlocks. Duplicates and what does not parse are dropped.
 */
export function sourceComparedCidrs(facts: PathFacts): Cidr[] {
  const seen = new Set<string>();
  const cidrs: Cidr[] = [];
  for (const text of [...cidrTextsOfCloud(facts.cloud), ...cidrTextsOfPolicies(facts.cluster.networkPolicies)]) {
    if (seen.has(text)) continue;
    seen.add(text);
    const cidr = parseCidr(text);
    if (cidr !== null) cidrs.push(cidr);
  }
  return cidrs;
}

/**
 * `items` grouped by which of `cidrs` hold their address (`addressOf`; a missing address is
 * its own group), in first-seen order. O(items × cidrs).
 */
export function splitByAddress<T>(items: T[], addressOf: (item: T) => string | null, cidrs: Cidr[]): T[][] {
  // IPv4 blocks as number ranges: a 10,000-pod audit compares each address with every block.
  const ranges = cidrs.map((cidr) => (cidr.version === 4 ? { low: Number(cidr.network), high: Number(cidr.network) + 2 ** (32 - cidr.prefix) } : null));
  const holds = (cidr: Cidr, index: number, ip: ParsedIp, v4: number | null): boolean => {
    const range = ranges[index];
    if (range && v4 !== null) return v4 >= range.low && v4 < range.high;
    return cidrContains(cidr, ip);
  };
  const cells = new Map<string, T[]>();
  for (const item of items) {
    const address = addressOf(item);
    const ip = address === null ? null : parseIp(address);
    const v4 = ip?.version === 4 ? Number(ip.value) : null;
    let signature = ip === null ? 'none' : '';
    if (ip !== null) for (const [index, cidr] of cidrs.entries()) if (holds(cidr, index, ip, v4)) signature += `${index},`;
    const cell = cells.get(signature);
    if (cell) cell.push(item);
    else cells.set(signature, [item]);
  }
  return [...cells.values()];
}
