/**
 * The demo world must load, must match its generator, and must make every scenario of
 * ../shared/scenarios.md true: the intended fault at the intended hop, and every other
 * hop of the path healthy. These checks read the world the way the adapters do.
 */
import { readFileSync } from 'node:fs';
import path from 'node:path';

import { describe, expect, it } from 'vitest';

import { cidrContains } from '@/lib/analysis/ip';
import type { KubernetesObject, Scenario, World } from '@/lib/schemas/world';
import { lookup, indexRecords } from '@/lib/sandbox/dns/answer';
import { loadWorldFile } from '@/lib/sandbox/world/load';

import { renderDemoWorld } from './demo/render';

const DEMO_PATH = path.join(__dirname, 'demo.yaml');
const world: World = loadWorldFile(DEMO_PATH);
const records = indexRecords(world.dns.records);

const SCENARIO_IDS = [
  'internet-ok', 'pod-eip-ok', 'dns-nxdomain', 'dns-policy-denied', 'netpol-deny', 'sg-drop', 'sg-prefix-list-drop', 'dns-one-address-blocked', 'no-nat-route', 'snat-missing',
  'nacl-deny', 'ecs-sg-inbound', 'slb-acl', 'rds-whitelist', 'rds-by-address-blocked', 'redis-ok', 'lb-hairpin', 'lb-cluster-ok', 'rds-forbidden',
  'flannel-rds-nodeip', 'cname-dead-end', 'snat-eip-detached', 'loopback-destination', 'metadata-destination', 'ipv6-no-address', 'pvtz-ok', 'pvtz-not-bound', 'pvtz-record-disabled', 'pvtz-zone-nxdomain',
  'rds-trusted-sg-ok', 'polardb-whitelist', 'mongodb-ok', 'coredns-stub-forward', 'nodelocal-dns-ok', 'cfw-nat-deny', 'cfw-internet-deny', 'cfw-vpc-deny', 'cfw-disabled-ok', 'flannel-internet-ok',
  'slb-listener-read-fails', 'services-forbidden-hairpin',
  'oss-policy-deny', 'oss-internal-ok', 'oss-public-sourceip',
  'nas-ok', 'nas-access-group-deny',
];
/** Scenarios whose host name has no address in the world's public records, on purpose (or only in a PrivateZone zone). */
const UNRESOLVED = new Set(['dns-nxdomain', 'cname-dead-end', 'pvtz-ok', 'pvtz-not-bound', 'pvtz-record-disabled', 'coredns-stub-forward']);
/** Scenarios whose traffic never reaches the pod's ENI (decided by the podEgress hop). */
const SETTLED_AT_POD = new Set(['loopback-destination', 'metadata-destination', 'ipv6-no-address']);

function get(value: unknown, ...keys: Array<string | number>): unknown {
  let current = value;
  for (const key of keys) {
    if (typeof current !== 'object' || current === null) return undefined;
    current = Reflect.get(current, key);
  }
  return current;
}
const text = (value: unknown): string => (typeof value === 'string' ? value : '');
const list = (value: unknown): unknown[] => (Array.isArray(value) ? value : []);

function objectsOf(cluster: string, kind: string): KubernetesObject[] {
  return world.clusters.find((entry) => entry.name === cluster)?.objects.filter((object) => object.kind === kind) ?? [];
}
function podOf(scenario: Scenario): KubernetesObject {
  const found = objectsOf(scenario.cluster, 'Pod').find((pod) => pod.metadata.name === scenario.pod && pod.metadata.namespace === scenario.namespace);
  if (found === undefined) throw new Error(`no pod for ${scenario.id}`);
  return found;
}
const scenarioById = (id: string): Scenario => {
  const found = world.scenarios.find((scenario) => scenario.id === id);
  if (found === undefined) throw new Error(`no scenario ${id}`);
  return found;
};
const podIp = (pod: KubernetesObject): string => text(get(pod, 'status', 'podIP'));
const eniByIp = (ip: string) => world.cloud.networkInterfaces.find((eni) => eni.PrivateIpAddress === ip);
const vSwitchById = (id: string) => world.cloud.vSwitches.find((vSwitch) => vSwitch.VSwitchId === id);

function internalIpOf(node: unknown): string {
  const entry = list(get(node, 'status', 'addresses')).find((candidate) => get(candidate, 'type') === 'InternalIP');
  return text(get(entry, 'address'));
}

/** The address the VPC sees and its ENI: the pod's own ENI (ACS), or the node's primary ENI (Flannel). */
function sourceOf(scenario: Scenario) {
  const pod = podOf(scenario);
  let address = podIp(pod);
  if (scenario.cluster === 'ack-flannel') {
    const node = objectsOf('ack-flannel', 'Node').find((candidate) => candidate.metadata.name === text(get(pod, 'spec', 'nodeName')));
    address = internalIpOf(node);
  }
  const eni = eniByIp(address);
  const vSwitch = vSwitchById(eni?.VSwitchId ?? '');
  if (eni === undefined || vSwitch === undefined) throw new Error(`no ENI/vSwitch for ${scenario.id} (${address})`);
  return { pod, address, eni, vSwitch };
}

/** Resolves a destination as the pod's resolver finally would (absolute name). */
function resolve(destination: string): string | null {
  if (/^\d+\.\d+\.\d+\.\d+$/.test(destination)) return destination;
  const answer = lookup(records, destination, 'A');
  return answer.answers.find((record) => record.type === 'A')?.value ?? lookup(records, destination, 'AAAA').answers.find((record) => record.type === 'AAAA')?.value ?? null;
}

function portMatches(range: string, port: number): boolean {
  if (range === '-1/-1') return true;
  const [from, to] = range.split('/').map(Number);
  return from !== undefined && to !== undefined && port >= from && port <= to;
}

/** First deciding SG rule for a flow (priority ascending, drop before accept at equal priority). */
function decideSecurityGroups(groupIds: string[], direction: 'ingress' | 'egress', remote: string, port: number): string | null {
  const rules = world.cloud.securityGroups
    .filter((group) => groupIds.includes(group.SecurityGroupId))
    .flatMap((group) => group.Permissions.Permission)
    .filter((rule) => rule.Direction === direction)
    .sort((a, b) => Number(a.Priority) - Number(b.Priority) || (a.Policy === 'Drop' ? -1 : 0) - (b.Policy === 'Drop' ? -1 : 0));
  const cidrKey = direction === 'egress' ? 'DestCidrIp' : 'SourceCidrIp';
  const listKey = direction === 'egress' ? 'DestPrefixListId' : 'SourcePrefixListId';
  const listHolds = (id: string) => world.cloud.prefixLists.find((candidate) => candidate.PrefixListId === id)?.Entries.Entry.some((entry) => cidrContains(entry.Cidr, remote)) === true;
  const match = rules.find(
    (rule) =>
      ['TCP', 'ALL'].includes(rule.IpProtocol) &&
      portMatches(rule.PortRange, port) &&
      (text(rule[listKey]) === '' ? cidrContains(text(rule[cidrKey]), remote) : listHolds(text(rule[listKey]))),
  );
  return match === undefined ? null : match.Policy;
}

/** First matching NACL entry's policy, or null when the vSwitch has no ACL. */
function decideNetworkAcl(vSwitchId: string, direction: 'ingress' | 'egress', remote: string, port: number): string | null {
  const aclId = vSwitchById(vSwitchId)?.NetworkAclId ?? '';
  if (aclId === '') return null;
  const acl = world.cloud.networkAcls.find((candidate) => candidate.NetworkAclId === aclId);
  const entries = direction === 'egress' ? acl?.EgressAclEntries.EgressAclEntry : acl?.IngressAclEntries.IngressAclEntry;
  const cidrKey = direction === 'egress' ? 'DestinationCidrIp' : 'SourceCidrIp';
  const match = entries?.find((entry) => ['tcp', 'all'].includes(entry.Protocol) && portMatches(entry.Port, port) && cidrContains(text(entry[cidrKey]), remote));
  return match?.Policy ?? 'drop';
}

function defaultRoute(vSwitchId: string) {
  const tableId = vSwitchById(vSwitchId)?.RouteTable?.RouteTableId;
  return world.cloud.routeEntries.find((entry) => entry.RouteTableId === tableId && entry.DestinationCidrBlock === '0.0.0.0/0');
}
const snatFor = (address: string) => world.cloud.snatEntries.filter((entry) => cidrContains(entry.SourceCIDR ?? '', address));
const isPublic = (address: string) => cidrContains('203.0.113.0/24', address) || cidrContains('198.51.100.0/24', address);

describe('demo.yaml', () => {
  it('is what the generator writes', () => {
    expect(readFileSync(DEMO_PATH, 'utf8')).toBe(renderDemoWorld());
  });

  it('holds every scenario of scenarios.md, once, with both clusters and the fault scenarios\' own', () => {
    expect(world.scenarios.map((scenario) => scenario.id)).toStrictEqual(SCENARIO_IDS);
    expect(world.clusters.map((cluster) => [cluster.name, cluster.kind, cluster.networkMode])).toStrictEqual([
      ['acs-prod', 'acs', 'vpc'],
      ['ack-flannel', 'ack', 'flannel'],
      ['acs-faults', 'acs', 'vpc'],
    ]);
  });

  it('gives every ACS pod its own ENI in its vSwitch, on the virtual node of that zone', () => {
    for (const pod of objectsOf('acs-prod', 'Pod')) {
      const eni = eniByIp(podIp(pod));
      expect(eni?.NetworkInterfaceId, pod.metadata.name).toBe(pod.metadata.annotations?.['k8s.aliyun.com/eni-instance-id']);
      expect(['Secondary', 'Member']).toContain(eni?.Type);
      const vSwitch = vSwitchById(eni?.VSwitchId ?? '');
      expect(cidrContains(vSwitch?.CidrBlock ?? '', podIp(pod))).toBe(true);
      const node = objectsOf('acs-prod', 'Node').find((candidate) => candidate.metadata.name === text(get(pod, 'spec', 'nodeName')));
      expect(node?.metadata.labels?.type).toBe('virtual-kubelet');
      expect(node?.metadata.labels?.['topology.kubernetes.io/zone']).toBe(vSwitch?.ZoneId);
    }
    const configMaps = objectsOf('acs-prod', 'ConfigMap').map((object) => object.metadata.name);
    expect(configMaps).not.toContain('eni-config');
    expect(configMaps).not.toContain('kube-flannel-cfg');
  });

  it('gives ack-flannel Flannel pod IPs and ECS nodes with primary ENIs', () => {
    expect(objectsOf('ack-flannel', 'ConfigMap').map((object) => object.metadata.name)).toContain('kube-flannel-cfg');
    for (const pod of objectsOf('ack-flannel', 'Pod').filter((candidate) => get(candidate, 'spec', 'hostNetwork') !== true)) {
      expect(cidrContains('172.20.0.0/16', podIp(pod)), pod.metadata.name).toBe(true);
    }
    for (const node of objectsOf('ack-flannel', 'Node')) {
      const eni = eniByIp(internalIpOf(node));
      const instanceId = text(get(node, 'spec', 'providerID')).replace('cn-hangzhou.', '');
      expect([eni?.Type, eni?.InstanceId]).toStrictEqual(['Primary', instanceId]);
      expect(world.cloud.instances.map((instance) => instance.InstanceId)).toContain(instanceId);
    }
  });

  it.each(['acs-prod', 'ack-flannel'])('keeps the cluster DNS of %s healthy', (cluster) => {
    const deployment = objectsOf(cluster, 'Deployment').find((object) => object.metadata.name === 'coredns');
    expect(get(deployment, 'status', 'readyReplicas')).toBe(get(deployment, 'spec', 'replicas'));
    const slice = objectsOf(cluster, 'EndpointSlice').find((object) => object.metadata.labels?.['kubernetes.io/service-name'] === 'kube-dns');
    const endpoints = list(get(slice, 'endpoints'));
    expect(endpoints.length).toBe(2);
    expect(endpoints.every((endpoint) => get(endpoint, 'conditions', 'ready') === true)).toBe(true);
  });

  it('coredns-stub-forward: ack-flannel’s Corefile forwards the IDC zone to servers its nodes’ group drops DNS to', () => {
    const corefile = text(get(objectsOf('ack-flannel', 'ConfigMap').find((object) => object.metadata.name === 'coredns'), 'data', 'Corefile'));
    expect(corefile).toMatch(/^idc\.example\.internal:53 \{[^}]*forward \. 10\.50\.0\.53 10\.50\.0\.54 \{/);
    for (const node of objectsOf('ack-flannel', 'Node')) {
      const groups = eniByIp(internalIpOf(node))?.SecurityGroupIds.SecurityGroupId ?? [];
      expect([decideSecurityGroups(groups, 'egress', '10.50.0.53', 53), decideSecurityGroups(groups, 'egress', '10.50.0.54', 53)]).toStrictEqual(['Drop', 'Drop']);
    }
  });

  it('nodelocal-dns-ok: NodeLocal DNSCache runs on the gateway pod’s node and the pod asks it first', () => {
    const source = sourceOf(scenarioById('nodelocal-dns-ok')).pod;
    expect(get(source, 'spec', 'dnsConfig', 'nameservers')).toStrictEqual(['169.254.20.10', '172.21.0.10']);
    expect(objectsOf('ack-flannel', 'Namespace').find((object) => object.metadata.name === 'gateway')?.metadata.labels?.['node-local-dns-injection']).toBe('enabled');
    const daemonSet = objectsOf('ack-flannel', 'DaemonSet').find((object) => object.metadata.name === 'node-local-dns');
    expect(get(daemonSet, 'spec', 'template', 'spec', 'containers', 0, 'args', 1)).toBe('169.254.20.10,172.21.0.10');
    const nodeLocal = objectsOf('ack-flannel', 'Pod').filter((object) => object.metadata.labels?.['k8s-app'] === 'node-local-dns');
    expect(nodeLocal.map((object) => get(object, 'spec', 'nodeName'))).toContain(get(source, 'spec', 'nodeName'));
  });

  it('resolves every scenario host name except the DNS faults', () => {
    for (const scenario of world.scenarios) {
      expect(resolve(scenario.destination) === null, scenario.id).toBe(UNRESOLVED.has(scenario.id));
    }
  });

  it.each(world.scenarios.filter((scenario) => !UNRESOLVED.has(scenario.id) && !SETTLED_AT_POD.has(scenario.id)))('lets $id through every source-side hop except its blocking one', (scenario) => {
    const destination = resolve(scenario.destination) ?? '';
    const source = sourceOf(scenario);
    const groups = source.eni.SecurityGroupIds.SecurityGroupId;
    expect(decideSecurityGroups(groups, 'egress', destination, scenario.port)).toBe(['sg-drop', 'sg-prefix-list-drop', 'dns-one-address-blocked'].includes(scenario.id) ? 'Drop' : 'Accept');
    const aclEgress = decideNetworkAcl(source.vSwitch.VSwitchId, 'egress', destination, scenario.port);
    const aclReturn = decideNetworkAcl(source.vSwitch.VSwitchId, 'ingress', destination, 40000);
    if (scenario.id === 'nacl-deny') {
      expect([aclEgress, aclReturn]).toStrictEqual(['drop', 'accept']);
    } else {
      expect([aclEgress, aclReturn]).toStrictEqual([null, null]);
    }
    if (!isPublic(destination) || scenario.id.startsWith('lb-')) return;
    const route = defaultRoute(source.vSwitch.VSwitchId);
    const hasEip = source.eni.AssociatedPublicIp !== undefined;
    if (scenario.id === 'no-nat-route' || scenario.id === 'pod-eip-ok') {
      expect(route).toBeUndefined();
      expect(hasEip).toBe(scenario.id === 'pod-eip-ok');
      return;
    }
    expect(route?.NextHops.NextHop[0]?.NextHopType).toBe('NatGateway');
    const snat = snatFor(source.address);
    if (scenario.id === 'snat-eip-detached') {
      // Its own /32 entry (beside the vSwitch's) names an EIP associated with nothing.
      const own = snat.find((entry) => entry.SourceCIDR === `${source.address}/32`);
      const eip = world.cloud.eips.find((candidate) => candidate.IpAddress === own?.SnatIp);
      expect([snat.length, eip?.Status, eip?.InstanceId]).toStrictEqual([2, 'Available', '']);
      return;
    }
    expect(snat.length).toBe(scenario.id === 'snat-missing' ? 0 : 1);
    for (const entry of snat) {
      const eip = world.cloud.eips.find((candidate) => candidate.IpAddress === entry.SnatIp);
      expect([eip?.Status, eip?.InstanceType, eip?.InstanceId]).toStrictEqual(['InUse', 'Nat', entry.NatGatewayId]);
    }
  });

  it('dns-one-address-blocked: the name has two addresses and the source groups drop only the first', () => {
    const scenario = scenarioById('dns-one-address-blocked');
    const addresses = lookup(records, scenario.destination, 'A').answers.filter((record) => record.type === 'A').map((record) => record.value);
    const groups = sourceOf(scenario).eni.SecurityGroupIds.SecurityGroupId;
    expect(addresses.map((address) => [address, decideSecurityGroups(groups, 'egress', address, scenario.port)])).toStrictEqual([
      ['203.0.113.7', 'Drop'],
      ['203.0.113.8', 'Accept'],
    ]);
  });

  it('pod-eip-ok: the pod EIP is in use on its ENI', () => {
    const source = sourceOf(scenarioById('pod-eip-ok'));
    const eip = world.cloud.eips.find((candidate) => candidate.AllocationId === get(source.eni, 'AssociatedPublicIp', 'AllocationId'));
    expect([eip?.Status, eip?.InstanceType, eip?.InstanceId]).toStrictEqual(['InUse', 'NetworkInterface', source.eni.NetworkInterfaceId]);
    expect(source.pod.metadata.annotations?.['k8s.aliyun.com/allocated-eipAddress']).toBe(eip?.IpAddress);
  });

  it('netpol-deny and dns-policy-denied: the pods are policed and a policy names the reason', () => {
    for (const id of ['netpol-deny', 'dns-policy-denied']) {
      expect(podOf(scenarioById(id)).metadata.annotations?.['alibabacloud.com/enable-network-policy-agent']).toBe('true');
    }
    const policies = objectsOf('acs-prod', 'NetworkPolicy');
    const partner = policies.find((policy) => policy.metadata.namespace === 'partners');
    expect(get(partner, 'spec', 'egress', 0, 'to', 0, 'ipBlock', 'except')).toStrictEqual(['203.0.113.10/32']);
    const reports = policies.find((policy) => policy.metadata.namespace === 'reports');
    expect(get(reports, 'spec', 'egress')).toStrictEqual([{ ports: [{ protocol: 'TCP', port: 443 }] }]);
  });

  it('ecs-sg-inbound and slb-acl: the destination side does not admit the pod', () => {
    const ecs = scenarioById('ecs-sg-inbound');
    const target = eniByIp(ecs.destination);
    expect(target?.Type).toBe('Primary');
    expect(decideSecurityGroups(target?.SecurityGroupIds.SecurityGroupId ?? [], 'ingress', sourceOf(ecs).address, 8080)).toBeNull();
    const slb = scenarioById('slb-acl');
    const loadBalancer = world.cloud.loadBalancers.find((candidate) => candidate.Address === slb.destination);
    const listener = loadBalancer?.Listeners.find((candidate) => candidate.ListenerPort === slb.port);
    expect([loadBalancer?.AddressType, listener?.AclStatus, listener?.AclType]).toStrictEqual(['intranet', 'on', 'white']);
    const acl = world.cloud.slbAcls.find((candidate) => candidate.AclId === listener?.AclId);
    expect(acl?.AclEntrys.AclEntry.some((entry) => cidrContains(entry.AclEntryIP, sourceOf(slb).address))).toBe(false);
  });

  it.each([
    ['rds-whitelist', false],
    ['redis-ok', true],
    ['flannel-rds-nodeip', false],
  ] as const)('%s: the whitelist admits the source address: %s', (id, admitted) => {
    const scenario = scenarioById(id);
    const host = scenario.destination;
    const rds = world.cloud.rdsInstances.find((instance) => instance.ConnectionString === host);
    const redis = world.cloud.redisInstances.find((instance) => instance.ConnectionDomain === host);
    const entries = [
      ...(rds?.DBInstanceIPArrays.map((group) => group.SecurityIPList) ?? []),
      ...(redis?.SecurityIpGroups.map((group) => group.SecurityIpList) ?? []),
    ].flatMap((entryList) => entryList.split(','));
    expect(entries.some((entry) => cidrContains(entry.includes('/') ? entry : `${entry}/32`, sourceOf(scenario).address))).toBe(admitted);
    if (id === 'flannel-rds-nodeip') expect(entries).toContain('172.20.0.0/16');
  });

  it('rds-by-address-blocked: the destination is an RDS connection address no ENI holds, and its whitelist lacks the pod', () => {
    const scenario = scenarioById('rds-by-address-blocked');
    const rds = world.cloud.rdsInstances.find((instance) => JSON.stringify(instance['DBInstanceNetInfos'] ?? null).includes(`"IPAddress":"${scenario.destination}"`));
    const entries = (rds?.DBInstanceIPArrays ?? []).flatMap((group) => group.SecurityIPList.split(','));
    expect({ instance: rds?.DBInstanceId.startsWith('rm-'), eni: eniByIp(scenario.destination) ?? null, admitted: entries.some((entry) => cidrContains(entry.includes('/') ? entry : `${entry}/32`, sourceOf(scenario).address)) }).toStrictEqual({
      instance: true,
      eni: null,
      admitted: false,
    });
  });

  it('rds-forbidden: the RDS whitelist of that instance is denied by RAM', () => {
    const host = scenarioById('rds-forbidden').destination;
    const rds = world.cloud.rdsInstances.find((instance) => instance.ConnectionString === host);
    expect(world.ram.deny).toContainEqual({ action: 'DescribeDBInstanceIPArrayList', resource: rds?.DBInstanceId });
  });

  it.each([
    ['lb-hairpin', 'Local', false],
    ['lb-cluster-ok', 'Cluster', true],
  ] as const)('%s: the LoadBalancer Service is %s, backend on the source node: %s', (id, policy, sameNode) => {
    const scenario = scenarioById(id);
    const service = objectsOf('acs-prod', 'Service').find((candidate) => get(candidate, 'status', 'loadBalancer', 'ingress', 0, 'ip') === scenario.destination);
    expect(get(service, 'spec', 'externalTrafficPolicy')).toBe(policy);
    const lbId = service?.metadata.annotations?.['service.beta.kubernetes.io/alibaba-cloud-loadbalancer-id'];
    expect(world.cloud.loadBalancers.find((candidate) => candidate.LoadBalancerId === lbId)?.Address).toBe(scenario.destination);
    const slice = objectsOf('acs-prod', 'EndpointSlice').find((candidate) => candidate.metadata.labels?.['kubernetes.io/service-name'] === service?.metadata.name);
    const nodes = list(get(slice, 'endpoints')).map((endpoint) => get(endpoint, 'nodeName'));
    expect(nodes.includes(get(podOf(scenario), 'spec', 'nodeName'))).toBe(sameNode);
  });
});
