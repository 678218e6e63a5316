/**
 * What the destination is: a Service or pod of this cluster, a cloud resource, a VPC
 * address or the Internet. Pure.
 */
import { isPrivateAddress } from './ip';
import type { ClusterFacts, DestinationKind, LoadBalancer, NetworkInterface, ResolvedDestination } from './model';

/** Inputs of {@link classifyDestination}: the resolved addresses and the owners the orchestrator found. */
export interface ClassifyDestinationInput {
  host: string;
  /** Resolved addresses; the first is the one evaluated. */
  addresses: string[];
  cluster: ClusterFacts;
  /** ENI holding the first address inside the VPC, if any. */
  destinationEni: NetworkInterface | null;
  /** SLB whose address is the first address, if any. */
  loadBalancer: LoadBalancer | null;
  /** Set when the orchestrator identified an RDS or Redis instance behind the host. */
  whitelistService: 'rds' | 'redis' | null;
  whitelistInstanceId: string | null;
}

const RDS_HOST = /^(rm-[a-z0-9]+)(?:\.[a-z0-9-]+)*\.rds\.aliyuncs\.com\.?$/i;
const REDIS_HOST = /^(r-[a-z0-9]+)(?:\.[a-z0-9-]+)*\.(?:redis\.rds|redis)\.aliyuncs\.com\.?$/i;

/**
 * The RDS instance id in an RDS endpoint (`rm-xxx.mysql.rds.aliyuncs.com`, also pgsql,
 * sqlserver and mariadb, and the bare `rm-xxx.rds.aliyuncs.com`); null otherwise.
 */
export function rdsInstanceIdFromHost(host: string): string | null {
  return RDS_HOST.exec(host.trim())?.[1]?.toLowerCase() ?? null;
}

/** The Redis instance id in a Redis endpoint (`r-xxx.redis.rds.aliyuncs.com` or `r-xxx.redis.aliyuncs.com`); null otherwise. */
export function redisInstanceIdFromHost(host: string): string | null {
  return REDIS_HOST.exec(host.trim())?.[1]?.toLowerCase() ?? null;
}

function destination(kind: DestinationKind, input: ClassifyDestinationInput, resourceId: string | null, label: string): ResolvedDestination {
  return { kind, host: input.host, addresses: input.addresses, resourceId, label };
}

function whitelistOwner(input: ClassifyDestinationInput): { service: 'rds' | 'redis'; id: string } | null {
  if (input.whitelistService !== null && input.whitelistInstanceId !== null) {
    return { service: input.whitelistService, id: input.whitelistInstanceId };
  }
  const rds = rdsInstanceIdFromHost(input.host);
  if (rds) return { service: 'rds', id: rds };
  const redis = redisInstanceIdFromHost(input.host);
  return redis ? { service: 'redis', id: redis } : null;
}

/**
 * Classifies the destination. Precedence: an ingress address of a LoadBalancer Service of
 * this cluster → `clusterLoadBalancer`; a Service ClusterIP → `clusterService`; a pod IP →
 * `clusterPod`; an RDS/Redis host → `rds`/`redis`; an SLB address → `slb`; an ENI attached to
 * an instance → `ecs`; another private address → `vpc`; a public address → `internet`;
 * nothing resolved → `unresolved`.
 */
export function classifyDestination(input: ClassifyDestinationInput): ResolvedDestination {
  const address = input.addresses[0];
  if (address === undefined) return destination('unresolved', input, null, `${input.host} (did not resolve)`);
  const services = input.cluster.services.kind === 'ok' ? input.cluster.services.value : [];
  const lbService = services.find(
    (service) => service.type === 'LoadBalancer' && service.loadBalancerIngress.some((ingress) => ingress.ip === address),
  );
  if (lbService) {
    const id = `${lbService.namespace}/${lbService.name}`;
    return destination('clusterLoadBalancer', input, id, `LoadBalancer Service ${id} (${address})`);
  }
  const clusterIpService = services.find((service) => service.clusterIp === address);
  if (clusterIpService) {
    const id = `${clusterIpService.namespace}/${clusterIpService.name}`;
    return destination('clusterService', input, id, `Service ${id} (${address})`);
  }
  const pods = input.cluster.pods.kind === 'ok' ? input.cluster.pods.value : [];
  const pod = pods.find((candidate) => candidate.ip === address || candidate.ips.includes(address));
  if (pod) {
    const id = `${pod.namespace}/${pod.name}`;
    return destination('clusterPod', input, id, `pod ${id} (${address})`);
  }
  const owner = whitelistOwner(input);
  if (owner) return destination(owner.service, input, owner.id, `${owner.service === 'rds' ? 'RDS' : 'Redis'} ${owner.id} (${address})`);
  if (input.loadBalancer) {
    return destination('slb', input, input.loadBalancer.id, `SLB ${input.loadBalancer.id} (${address})`);
  }
  if (input.destinationEni?.instanceId) {
    const instanceId = input.destinationEni.instanceId;
    return destination('ecs', input, instanceId, `ECS ${instanceId} (${address})`);
  }
  if (isPrivateAddress(address)) return destination('vpc', input, null, `VPC address ${address}`);
  return destination('internet', input, null, `Internet ${input.host === address ? address : `${input.host} (${address})`}`);
}
