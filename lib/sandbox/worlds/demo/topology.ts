/**
 * The network plan of the demo world: VPCs, vSwitches (with the route table and
 * network ACL each is bound to) and security groups, by key. The cluster objects and
 * the cloud resources are both built from this plan, so pod IPs, ENIs, SNAT entries
 * and whitelists agree with each other.
 */
import { cloudId } from './ids';

export const REGION_ID = 'cn-hangzhou';
export const ACCOUNT_ID = '1583240961722507';
export const RESOURCE_GROUP_ID = 'rg-acfmv3ytbhjsq2a';

export type VpcKey = 'prod' | 'ack';
export type RouteTableKey = 'prodSystem' | 'prodIsolated' | 'ackSystem';
export type SecurityGroupKey = 'acsPods' | 'acsPaymentsEgress' | 'legacyBilling' | 'ackNodes' | 'acsMarketing';
export type VSwitchKey =
  | 'prodNat'
  | 'prodLegacy'
  | 'prodInternalLb'
  | 'prodDb'
  | 'prodErpApp'
  | 'podsH'
  | 'podsI'
  | 'batchIsolated'
  | 'jobs'
  | 'pci'
  | 'edge'
  | 'ackNat'
  | 'ackNodesH'
  | 'ackNodesI'
  | 'ackDb';

export interface VpcPlan {
  id: string;
  name: string;
  cidr: string;
  /** The VRouter of the VPC (route tables hang off it). */
  routerId: string;
}

export const VPCS: Readonly<Record<VpcKey, VpcPlan>> = {
  prod: { id: cloudId('vpc', 'prod'), name: 'acs-prod-vpc', cidr: '10.0.0.0/16', routerId: cloudId('vrt', 'prod') },
  ack: { id: cloudId('vpc', 'ack'), name: 'ack-flannel-vpc', cidr: '192.168.0.0/16', routerId: cloudId('vrt', 'ack') },
};

export interface VSwitchPlan {
  id: string;
  name: string;
  vpc: VpcKey;
  zone: string;
  cidr: string;
  routeTable: RouteTableKey;
  /** Bound network ACL, when any. */
  networkAcl?: 'pciEgress';
  description: string;
}

function vSwitch(key: VSwitchKey, plan: Omit<VSwitchPlan, 'id'>): VSwitchPlan {
  return { id: cloudId('vsw', key), ...plan };
}

export const V_SWITCHES: Readonly<Record<VSwitchKey, VSwitchPlan>> = {
  prodNat: vSwitch('prodNat', { name: 'acs-prod-nat', vpc: 'prod', zone: 'cn-hangzhou-h', cidr: '10.0.1.0/24', routeTable: 'prodSystem', description: 'Internet NAT gateway' }),
  prodLegacy: vSwitch('prodLegacy', { name: 'acs-prod-legacy-ecs', vpc: 'prod', zone: 'cn-hangzhou-h', cidr: '10.0.2.0/24', routeTable: 'prodSystem', description: 'Legacy ECS services (billing)' }),
  prodInternalLb: vSwitch('prodInternalLb', { name: 'acs-prod-internal-slb', vpc: 'prod', zone: 'cn-hangzhou-h', cidr: '10.0.3.0/24', routeTable: 'prodSystem', description: 'Internal CLB instances' }),
  prodDb: vSwitch('prodDb', { name: 'acs-prod-db', vpc: 'prod', zone: 'cn-hangzhou-i', cidr: '10.0.4.0/24', routeTable: 'prodSystem', description: 'ApsaraDB RDS and Tair/Redis' }),
  prodErpApp: vSwitch('prodErpApp', { name: 'acs-prod-erp-app', vpc: 'prod', zone: 'cn-hangzhou-h', cidr: '10.0.8.0/24', routeTable: 'prodSystem', description: 'ERP application tier on ECS' }),
  podsH: vSwitch('podsH', { name: 'acs-prod-pods-h', vpc: 'prod', zone: 'cn-hangzhou-h', cidr: '10.0.32.0/24', routeTable: 'prodSystem', description: 'ACS pods, zone H (cluster default)' }),
  podsI: vSwitch('podsI', { name: 'acs-prod-pods-i', vpc: 'prod', zone: 'cn-hangzhou-i', cidr: '10.0.33.0/24', routeTable: 'prodSystem', description: 'ACS pods, zone I (cluster default)' }),
  batchIsolated: vSwitch('batchIsolated', { name: 'acs-prod-batch-isolated', vpc: 'prod', zone: 'cn-hangzhou-h', cidr: '10.0.40.0/24', routeTable: 'prodIsolated', description: 'Batch jobs; custom route table without Internet route' }),
  jobs: vSwitch('jobs', { name: 'acs-prod-jobs', vpc: 'prod', zone: 'cn-hangzhou-i', cidr: '10.0.41.0/24', routeTable: 'prodSystem', description: 'Data sync jobs (added 2026-11)' }),
  pci: vSwitch('pci', { name: 'acs-prod-pci', vpc: 'prod', zone: 'cn-hangzhou-h', cidr: '10.0.42.0/24', routeTable: 'prodSystem', networkAcl: 'pciEgress', description: 'PCI DSS segment' }),
  edge: vSwitch('edge', { name: 'acs-prod-edge', vpc: 'prod', zone: 'cn-hangzhou-i', cidr: '10.0.43.0/24', routeTable: 'prodIsolated', description: 'Edge pods with their own EIPs' }),
  ackNat: vSwitch('ackNat', { name: 'ack-flannel-nat', vpc: 'ack', zone: 'cn-hangzhou-h', cidr: '192.168.0.0/24', routeTable: 'ackSystem', description: 'Internet NAT gateway' }),
  ackNodesH: vSwitch('ackNodesH', { name: 'ack-flannel-nodes-h', vpc: 'ack', zone: 'cn-hangzhou-h', cidr: '192.168.10.0/24', routeTable: 'ackSystem', description: 'ACK worker nodes, zone H' }),
  ackNodesI: vSwitch('ackNodesI', { name: 'ack-flannel-nodes-i', vpc: 'ack', zone: 'cn-hangzhou-i', cidr: '192.168.11.0/24', routeTable: 'ackSystem', description: 'ACK worker nodes, zone I' }),
  ackDb: vSwitch('ackDb', { name: 'ack-flannel-db', vpc: 'ack', zone: 'cn-hangzhou-i', cidr: '192.168.20.0/24', routeTable: 'ackSystem', description: 'ApsaraDB RDS' }),
};

/** Keys of `V_SWITCHES` in a stable order. */
export const V_SWITCH_KEYS = Object.keys(V_SWITCHES).filter((key): key is VSwitchKey => key in V_SWITCHES);

export const ROUTE_TABLES: Readonly<Record<RouteTableKey, { id: string; name: string; vpc: VpcKey; type: 'System' | 'Custom' }>> = {
  prodSystem: { id: cloudId('vtb', 'prodSystem'), name: '', vpc: 'prod', type: 'System' },
  prodIsolated: { id: cloudId('vtb', 'prodIsolated'), name: 'acs-prod-isolated', vpc: 'prod', type: 'Custom' },
  ackSystem: { id: cloudId('vtb', 'ackSystem'), name: '', vpc: 'ack', type: 'System' },
};

export const SECURITY_GROUPS: Readonly<Record<SecurityGroupKey, { id: string; name: string; vpc: VpcKey; description: string }>> = {
  acsPods: { id: cloudId('sg', 'acsPods'), name: 'acs-prod-pods', vpc: 'prod', description: 'Default security group of acs-prod pods' },
  acsPaymentsEgress: { id: cloudId('sg', 'acsPaymentsEgress'), name: 'acs-prod-payments-egress', vpc: 'prod', description: 'Payments pods: Internet only through the egress proxy' },
  legacyBilling: { id: cloudId('sg', 'legacyBilling'), name: 'legacy-billing', vpc: 'prod', description: 'Legacy billing ECS' },
  ackNodes: { id: cloudId('sg', 'ackNodes'), name: 'ack-flannel-nodes', vpc: 'ack', description: 'ACK worker nodes (created by ACK)' },
  acsMarketing: { id: cloudId('sg', 'acsMarketing'), name: 'acs-prod-marketing', vpc: 'prod', description: 'Marketing pods: all outbound except the security team\'s deny list' },
};

/** Prefix lists security-group rules name (sg-prefix-list-drop). */
export const PREFIX_LISTS = {
  egressDenylist: { id: cloudId('pl', 'egressDenylist'), name: 'sec-egress-denylist', description: 'Destinations no workload may call (owner: security team)' },
} as const;

export const NAT_GATEWAYS = {
  prod: { id: cloudId('ngw', 'prod'), name: 'acs-prod-egress', vpc: 'prod', vSwitch: 'prodNat', snatTableId: cloudId('stb', 'prod'), forwardTableId: cloudId('ftb', 'prod'), privateIp: '10.0.1.200' },
  ack: { id: cloudId('ngw', 'ack'), name: 'ack-flannel-egress', vpc: 'ack', vSwitch: 'ackNat', snatTableId: cloudId('stb', 'ack'), forwardTableId: cloudId('ftb', 'ack'), privateIp: '192.168.0.200' },
} as const satisfies Record<VpcKey, { vpc: VpcKey; vSwitch: VSwitchKey } & Record<string, string>>;

/** EIPs: the NAT gateways' and the edge pod's (198.51.100.0/24 and 203.0.113.0/24 are documentation ranges). */
export const EIPS = {
  prodNat: { id: cloudId('eip', 'prodNat'), ip: '203.0.113.100' },
  ackNat: { id: cloudId('eip', 'ackNat'), ip: '203.0.113.110' },
  edgePod: { id: cloudId('eip', 'edgePod'), ip: '198.51.100.50' },
  spare: { id: cloudId('eip', 'spare'), ip: '203.0.113.120' },
} as const;

/** kube-dns ClusterIP of both clusters (each has its own Service CIDR 172.21.0.0/20). */
export const KUBE_DNS_IP = '172.21.0.10';
/** Flannel pod CIDR of ack-flannel. */
export const FLANNEL_POD_CIDR = '172.20.0.0/16';

/** Kubernetes version strings as ACK/ACS report them. */
export const KUBELET_VERSION = 'v1.31.1-aliyun.1';
