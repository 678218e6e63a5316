import { describe, expect, it } from 'vitest';

import { securityGroup, sgRule } from './__fixtures__/cloud-builders';
import { destination, ok, pathFacts } from './__fixtures__/path-builders';
import { combineAddressVerdicts, MAX_EVALUATED_ADDRESSES } from './evaluate-addresses';
import { evaluatePath } from './evaluate-path';
import type { CloudFacts, DestinationOwner, HopKind, Verdict } from './model';

describe('combineAddressVerdicts', () => {
  it.each<{ name: string; verdicts: Verdict[]; expected: Verdict }>([
    { name: 'one reachable address: reachable', verdicts: ['reachable'], expected: 'reachable' },
    { name: 'every address reachable: reachable', verdicts: ['reachable', 'reachable', 'reachable'], expected: 'reachable' },
    { name: 'one blocked of two: blocked (fails sometimes)', verdicts: ['reachable', 'blocked'], expected: 'blocked' },
    { name: 'blocked outranks unknown', verdicts: ['unknown', 'blocked', 'reachable'], expected: 'blocked' },
    { name: 'none blocked, one unknown: unknown', verdicts: ['reachable', 'unknown'], expected: 'unknown' },
    { name: 'every address blocked: blocked', verdicts: ['blocked', 'blocked'], expected: 'blocked' },
  ])('$name', ({ verdicts, expected }) => {
    expect(combineAddressVerdicts(verdicts)).toBe(expected);
  });
});

/** An egress drop for each of `dropped` (as /32) above an accept-all on 443. */
function groupDropping(dropped: string[]): Partial<CloudFacts> {
  const drops = dropped.map((address, index) => sgRule({ id: `sgr-drop-${index}`, policy: 'drop', priority: 1, remote: { kind: 'cidr', cidr: `${address}/32` } }));
  return { securityGroups: ok([securityGroup({ rules: [...drops, sgRule({ id: 'sgr-accept', priority: 10 })] })]) };
}

/** Every address looked up and owned by nothing. */
const unowned = (addresses: string[]): DestinationOwner[] => addresses.map((address) => ({ address, destinationEni: ok(null), loadBalancer: ok(null) }));

const A = '203.0.113.7';
const B = '203.0.113.8';
const C = '203.0.113.9';

interface Expected {
  verdict: Verdict;
  blockingHop: HopKind | null;
  /** The address whose path the top-level hops show. */
  shown: string | null;
  addresses: Array<{ address: string; verdict: Verdict; blockingHop: HopKind | null }>;
}

describe('evaluatePath over every resolved address', () => {
  it.each<{ name: string; addresses: string[]; dropped: string[]; owners?: 'all' | 'none'; expected: Expected }>([
    {
      name: 'two addresses, the first blocked by a /32 drop: blocked, its path shown',
      addresses: [A, B],
      dropped: [A],
      expected: { verdict: 'blocked', blockingHop: 'securityGroup', shown: A, addresses: [{ address: A, verdict: 'blocked', blockingHop: 'securityGroup' }, { address: B, verdict: 'reachable', blockingHop: null }] },
    },
    {
      name: 'two addresses, only the second blocked: still blocked, the second path shown',
      addresses: [A, B],
      dropped: [B],
      expected: { verdict: 'blocked', blockingHop: 'securityGroup', shown: B, addresses: [{ address: A, verdict: 'reachable', blockingHop: null }, { address: B, verdict: 'blocked', blockingHop: 'securityGroup' }] },
    },
    {
      name: 'every address reachable: reachable, the first path shown',
      addresses: [A, B, C],
      dropped: [],
      expected: {
        verdict: 'reachable',
        blockingHop: null,
        shown: A,
        addresses: [A, B, C].map((address) => ({ address, verdict: 'reachable' as const, blockingHop: null })),
      },
    },
    {
      name: 'the owners of the other addresses were never read: they are unknown, not reachable',
      addresses: [A, B],
      dropped: [],
      owners: 'none',
      expected: { verdict: 'unknown', blockingHop: null, shown: B, addresses: [{ address: A, verdict: 'reachable', blockingHop: null }, { address: B, verdict: 'unknown', blockingHop: null }] },
    },
    {
      name: 'one address: one result, the same verdict',
      addresses: [A],
      dropped: [A],
      expected: { verdict: 'blocked', blockingHop: 'securityGroup', shown: A, addresses: [{ address: A, verdict: 'blocked', blockingHop: 'securityGroup' }] },
    },
  ])('$name', ({ addresses, dropped, owners = 'all', expected }) => {
    const facts = pathFacts({ host: 'api.example.com', cloud: { ...groupDropping(dropped), ...(owners === 'all' ? { destinationOwners: unowned(addresses) } : {}) } });
    const diagnosis = evaluatePath(facts, destination('internet', addresses, { host: 'api.example.com', label: `Internet api.example.com (${addresses[0] ?? ''})` }));
    const shownAddress = diagnosis.destination.label.match(/\((.+)\)/)?.[1] ?? null;
    expect({
      verdict: diagnosis.verdict,
      blockingHop: diagnosis.blockingHop,
      shown: shownAddress,
      addresses: diagnosis.addresses?.map(({ address, verdict, blockingHop }) => ({ address, verdict, blockingHop })),
    }).toStrictEqual(expected);
    expect(diagnosis.destination.addresses).toStrictEqual(addresses);
    expect(diagnosis.addresses?.every((result) => (result.hops !== undefined) === (addresses.length > 1))).toBe(true);
  });

  it(`evaluates the first ${MAX_EVALUATED_ADDRESSES} addresses and leaves the rest listed but unevaluated`, () => {
    const addresses = Array.from({ length: MAX_EVALUATED_ADDRESSES + 2 }, (_, index) => `203.0.113.${index + 1}`);
    const last = addresses.at(-1) ?? '';
    // The last address is blocked, but beyond the bound: the verdict cannot see it (and says so elsewhere).
    const facts = pathFacts({ host: 'api.example.com', cloud: { ...groupDropping([last]), destinationOwners: unowned(addresses) } });
    const diagnosis = evaluatePath(facts, destination('internet', addresses, { host: 'api.example.com' }));
    expect({ verdict: diagnosis.verdict, evaluated: diagnosis.addresses?.map((result) => result.address), all: diagnosis.destination.addresses }).toStrictEqual({
      verdict: 'reachable',
      evaluated: addresses.slice(0, MAX_EVALUATED_ADDRESSES),
      all: addresses,
    });
  });

  it('an unresolved name has no address results', () => {
    const diagnosis = evaluatePath(pathFacts({ host: 'nowhere.example.com' }), destination('unresolved', [], { host: 'nowhere.example.com' }));
    expect(diagnosis.addresses).toStrictEqual([]);
  });

  it('classifies each address on its own owners: the second address is an ECS instance whose group admits nothing', () => {
    const privateA = '10.0.2.15';
    const privateB = '10.0.2.16';
    const instanceEni = { id: 'eni-app', type: 'Primary', status: 'InUse', instanceId: 'i-app', vpcId: 'vpc-1', vSwitchId: 'vsw-pod', zoneId: 'cn-hangzhou-h', primaryIp: privateB, privateIps: [privateB], securityGroupIds: ['sg-app'], publicIp: null };
    const facts = pathFacts({
      host: 'app.internal',
      cloud: {
        securityGroups: ok([securityGroup({ rules: [sgRule({ remote: { kind: 'cidr', cidr: '10.0.0.0/8' }, portRange: { from: 8080, to: 8080 } })] }), securityGroup({ id: 'sg-app', rules: [] })]),
        destinationOwners: [
          { address: privateA, destinationEni: ok(null), loadBalancer: ok(null) },
          { address: privateB, destinationEni: ok(instanceEni), loadBalancer: ok(null) },
        ],
      },
      port: 8080,
    });
    const diagnosis = evaluatePath(facts, destination('vpc', [privateA, privateB], { host: 'app.internal', label: `VPC address ${privateA}` }));
    expect(diagnosis.addresses?.map(({ address, label, verdict, blockingHop }) => ({ address, label, verdict, blockingHop }))).toStrictEqual([
      { address: privateA, label: `VPC address ${privateA}`, verdict: 'reachable', blockingHop: null },
      { address: privateB, label: `ECS i-app (${privateB})`, verdict: 'blocked', blockingHop: 'destinationAcl' },
    ]);
    expect({ verdict: diagnosis.verdict, kind: diagnosis.destination.kind, resourceId: diagnosis.destination.resourceId }).toStrictEqual({ verdict: 'blocked', kind: 'ecs', resourceId: 'i-app' });
  });

  it('a second address recognised as another instance by address: its whitelist was not read, so unknown, never reachable', () => {
    const privateA = '10.0.4.10';
    const privateB = '10.0.4.11';
    const facts = pathFacts({
      host: 'db.internal',
      cloud: {
        whitelist: ok({ service: 'rds', instanceId: 'rm-orders', groups: [{ name: 'pods', attribute: '', entries: ['0.0.0.0/0'], networkType: null }], securityGroups: ok([]), templates: ok([]) }),
        destinationOwners: [
          { address: privateA, destinationEni: ok(null), loadBalancer: ok(null), whitelistInstance: { owner: { service: 'rds', instanceId: 'rm-orders' }, open: [] } },
          { address: privateB, destinationEni: ok(null), loadBalancer: ok(null), whitelistInstance: { owner: { service: 'rds', instanceId: 'rm-ledger' }, open: [] } },
        ],
      },
      port: 3306,
    });
    const diagnosis = evaluatePath(facts, destination('rds', [privateA, privateB], { host: 'db.internal', resourceId: 'rm-orders', label: `RDS rm-orders (${privateA})` }));
    expect(diagnosis.addresses?.map(({ address, label, verdict }) => ({ address, label, verdict }))).toStrictEqual([
      { address: privateA, label: `RDS rm-orders (${privateA})`, verdict: 'reachable' },
      { address: privateB, label: `RDS rm-ledger (${privateB})`, verdict: 'unknown' },
    ]);
  });
});
