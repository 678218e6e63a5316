/**
 * The NAS file system of the demo account (shared media for the shop), its mount target in the
 * database vSwitch and the nas-* scenarios: the mount target's permission group admits the
 * zone-H pods read and write (nas-ok), and no rule covers the zone-I pods (nas-access-group-deny).
 * On ACS a pod mounts NAS from its own ENI, so NAS sees the pod IP.
 */
import type { WorldInput } from './build-demo-world';
import { REGION_ID, V_SWITCHES, VPCS } from './topology';

type Scenario = NonNullable<WorldInput['scenarios']>[number];
type DnsRecordInput = NonNullable<NonNullable<WorldInput['dns']>['records']>[number];

/** The file system, its mount target (in the database vSwitch) and the address its domain resolves to. */
export const NAS_MEDIA = {
  fileSystemId: '3c5e1a9f27',
  domain: `3c5e1a9f27-kq8v2.${REGION_ID}.nas.aliyuncs.com`,
  address: '10.0.4.50',
  accessGroup: 'acs-prod-pods-h',
} as const;

/** `cloud.nasAccessGroup` of the demo world. */
export function nasAccessGroup(): NonNullable<WorldInput['cloud']['nasAccessGroup']> {
  return {
    mountTargets: [
      { FileSystemId: NAS_MEDIA.fileSystemId, MountTargetDomain: NAS_MEDIA.domain, AccessGroup: NAS_MEDIA.accessGroup, NetworkType: 'Vpc', Status: 'Active', VpcId: VPCS.prod.id, VswId: V_SWITCHES.prodDb.id },
    ],
    accessGroups: [{ AccessGroupName: NAS_MEDIA.accessGroup, AccessGroupType: 'Vpc', FileSystemType: 'standard', Description: 'acs-prod pods of zone H (shop media)' }],
    accessRules: [
      { AccessGroupName: NAS_MEDIA.accessGroup, FileSystemType: 'standard', AccessRuleId: '1', SourceCidrIp: V_SWITCHES.podsH.cidr, RWAccess: 'RDWR', UserAccess: 'no_squash', Priority: 1 },
      { AccessGroupName: NAS_MEDIA.accessGroup, FileSystemType: 'standard', AccessRuleId: '2', SourceCidrIp: V_SWITCHES.prodDb.cidr, RWAccess: 'RDONLY', UserAccess: 'root_squash', Priority: 50 },
    ],
  };
}

/** The mount target domain as the DNS answers it. */
export function nasDnsRecords(): DnsRecordInput[] {
  return [{ name: NAS_MEDIA.domain, type: 'A', value: NAS_MEDIA.address, ttl: 60 }];
}

/** nas-ok, nas-access-group-deny: NFS (TCP 2049) to the mount target. */
export function nasScenarios(): Scenario[] {
  const mount = { cluster: 'acs-prod', destination: NAS_MEDIA.domain, port: 2049, protocol: 'tcp' as const };
  return [
    { id: 'nas-ok', title: 'The NAS permission group admits the zone-H pods read and write', ...mount, namespace: 'shop', pod: 'review-service-5d7f8b9c6-h8k3w', expect: { verdict: 'reachable', blockingHop: null } },
    {
      id: 'nas-access-group-deny',
      title: 'No rule of the NAS permission group covers the zone-I pod (NAS sees the pod IP)',
      ...mount,
      namespace: 'orders',
      pod: 'fulfillment-api-7b9c8d6f5-c5v8n',
      expect: { verdict: 'blocked', blockingHop: 'nasAccessGroup' },
    },
  ];
}
