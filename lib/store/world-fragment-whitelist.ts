/**
 * The whitelisted-service half of a world fragment: an RDS, Redis, PolarDB or MongoDB whitelist
 * fact turned back into its world item (IP groups, trusted security groups, RDS templates), and
 * the parts of it that could not be read (pure).
 */
import type { CloudFacts, Fact, ServiceWhitelist, TrustedSecurityGroup } from '@/lib/analysis/model';
import type { WorldCloud } from '@/lib/schemas/world';

type WhitelistCloud = Pick<WorldCloud, 'rdsInstances' | 'redisInstances' | 'polardbClusters' | 'mongodbInstances'>;

const valueOr = <T>(fact: Fact<T> | undefined, fallback: T): T => (fact !== undefined && fact.kind === 'ok' ? fact.value : fallback);

const relations = (groups: TrustedSecurityGroup[], networkKey: 'NetworkType' | 'NetType') =>
  groups.map((group) => ({ SecurityGroupId: group.id, ...(group.networkType === null ? {} : { [networkKey]: group.networkType }), ...(group.regionId === null ? {} : { RegionId: group.regionId }) }));

/** Where a whitelisted instance was recognised by address: the address and the VPC its listing was read for. */
export interface RecognisedAddress {
  address: string;
  vpcId: string;
}

/**
 * The fields the instance listings read an address from (docs/gates/whitelists.md, "By address"),
 * so a replay recognises the instance the same way. A MongoDB replica set's members are names
 * resolved by DNS: its address is written the way a sharded cluster lists it instead.
 */
function addressFields(service: ServiceWhitelist['service'], at: RecognisedAddress): Record<string, unknown> {
  switch (service) {
    case 'rds':
      return { VpcId: at.vpcId, DBInstanceNetInfos: { DBInstanceNetInfo: [{ IPAddress: at.address, IPType: 'Private', VPCId: at.vpcId }] } };
    case 'redis':
      return { VpcId: at.vpcId, PrivateIp: at.address };
    case 'polardb':
      return { VpcId: at.vpcId, DBClusterEndpoints: [{ DBEndpointId: 'recognised-address', AddressItems: [{ IPAddress: at.address, NetType: 'Private' }] }] };
    case 'mongodb':
      return { VPCId: at.vpcId, DBInstanceType: 'sharding', NetworkAddresses: [{ IPAddress: at.address, NetworkType: 'VPC' }] };
    default: {
      const exhaustive: never = service;
      throw new Error(`unhandled whitelist service ${String(exhaustive)}`);
    }
  }
}

/**
 * The world item of the whitelist read, under the key of its service; with the address it was
 * recognised by (`recognised`), when the destination was an address of it rather than its host name.
 */
export function whitelistInstances(whitelist: ServiceWhitelist | null, recognised: RecognisedAddress | null = null): WhitelistCloud {
  if (whitelist === null || recognised === null) return whitelistItems(whitelist);
  const items = whitelistItems(whitelist);
  const extra = addressFields(whitelist.service, recognised);
  return {
    ...items,
    rdsInstances: items.rdsInstances.map((item) => ({ ...item, ...extra })),
    redisInstances: items.redisInstances.map((item) => ({ ...item, ...extra })),
    ...(items.polardbClusters ? { polardbClusters: items.polardbClusters.map((item) => ({ ...item, ...extra })) } : {}),
    ...(items.mongodbInstances ? { mongodbInstances: items.mongodbInstances.map((item) => ({ ...item, ...extra })) } : {}),
  };
}

function whitelistItems(whitelist: ServiceWhitelist | null): WhitelistCloud {
  const empty: WhitelistCloud = { rdsInstances: [], redisInstances: [] };
  if (whitelist === null) return empty;
  const trusted = valueOr(whitelist.securityGroups, []);
  const ipGroups = whitelist.groups.map((group) => ({ SecurityIpGroupName: group.name, SecurityIpGroupAttribute: group.attribute, SecurityIpList: group.entries.join(',') }));
  switch (whitelist.service) {
    case 'rds': {
      const arrays = whitelist.groups.map((group) => ({ DBInstanceIPArrayName: group.name, DBInstanceIPArrayAttribute: group.attribute, SecurityIPList: group.entries.join(',') }));
      const templates = valueOr(whitelist.templates, []).map((group, index) => ({ TemplateId: index + 1, TemplateName: group.name, Ips: group.entries.join(',') }));
      return { ...empty, rdsInstances: [{ DBInstanceId: whitelist.instanceId, DBInstanceIPArrays: arrays, EcsSecurityGroupRelations: relations(trusted, 'NetworkType'), WhitelistTemplates: templates }] };
    }
    case 'redis':
      return { ...empty, redisInstances: [{ InstanceId: whitelist.instanceId, SecurityIpGroups: ipGroups, EcsSecurityGroupRelations: relations(trusted, 'NetType') }] };
    case 'polardb': {
      const arrays = whitelist.groups.map((group) => ({ DBClusterIPArrayName: group.name, DBClusterIPArrayAttribute: group.attribute, SecurityIps: group.entries.join(',') }));
      return { ...empty, polardbClusters: [{ DBClusterId: whitelist.instanceId, DBClusterIPArrays: arrays, DBClusterSecurityGroups: trusted.map((group) => ({ SecurityGroupId: group.id, SecurityGroupName: group.name })) }] };
    }
    case 'mongodb':
      return { ...empty, mongodbInstances: [{ DBInstanceId: whitelist.instanceId, SecurityIpGroups: ipGroups, EcsSecurityGroupRelations: relations(trusted, 'NetType') }] };
    default: {
      const exhaustive: never = whitelist.service;
      throw new Error(`unhandled whitelist service ${String(exhaustive)}`);
    }
  }
}

/** The parts of a read whitelist that were read on their own (trusted groups, templates), for their errors. */
export function whitelistPartFacts(cloud: CloudFacts): Array<Fact<unknown>> {
  const whitelist = cloud.whitelist?.kind === 'ok' ? cloud.whitelist.value : null;
  if (whitelist === null) return [];
  const parts: Array<Fact<unknown> | undefined> = [whitelist.securityGroups, whitelist.templates];
  return parts.filter((fact): fact is Fact<unknown> => fact !== undefined);
}

/**
 * The whitelist entries of a world beyond the RDS and Redis IP groups, for the diff of two
 * diagnoses: PolarDB and MongoDB IP groups, RDS templates (`template:<name>`) and the trusted
 * security groups of every service (`securityGroup:<id>`, entries `trusted`).
 */
export function whitelistEntries(cloud: WorldCloud): Array<{ instance: string; name: string; entries: string }> {
  const trustedBy = (instance: string, ids: string[]) => ids.map((id) => ({ instance, name: `securityGroup:${id}`, entries: 'trusted' }));
  return [
    ...cloud.rdsInstances.flatMap((instance) => [
      ...(instance.WhitelistTemplates ?? []).map((template) => ({ instance: instance.DBInstanceId, name: `template:${template.TemplateName}`, entries: template.Ips })),
      ...trustedBy(instance.DBInstanceId, (instance.EcsSecurityGroupRelations ?? []).map((relation) => relation.SecurityGroupId)),
    ]),
    ...cloud.redisInstances.flatMap((instance) => trustedBy(instance.InstanceId, (instance.EcsSecurityGroupRelations ?? []).map((relation) => relation.SecurityGroupId))),
    ...(cloud.polardbClusters ?? []).flatMap((cluster) => [
      ...cluster.DBClusterIPArrays.map((group) => ({ instance: cluster.DBClusterId, name: group.DBClusterIPArrayName, entries: group.SecurityIps })),
      ...trustedBy(cluster.DBClusterId, cluster.DBClusterSecurityGroups.map((group) => group.SecurityGroupId)),
    ]),
    ...(cloud.mongodbInstances ?? []).flatMap((instance) => [
      ...instance.SecurityIpGroups.map((group) => ({ instance: instance.DBInstanceId, name: group.SecurityIpGroupName, entries: group.SecurityIpList })),
      ...trustedBy(instance.DBInstanceId, instance.EcsSecurityGroupRelations.map((relation) => relation.SecurityGroupId)),
    ]),
  ];
}
