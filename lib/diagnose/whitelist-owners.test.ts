/**
 * Recognising a whitelisted instance by address, in whole diagnoses against the demo sandbox over
 * real HTTP: a bare VPC address of an RDS instance is that instance (its whitelist decides), the
 * listings are read only for a private address nobody else holds, and a refused listing leaves the
 * whitelist hop unknown, never reachable.
 */
import path from 'node:path';

import { afterAll, beforeAll, describe, expect, it } from 'vitest';

import { diagnoseWithFacts } from '@/lib/diagnose/diagnose';
import { loadWorldFile } from '@/lib/sandbox/world/load';
import { startTestSandbox, type TestSandbox } from '@/lib/store/__fixtures__/sandbox-env';

const demo = loadWorldFile(path.resolve(__dirname, '../sandbox/worlds/demo.yaml'));
/** The reads of the listings (the instance listings of the four products, their detail reads). */
const LISTING_READS = ['DescribeDBInstances', 'DescribeDBInstanceNetInfo', 'DescribeInstances', 'DescribeDBClusters', 'DescribeDBClusterEndpoints', 'DescribeReplicaSetRole', 'DescribeShardingNetworkAddress'];

function requestOf(id: string, destination?: string) {
  const scenario = demo.scenarios.find((item) => item.id === id);
  if (!scenario) throw new Error(`the demo world has no ${id} scenario`);
  const to = destination ?? scenario.destination;
  return { ...scenario, destination: to, host: to };
}

describe('a whitelisted instance recognised by its address', () => {
  let live: TestSandbox;
  beforeAll(async () => {
    live = await startTestSandbox(demo);
    live.use();
  });
  afterAll(async () => {
    await live.close();
  });

  async function run(request: ReturnType<typeof requestOf>) {
    live.sandbox.openApi.resetCalls();
    const { diagnosis } = await diagnoseWithFacts(request);
    const actions = live.sandbox.openApi.calls().map((call) => call.action);
    return { diagnosis, actions, listings: actions.filter((action) => LISTING_READS.includes(action)) };
  }

  it('rds-by-address-blocked: the RDS instance behind its bare VPC address, blocked at its whitelist', async () => {
    const { diagnosis, actions } = await run(requestOf('rds-by-address-blocked'));
    const whitelist = diagnosis.hops.find((hop) => hop.kind === 'whitelist');
    expect({ verdict: diagnosis.verdict, blockingHop: diagnosis.blockingHop, kind: diagnosis.destination.kind, whitelist: whitelist?.verdict, readIpArrays: actions.includes('DescribeDBInstanceIPArrayList') }).toStrictEqual({
      verdict: 'blocked',
      blockingHop: 'whitelist',
      kind: 'rds',
      whitelist: 'block',
      readIpArrays: true,
    });
  });

  it('the same address by its host name makes none of the listing reads', async () => {
    const { diagnosis, listings } = await run(requestOf('rds-whitelist'));
    expect({ verdict: diagnosis.verdict, listings }).toStrictEqual({ verdict: 'blocked', listings: [] });
  });

  it('an Internet destination makes none of the listing reads', async () => {
    const { listings } = await run(requestOf('internet-ok'));
    expect(listings).toStrictEqual([]);
  });

  // The demo world has no sharded MongoDB cluster: its address read is not made.
  it('a VPC address no instance holds is a VPC address, its whitelist hop skipped on listings read', async () => {
    const { diagnosis, listings } = await run(requestOf('rds-by-address-blocked', '10.0.4.99'));
    const whitelist = diagnosis.hops.find((hop) => hop.kind === 'whitelist');
    expect({ kind: diagnosis.destination.kind, whitelist: whitelist?.verdict, listed: [...new Set(listings)].sort() }).toStrictEqual({ kind: 'vpc', whitelist: 'skip', listed: LISTING_READS.filter((action) => action !== 'DescribeShardingNetworkAddress').sort() });
  });

  it('a refused PolarDB listing leaves the whitelist hop unknown naming it, never reachable', async () => {
    live.sandbox.openApi.setWorld({ ...demo, ram: { deny: [...(demo.ram?.deny ?? []), { action: 'DescribeDBClusters' }] } });
    try {
      const { diagnosis } = await run(requestOf('rds-by-address-blocked', '10.0.4.99'));
      const whitelist = diagnosis.hops.find((hop) => hop.kind === 'whitelist');
      expect({ verdict: diagnosis.verdict, whitelist: whitelist?.verdict, names: whitelist?.reason?.includes('DescribeDBClusters, DescribeDBClusterEndpoints could not be read') }).toStrictEqual({ verdict: 'unknown', whitelist: 'unknown', names: true });
      // The RDS address itself is still recognised: a match decides whatever another listing did.
      const rds = await run(requestOf('rds-by-address-blocked'));
      expect({ verdict: rds.diagnosis.verdict, blockingHop: rds.diagnosis.blockingHop }).toStrictEqual({ verdict: 'blocked', blockingHop: 'whitelist' });
    } finally {
      live.sandbox.openApi.setWorld(demo);
    }
  });
});
