import { describe, expect, it } from 'vitest';

import { sgRule, snat, whitelistGroup } from '@/lib/analysis/__fixtures__/cloud-builders';
import { ok, pathFacts } from '@/lib/analysis/__fixtures__/path-builders';
import { formatCidr } from '@/lib/analysis/ip';
import type { PathFacts } from '@/lib/analysis/model';

import { sourceComparedCidrs, splitByAddress } from './address-cells';

const cidrs = (facts: PathFacts) => sourceComparedCidrs(facts).map(formatCidr);

describe('sourceComparedCidrs', () => {
  it('takes the vSwitches, SNAT sources and whitelist entries, once each', () => {
    const facts = pathFacts({
      cloud: {
        snatEntries: ok([snat(), snat({ id: 'snat-one', sourceVSwitchId: null, sourceCidr: '10.0.1.47/32' })]),
        whitelist: ok({ service: 'rds', instanceId: 'rm-1', groups: [whitelistGroup({ entries: ['10.0.1.0/24', '127.0.0.1'] })] }),
      },
    });
    expect(cidrs(facts)).toStrictEqual(['10.0.1.0/24', '10.0.1.47/32', '127.0.0.1/32']);
  });

  it('takes inbound rules of the destination ENI’s groups only, not the source groups’ rules', () => {
    const facts = pathFacts({
      cloud: {
        destinationEni: ok({ id: 'eni-db', type: 'Primary', status: 'InUse', instanceId: 'i-db', vpcId: 'vpc-1', vSwitchId: 'vsw-db', zoneId: null, primaryIp: '10.0.2.15', privateIps: ['10.0.2.15'], securityGroupIds: ['sg-db'], publicIp: null }),
        securityGroups: ok([
          { id: 'sg-pod', name: 'pods', vpcId: 'vpc-1', type: 'normal', innerAccessPolicy: 'Accept', rules: [sgRule({ direction: 'ingress', remote: { kind: 'cidr', cidr: '192.0.2.0/24' } })] },
          { id: 'sg-db', name: 'db', vpcId: 'vpc-1', type: 'normal', innerAccessPolicy: 'Accept', rules: [sgRule({ direction: 'ingress', remote: { kind: 'cidr', cidr: '10.0.1.8/29' } }), sgRule({ direction: 'egress', remote: { kind: 'cidr', cidr: '0.0.0.0/0' } })] },
        ]),
      },
    });
    expect(cidrs(facts)).toStrictEqual(['10.0.1.0/24', '10.0.1.8/29']);
  });
});

describe('splitByAddress', () => {
  it.each<[string, Array<string | null>, string[], Array<Array<string | null>>]>([
    ['addresses in the same CIDRs stay together', ['10.0.1.5', '10.0.1.6'], ['10.0.1.0/24'], [['10.0.1.5', '10.0.1.6']]],
    ['a /32 entry sets its address apart', ['10.0.1.5', '10.0.1.47', '10.0.1.6'], ['10.0.1.0/24', '10.0.1.47/32'], [['10.0.1.5', '10.0.1.6'], ['10.0.1.47']]],
    ['a missing address is its own cell', ['10.0.1.5', null], ['10.0.1.0/24'], [['10.0.1.5'], [null]]],
    ['no CIDRs: one cell', ['10.0.1.5', '192.0.2.1'], [], [['10.0.1.5', '192.0.2.1']]],
  ])('%s', (_name, addresses, cidrTexts, expected) => {
    const facts = pathFacts({ cloud: { vSwitches: ok([]), snatEntries: ok(cidrTexts.map((cidr, index) => snat({ id: `snat-${index}`, sourceCidr: cidr }))) } });
    expect(splitByAddress(addresses, (address) => address, sourceComparedCidrs(facts))).toStrictEqual(expected);
  });
});
