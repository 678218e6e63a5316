/**
 * What the destination is: a Service or pod of this cluster, a cloud resource, a VPC
 * address or the Internet. Pure.
 */
import { isPrivateAddress } from './ip';
import { specialAddress } from './special-addresses';
import type { ClusterFacts, DestinationBasis, DestinationKind, Fact, FactError, LoadBalancer, NetworkInterface, ResolvedDestination, WhitelistAddressLookup, WhitelistService } from './model';
import { WHITELIST_SERVICE_LABEL, whitelistTargetFromHost } from './whitelist-hosts';

/** Inputs of {@link classifyDestination}: the resolved addresses and the owners the orchestrator found. */
export interface ClassifyDestinationInput {
  host: string;
  /** Resolved addresses; the first is the one evaluated. */
  addresses: string[];
  cluster: ClusterFacts;
  /** ENI holding the first address inside the VPC (null when none does), or the failed lookup. */
  destinationEni: Fact<NetworkInterface | null>;
  /** SLB whose address is the first address (null when none), or the failed lookup. */
  loadBalancer: Fact<LoadBalancer | null>;
  /** Set when the orchestrator identified an RDS, Redis, PolarDB or MongoDB instance behind the host. */
  whitelistService: WhitelistService | null;
  whitelistInstanceId: string | null;
  /**
   * The instance of the VPC whose address the first address is, when it was looked up (a private
   * address no ENI, SLB or host name claimed; whitelist-address.ts). Its open listings are
   * owner lookups that failed.
   */
  whitelistAddress?: WhitelistAddressLookup | null;
}

/**
 * The RDS instance id in an RDS endpoint (`rm-xxx.mysql.rds.aliyuncs.com`, also pgsql,
 * sqlserver and mariadb, and the bare `rm-xxx.rds.aliyuncs.com`); null otherwise.
 */
export function rdsInstanceIdFromHost(host: string): string | null {
  const target = whitelistTargetFromHost(host);
  return target?.service === 'rds' ? target.instanceId : null;
}

/** The Redis instance id in a Redis endpoint (`r-xxx.redis.rds.aliyuncs.com` or `r-xxx.redis.aliyuncs.com`); null otherwise. */
export function redisInstanceIdFromHost(host: string): string | null {
  const target = whitelistTargetFromHost(host);
  return target?.service === 'redis' ? target.instanceId : null;
}

/** One owner lookup of the classification, in precedence order. */
type OwnerCheck = DestinationBasis;

const errorOf = <T>(fact: Fact<T>): FactError | null => (fact.kind === 'missing' ? fact.error : null);

/**
 * The lookups that decide the kind of `address`, in precedence order. The ENI lookup only
 * applies to private addresses (the orchestrator asks only for those).
 */
function ownerChecks(input: ClassifyDestinationInput, address: string): OwnerCheck[] {
  const { services, pods } = input.cluster;
  const checks: OwnerCheck[] = [
    { couldBe: 'clusterLoadBalancer', fact: 'services', neededFor: `whether ${address} is the ingress address of a LoadBalancer Service of this cluster`, error: errorOf(services) },
    { couldBe: 'clusterService', fact: 'services', neededFor: `whether ${address} is the ClusterIP of a Service of this cluster`, error: errorOf(services) },
    { couldBe: 'clusterPod', fact: 'pods', neededFor: `whether ${address} is a pod of this cluster`, error: errorOf(pods) },
    { couldBe: 'slb', fact: 'DescribeLoadBalancers', neededFor: `whether ${address} is an SLB address`, error: errorOf(input.loadBalancer) },
  ];
  if (isPrivateAddress(address)) {
    checks.push({ couldBe: 'ecs', fact: 'DescribeNetworkInterfaces', neededFor: `whether ${address} belongs to an ECS instance`, error: errorOf(input.destinationEni) });
  }
  return [...checks, ...(input.whitelistAddress?.open ?? [])];
}

/** Kinds in the order {@link classifyDestination} tries them. */
const PRECEDENCE: DestinationKind[] = ['clusterLoadBalancer', 'clusterService', 'clusterPod', 'rds', 'redis', 'polardb', 'mongodb', 'slb', 'ecs', 'vpc', 'internet'];

/** The checks of a higher precedence than the decided kind: had a failed one found an owner, the kind would differ. */
function basisFor(checks: OwnerCheck[], decided: DestinationKind): DestinationBasis[] {
  const rank = PRECEDENCE.indexOf(decided);
  return checks.filter((check) => PRECEDENCE.indexOf(check.couldBe) < rank);
}

function destination(kind: DestinationKind, input: ClassifyDestinationInput, resourceId: string | null, label: string, basis: DestinationBasis[] = []): ResolvedDestination {
  return { kind, host: input.host, addresses: input.addresses, resourceId, label, basis };
}
function whitelistOwner(input: ClassifyDestinationInput): { service: WhitelistService; id: string } | null {
  if (input.whitelistService !== null && input.whitelistInstanceId !== null) {
    return { service: input.whitelistService, id: input.whitelistInstanceId };
  }
  const target = whitelistTargetFromHost(input.host);
  if (target) return { service: target.service, id: target.instanceId };
  const owner = input.whitelistAddress?.owner;
  return owner ? { service: owner.service, id: owner.instanceId } : null;
}

/**
 * Classifies the destination. Precedence: a special-purpose address (loopback, unspecified,
 * link-local, the metadata service, non-unicast; see special-addresses.ts); an ingress address of a LoadBalancer Service of
 * this cluster → `clusterLoadBalancer`; a Service ClusterIP → `clusterService`; a pod IP →
 * `clusterPod`; an RDS/Redis/PolarDB/MongoDB host (or one of its instances' VPC addresses) → `rds`/`redis`/`polardb`/`mongodb`; an SLB address → `slb`; an ENI attached to
 * an instance → `ecs`; another private address → `vpc`; a public address → `internet`;
 * nothing resolved → `unresolved`.
 *
 * `basis` lists the owner lookups of a higher precedence than the kind decided; a failed one
 * (its `error` set) means the destination may still be its `couldBe` kind.
 */
export function classifyDestination(input: ClassifyDestinationInput): ResolvedDestination {
  const address = input.addresses[0];
  if (address === undefined) return destination('unresolved', input, null, `${input.host} (did not resolve)`);
  // Decided from the address alone: no lookup of the cluster or the cloud could change it.
  const special = specialAddress(address);
  if (special) return destination(special.kind, input, null, `${special.name} ${input.host === address ? address : `${input.host} (${address})`}`);
  const checks = ownerChecks(input, address);
  const decide = (kind: DestinationKind, resourceId: string | null, label: string) => destination(kind, input, resourceId, label, basisFor(checks, kind));
  const services = input.cluster.services.kind === 'ok' ? input.cluster.services.value : [];
  const lbService = services.find(
    (service) => service.type === 'LoadBalancer' && service.loadBalancerIngress.some((ingress) => ingress.ip === address),
  );
  if (lbService) {
    const id = `${lbService.namespace}/${lbService.name}`;
    return decide('clusterLoadBalancer', id, `LoadBalancer Service ${id} (${address})`);
  }
  const clusterIpService = services.find((service) => service.clusterIp === address);
  if (clusterIpService) {
    const id = `${clusterIpService.namespace}/${clusterIpService.name}`;
    return decide('clusterService', id, `Service ${id} (${address})`);
  }
  const pods = input.cluster.pods.kind === 'ok' ? input.cluster.pods.value : [];
  const pod = pods.find((candidate) => candidate.ip === address || candidate.ips.includes(address));
  if (pod) {
    const id = `${pod.namespace}/${pod.name}`;
    return decide('clusterPod', id, `pod ${id} (${address})`);
  }
  const owner = whitelistOwner(input);
  if (owner) return decide(owner.service, owner.id, `${WHITELIST_SERVICE_LABEL[owner.service]} ${owner.id} (${address})`);
  const loadBalancer = input.loadBalancer.kind === 'ok' ? input.loadBalancer.value : null;
  if (loadBalancer) return decide('slb', loadBalancer.id, `SLB ${loadBalancer.id} (${address})`);
  const eni = input.destinationEni.kind === 'ok' ? input.destinationEni.value : null;
  if (eni?.instanceId) return decide('ecs', eni.instanceId, `ECS ${eni.instanceId} (${address})`);
  if (isPrivateAddress(address)) return decide('vpc', null, `VPC address ${address}`);
  return decide('internet', null, `Internet ${input.host === address ? address : `${input.host} (${address})`}`);
}
