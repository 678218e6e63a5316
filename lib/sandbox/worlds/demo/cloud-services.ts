/**
 * Managed-service destinations of the demo world: CLB instances (the two behind the
 * LoadBalancer Services and one internal CLB with a whitelist ACL), RDS and Redis.
 */
import type { CloudItem as Item } from './cloud-item';
import { cloudId } from './ids';
import { REGION_ID, RESOURCE_GROUP_ID, V_SWITCHES, VPCS, type VSwitchKey } from './topology';


const CREATED = '2026-10-13T03:41:09Z';
const CLUSTER_ID = 'c3a9e8d7f6b5a4c3d2e1f0a9b8c7d6e5f';

export const INVENTORY_SLB = { id: cloudId('lb', 'inventory-internal'), address: '10.0.3.20', aclId: cloudId('acl', 'inventory-clients') };

export const RDS = {
  orders: { id: cloudId('rm', 'orders'), ip: '10.0.4.10' },
  finance: { id: cloudId('rm', 'finance'), ip: '10.0.4.11' },
  ackBilling: { id: cloudId('rm', 'ack-billing'), ip: '192.168.20.10' },
} as const;

export const REDIS = { cart: { id: cloudId('r', 'cart'), ip: '10.0.4.20' } } as const;

/** Connection string (VPC endpoint) of an RDS instance. */
export function rdsHost(id: string): string {
  return `${id}.mysql.rds.aliyuncs.com`;
}

/** Connection domain (VPC endpoint) of a Redis instance. */
export function redisHost(id: string): string {
  return `${id}.redis.rds.aliyuncs.com`;
}

interface ListenerPlan {
  port: number;
  protocol: 'tcp' | 'http';
  backendPort: number;
  acl?: { id: string; type: 'white' | 'black' };
  description: string;
}

function listener(plan: ListenerPlan): Item<'loadBalancers'>['Listeners'][number] {
  return {
    ListenerPort: plan.port,
    ListenerProtocol: plan.protocol,
    BackendServerPort: plan.backendPort,
    Status: 'running',
    Bandwidth: -1,
    Scheduler: 'wrr',
    Description: plan.description,
    AclStatus: plan.acl === undefined ? 'off' : 'on',
    ...(plan.acl === undefined ? {} : { AclType: plan.acl.type, AclId: plan.acl.id, AclIds: [plan.acl.id] }),
  };
}

export function loadBalancer(plan: {
  id: string;
  name: string;
  address: string;
  addressType: 'internet' | 'intranet';
  vSwitch?: VSwitchKey;
  listeners: ListenerPlan[];
  tags: Record<string, string>;
}): Item<'loadBalancers'> {
  return {
    LoadBalancerId: plan.id,
    LoadBalancerName: plan.name,
    LoadBalancerStatus: 'active',
    Address: plan.address,
    AddressType: plan.addressType,
    AddressIPVersion: 'ipv4',
    NetworkType: 'vpc',
    VpcId: VPCS.prod.id,
    VSwitchId: plan.vSwitch === undefined ? '' : V_SWITCHES[plan.vSwitch].id,
    RegionId: REGION_ID,
    MasterZoneId: 'cn-hangzhou-h',
    SlaveZoneId: 'cn-hangzhou-i',
    LoadBalancerSpec: 'slb.s2.small',
    InternetChargeType: 'paybytraffic',
    PayType: 'PayOnDemand',
    ResourceGroupId: RESOURCE_GROUP_ID,
    CreateTime: CREATED,
    Tags: { Tag: Object.entries(plan.tags).map(([TagKey, TagValue]) => ({ TagKey, TagValue })) },
    Listeners: plan.listeners.map(listener),
  };
}

export function loadBalancers(): Array<Item<'loadBalancers'>> {
  const ccmTags = (service: string) => ({ 'kubernetes.do.not.delete': service, 'ack.aliyun.com': CLUSTER_ID });
  return [
    loadBalancer({
      id: cloudId('lb', 'checkout-gateway'),
      name: 'shop-checkout-gateway',
      address: '198.51.100.80',
      addressType: 'internet',
      listeners: [{ port: 443, protocol: 'tcp', backendPort: 8443, description: 'k8s/443/checkout-gateway/shop/clusterid' }],
      tags: ccmTags('a8c3e1f0b7d94e2a9c6b5d4e3f2a1b0c'),
    }),
    loadBalancer({
      id: cloudId('lb', 'catalog-public'),
      name: 'shop-catalog-public',
      address: '198.51.100.81',
      addressType: 'internet',
      listeners: [{ port: 80, protocol: 'tcp', backendPort: 8080, description: 'k8s/80/catalog-public/shop/clusterid' }],
      tags: ccmTags('b9d4f2a1c8e05f3b0d7c6e5f4a3b2c1d'),
    }),
    loadBalancer({
      id: INVENTORY_SLB.id,
      name: 'inventory-internal',
      address: INVENTORY_SLB.address,
      addressType: 'intranet',
      vSwitch: 'prodInternalLb',
      listeners: [{ port: 80, protocol: 'http', backendPort: 8080, acl: { id: INVENTORY_SLB.aclId, type: 'white' }, description: 'inventory API' }],
      tags: { team: 'inventory', env: 'prod' },
    }),
  ];
}

/** The inventory CLB's whitelist: the ERP tier and zone-H pods, but not the zone-I pod vSwitch (slb-acl). */
export function slbAcls(): Array<Item<'slbAcls'>> {
  return [
    {
      AclId: INVENTORY_SLB.aclId,
      AclName: 'inventory-allowed-clients',
      AddressIPVersion: 'ipv4',
      ResourceGroupId: RESOURCE_GROUP_ID,
      AclEntrys: {
        AclEntry: [
          { AclEntryIP: V_SWITCHES.prodErpApp.cidr, AclEntryComment: 'ERP application tier' },
          { AclEntryIP: V_SWITCHES.podsH.cidr, AclEntryComment: 'acs-prod pods zone H' },
          { AclEntryIP: '10.100.0.0/16', AclEntryComment: 'on-premises' },
        ],
      },
      RelatedListeners: { RelatedListener: [{ LoadBalancerId: INVENTORY_SLB.id, ListenerPort: 80, Protocol: 'http', AclType: 'white' }] },
    },
  ];
}

/** One RDS IP whitelist group (MIX network type). */
export function ipArray(name: string, list: string, hidden = false): Item<'rdsInstances'>['DBInstanceIPArrays'][number] {
  return {
    DBInstanceIPArrayName: name,
    DBInstanceIPArrayAttribute: hidden ? 'hidden' : '',
    SecurityIPType: 'IPv4',
    SecurityIPList: list,
    WhitelistNetworkType: 'MIX',
  };
}

/** An RDS for MySQL instance in a VPC vSwitch with its IP groups. */
export function rdsInstance(
  plan: { id: string; ip: string },
  description: string,
  vSwitch: VSwitchKey,
  arrays: Array<Item<'rdsInstances'>['DBInstanceIPArrays'][number]>,
): Item<'rdsInstances'> {
  const vSwitchPlan = V_SWITCHES[vSwitch];
  const vpcId = VPCS[vSwitchPlan.vpc].id;
  return {
    DBInstanceId: plan.id,
    DBInstanceDescription: description,
    RegionId: REGION_ID,
    ZoneId: vSwitchPlan.zone,
    Engine: 'MySQL',
    EngineVersion: '8.0',
    DBInstanceClass: 'mysql.n2.medium.2c',
    DBInstanceType: 'Primary',
    DBInstanceStatus: 'Running',
    DBInstanceNetType: 'Intranet',
    InstanceNetworkType: 'VPC',
    ConnectionMode: 'Standard',
    LockMode: 'Unlock',
    PayType: 'Postpaid',
    VpcId: vpcId,
    VSwitchId: vSwitchPlan.id,
    ResourceGroupId: RESOURCE_GROUP_ID,
    CreateTime: CREATED,
    ConnectionString: rdsHost(plan.id),
    Port: '3306',
    DBInstanceNetInfos: {
      DBInstanceNetInfo: [{ ConnectionString: rdsHost(plan.id), IPAddress: plan.ip, IPType: 'Private', Port: '3306', VPCId: vpcId, VSwitchId: vSwitchPlan.id }],
    },
    DBInstanceIPArrays: arrays,
  };
}

const DMS_GROUP = ipArray('ali_dms_group', '100.104.5.0/24,100.104.72.0/24,100.104.205.0/24', true);

export function rdsInstances(): Array<Item<'rdsInstances'>> {
  return [
    // rds-whitelist: only the default 127.0.0.1 — nobody may connect.
    rdsInstance(RDS.orders, 'orders-prod', 'prodDb', [ipArray('default', '127.0.0.1'), DMS_GROUP]),
    // rds-forbidden: the whitelist would admit the pods, but the dashboard may not read it.
    rdsInstance(RDS.finance, 'finance-ledger', 'prodDb', [ipArray('default', '127.0.0.1'), ipArray('acs_prod_pods', `${V_SWITCHES.podsH.cidr},${V_SWITCHES.podsI.cidr}`)]),
    // flannel-rds-nodeip: holds the Flannel pod CIDR, but the traffic arrives from the node IPs.
    rdsInstance(RDS.ackBilling, 'billing-ack', 'ackDb', [ipArray('default', '127.0.0.1'), ipArray('k8s_pods', '172.20.0.0/16')]),
  ];
}

export function redisInstances(): Array<Item<'redisInstances'>> {
  const vSwitch = V_SWITCHES.prodDb;
  return [
    {
      InstanceId: REDIS.cart.id,
      InstanceName: 'cart-sessions',
      InstanceStatus: 'Normal',
      RegionId: REGION_ID,
      ZoneId: vSwitch.zone,
      ArchitectureType: 'standard',
      EngineVersion: '7.0',
      InstanceType: 'Redis',
      InstanceClass: 'redis.shard.small.2.ce',
      Capacity: 1024,
      NetworkType: 'VPC',
      VpcId: VPCS.prod.id,
      VSwitchId: vSwitch.id,
      ConnectionDomain: redisHost(REDIS.cart.id),
      Port: 6379,
      PrivateIp: REDIS.cart.ip,
      ChargeType: 'PostPaid',
      ResourceGroupId: RESOURCE_GROUP_ID,
      CreateTime: CREATED,
      SecurityIpGroups: [
        { SecurityIpGroupName: 'default', SecurityIpGroupAttribute: '', SecurityIpList: '127.0.0.1' },
        { SecurityIpGroupName: 'acs_prod_pods_i', SecurityIpGroupAttribute: '', SecurityIpList: V_SWITCHES.podsI.cidr },
      ],
    },
  ];
}
