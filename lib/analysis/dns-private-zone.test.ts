import { describe, expect, it } from 'vitest';

import { routeInVpc, type VpcDnsRoute } from './dns-private-zone';
import type { PrivateZone, PrivateZoneFacts, PrivateZoneRecord, ResolverRule } from './dns-sources';

const VPC = 'vpc-pod';
const record = (rr: string, value: string, extra: Partial<PrivateZoneRecord> = {}): PrivateZoneRecord => ({ id: 1, rr, type: 'A', value, ttl: 60, enabled: true, ...extra });
const zone = (name: string, records: PrivateZoneRecord[], extra: Partial<PrivateZone> = {}): PrivateZone => ({
  id: `z-${name}`,
  name,
  proxyPattern: 'ZONE',
  vpcs: [{ vpcId: VPC, regionId: 'cn-hangzhou' }],
  records,
  ...extra,
});
const rule = (zoneName: string, vpcIds = [VPC]): ResolverRule => ({ id: `hr-${zoneName}`, name: 'to-idc', zoneName, forwardIps: [{ ip: '172.16.0.53', port: 53 }], vpcIds });
const facts = (zones: PrivateZone[], rules: ResolverRule[] = []): PrivateZoneFacts => ({ vpcId: VPC, regionId: 'cn-hangzhou', zones, rules });
const ref = (item: PrivateZone) => ({ id: item.id, name: item.name, proxyPattern: item.proxyPattern, vpcs: item.vpcs });

const internal = zone('corp.internal', [record('api', '10.0.0.5'), record('old', '10.0.0.6', { enabled: false }), record('www', 'api.corp.internal', { type: 'CNAME' }), record('*', '10.0.0.9'), record('@', '10.0.0.1')]);
const recursive = zone('example.org', [record('sftp', '10.0.0.7')], { proxyPattern: 'RECORD' });
const elsewhere = zone('billing.internal', [record('gateway', '10.1.0.5')], { vpcs: [{ vpcId: 'vpc-other', regionId: 'cn-hangzhou' }] });
const sub = zone('eu.corp.internal', [record('api', '10.2.0.5')]);
const noUnbound = { recursedFrom: null, recursedOutcome: null, unboundZones: [] };

describe('routeInVpc', () => {
  const rows: Array<[string, string, PrivateZoneFacts, VpcDnsRoute]> = [
    ['an enabled record of a bound zone answers', 'api.corp.internal', facts([internal]), { kind: 'zone', zone: ref(internal), outcome: 'answered', records: [internal.records[0]!], addresses: ['10.0.0.5'], cname: null }],
    ['a disabled record gives NXDOMAIN under ZONE recursion', 'old.corp.internal', facts([internal]), { kind: 'zone', zone: ref(internal), outcome: 'recordDisabled', records: [internal.records[1]!], addresses: [], cname: null }],
    ['a CNAME record is returned for following', 'www.corp.internal', facts([internal]), { kind: 'zone', zone: ref(internal), outcome: 'answered', records: [internal.records[2]!], addresses: [], cname: 'api.corp.internal' }],
    ['a wildcard answers a name without its own record', 'x.y.corp.internal', facts([internal]), { kind: 'zone', zone: ref(internal), outcome: 'answered', records: [internal.records[3]!], addresses: ['10.0.0.9'], cname: null }],
    ['@ answers the apex', 'corp.internal', facts([internal]), { kind: 'zone', zone: ref(internal), outcome: 'answered', records: [internal.records[4]!], addresses: ['10.0.0.1'], cname: null }],
    ['the most specific bound zone wins', 'api.eu.corp.internal', facts([internal, sub]), { kind: 'zone', zone: ref(sub), outcome: 'answered', records: [sub.records[0]!], addresses: ['10.2.0.5'], cname: null }],
    ['a name the ZONE zone lacks is NXDOMAIN', 'new.eu.corp.internal', facts([sub]), { kind: 'zone', zone: ref(sub), outcome: 'noRecord', records: [], addresses: [], cname: null }],
    ['a name the RECORD zone lacks goes to public DNS', 'www.example.org', facts([recursive]), { kind: 'public', recursedFrom: ref(recursive), recursedOutcome: 'noRecord', unboundZones: [] }],
    ['a zone bound elsewhere does not answer, but is named', 'gateway.billing.internal', facts([elsewhere]), { kind: 'public', recursedFrom: null, recursedOutcome: null, unboundZones: [{ zone: ref(elsewhere), records: [elsewhere.records[0]!] }] }],
    ['names outside every zone go to public DNS', 'api.partner.example.com', facts([internal, elsewhere]), { kind: 'public', ...noUnbound }],
    ['a more specific forwarding rule bound to the VPC wins over the zone', 'db.idc.corp.internal', facts([internal], [rule('idc.corp.internal')]), { kind: 'rule', rule: rule('idc.corp.internal') }],
    ['a forwarding rule bound to another VPC is ignored', 'db.idc.corp.internal', facts([], [rule('idc.corp.internal', ['vpc-other'])]), { kind: 'public', ...noUnbound }],
  ];
  it.each(rows)('%s', (_name, name, input, expected) => {
    expect(routeInVpc(name, input)).toStrictEqual(expected);
  });
});
