/**
 * Reads the Alibaba Cloud facts of one path in three rounds of parallel calls:
 *
 * 1. the source ENI (by ENI id, pod IP, or node IP in Flannel mode) and the owners of each
 *    evaluated destination address (the ENIs holding the private ones, in one call; an SLB with
 *    each address, one call each as the API filters by a single address), the RDS/Redis/PolarDB/MongoDB whitelist;
 * 2. the vSwitches and security groups of the source and destination ENIs, the VPC's NAT gateways, the source EIP,
 *    the SLB listener ACLs;
 * 3. the vSwitches' network ACLs and route tables, the NAT gateways' SNAT entries and EIPs,
 *    the prefix lists and port lists the groups' rules name (only when a rule names one);
 * then the registered gates' reads (lib/gates/readers.ts), given everything above; a gate's
 * prefetch starts its calls inside these rounds as soon as what they need is read.
 *
 * A failed call makes its collection (and what depends on it) a missing fact; the others go on.
 */
import 'server-only';

import {
  describeEips,
  describeMongoWhitelist,
  describeNatGateways,
  describeNetworkAcls,
  describeNetworkInterfaces,
  describePolardbWhitelist,
  describePortRangeLists,
  describePrefixLists,
  describeRdsWhitelist,
  describeRedisWhitelist,
  describeRouteTables,
  describeSecurityGroups,
  describeSlbAcls,
  describeSnatEntries,
  describeVSwitches,
  findLoadBalancerByAddress,
  type CloudClients,
} from '@/lib/alicloud';
import { MAX_EVALUATED_ADDRESSES } from '@/lib/analysis/evaluate-addresses';
import { isPrivateAddress } from '@/lib/analysis/ip';
import { snatEntryCoversEni } from '@/lib/analysis/nat-eip-snat';
import { specialAddress } from '@/lib/analysis/special-addresses';
import { prefetchGateFacts, readGateFacts } from '@/lib/gates/readers';
import { GATE_KINDS, GATE_LIST } from '@/lib/gates/registry';
import type { CloudFacts, DestinationOwner, Fact, FactError, LoadBalancer, NetworkInterface, PortRangeList, PrefixList, SecurityGroup, ServiceWhitelist, SlbAcl, WhitelistAddressLookup } from '@/lib/analysis/model';
import { matchWhitelistAddress } from '@/lib/analysis/whitelist-address';
import { WHITELIST_SERVICE_LABEL, type WhitelistTarget } from '@/lib/analysis/whitelist-hosts';

import { joinFacts, known, readAfter, readFact } from './facts';
import { addressesToLookUp, readWhitelistListings } from './whitelist-owners';

/** How to find the ENI that carries the source's traffic. */
export type SourceEniLookup =
  | { kind: 'eniId'; eniId: string }
  | { kind: 'privateIp'; address: string }
  | { kind: 'primaryIp'; address: string }
  | { kind: 'none'; reason: string };

export interface CloudFactsInput {
  source: SourceEniLookup;
  /** Resolved destination addresses (empty when the name did not resolve). */
  destinationAddresses: string[];
  /** The RDS, Redis, PolarDB or MongoDB instance named by the destination host, if any. */
  whitelistTarget: WhitelistTarget | null;
  /**
   * The cluster's own addresses (pods, ClusterIPs, LoadBalancer ingresses). When given and the host
   * names no instance, a private address nobody else holds is matched against the whitelisted
   * instances of the VPC (whitelist-owners.ts); absent: not looked up (a read started on a guess).
   */
  clusterAddresses?: ReadonlySet<string>;
  /** The EIP the source pod's annotations name (read even when it is not attached), if any. */
  annotatedEip?: { allocationId: string | null; ip: string | null } | null;
  /** The destination as asked, for the gates that recognise it by name (an OSS bucket's endpoint). */
  request: { host: string; destination: string };
}

const unique = (values: Array<string | null | undefined>): string[] => [...new Set(values.filter((value): value is string => Boolean(value)))];

/** The ENI that carries the source's traffic, null when none holds it (or the lookup has nothing to go on). */
export async function findSourceEni(clients: CloudClients, lookup: SourceEniLookup): Promise<NetworkInterface | null> {
  switch (lookup.kind) {
    case 'eniId':
      return (await describeNetworkInterfaces(clients, { ids: [lookup.eniId] }))[0] ?? null;
    case 'privateIp':
      return (await describeNetworkInterfaces(clients, { privateIps: [lookup.address] }))[0] ?? null;
    case 'primaryIp':
      return (await describeNetworkInterfaces(clients, { primaryIp: lookup.address }))[0] ?? null;
    case 'none':
      return null;
    default: {
      const exhaustive: never = lookup;
      throw new Error(`unhandled source lookup ${JSON.stringify(exhaustive)}`);
    }
  }
}

const WHITELIST_READERS: Record<WhitelistTarget['service'], (clients: CloudClients, instanceId: string) => Promise<ServiceWhitelist>> = {
  rds: describeRdsWhitelist,
  redis: describeRedisWhitelist,
  polardb: describePolardbWhitelist,
  mongodb: describeMongoWhitelist,
};

function readWhitelist(clients: CloudClients, target: CloudFactsInput['whitelistTarget']): Promise<Fact<ServiceWhitelist>> | null {
  if (!target) return null;
  return readFact(() => WHITELIST_READERS[target.service](clients, target.instanceId));
}

/** Why the listings could not be read when the VPC is unknown: the source ENI's failure, or its absence. */
function vpcUnknownError(sourceEni: Fact<NetworkInterface | null>): FactError {
  if (sourceEni.kind === 'missing') return sourceEni.error;
  return { source: 'alicloud', reason: 'notFound', resource: 'the VPC of the path', message: 'No ENI of the source (or the destination) was found, so the VPC whose instances to list is unknown.', retryable: false };
}

/**
 * The prefix lists and port lists named by the rules the path evaluates (the source groups'
 * egress, the destination groups' ingress), read in parallel; no call when no rule names one.
 */
async function readRuleLists(
  clients: CloudClients,
  groups: Fact<SecurityGroup[]>,
  source: NetworkInterface | null,
  destinations: NetworkInterface[],
): Promise<{ prefixLists: Fact<PrefixList[]>; portRangeLists: Fact<PortRangeList[]> }> {
  const value = groups.kind === 'ok' ? groups.value : [];
  const rulesOf = (eni: NetworkInterface | null, direction: 'ingress' | 'egress') =>
    value.filter((group) => eni?.securityGroupIds.includes(group.id) === true).flatMap((group) => group.rules.filter((rule) => rule.direction === direction));
  const rules = [...rulesOf(source, 'egress'), ...destinations.flatMap((destination) => rulesOf(destination, 'ingress'))];
  const prefixListIds = unique(rules.map((rule) => (rule.remote.kind === 'prefixList' ? rule.remote.prefixListId : null)));
  const portRangeListIds = unique(rules.map((rule) => rule.portRangeListId));
  const [prefixLists, portRangeLists] = await Promise.all([
    readAfter(groups, async () => (prefixListIds.length > 0 ? describePrefixLists(clients, prefixListIds) : [])),
    readAfter(groups, async () => (portRangeListIds.length > 0 ? describePortRangeLists(clients, portRangeListIds) : [])),
  ]);
  return { prefixLists, portRangeLists };
}

/**
 * Who holds each evaluated destination address: the ENI holding it (private addresses, read in
 * one DescribeNetworkInterfaces call) and the SLB with it (one call per address, as the API
 * filters by a single address). Loopback, link-local, metadata and non-unicast addresses have no
 * owner in the VPC: nothing was looked up for them.
 */
function ownersOf(
  addresses: string[],
  privateIps: string[],
  enis: Fact<NetworkInterface[]>,
  balancerOf: Map<string, Fact<LoadBalancer | null>>,
  whitelistOf: ReadonlyMap<string, WhitelistAddressLookup>,
): DestinationOwner[] {
  return addresses.map((address) => {
    const eni: Fact<NetworkInterface | null> = !privateIps.includes(address)
      ? known(null)
      : enis.kind === 'missing'
        ? enis
        : known(enis.value.find((candidate) => candidate.privateIps.includes(address) || candidate.primaryIp === address) ?? null);
    const whitelistInstance = whitelistOf.get(address);
    return { address, destinationEni: eni, loadBalancer: balancerOf.get(address) ?? known(null), ...(whitelistInstance ? { whitelistInstance } : {}) };
  });
}

/** The listener ACLs of every SLB found; missing only when every SLB lookup failed (an address whose lookup failed is `unknown` on its own). */
function readSlbAclsOf(clients: CloudClients, lookups: Array<Fact<LoadBalancer | null>>): Promise<Fact<SlbAcl[]>> {
  const failed = lookups.find((lookup) => lookup.kind === 'missing');
  if (failed && lookups.every((lookup) => lookup.kind === 'missing')) return Promise.resolve(failed);
  const aclIds = unique(lookups.flatMap((lookup) => (lookup.kind === 'ok' ? (lookup.value?.listeners.flatMap((listener) => listener.aclIds) ?? []) : [])));
  return readFact(async () => (aclIds.length > 0 ? describeSlbAcls(clients, aclIds) : []));
}

/** The VPC the path is in: the source ENI's, else the first destination ENI's. */
function vpcOf(source: NetworkInterface | null, destinations: NetworkInterface[]): string | null {
  return source?.vpcId ?? destinations[0]?.vpcId ?? null;
}

/** Reads every cloud fact the path needs; never throws for upstream failures. `onRound` names each round as it starts. */
export async function readCloudFacts(clients: CloudClients, input: CloudFactsInput, onRound: (message: string) => void = () => undefined): Promise<CloudFacts> {
  const addresses = input.destinationAddresses.slice(0, MAX_EVALUATED_ADDRESSES);
  const looked = addresses.filter((address) => specialAddress(address) === null);
  const privateIps = looked.filter(isPrivateAddress);
  // Each read starts as soon as the reads it needs are done (a round is what can run together).

  // Round 1: who owns each end.
  onRound(`Cloud round 1 of 3: the source ENI${looked.length > 0 ? `, who owns ${looked.join(', ')}` : ''}${input.whitelistTarget ? `, the ${WHITELIST_SERVICE_LABEL[input.whitelistTarget.service]} whitelist of ${input.whitelistTarget.instanceId}` : ''}`);
  const sourceEniRead = readFact(() => findSourceEni(clients, input.source));
  const destinationEnisRead = privateIps.length > 0 ? readFact(() => describeNetworkInterfaces(clients, { privateIps })) : Promise.resolve(known<NetworkInterface[]>([]));
  const balancersRead = Promise.all(looked.map(async (address) => [address, await readFact(() => findLoadBalancerByAddress(clients, address))] as const));
  // A private address nobody else holds may be an instance's: list the VPC's instances (round 2,
  // detail reads round 3) and read the matching instance's whitelist (round 4). Only then.
  const whitelistOwnersRead: Promise<Map<string, WhitelistAddressLookup>> =
    input.whitelistTarget !== null || input.clusterAddresses === undefined || privateIps.length === 0
      ? Promise.resolve(new Map())
      : Promise.all([sourceEniRead, destinationEnisRead, balancersRead]).then(async ([sourceEni, enis, balancers]) => {
          const candidates = addressesToLookUp(privateIps, input.clusterAddresses ?? new Set(), enis, new Map(balancers));
          if (candidates.length === 0) return new Map();
          const destinations = enis.kind === 'ok' ? enis.value : [];
          const listings = await readWhitelistListings(clients, vpcOf(sourceEni.kind === 'ok' ? sourceEni.value : null, destinations), vpcUnknownError(sourceEni));
          return new Map(candidates.map((address) => [address, matchWhitelistAddress(address, listings)] as const));
        });
  const whitelistRead =
    input.whitelistTarget !== null
      ? readWhitelist(clients, input.whitelistTarget)
      : whitelistOwnersRead.then((owners) => {
          const owner = addresses[0] === undefined ? null : (owners.get(addresses[0])?.owner ?? null);
          return owner ? readWhitelist(clients, { service: owner.service, instanceId: owner.instanceId }) : null;
        });

  // Round 2: the ENIs' vSwitches and groups, the VPC's NAT gateways, the source EIP; the SLB ACLs.
  const endsRead = Promise.all([sourceEniRead, destinationEnisRead]).then(([sourceEni, enis]) => {
    const ends = { sourceEni, source: sourceEni.kind === 'ok' ? sourceEni.value : null, destinations: enis.kind === 'ok' ? enis.value : [] };
    const vpcId = vpcOf(ends.source, ends.destinations);
    onRound(`Cloud round 2 of 3: vSwitches, security groups${vpcId ? `, NAT gateways of ${vpcId}` : ''}, EIPs`);
    return { ...ends, vpcId };
  });
  const afterEnds = <T>(read: (ends: Awaited<typeof endsRead>) => Promise<T>) => endsRead.then((ends) => readAfter(ends.sourceEni, () => read(ends)));
  const vSwitchesRead = afterEnds(({ source, destinations }) => describeVSwitches(clients, unique([source?.vSwitchId, ...destinations.map((eni) => eni.vSwitchId)])));
  const securityGroupsRead = afterEnds(({ source, destinations }) => describeSecurityGroups(clients, unique([...(source?.securityGroupIds ?? []), ...destinations.flatMap((eni) => eni.securityGroupIds)])));
  const natGatewaysRead = afterEnds(async ({ vpcId }) => (vpcId ? describeNatGateways(clients, vpcId) : []));
  const sourceEipsRead = afterEnds(async ({ source }) => {
    // The ENI's own EIP, and the one the pod's annotations name (which may not be attached).
    const allocationIds = unique([source?.publicIp?.allocationId, input.annotatedEip?.allocationId]);
    const ips = unique([input.annotatedEip?.ip]);
    return allocationIds.length > 0 || ips.length > 0 ? describeEips(clients, { allocationIds, ips }) : [];
  });
  const slbAclsRead = balancersRead.then((balancers) => readSlbAclsOf(clients, balancers.map(([, lookup]) => lookup)));
  // The gates' reads join the rounds as soon as what they need is read (they are memoised).
  if (GATE_KINDS.length > 0) prefetchGateFacts({ clients, destinationAddresses: input.destinationAddresses, request: input.request, sourceEni: sourceEniRead, natGateways: natGatewaysRead });

  // Round 3: what the vSwitches and NAT gateways point at, the lists the groups' rules name.
  void vSwitchesRead.then(() => onRound('Cloud round 3 of 3: network ACLs, route tables, SNAT entries, NAT EIPs, prefix and port lists named by rules'));
  const networkAclsRead = vSwitchesRead.then((vSwitches) => readAfter(vSwitches, (switches) => describeNetworkAcls(clients, unique(switches.map((item) => item.networkAclId)))));
  const routeTablesRead = vSwitchesRead.then((vSwitches) => readAfter(vSwitches, (switches) => describeRouteTables(clients, unique(switches.map((item) => item.routeTableId)))));
  const snatEntriesRead = natGatewaysRead.then((natGateways) => readAfter(natGateways, (gateways) => describeSnatEntries(clients, gateways.map((gateway) => gateway.id))));
  const natEipsRead = natGatewaysRead.then((natGateways) =>
    readAfter(natGateways, async (gateways) => {
      const allocationIds = unique(gateways.flatMap((gateway) => gateway.ipAddresses.map((address) => address.allocationId)));
      return allocationIds.length > 0 ? describeEips(clients, { allocationIds }) : [];
    }),
  );
  const ruleListsRead = Promise.all([securityGroupsRead, endsRead]).then(([groups, { source, destinations }]) => readRuleLists(clients, groups, source, destinations));

  const [{ sourceEni, source: sourceValue }, balancers, whitelist, vSwitches, securityGroups, natGateways, sourceEips, slbAcls] = await Promise.all([
    endsRead,
    balancersRead,
    whitelistRead,
    vSwitchesRead,
    securityGroupsRead,
    natGatewaysRead,
    sourceEipsRead,
    slbAclsRead,
  ]);
  const [networkAcls, routeTables, snatEntries, natEips, ruleLists, destinationEnisFact, whitelistOwners] = await Promise.all([
    networkAclsRead,
    routeTablesRead,
    snatEntriesRead,
    natEipsRead,
    ruleListsRead,
    destinationEnisRead,
    whitelistOwnersRead,
  ]);
  const destinationOwners = ownersOf(addresses, privateIps, destinationEnisFact, new Map(balancers), whitelistOwners);
  const destinationEni = destinationOwners[0]?.destinationEni ?? known(null);
  const loadBalancer = destinationOwners[0]?.loadBalancer ?? known(null);

  // Round 4, only when needed: SNAT IPs that are no EIP the gateways list (detached, or another
  // instance's) are read by address, so the hop can say what they are instead of "not read".
  const listed = new Set([sourceEips, natEips].flatMap((fact) => (fact.kind === 'ok' ? fact.value.map((eip) => eip.ip) : [])));
  // Only the entries that can apply to the source matter (the VPC's other entries are other workloads').
  const covering = snatEntries.kind === 'ok' ? snatEntries.value.filter((entry) => snatEntryCoversEni(entry, sourceValue)) : [];
  const strayIps = unique(covering.flatMap((entry) => entry.snatIps)).filter((ip) => !listed.has(ip));
  const strayEips = strayIps.length > 0 ? await readAfter(snatEntries, () => describeEips(clients, { ips: strayIps })) : known([]);

  const collections = {
    sourceEni,
    vSwitches,
    securityGroups,
    networkAcls,
    ...ruleLists,
    routeTables,
    natGateways,
    snatEntries,
    eips: joinFacts([sourceEips, natEips, strayEips]),
    destinationEni,
    loadBalancer,
    slbAcls,
    whitelist,
    destinationOwners,
  };
  if (GATE_KINDS.length === 0) return collections;
  onRound(`Cloud gates: ${GATE_LIST.map((gate) => gate.label).join(', ')}`);
  return { ...collections, gates: await readGateFacts({ clients, cloud: collections, destinationAddresses: input.destinationAddresses, request: input.request }) };
}
