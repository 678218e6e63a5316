/** The demo world's network ACL (DescribeNetworkAclAttributes shape), bound to the PCI vSwitch. */
import type { CloudItem as Item } from './cloud-item';
import { cloudId } from './ids';
import { ACCOUNT_ID, REGION_ID, V_SWITCHES, VPCS } from './topology';

const CREATED = '2026-10-12T08:02:11Z';

/** Id of the PCI segment's network ACL. */
export const NETWORK_ACL_ID = cloudId('nacl', 'pciEgress');

function aclEntry(
  direction: 'ingress' | 'egress',
  key: string,
  plan: { name: string; policy: 'accept' | 'drop'; protocol: string; port: string; cidr: string; description: string },
): Item<'networkAcls'>['IngressAclEntries']['IngressAclEntry'][number] {
  const cidrKey = direction === 'ingress' ? 'SourceCidrIp' : 'DestinationCidrIp';
  return {
    NetworkAclEntryId: cloudId('nae', `pciEgress/${direction}/${key}`),
    NetworkAclEntryName: plan.name,
    EntryType: 'custom',
    IpVersion: 'IPV4',
    Policy: plan.policy,
    Protocol: plan.protocol,
    Port: plan.port,
    [cidrKey]: plan.cidr,
    Description: plan.description,
  };
}

/**
 * The PCI segment's ACL (nacl-deny): egress HTTPS to the Internet is denied before the
 * catch-all accept; ingress would admit the return traffic, so the egress deny is the reason.
 * Entries are in priority order (index 0 first), as DescribeNetworkAclAttributes returns them.
 */
export function networkAcls(): Array<Item<'networkAcls'>> {
  return [
    {
      NetworkAclId: NETWORK_ACL_ID,
      NetworkAclName: 'acs-prod-pci',
      Description: 'PCI DSS: no direct Internet HTTPS from the card segment',
      VpcId: VPCS.prod.id,
      RegionId: REGION_ID,
      Status: 'Available',
      OwnerId: Number(ACCOUNT_ID),
      CreationTime: CREATED,
      Resources: { Resource: [{ ResourceId: V_SWITCHES.pci.id, ResourceType: 'VSwitch', Status: 'BINDED' }] },
      IngressAclEntries: {
        IngressAclEntry: [
          aclEntry('ingress', 'vpc', { name: 'from-vpc', policy: 'accept', protocol: 'all', port: '-1/-1', cidr: VPCS.prod.cidr, description: 'VPC internal' }),
          aclEntry('ingress', 'return', { name: 'return-traffic', policy: 'accept', protocol: 'tcp', port: '1024/65535', cidr: '0.0.0.0/0', description: 'Replies to outbound connections (ephemeral ports)' }),
          aclEntry('ingress', 'deny-all', { name: 'deny-all', policy: 'drop', protocol: 'all', port: '-1/-1', cidr: '0.0.0.0/0', description: 'Everything else' }),
        ],
      },
      EgressAclEntries: {
        EgressAclEntry: [
          aclEntry('egress', 'vpc', { name: 'to-vpc', policy: 'accept', protocol: 'all', port: '-1/-1', cidr: VPCS.prod.cidr, description: 'VPC internal' }),
          aclEntry('egress', 'deny-https', { name: 'deny-internet-https', policy: 'drop', protocol: 'tcp', port: '443/443', cidr: '0.0.0.0/0', description: 'PCI: Internet HTTPS only through the payment proxy' }),
          aclEntry('egress', 'allow-all', { name: 'allow-all', policy: 'accept', protocol: 'all', port: '-1/-1', cidr: '0.0.0.0/0', description: 'Everything else' }),
        ],
      },
    },
  ];
}
