/**
 * PrivateZone zones of the demo account, for the pvtz-* scenarios: one zone bound to the ACS
 * VPC that answers (and has a disabled record), one bound only to the ACK VPC, and one bound to
 * the ACS VPC with ZONE recursion that hides a public name.
 */
import type { WorldInput } from './build-demo-world';
import { sha256Hex } from './ids';
import { REGION_ID, VPCS } from './topology';

type ZoneInput = NonNullable<WorldInput['cloud']['privateZones']>[number];

/** Addresses the pvtz scenarios resolve to: the partner API the internet-ok path reaches. */
export const PVTZ_ADDRESSES = { partnerApi: '203.0.113.20', partnerFiles: '203.0.113.21', shippingSftp: '203.0.113.31' } as const;

const zoneId = (name: string): string => sha256Hex(`pvtz:${name}`).slice(0, 32);
const recordId = (key: string): number => 2075410000 + (parseInt(sha256Hex(`pvtz-record:${key}`).slice(0, 6), 16) % 10000);
const bound = (...keys: Array<keyof typeof VPCS>) => ({ Vpc: keys.map((key) => ({ VpcId: VPCS[key].id, RegionId: REGION_ID })) });

export function privateZones(): ZoneInput[] {
  return [
    {
      ZoneId: zoneId('partner.internal'),
      ZoneName: 'partner.internal',
      ProxyPattern: 'ZONE',
      Remark: 'Private aliases of partner endpoints',
      BindVpcs: bound('prod'),
      Records: [
        { RecordId: recordId('partner.internal/api'), Rr: 'api', Type: 'A', Value: PVTZ_ADDRESSES.partnerApi, Ttl: 60, Status: 'ENABLE' },
        { RecordId: recordId('partner.internal/files'), Rr: 'files', Type: 'A', Value: PVTZ_ADDRESSES.partnerFiles, Ttl: 60, Status: 'DISABLE' },
      ],
    },
    {
      ZoneId: zoneId('billing.internal'),
      ZoneName: 'billing.internal',
      ProxyPattern: 'ZONE',
      Remark: 'Billing endpoints (bound to the ACK VPC only)',
      BindVpcs: bound('ack'),
      Records: [{ RecordId: recordId('billing.internal/gateway'), Rr: 'gateway', Type: 'A', Value: PVTZ_ADDRESSES.partnerApi, Ttl: 60, Status: 'ENABLE' }],
    },
    {
      ZoneId: zoneId('shipping.example.org'),
      ZoneName: 'shipping.example.org',
      ProxyPattern: 'ZONE',
      Remark: 'Internal override of the shipping partner domain',
      BindVpcs: bound('prod'),
      Records: [{ RecordId: recordId('shipping.example.org/sftp'), Rr: 'sftp', Type: 'A', Value: PVTZ_ADDRESSES.shippingSftp, Ttl: 60, Status: 'ENABLE' }],
    },
  ];
}
