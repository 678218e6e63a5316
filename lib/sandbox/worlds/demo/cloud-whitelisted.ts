/**
 * Whitelisted managed services beyond the IP groups of cloud-services.ts: an RDS instance that
 * admits the acs-prod pods through a trusted security group only (rds-trusted-sg-ok), a PolarDB
 * cluster whose whitelist lacks the zone-I pods (polardb-whitelist) and a MongoDB replica set
 * that admits the zone-H pods (mongodb-ok).
 */
import type { WorldInput } from './build-demo-world';
import type { CloudItem as Item } from './cloud-item';
import { ipArray, rdsInstance } from './cloud-services';
import { cloudId } from './ids';
import { REGION_ID, RESOURCE_GROUP_ID, SECURITY_GROUPS, V_SWITCHES, VPCS } from './topology';

type PolardbCluster = NonNullable<WorldInput['cloud']['polardbClusters']>[number];
type MongodbInstance = NonNullable<WorldInput['cloud']['mongodbInstances']>[number];

const CREATED = '2026-10-20T02:14:51Z';

export const TRUSTED_RDS = { reporting: { id: cloudId('rm', 'ledger-reporting'), ip: '10.0.4.12' } } as const;
export const POLARDB = { fulfillment: { id: cloudId('pc', 'fulfillment'), ip: '10.0.4.30' } } as const;
export const MONGODB = { reviews: { id: cloudId('dds', 'reviews'), ip: '10.0.4.40', secondaryIp: '10.0.4.41' } } as const;

/** Cluster endpoint (VPC) of a PolarDB for MySQL cluster. */
export function polardbHost(id: string): string {
  return `${id}.mysql.polardb.rds.aliyuncs.com`;
}

/** A replica-set member's VPC endpoint: the instance id followed by the node number (the first by default). */
export function mongodbHost(id: string, node = 1): string {
  return `${id}${node}.mongodb.rds.aliyuncs.com`;
}

/** rds-trusted-sg-ok: only 127.0.0.1 in the IP groups, but the acs-prod pod security group is trusted. */
export function trustedRdsInstances(): Array<Item<'rdsInstances'>> {
  return [
    {
      ...rdsInstance(TRUSTED_RDS.reporting, 'ledger-reporting', 'prodDb', [ipArray('default', '127.0.0.1')]),
      EcsSecurityGroupRelations: [{ SecurityGroupId: SECURITY_GROUPS.acsPods.id, NetworkType: 'VPC', RegionId: REGION_ID }],
    },
  ];
}

export function polardbClusters(): PolardbCluster[] {
  const vSwitch = V_SWITCHES.prodDb;
  return [
    {
      DBClusterId: POLARDB.fulfillment.id,
      DBClusterDescription: 'fulfillment-prod',
      DBType: 'MySQL',
      DBVersion: '8.0',
      DBClusterStatus: 'Running',
      DBClusterNetworkType: 'VPC',
      RegionId: REGION_ID,
      ZoneId: vSwitch.zone,
      VpcId: VPCS.prod.id,
      VSwitchId: vSwitch.id,
      PayType: 'Postpaid',
      ResourceGroupId: RESOURCE_GROUP_ID,
      CreateTime: CREATED,
      ConnectionString: polardbHost(POLARDB.fulfillment.id),
      // DescribeDBClusterEndpoints: the cluster endpoint's VPC address (rds-by-address-blocked lists it).
      DBClusterEndpoints: [
        {
          DBEndpointId: cloudId('pe', 'fulfillment-cluster'),
          EndpointType: 'Cluster',
          ReadWriteMode: 'ReadWrite',
          AddressItems: [{ ConnectionString: polardbHost(POLARDB.fulfillment.id), IPAddress: POLARDB.fulfillment.ip, NetType: 'Private', Port: '3306', VPCId: VPCS.prod.id, VSwitchId: vSwitch.id }],
        },
      ],
      // polardb-whitelist: zone-H pods only; the trusted group is the legacy billing ECS, not the pods.
      DBClusterIPArrays: [
        { DBClusterIPArrayName: 'default', DBClusterIPArrayAttribute: '', SecurityIps: '127.0.0.1' },
        { DBClusterIPArrayName: 'acs_prod_pods_h', DBClusterIPArrayAttribute: '', SecurityIps: V_SWITCHES.podsH.cidr },
      ],
      DBClusterSecurityGroups: [{ SecurityGroupId: SECURITY_GROUPS.legacyBilling.id, SecurityGroupName: SECURITY_GROUPS.legacyBilling.name }],
    },
  ];
}

export function mongodbInstances(): MongodbInstance[] {
  const vSwitch = V_SWITCHES.prodDb;
  return [
    {
      DBInstanceId: MONGODB.reviews.id,
      DBInstanceDescription: 'product-reviews',
      DBInstanceType: 'replicate',
      DBInstanceStatus: 'Running',
      Engine: 'MongoDB',
      EngineVersion: '6.0',
      ReplicationFactor: '3',
      NetworkType: 'VPC',
      RegionId: REGION_ID,
      ZoneId: vSwitch.zone,
      VPCId: VPCS.prod.id,
      VSwitchId: vSwitch.id,
      ChargeType: 'PostPaid',
      ResourceGroupId: RESOURCE_GROUP_ID,
      CreationTime: CREATED,
      // DescribeReplicaSetRole: the members by name only; their addresses come from DNS.
      ReplicaSets: [
        { ConnectionDomain: mongodbHost(MONGODB.reviews.id, 1), ConnectionPort: '3717', NetworkType: 'VPC', ReplicaSetRole: 'Primary', RoleId: '6511001' },
        { ConnectionDomain: mongodbHost(MONGODB.reviews.id, 2), ConnectionPort: '3717', NetworkType: 'VPC', ReplicaSetRole: 'Secondary', RoleId: '6511002' },
      ],
      // mongodb-ok: the zone-H pod vSwitch is whitelisted.
      SecurityIpGroups: [
        { SecurityIpGroupName: 'default', SecurityIpGroupAttribute: '', SecurityIpList: '127.0.0.1' },
        { SecurityIpGroupName: 'acs_prod_pods_h', SecurityIpGroupAttribute: '', SecurityIpList: V_SWITCHES.podsH.cidr },
      ],
      EcsSecurityGroupRelations: [],
    },
  ];
}
