/**
 * Network facts of the pods in a list: the ENI that carries each pod's traffic (its own
 * in vpc mode, the node's in Flannel mode), with its vSwitch, security groups and EIP.
 * One batched DescribeNetworkInterfaces call per 100 addresses; a failure leaves the
 * pods listed without those facts and is reported beside them.
 */
import 'server-only';

import { createCloudClients, describeNetworkInterfaces } from '@/lib/alicloud';
import type { ClusterInfo, FactError, NetworkInterface, Pod } from '@/lib/analysis/model';
import { getEnv } from '@/lib/env';
import { UpstreamError } from '@/lib/errors';
import { listNodes } from '@/lib/k8s';
import type { PodSummary } from '@/lib/schemas/api';

const BATCH = 100;

function chunks<T>(items: T[], size: number): T[][] {
  const out: T[][] = [];
  for (let index = 0; index < items.length; index += size) out.push(items.slice(index, index + size));
  return out;
}

async function interfacesFor(region: string, addresses: string[], byPrimary: boolean): Promise<NetworkInterface[]> {
  const clients = createCloudClients({ region });
  if (byPrimary) {
    const found = await Promise.all(addresses.map((address) => describeNetworkInterfaces(clients, { primaryIp: address })));
    return found.flat();
  }
  const found = await Promise.all(chunks(addresses, BATCH).map((batch) => describeNetworkInterfaces(clients, { privateIps: batch })));
  return found.flat();
}

/** The pods as summaries with their network facts where they could be read. */
export async function describePodNetworks(context: string, cluster: ClusterInfo, pods: Pod[]): Promise<{ pods: PodSummary[]; errors: FactError[] }> {
  const errors: FactError[] = [];
  const flannel = cluster.networkMode === 'flannel';
  let nodeIps = new Map<string, string>();
  if (flannel) {
    try {
      nodeIps = new Map((await listNodes(context)).flatMap((node) => (node.internalIp ? [[node.name, node.internalIp] as const] : [])));
    } catch (error) {
      if (!(error instanceof UpstreamError)) throw error;
      errors.push(error.toFactError());
    }
  }
  const trafficAddress = (pod: Pod): string | null => (flannel ? (pod.nodeName ? (nodeIps.get(pod.nodeName) ?? null) : null) : pod.ip);

  const region = cluster.region ?? getEnv().ALIBABA_CLOUD_REGION_ID ?? null;
  const addresses = [...new Set(pods.map(trafficAddress).filter((address): address is string => address !== null))];
  let interfaces: NetworkInterface[] = [];
  if (region && addresses.length > 0) {
    try {
      interfaces = await interfacesFor(region, addresses, flannel);
    } catch (error) {
      if (!(error instanceof UpstreamError)) throw error;
      errors.push(error.toFactError());
    }
  }
  const byAddress = new Map<string, NetworkInterface>();
  for (const eni of interfaces) for (const address of eni.privateIps) byAddress.set(address, eni);
  const byId = new Map(interfaces.map((eni) => [eni.id, eni]));

  const summaries = pods.map((pod): PodSummary => {
    const address = trafficAddress(pod);
    const eniId = flannel ? null : (pod.annotations['k8s.aliyun.com/eni-instance-id'] ?? null);
    const eni = (eniId ? byId.get(eniId) : undefined) ?? (address ? byAddress.get(address) : undefined) ?? null;
    const annotatedGroups = pod.annotations['network.alibabacloud.com/security-group-ids']?.split(',').map((id) => id.trim()).filter(Boolean) ?? [];
    return {
      name: pod.name,
      namespace: pod.namespace,
      ip: pod.ip,
      nodeName: pod.nodeName,
      phase: pod.phase,
      ready: pod.ready,
      networkMode: cluster.networkMode,
      eniId: eni?.id ?? eniId,
      vSwitchId: eni?.vSwitchId ?? pod.annotations['network.alibabacloud.com/vswitch-ids']?.split(',')[0]?.trim() ?? null,
      securityGroupIds: eni?.securityGroupIds ?? annotatedGroups,
      eip: eni?.publicIp?.ip ?? pod.annotations['k8s.aliyun.com/allocated-eipAddress'] ?? null,
    };
  });
  return { pods: summaries, errors };
}
