/**
 * Checks a world that already matches the schema for references to things it does
 * not hold (a security group id on an ENI, a vSwitch of a route table, the pod of a
 * scenario, …) and for ids used twice. Each problem names the path of the reference.
 */
import type { World } from '@/lib/schemas/world';

import { formatPath, type WorldProblem } from './world-file-error';

type Path = ReadonlyArray<PropertyKey>;

/** Collects problems and the sets of ids the references are checked against. */
class Checker {
  readonly problems: WorldProblem[] = [];

  report(path: Path, message: string): void {
    this.problems.push({ path: formatPath(path), message });
  }

  /** Builds the id set of a collection, reporting ids that occur more than once. */
  ids<T>(items: ReadonlyArray<T>, basePath: Path, idKey: string | Path, idOf: (item: T) => string): Set<string> {
    const idPath = typeof idKey === 'string' ? [idKey] : idKey;
    const seen = new Map<string, number>();
    items.forEach((item, index) => {
      const id = idOf(item);
      const first = seen.get(id);
      if (first === undefined) {
        seen.set(id, index);
      } else {
        this.report([...basePath, index, ...idPath], `duplicate id "${id}" (also at ${formatPath([...basePath, first])})`);
      }
    });
    return new Set(seen.keys());
  }

  /** Reports `id` at `path` when it is not in `known`. */
  exists(known: ReadonlySet<string>, id: string, path: Path, what: string): void {
    if (!known.has(id)) this.report(path, `${what} "${id}" does not exist in the world`);
  }
}

function objectKey(object: World['clusters'][number]['objects'][number]): string {
  const { namespace, name } = object.metadata;
  return namespace === undefined ? `${object.kind} ${name}` : `${object.kind} ${namespace}/${name}`;
}

function checkClusters(world: World, checker: Checker, vpcIds: ReadonlySet<string>): void {
  const clusterNames = checker.ids(world.clusters, ['clusters'], 'name', (cluster) => cluster.name);
  world.clusters.forEach((cluster, clusterIndex) => {
    checker.exists(vpcIds, cluster.vpcId, ['clusters', clusterIndex, 'vpcId'], 'VPC');
    checker.ids(cluster.objects, ['clusters', clusterIndex, 'objects'], ['metadata', 'name'], objectKey);
  });
  world.scenarios.forEach((scenario, index) => {
    const path = ['scenarios', index];
    if (!clusterNames.has(scenario.cluster)) {
      checker.report([...path, 'cluster'], `cluster "${scenario.cluster}" does not exist in the world`);
      return;
    }
    const cluster = world.clusters.find((candidate) => candidate.name === scenario.cluster);
    const hasPod = cluster?.objects.some(
      (object) =>
        object.kind === 'Pod' &&
        object.metadata.name === scenario.pod &&
        object.metadata.namespace === scenario.namespace,
    );
    if (hasPod !== true) {
      checker.report([...path, 'pod'], `pod "${scenario.namespace}/${scenario.pod}" does not exist in cluster "${scenario.cluster}"`);
    }
  });
  checker.ids(world.scenarios, ['scenarios'], 'id', (scenario) => scenario.id);
  (world.faults?.kubernetes ?? []).forEach((fault, index) => {
    if (fault.cluster !== undefined) checker.exists(clusterNames, fault.cluster, ['faults', 'kubernetes', index, 'cluster'], 'cluster');
  });
}

function checkNetwork(world: World, checker: Checker): void {
  const cloud = world.cloud;
  const at = (collection: string, index: number, ...rest: PropertyKey[]): Path => ['cloud', collection, index, ...rest];
  const vpcIds = checker.ids(cloud.vpcs, ['cloud', 'vpcs'], 'VpcId', (vpc) => vpc.VpcId);
  const vSwitchIds = checker.ids(cloud.vSwitches, ['cloud', 'vSwitches'], 'VSwitchId', (item) => item.VSwitchId);
  const routeTableIds = checker.ids(cloud.routeTables, ['cloud', 'routeTables'], 'RouteTableId', (item) => item.RouteTableId);
  const natIds = checker.ids(cloud.natGateways, ['cloud', 'natGateways'], 'NatGatewayId', (item) => item.NatGatewayId);
  const groupIds = checker.ids(cloud.securityGroups, ['cloud', 'securityGroups'], 'SecurityGroupId', (item) => item.SecurityGroupId);
  const aclIds = checker.ids(cloud.networkAcls, ['cloud', 'networkAcls'], 'NetworkAclId', (item) => item.NetworkAclId);
  const eniIds = checker.ids(cloud.networkInterfaces, ['cloud', 'networkInterfaces'], 'NetworkInterfaceId', (item) => item.NetworkInterfaceId);
  const slbAclIds = checker.ids(cloud.slbAcls, ['cloud', 'slbAcls'], 'AclId', (item) => item.AclId);
  const prefixListIds = checker.ids(cloud.prefixLists, ['cloud', 'prefixLists'], 'PrefixListId', (item) => item.PrefixListId);
  const portRangeListIds = checker.ids(cloud.portRangeLists, ['cloud', 'portRangeLists'], 'PortRangeListId', (item) => item.PortRangeListId);
  checker.ids(cloud.routeEntries, ['cloud', 'routeEntries'], 'RouteEntryId', (item) => item.RouteEntryId);
  checker.ids(cloud.snatEntries, ['cloud', 'snatEntries'], 'SnatEntryId', (item) => item.SnatEntryId);
  checker.ids(cloud.eips, ['cloud', 'eips'], 'AllocationId', (item) => item.AllocationId);
  checker.ids(cloud.instances, ['cloud', 'instances'], 'InstanceId', (item) => item.InstanceId);
  checker.ids(cloud.loadBalancers, ['cloud', 'loadBalancers'], 'LoadBalancerId', (item) => item.LoadBalancerId);
  checker.ids(cloud.rdsInstances, ['cloud', 'rdsInstances'], 'DBInstanceId', (item) => item.DBInstanceId);
  checker.ids(cloud.redisInstances, ['cloud', 'redisInstances'], 'InstanceId', (item) => item.InstanceId);

  checkClusters(world, checker, vpcIds);

  cloud.vSwitches.forEach((vSwitch, index) => {
    checker.exists(vpcIds, vSwitch.VpcId, at('vSwitches', index, 'VpcId'), 'VPC');
    if (vSwitch.RouteTable !== undefined) {
      checker.exists(routeTableIds, vSwitch.RouteTable.RouteTableId, at('vSwitches', index, 'RouteTable', 'RouteTableId'), 'route table');
    }
    if (vSwitch.NetworkAclId !== undefined && vSwitch.NetworkAclId !== '') {
      checker.exists(aclIds, vSwitch.NetworkAclId, at('vSwitches', index, 'NetworkAclId'), 'network ACL');
    }
  });
  cloud.routeTables.forEach((table, index) => {
    table.VSwitchIds?.VSwitchId.forEach((id, position) =>
      checker.exists(vSwitchIds, id, at('routeTables', index, 'VSwitchIds', 'VSwitchId', position), 'vSwitch'),
    );
  });
  cloud.routeEntries.forEach((entry, index) => {
    checker.exists(routeTableIds, entry.RouteTableId, at('routeEntries', index, 'RouteTableId'), 'route table');
    entry.NextHops.NextHop.forEach((hop, position) => {
      if (hop.NextHopType === 'NatGateway') {
        checker.exists(natIds, hop.NextHopId, at('routeEntries', index, 'NextHops', 'NextHop', position, 'NextHopId'), 'NAT gateway');
      }
    });
  });
  cloud.snatEntries.forEach((entry, index) => {
    if (!natIds.has(entry.NatGatewayId)) {
      checker.exists(natIds, entry.NatGatewayId, at('snatEntries', index, 'NatGatewayId'), 'NAT gateway');
    } else {
      const gateway = cloud.natGateways.find((candidate) => candidate.NatGatewayId === entry.NatGatewayId);
      if (gateway !== undefined && !gateway.SnatTableIds.SnatTableId.includes(entry.SnatTableId)) {
        checker.report(at('snatEntries', index, 'SnatTableId'), `SNAT table "${entry.SnatTableId}" is not a SNAT table of ${entry.NatGatewayId}`);
      }
    }
    if (entry.SourceVSwitchId !== undefined && entry.SourceVSwitchId !== '') {
      checker.exists(vSwitchIds, entry.SourceVSwitchId, at('snatEntries', index, 'SourceVSwitchId'), 'vSwitch');
    }
  });
  cloud.networkInterfaces.forEach((eni, index) => {
    checker.exists(vSwitchIds, eni.VSwitchId, at('networkInterfaces', index, 'VSwitchId'), 'vSwitch');
    eni.SecurityGroupIds.SecurityGroupId.forEach((id, position) =>
      checker.exists(groupIds, id, at('networkInterfaces', index, 'SecurityGroupIds', 'SecurityGroupId', position), 'security group'),
    );
  });
  cloud.securityGroups.forEach((group, index) => {
    group.Permissions.Permission.forEach((rule, position) => {
      const path = (key: string) => at('securityGroups', index, 'Permissions', 'Permission', position, key);
      for (const key of ['SourcePrefixListId', 'DestPrefixListId']) {
        const id = rule[key];
        if (typeof id === 'string' && id !== '') checker.exists(prefixListIds, id, path(key), 'prefix list');
      }
      const portListId = rule['PortRangeListId'];
      if (typeof portListId === 'string' && portListId !== '') checker.exists(portRangeListIds, portListId, path('PortRangeListId'), 'port list');
    });
  });
  cloud.networkAcls.forEach((acl, index) => {
    acl.Resources.Resource.forEach((resource, position) => {
      if (resource.ResourceType === 'VSwitch') {
        checker.exists(vSwitchIds, resource.ResourceId, at('networkAcls', index, 'Resources', 'Resource', position, 'ResourceId'), 'vSwitch');
      }
    });
  });
  cloud.eips.forEach((eip, index) => {
    if (eip.InstanceId === undefined || eip.InstanceId === '') return;
    if (eip.InstanceType === 'Nat') checker.exists(natIds, eip.InstanceId, at('eips', index, 'InstanceId'), 'NAT gateway');
    if (eip.InstanceType === 'NetworkInterface') checker.exists(eniIds, eip.InstanceId, at('eips', index, 'InstanceId'), 'ENI');
  });
  cloud.loadBalancers.forEach((loadBalancer, index) => {
    loadBalancer.Listeners.forEach((listener, position) => {
      if (listener.AclId !== undefined && listener.AclId !== '') {
        checker.exists(slbAclIds, listener.AclId, at('loadBalancers', index, 'Listeners', position, 'AclId'), 'SLB access control list');
      }
    });
  });
}

/**
 * Returns every broken reference and duplicate id of a schema-valid world, in file
 * order per collection; an empty list when the world is consistent.
 */
export function findCrossReferenceProblems(world: World): WorldProblem[] {
  const checker = new Checker();
  checkNetwork(world, checker);
  return checker.problems;
}
