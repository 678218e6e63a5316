/**
 * Splitting a class of pods by what the cloud says about each pod's own address (pure): the
 * facts a path is decided on compare the source address with CIDRs (a /32 SNAT entry, an RDS
 * whitelist entry, a destination security-group rule, a network ACL entry, an ingress ipBlock
 * at an in-cluster destination). Pods whose address lies in exactly the same of those CIDRs
 * are decided alike; the others need their own evaluation.
 */
import { cidrContains, parseCidr, parseIp, type Cidr } from '@/lib/analysis/ip';
import type { PathFacts } from '@/lib/analysis/model';

const valueOf = <T>(fact: { kind: 'ok'; value: T } | { kind: 'missing' } | null): T | null => (fact !== null && fact.kind === 'ok' ? fact.value : null);

/**
 * Every CIDR of `facts` that a path compares with the source address: the vSwitches, SNAT
 * entries, network ACL entries (both directions: the return path is checked too), the
 * destination ENI's inbound rules and the prefix lists, SLB ACLs, the RDS/Redis whitelist,
 * and NetworkPolicy ingress ipBlocks. Duplicates and what does not parse are dropped.
 */
export function sourceComparedCidrs(facts: PathFacts): Cidr[] {
  const { cloud, cluster } = facts;
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
    ...(valueOf(cluster.networkPolicies) ?? []).flatMap((policy) =>
      (policy.ingress ?? []).flatMap((rule) => (rule.peers ?? []).flatMap((peer) => (peer.ipBlock === null ? [] : [peer.ipBlock.cidr, ...peer.ipBlock.except]))),
    ),
  ];
  const seen = new Set<string>();
  const cidrs: Cidr[] = [];
  for (const text of texts) {
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
  const cells = new Map<string, T[]>();
  for (const item of items) {
    const address = addressOf(item);
    const ip = address === null ? null : parseIp(address);
    const signature = ip === null ? 'none' : cidrs.map((cidr) => (cidrContains(cidr, ip) ? '1' : '0')).join('');
    const cell = cells.get(signature);
    if (cell) cell.push(item);
    else cells.set(signature, [item]);
  }
  return [...cells.values()];
}
