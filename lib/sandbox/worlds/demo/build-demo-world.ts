/**
 * Builds the demo world that `lib/sandbox/worlds/demo.yaml` holds: both clusters,
 * the cloud account they live in, the DNS records, and every scenario of
 * ../shared/scenarios.md with the result a correct diagnosis gives.
 */
import type { z } from 'zod';

import type { worldSchema } from '@/lib/schemas/world';

import { ackFlannelCluster } from './ack-flannel';
import { acsProdCluster } from './acs-prod';
import { instances, networkInterfaces, prefixLists, securityGroups } from './cloud-compute';
import { eips, natGateways, routeEntries, routeTables, snatEntries, vpcs, vSwitches } from './cloud-network';
import { networkAcls } from './cloud-network-acl';
import { cloudFirewall } from './cloud-firewall';
import { nasAccessGroup, nasDnsRecords, nasScenarios } from './cloud-nas';
import { ossBuckets, ossDnsRecords, ossScenarios } from './cloud-oss';
import { privateZones } from './cloud-private-zones';
import { loadBalancers, rdsInstances, redisInstances, slbAcls } from './cloud-services';
import { mongodbInstances, polardbClusters, trustedRdsInstances } from './cloud-whitelisted';
import { acsFaultsCluster, demoFaults, faultLoadBalancers, faultScenarios, faultSlbAcls } from './fault-scenarios';
import { dnsRecords, ramDeny, scenarios } from './scenarios';
import { ACCOUNT_ID, REGION_ID } from './topology';

/** The world as written to the file (before defaults are applied). */
export type WorldInput = z.input<typeof worldSchema>;

/** The complete demo world. Deterministic: the same call gives the same data. */
export function buildDemoWorld(): WorldInput {
  return {
    version: 1,
    name: 'demo',
    description:
      'Two clusters in cn-hangzhou — acs-prod (ACS, pods on their own ENIs) and ack-flannel (ACK with Flannel) — with one healthy path and one fault per scenario.',
    clusters: [acsProdCluster(), ackFlannelCluster(), acsFaultsCluster()],
    cloud: {
      accountId: ACCOUNT_ID,
      regionId: REGION_ID,
      vpcs: vpcs(),
      vSwitches: vSwitches(),
      routeTables: routeTables(),
      routeEntries: routeEntries(),
      natGateways: natGateways(),
      snatEntries: snatEntries(),
      eips: eips(),
      securityGroups: securityGroups(),
      networkAcls: networkAcls(),
      prefixLists: prefixLists(),
      networkInterfaces: networkInterfaces(),
      instances: instances(),
      loadBalancers: [...loadBalancers(), ...faultLoadBalancers()],
      slbAcls: [...slbAcls(), ...faultSlbAcls()],
      rdsInstances: [...rdsInstances(), ...trustedRdsInstances()],
      redisInstances: redisInstances(),
      privateZones: privateZones(),
      polardbClusters: polardbClusters(),
      mongodbInstances: mongodbInstances(),
      cloudFirewall: cloudFirewall(),
      bucketPolicy: ossBuckets(),
      nasAccessGroup: nasAccessGroup(),
    },
    ram: { deny: ramDeny() },
    dns: { records: [...dnsRecords(), ...ossDnsRecords(), ...nasDnsRecords()] },
    scenarios: [...scenarios(), ...faultScenarios(), ...ossScenarios(), ...nasScenarios()],
    faults: demoFaults(),
  };
}
