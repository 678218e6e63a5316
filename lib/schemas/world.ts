/**
 * The world file: plain data that says what a real environment would answer.
 *
 * Kubernetes objects are stored exactly as `kubectl get -o json` shows them, and
 * Alibaba Cloud resources in the PascalCase shapes their Describe* actions return
 * on the wire. The sandbox serves a world; a saved diagnosis stores the fragment of
 * a world it read. See docs/world-format.md for the format with examples.
 *
 * Only the fields the sandbox and the diagnosis rely on are required; every object
 * keeps any other fields it carries (`z.looseObject`), so exports from a real
 * environment load unchanged.
 */
import { z } from 'zod';

import { HOP_ORDER } from '@/lib/analysis/hop-order';
import { gateWorldShape } from '@/lib/gates/registry';

const labelsSchema = z.record(z.string(), z.string());

/** `metadata` of any Kubernetes object. */
export const objectMetaSchema = z.looseObject({
  name: z.string().min(1),
  namespace: z.string().min(1).optional(),
  uid: z.string().optional(),
  labels: labelsSchema.optional(),
  annotations: labelsSchema.optional(),
  resourceVersion: z.string().optional(),
  creationTimestamp: z.string().optional(),
});

/** Any Kubernetes object as `kubectl get -o json` prints one item. */
export const kubernetesObjectSchema = z.looseObject({
  apiVersion: z.string().min(1),
  kind: z.string().min(1),
  metadata: objectMetaSchema,
});
export type KubernetesObject = z.infer<typeof kubernetesObjectSchema>;

/**
 * One cluster: its identity, how its pods reach the VPC, and its objects.
 * `name` is the kubeconfig context the sandbox writes for it.
 */
export const worldClusterSchema = z.object({
  name: z.string().regex(/^[a-z0-9]([-a-z0-9]*[a-z0-9])?$/, 'a cluster name is lower-case letters, digits and dashes'),
  /** ACS (serverless, pod ENIs) or ACK (ECS nodes). */
  kind: z.enum(['acs', 'ack']),
  /**
   * `vpc`: pods hold VPC addresses from their vSwitch (ACS, ACK with Terway), so
   * destinations see the pod IP; `flannel`: pod traffic leaves with the node's IP.
   */
  networkMode: z.enum(['vpc', 'flannel']),
  region: z.string().min(1),
  vpcId: z.string().regex(/^vpc-/, 'a VPC id starts with vpc-'),
  description: z.string().optional(),
  /** Kubernetes objects of every kind the cluster holds (namespaces, nodes, pods, …). */
  objects: z.array(kubernetesObjectSchema),
});
export type WorldCluster = z.infer<typeof worldClusterSchema>;

const idField = (prefix: string) =>
  z.string().regex(new RegExp(`^${prefix}`), `an id here starts with ${prefix}`);

/** DescribeVpcs → Vpcs.Vpc[] item. */
const vpcSchema = z.looseObject({ VpcId: idField('vpc-'), CidrBlock: z.string(), VpcName: z.string().optional() });
/** DescribeVSwitchAttributes response body (without RequestId). */
const vSwitchSchema = z.looseObject({
  VSwitchId: idField('vsw-'),
  VpcId: idField('vpc-'),
  ZoneId: z.string(),
  CidrBlock: z.string(),
  NetworkAclId: z.string().optional(),
  RouteTable: z.looseObject({ RouteTableId: z.string(), RouteTableType: z.string() }).optional(),
  Status: z.string().optional(),
});
/** DescribeRouteTableList → RouterTableList.RouterTableListType[] item. */
const routeTableSchema = z.looseObject({
  RouteTableId: idField('vtb-'),
  RouteTableType: z.string(),
  VpcId: idField('vpc-'),
  VSwitchIds: z.looseObject({ VSwitchId: z.array(z.string()) }).optional(),
});
/** DescribeRouteEntryList → RouteEntrys.RouteEntry[] item. */
const routeEntrySchema = z.looseObject({
  RouteEntryId: z.string(),
  RouteTableId: idField('vtb-'),
  DestinationCidrBlock: z.string(),
  Type: z.string(),
  Status: z.string().optional(),
  NextHops: z.looseObject({
    NextHop: z.array(z.looseObject({ NextHopType: z.string(), NextHopId: z.string() })),
  }),
});
/** DescribeNatGateways → NatGateways.NatGateway[] item. */
const natGatewaySchema = z.looseObject({
  NatGatewayId: idField('ngw-'),
  VpcId: idField('vpc-'),
  Status: z.string(),
  NetworkType: z.string().optional(),
  SnatTableIds: z.looseObject({ SnatTableId: z.array(z.string()) }),
});
/** DescribeSnatTableEntries → SnatTableEntries.SnatTableEntry[] item. */
const snatEntrySchema = z.looseObject({
  SnatEntryId: idField('snat-'),
  SnatTableId: idField('stb-'),
  NatGatewayId: idField('ngw-'),
  SnatIp: z.string(),
  SourceVSwitchId: z.string().optional(),
  SourceCIDR: z.string().optional(),
  Status: z.string().optional(),
});
/** DescribeEipAddresses → EipAddresses.EipAddress[] item. */
const eipSchema = z.looseObject({
  AllocationId: idField('eip-'),
  IpAddress: z.string(),
  Status: z.string(),
  InstanceId: z.string().optional(),
  InstanceType: z.string().optional(),
});
/** DescribeSecurityGroupAttribute.Permissions.Permission[] item. */
const permissionSchema = z.looseObject({
  SecurityGroupRuleId: idField('sgr-'),
  Direction: z.enum(['ingress', 'egress']),
  Policy: z.string(),
  Priority: z.union([z.string(), z.number()]),
  IpProtocol: z.string(),
  PortRange: z.string(),
});
/**
 * A security group: the DescribeSecurityGroups item (with SecurityGroupType) joined
 * with the DescribeSecurityGroupAttribute body (InnerAccessPolicy, Permissions).
 */
const securityGroupSchema = z.looseObject({
  SecurityGroupId: idField('sg-'),
  VpcId: idField('vpc-'),
  SecurityGroupType: z.enum(['normal', 'enterprise']),
  InnerAccessPolicy: z.string().optional(),
  Permissions: z.looseObject({ Permission: z.array(permissionSchema) }),
});
/** DescribePrefixListAttributes response body (without RequestId): a prefix list with its entries. */
const prefixListSchema = z.looseObject({
  PrefixListId: idField('pl-'),
  PrefixListName: z.string().optional(),
  AddressFamily: z.enum(['IPv4', 'IPv6']).default('IPv4'),
  Entries: z.looseObject({ Entry: z.array(z.looseObject({ Cidr: z.string().min(1), Description: z.string().optional() })) }),
});
/** A port list: its id and name (DescribePortRangeLists item) with DescribePortRangeListEntries' `Entries[]`. */
const portRangeListSchema = z.looseObject({
  PortRangeListId: idField('prl-'),
  PortRangeListName: z.string().optional(),
  Entries: z.array(z.looseObject({ PortRange: z.string().regex(/^\d+\/\d+$/), Description: z.string().optional() })),
});
const aclEntrySchema = z.looseObject({
  NetworkAclEntryId: z.string(),
  Policy: z.string(),
  Protocol: z.string(),
  Port: z.string(),
});
/** DescribeNetworkAclAttributes → NetworkAclAttribute. */
const networkAclSchema = z.looseObject({
  NetworkAclId: idField('nacl-'),
  VpcId: idField('vpc-'),
  Resources: z.looseObject({
    Resource: z.array(z.looseObject({ ResourceId: z.string(), ResourceType: z.string() })),
  }),
  IngressAclEntries: z.looseObject({ IngressAclEntry: z.array(aclEntrySchema) }),
  EgressAclEntries: z.looseObject({ EgressAclEntry: z.array(aclEntrySchema) }),
});
/** DescribeNetworkInterfaces → NetworkInterfaceSets.NetworkInterfaceSet[] item. */
const networkInterfaceSchema = z.looseObject({
  NetworkInterfaceId: idField('eni-'),
  VpcId: idField('vpc-'),
  VSwitchId: idField('vsw-'),
  PrivateIpAddress: z.string(),
  SecurityGroupIds: z.looseObject({ SecurityGroupId: z.array(z.string()) }),
});
/** DescribeInstances → Instances.Instance[] item. */
const instanceSchema = z.looseObject({ InstanceId: idField('i-'), Status: z.string() });
/** DescribeLoadBalancerListeners → Listeners[] item. */
const listenerSchema = z.looseObject({
  ListenerPort: z.number().int(),
  ListenerProtocol: z.string(),
  Status: z.string(),
  AclStatus: z.string().optional(),
  AclType: z.string().optional(),
  AclId: z.string().optional(),
});
/** DescribeLoadBalancers → LoadBalancers.LoadBalancer[] item, with its listeners. */
const loadBalancerSchema = z.looseObject({
  LoadBalancerId: idField('lb-'),
  Address: z.string(),
  AddressType: z.string(),
  Listeners: z.array(listenerSchema),
});
/** DescribeAccessControlListAttribute response body (without RequestId). */
const slbAclSchema = z.looseObject({
  AclId: idField('acl-'),
  AclName: z.string().optional(),
  AclEntrys: z.looseObject({
    AclEntry: z.array(z.looseObject({ AclEntryIP: z.string(), AclEntryComment: z.string().optional() })),
  }),
});
/** An RDS instance (DescribeDBInstances item) with DescribeDBInstanceIPArrayList's Items.DBInstanceIPArray[]. */
const rdsInstanceSchema = z.looseObject({
  DBInstanceId: idField('rm-'),
  ConnectionString: z.string().optional(),
  DBInstanceIPArrays: z.array(
    z.looseObject({ DBInstanceIPArrayName: z.string(), SecurityIPList: z.string() }),
  ),
  /** DescribeSecurityGroupConfiguration's Items.EcsSecurityGroupRelation[]: the ECS security groups it trusts. */
  EcsSecurityGroupRelations: z.array(z.looseObject({ SecurityGroupId: idField('sg-'), NetworkType: z.string().optional(), RegionId: z.string().optional() })).optional(),
  /** DescribeInstanceLinkedWhitelistTemplate's Data.Templates[]: the whitelist templates linked to it. */
  WhitelistTemplates: z.array(z.looseObject({ TemplateId: z.number().int(), TemplateName: z.string(), Ips: z.string() })).optional(),
});
/** A Redis instance (DescribeInstances item) with DescribeSecurityIps' SecurityIpGroups.SecurityIpGroup[]. */
const redisInstanceSchema = z.looseObject({
  InstanceId: idField('r-'),
  ConnectionDomain: z.string().optional(),
  SecurityIpGroups: z.array(
    z.looseObject({ SecurityIpGroupName: z.string(), SecurityIpList: z.string() }),
  ),
  /** DescribeSecurityGroupConfiguration's Items.EcsSecurityGroupRelation[] (network type in `NetType`). */
  EcsSecurityGroupRelations: z.array(z.looseObject({ SecurityGroupId: idField('sg-'), NetType: z.string().optional(), RegionId: z.string().optional() })).optional(),
});
/** A PolarDB cluster (DescribeDBClusters item) with DescribeDBClusterAccessWhitelist's IP groups and security groups. */
const polardbClusterSchema = z.looseObject({
  DBClusterId: idField('pc-'),
  DBClusterIPArrays: z.array(z.looseObject({ DBClusterIPArrayName: z.string(), DBClusterIPArrayAttribute: z.string().default(''), SecurityIps: z.string() })),
  DBClusterSecurityGroups: z.array(z.looseObject({ SecurityGroupId: idField('sg-'), SecurityGroupName: z.string().default('') })).default([]),
  /** DescribeDBClusterEndpoints' Items[] (each with AddressItems[]: ConnectionString, IPAddress, NetType). */
  DBClusterEndpoints: z.array(z.looseObject({ DBEndpointId: z.string(), AddressItems: z.array(z.looseObject({ IPAddress: z.string().optional() })).default([]) })).optional(),
});
/** A MongoDB instance (DescribeDBInstances item) with DescribeSecurityIps' groups and DescribeSecurityGroupConfiguration's Items.RdsEcsSecurityGroupRel[]. */
const mongodbInstanceSchema = z.looseObject({
  DBInstanceId: idField('dds-'),
  SecurityIpGroups: z.array(z.looseObject({ SecurityIpGroupName: z.string(), SecurityIpGroupAttribute: z.string().default(''), SecurityIpList: z.string() })),
  EcsSecurityGroupRelations: z.array(z.looseObject({ SecurityGroupId: idField('sg-'), NetType: z.string().optional(), RegionId: z.string().optional() })).default([]),
  /** DescribeReplicaSetRole's ReplicaSets.ReplicaSet[] (ConnectionDomain, ConnectionPort, NetworkType, ReplicaSetRole): a replica set's nodes. */
  ReplicaSets: z.array(z.looseObject({ ConnectionDomain: z.string(), NetworkType: z.string().optional() })).optional(),
  /** DescribeShardingNetworkAddress' NetworkAddresses.NetworkAddress[] (IPAddress, NetworkAddress, NetworkType, NodeType): a sharded cluster's addresses. */
  NetworkAddresses: z.array(z.looseObject({ IPAddress: z.string().optional(), NetworkAddress: z.string().optional() })).optional(),
});

/** A PrivateZone zone (DescribeZoneInfo fields) with its records (DescribeZoneRecords items). */
const privateZoneSchema = z.looseObject({
  ZoneId: z.string().min(1),
  ZoneName: z.string().min(1),
  /** ZONE: names the zone lacks are NXDOMAIN; RECORD: they fall through to recursive resolution. */
  ProxyPattern: z.enum(['ZONE', 'RECORD']).default('ZONE'),
  BindVpcs: z.looseObject({ Vpc: z.array(z.looseObject({ VpcId: z.string(), RegionId: z.string() })) }).default({ Vpc: [] }),
  Records: z.array(
    z.looseObject({
      RecordId: z.number().int(),
      Rr: z.string().min(1),
      Type: z.string().min(1),
      Value: z.string().min(1),
      Ttl: z.number().int().default(60),
      Status: z.enum(['ENABLE', 'DISABLE']).default('ENABLE'),
    }),
  ).default([]),
});
/** A PrivateZone resolver forwarding rule (DescribeResolverRules item with NeedDetailAttributes). */
const resolverRuleSchema = z.looseObject({
  Id: z.string().min(1),
  Name: z.string().optional(),
  ZoneName: z.string().min(1),
  Type: z.string().default('OUTBOUND'),
  ForwardIps: z.array(z.looseObject({ Ip: z.string(), Port: z.number().int().default(53) })),
  BindVpcs: z.array(z.looseObject({ VpcId: z.string(), RegionId: z.string() })).default([]),
});

/** Alibaba Cloud resources of one account and region, in wire shapes. */
export const worldCloudSchema = z.object({
  accountId: z.string().optional(),
  regionId: z.string().min(1),
  vpcs: z.array(vpcSchema).default([]),
  vSwitches: z.array(vSwitchSchema).default([]),
  routeTables: z.array(routeTableSchema).default([]),
  routeEntries: z.array(routeEntrySchema).default([]),
  natGateways: z.array(natGatewaySchema).default([]),
  snatEntries: z.array(snatEntrySchema).default([]),
  eips: z.array(eipSchema).default([]),
  securityGroups: z.array(securityGroupSchema).default([]),
  networkAcls: z.array(networkAclSchema).default([]),
  prefixLists: z.array(prefixListSchema).default([]),
  portRangeLists: z.array(portRangeListSchema).default([]),
  networkInterfaces: z.array(networkInterfaceSchema).default([]),
  instances: z.array(instanceSchema).default([]),
  loadBalancers: z.array(loadBalancerSchema).default([]),
  slbAcls: z.array(slbAclSchema).default([]),
  rdsInstances: z.array(rdsInstanceSchema).default([]),
  redisInstances: z.array(redisInstanceSchema).default([]),
  // NOTE: optional like privateZones below, so worlds written as TypeScript literals need not list them.
  polardbClusters: z.array(polardbClusterSchema).optional(),
  mongodbInstances: z.array(mongodbInstanceSchema).optional(),
  // NOTE: optional rather than defaulted, so worlds written as TypeScript literals need not list them.
  privateZones: z.array(privateZoneSchema).optional(),
  resolverRules: z.array(resolverRuleSchema).optional(),
  /** The registered gates' sections (`cloudFirewall`, …), each optional (lib/gates/<gate>/world-schema.ts). */
  ...gateWorldShape,
});
export type WorldCloud = z.infer<typeof worldCloudSchema>;
export type WorldPrivateZone = z.infer<typeof privateZoneSchema>;

/**
 * What the dashboard's cloud identity may not read: the sandbox answers these
 * actions with `Forbidden.RAM` (for one resource id, or for all when `resource` is absent).
 */
export const worldRamSchema = z.object({
  deny: z
    .array(z.object({ action: z.string().min(1), resource: z.string().min(1).optional() }))
    .default([]),
});

/**
 * A cloud read that fails: the sandbox answers `action` (only when the request names
 * `resource`, an id or address, if given) with the error `error` instead of a result.
 * `error` is an Alibaba Cloud error code (`Throttling.User`, `ServiceUnavailable`,
 * `Forbidden.RAM`, `InternalError`, …) answered with its usual HTTP status (or `status`),
 * or `timeout` (no answer at all) or `reset` (the connection is cut).
 */
export const cloudFaultSchema = z.object({
  action: z.string().regex(/^[A-Z][A-Za-z0-9]+$/, 'an action name is PascalCase, e.g. DescribeLoadBalancers'),
  resource: z.string().min(1).optional(),
  error: z.string().regex(/^[A-Za-z][A-Za-z0-9.]*$/, 'an error is an error code, timeout or reset'),
  status: z.number().int().min(400).max(599).optional(),
  message: z.string().min(1).optional(),
  /** Only the first `times` matching calls fail (a transient fault); every call when absent. */
  times: z.number().int().positive().optional(),
});
export type CloudFault = z.infer<typeof cloudFaultSchema>;

/**
 * A Kubernetes read that fails: the sandbox API server answers get/list of `resource` (a
 * plural name: `services`, `endpointslices`, …), narrowed to one cluster, namespace, object
 * name or verb when given, with the HTTP `status` and a `Status` body, or `timeout` / `reset`.
 */
export const kubernetesFaultSchema = z.object({
  resource: z.string().regex(/^[a-z]+$/, 'a resource is a plural name such as services'),
  cluster: z.string().min(1).optional(),
  namespace: z.string().min(1).optional(),
  name: z.string().min(1).optional(),
  verb: z.enum(['get', 'list']).optional(),
  status: z.union([z.number().int().min(400).max(599), z.enum(['timeout', 'reset'])]),
  times: z.number().int().positive().optional(),
});
export type KubernetesFault = z.infer<typeof kubernetesFaultSchema>;

/** A DNS question the sandbox DNS server fails: `SERVFAIL`, `REFUSED`, or no answer (`timeout`). */
export const dnsFaultSchema = z.object({
  /** Absolute name without the trailing dot; every name when absent. */
  name: z.string().min(1).optional(),
  rcode: z.enum(['SERVFAIL', 'REFUSED', 'timeout']),
  times: z.number().int().positive().optional(),
});
export type DnsFault = z.infer<typeof dnsFaultSchema>;

/** Reads the sandbox fails on purpose, so a world can reproduce a diagnosis whose reads failed. */
export const worldFaultsSchema = z.object({
  cloud: z.array(cloudFaultSchema).default([]),
  kubernetes: z.array(kubernetesFaultSchema).default([]),
  dns: z.array(dnsFaultSchema).default([]),
});
export type WorldFaults = z.infer<typeof worldFaultsSchema>;

/** A DNS record the sandbox DNS server answers. Names are absolute, without the trailing dot. */
export const dnsRecordSchema = z.object({
  name: z.string().min(1),
  type: z.enum(['A', 'AAAA', 'CNAME']),
  value: z.string().min(1),
  ttl: z.number().int().nonnegative().default(60),
});
export type DnsRecord = z.infer<typeof dnsRecordSchema>;

export const hopKindSchema = z.enum(HOP_ORDER);

/** One situation of the world, with what a correct diagnosis says about it. */
export const scenarioSchema = z.object({
  id: z.string().regex(/^[a-z0-9-]+$/),
  title: z.string().optional(),
  cluster: z.string().min(1),
  namespace: z.string().min(1),
  pod: z.string().min(1),
  destination: z.string().min(1),
  port: z.number().int().min(1).max(65535),
  protocol: z.enum(['tcp', 'udp', 'sctp']).default('tcp'),
  expect: z.object({
    verdict: z.enum(['reachable', 'blocked', 'unknown']),
    blockingHop: hopKindSchema.nullable(),
  }),
});
export type Scenario = z.infer<typeof scenarioSchema>;

export const worldSchema = z.object({
  version: z.literal(1),
  name: z.string().min(1),
  description: z.string().optional(),
  clusters: z.array(worldClusterSchema).min(1),
  cloud: worldCloudSchema,
  ram: worldRamSchema.default({ deny: [] }),
  dns: z.object({ records: z.array(dnsRecordSchema).default([]) }).default({ records: [] }),
  /** Reads the sandbox fails on purpose (optional, so worlds built in code need not name it). */
  faults: worldFaultsSchema.optional(),
  scenarios: z.array(scenarioSchema).default([]),
});
export type World = z.infer<typeof worldSchema>;
