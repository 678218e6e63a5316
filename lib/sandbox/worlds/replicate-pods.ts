/**
 * A world with many more pods, for the audit's bench and its call-count test: `count` pods in
 * a new namespace, spread round-robin over `workloads` Deployments, all cut from one pod of
 * the world (its spec, its ENI's security groups, its vSwitch's route table and SNAT entry) but
 * each on its own ENI in a new, larger vSwitch — as ACS places the replicas of a Deployment.
 */
import { formatIp, parseCidr } from '@/lib/analysis/ip';
import type { KubernetesObject, World } from '@/lib/schemas/world';

export interface ReplicaOptions {
  cluster: string;
  /** The pod to copy, `namespace/name`. */
  template: string;
  /** The new namespace the copies go to. */
  namespace: string;
  count: number;
  workloads: number;
  /** CIDR of the new vSwitch (large enough for `count` addresses), e.g. `10.0.64.0/20`. */
  cidr: string;
}

const HASH = '6d5f7c8b9';
const pad = (value: number, width: number) => String(value).padStart(width, '0');
const stringField = (record: Record<string, unknown>, key: string): string => (typeof record[key] === 'string' ? record[key] : '');

/** `world` with the replicas added (see the file comment); `world` itself is not changed. */
export function withReplicatedPods(world: World, options: ReplicaOptions): World {
  const next = structuredClone(world);
  const cluster = next.clusters.find((item) => item.name === options.cluster);
  const [templateNamespace, templateName] = options.template.split('/');
  const template = cluster?.objects.find((object) => object.kind === 'Pod' && object.metadata.namespace === templateNamespace && object.metadata.name === templateName);
  const eniId = template?.metadata.annotations?.['k8s.aliyun.com/eni-instance-id'];
  const eni = next.cloud.networkInterfaces.find((item) => item.NetworkInterfaceId === eniId);
  const vSwitch = next.cloud.vSwitches.find((item) => item.VSwitchId === eni?.VSwitchId);
  const network = parseCidr(options.cidr);
  if (!cluster || !template || !eni || !vSwitch || !network) throw new Error(`replicate: no pod ${options.template} with an ENI and vSwitch in ${options.cluster}, or a bad CIDR ${options.cidr}`);

  const vSwitchId = `vsw-replicas${pad(0, 12)}`;
  next.cloud.vSwitches.push({ ...vSwitch, VSwitchId: vSwitchId, CidrBlock: options.cidr, VSwitchName: `${options.namespace}-pods` });
  for (const table of next.cloud.routeTables) {
    const ids = table.VSwitchIds?.VSwitchId;
    if (ids?.includes(vSwitch.VSwitchId)) ids.push(vSwitchId);
  }
  for (const entry of next.cloud.snatEntries.filter((item) => item.SourceVSwitchId === vSwitch.VSwitchId)) {
    next.cloud.snatEntries.push({ ...entry, SnatEntryId: `snat-replicas${pad(0, 12)}`, SourceVSwitchId: vSwitchId, SourceCIDR: options.cidr });
  }
  cluster.objects.push({ apiVersion: 'v1', kind: 'Namespace', metadata: { name: options.namespace, labels: { 'kubernetes.io/metadata.name': options.namespace } } });

  for (let index = 0; index < options.count; index += 1) {
    const app = `replica-${index % options.workloads}`;
    const ip = formatIp({ version: network.version, value: network.network + BigInt(index + 4) });
    const id = `eni-replicas${pad(index, 12)}`;
    const spec = typeof template.spec === 'object' && template.spec !== null ? template.spec : {};
    const status = typeof template.status === 'object' && template.status !== null ? template.status : {};
    const pod: KubernetesObject = {
      ...template,
      metadata: {
        name: `${app}-${HASH}-${pad(index, 5)}`,
        namespace: options.namespace,
        uid: `00000000-0000-4000-8000-${pad(index, 12)}`,
        labels: { app, 'pod-template-hash': HASH },
        annotations: { 'k8s.aliyun.com/eni-instance-id': id },
        ownerReferences: [{ apiVersion: 'apps/v1', kind: 'ReplicaSet', name: `${app}-${HASH}`, uid: `00000000-0000-4000-9000-${pad(index % options.workloads, 12)}`, controller: true }],
      },
      spec: { ...spec },
      status: { ...status, podIP: ip, podIPs: [{ ip }] },
    };
    cluster.objects.push(pod);
    next.cloud.networkInterfaces.push({
      ...eni,
      NetworkInterfaceId: id,
      VSwitchId: vSwitchId,
      PrivateIpAddress: ip,
      PrivateIpSets: { PrivateIpSet: [{ PrivateIpAddress: ip, Primary: true }] },
      Description: `ACS pod ${options.namespace}/${stringField(pod.metadata, 'name')}`,
    });
  }
  return next;
}
