/**
 * The fault matrix: for every scenario of the demo world and every read its diagnosis makes
 * (each cloud action, each Kubernetes get/list, the DNS query), that read alone fails —
 * forbidden, throttled, 5xx or timeout — through the sandbox's world faults, over real
 * HTTP(S) and DNS. The verdict must never be `reachable`, except for the reviewed cells of
 * ALLOWED below, where the scenario's verdict does not depend on that read.
 *
 * The reads are not a hand list: each scenario is diagnosed once cleanly while the sandbox
 * records the calls it answers. One sandbox serves every cell; a fault is injected once and
 * every scenario that makes that read is diagnosed with it, in parallel.
 */
import path from 'node:path';

import { afterAll, describe, expect, it } from 'vitest';

import type { Verdict } from '@/lib/analysis/model';
import { loadWorldFile } from '@/lib/sandbox/world/load';
import type { CloudFault, DnsFault, KubernetesFault, Scenario, WorldFaults } from '@/lib/schemas/world';

import { startTestSandbox } from '../store/__fixtures__/sandbox-env';
import { diagnoseWithFacts } from './diagnose';

/** Per-call timeout of the clean runs (a loaded machine must not time out) and of the cells (short, so `timeout` cells are cheap). */
const CLEAN_TIMEOUT_MS = '5000';
const CELL_TIMEOUT_MS = '600';

type Kind = 'forbidden' | 'throttled' | '5xx' | 'timeout';
const KINDS: readonly Kind[] = ['forbidden', 'throttled', '5xx', 'timeout'];

/** One read a diagnosis makes, and the fault that fails it the way `kind` says. */
interface Read {
  /** `cloud DescribeNatGateways`, `k8s list services`, `dns`. */
  key: string;
  faultFor(kind: Kind): WorldFaults;
}

/**
 * Cells whose `reachable` is right although the read failed, each with the reason it does not
 * decide the verdict. Reviewed: every entry names the read, the scenarios and why.
 */
const ALLOWED: ReadonlyArray<{ read: string; scenarios: readonly string[]; reason: string }> = [
  {
    read: 'k8s get services',
    scenarios: ['pod-eip-ok'],
    reason: 'the only Service get is kube-dns (cluster DNS); the destination is an IP address, so no name is resolved and the DNS hop does not apply',
  },
  {
    read: 'k8s get deployments',
    scenarios: ['pod-eip-ok'],
    reason: 'the only Deployment get is kube-system/coredns (DNS health); the destination is an IP address, so no name is resolved',
  },
  ...['DescribeRouteTableList', 'DescribeRouteEntryList', 'DescribeNatGateways', 'DescribeSnatTableEntries'].map((action) => ({
    read: `cloud ${action}`,
    scenarios: ['pod-eip-ok'],
    reason: 'the pod’s ENI holds its own EIP, which carries its Internet traffic ahead of any route to a NAT gateway and its SNAT entries',
  })),
  {
    read: 'cloud DescribeLoadBalancerListeners',
    scenarios: ['lb-cluster-ok'],
    reason:
      'the destination is the ingress address of this cluster’s own LoadBalancer Service (externalTrafficPolicy Cluster): kube-proxy answers it inside the cluster, so the CLB listener and its ACL are never on the path',
  },
  {
    read: 'k8s list endpointslices',
    scenarios: ['pod-eip-ok'],
    reason: 'the destination is a public IP address, not a Service of the cluster: no Service backends are on the path',
  },
  {
    read: 'k8s list configmaps',
    scenarios: ['internet-ok', 'pod-eip-ok'],
    reason:
      'the kube-system ConfigMaps tell the network plugin and the cluster domain: the virtual nodes (read) make it ACS, and the destination is an external name or address whose answer does not depend on the cluster domain',
  },
  {
    read: 'k8s list configmaps',
    scenarios: ['flannel-internet-ok'],
    reason:
      'without the ConfigMaps, Flannel is inferred from the nodes’ spec.podCIDR; the only thing the plugin changes on this path is NetworkPolicy enforcement, and no NetworkPolicy exists in that cluster',
  },
  {
    read: 'cloud DescribeSecurityGroupConfiguration',
    scenarios: ['redis-ok', 'mongodb-ok'],
    reason: 'an IP whitelist group of the instance admits the pod’s vSwitch CIDR; the security groups it trusts are a second way in, which only matters when no IP entry admits',
  },
  {
    read: 'cloud DescribeInstanceLinkedWhitelistTemplate',
    scenarios: ['rds-trusted-sg-ok'],
    reason: 'the pod’s ENI is in a security group the RDS instance trusts; a linked whitelist template could only add another way in',
  },
  {
    read: 'k8s list nodes',
    scenarios: ['internet-ok', 'pod-eip-ok'],
    reason:
      'without the nodes the cluster is taken as ACK with Terway, which enforces every NetworkPolicy (stricter than ACS’s per-pod enforcement), and the region comes from ALIBABA_CLOUD_REGION_ID: the path passes under both readings',
  },
  {
    read: '*',
    scenarios: ['loopback-destination', 'metadata-destination'],
    reason:
      'the destination never leaves the pod (loopback) or is the metadata service answered on the host: podEgress decides, and no hop after it rests on a cluster or cloud read (the reads are the early start of the cloud side, made before the destination is classified)',
  },
  ...['DescribeLoadBalancers', 'DescribeRouteTableList', 'DescribeRouteEntryList', 'DescribeNatGateways', 'DescribeSnatTableEntries', 'DescribeEipAddresses', 'DescribeAssetList', 'DescribeControlPolicy', 'DescribeNatFirewallList', 'DescribeNatFirewallControlPolicy'].map((action) => ({
    read: `cloud ${action}`,
    scenarios: ['lb-cluster-ok'],
    reason: 'the destination is the ingress address of this cluster’s own LoadBalancer Service (externalTrafficPolicy Cluster): kube-proxy answers it on the node, so no route, NAT gateway, EIP, Cloud Firewall or SLB is on the path',
  })),
  ...['DescribeLoadBalancers', 'DescribeRouteTableList', 'DescribeRouteEntryList', 'DescribeNatGateways', 'DescribeSnatTableEntries', 'DescribeEipAddresses', 'DescribeAssetList', 'DescribeControlPolicy', 'DescribeNatFirewallList', 'DescribeNatFirewallControlPolicy'].map((action) => ({
    read: `cloud ${action}`,
    scenarios: ['redis-ok', 'mongodb-ok', 'rds-trusted-sg-ok'],
    reason:
      'the destination is a database instance recognised by its host name, at a private address of the pod’s VPC: the traffic stays on the vSwitch’s system route (CreateRouteEntry: a custom route’s destination cannot be the same as or a subset of a vSwitch CIDR, so the system route is the longest match), so routes, NAT, SNAT, EIPs and Cloud Firewall’s NAT and Internet border are not on the path, and no SLB owns the instance’s address',
  })),
  ...['DescribeNatGateways', 'DescribeSnatTableEntries', 'DescribeEipAddresses'].map((action) => ({
    read: `cloud ${action}`,
    scenarios: ['nas-ok'],
    reason:
      'the destination is a NAS mount target domain resolving to an address of a vSwitch of the pod’s VPC: the traffic stays on the vSwitch’s system route (a custom route cannot be the same as or a subset of a vSwitch CIDR: CreateRouteEntry), so no NAT gateway, SNAT entry or EIP is on the path, and NAS sees the pod’s own address (the route reads do decide: the Cloud Firewall hop’s VPC border check rests on them)',
  })),
  ...['k8s list configmaps', 'k8s list nodes'].map((read) => ({
    read,
    scenarios: ['redis-ok', 'mongodb-ok', 'rds-trusted-sg-ok', 'pvtz-ok', 'lb-cluster-ok', 'nas-ok'],
    reason:
      'as for internet-ok: the virtual nodes (or, without them, ACK with Terway, which enforces every NetworkPolicy) and ALIBABA_CLOUD_REGION_ID give a reading under which the path passes either way; these names are not cluster names, so the cluster domain does not change their answer',
  })),
  ...['k8s get services', 'k8s get deployments'].map((read) => ({
    read,
    scenarios: ['lb-cluster-ok', 'cfw-disabled-ok'],
    reason: 'the only Service and Deployment gets are kube-dns and kube-system/coredns (DNS health); the destination is an IP address, so no name is resolved',
  })),
  {
    read: 'k8s list endpointslices',
    scenarios: ['cfw-disabled-ok'],
    reason: 'the destination is a public IP address, not a Service of the cluster: no Service backends are on the path',
  },
  {
    read: 'k8s list configmaps',
    scenarios: ['cfw-disabled-ok'],
    reason: 'as for flannel-internet-ok (same cluster): Flannel is inferred from the nodes’ spec.podCIDR, and no NetworkPolicy exists in that cluster',
  },
  ...['DescribeRouteTableList', 'DescribeRouteEntryList', 'DescribeNatGateways', 'DescribeSnatTableEntries', 'DescribeEipAddresses'].map((action) => ({
    read: `cloud ${action}`,
    scenarios: ['oss-internal-ok'],
    reason:
      'the destination is the bucket’s internal endpoint, an address of 100.64.0.0/10 that the VPC reaches on its system route for cloud services (a custom route can be neither 100.64.0.0/10 nor a subset of it: CreateRouteEntry), so no route, NAT gateway, SNAT entry or EIP is on the path, and OSS sees the pod’s private address there, not a public one',
  })),
  {
    read: 'cloud GetBucketAcl',
    scenarios: ['oss-internal-ok'],
    reason:
      'the bucket policy’s Allow (Principal *, acs:SourceVpc = the pod’s VPC) grants the reads and writes and no Deny applies; a bucket ACL only ever grants, never denies, so it decides only when no statement does (the hop leaves it out of its basis)',
  },
  {
    read: 'k8s list configmaps',
    scenarios: ['oss-internal-ok'],
    reason: 'as for redis-ok (same cluster): the virtual nodes (read) make it ACS, and the OSS endpoint is not a cluster name, so the cluster domain does not change its answer',
  },
  {
    read: 'cloud DescribeControlPolicy',
    scenarios: ['pod-eip-ok', 'nodelocal-dns-ok', 'cfw-disabled-ok', 'flannel-internet-ok'],
    reason:
      'the Internet border policies are read at once for every Internet destination, speculatively (lib/gates/cloud-firewall/read.ts prefetch), and used only when the egress address is a protected asset; here DescribeAssetList (read) shows it is not, so the gate passes on that read',
  },
  {
    read: 'dns',
    scenarios: ['pvtz-ok'],
    reason: 'the PrivateZone zone bound to the pod’s VPC answers the name; the public query is only the early start’s guess of the answer (diagnose.ts), kept only when the real answer agrees',
  },
];

const demo = loadWorldFile(path.resolve(__dirname, '../sandbox/worlds/demo.yaml'));
const worldFaults: WorldFaults = demo.faults ?? { cloud: [], kubernetes: [], dns: [] };
const none = { cloud: [], kubernetes: [], dns: [] };

const cloudRead = (action: string): Read => {
  const errors: Record<Kind, string> = { forbidden: 'Forbidden.RAM', throttled: 'Throttling.User', '5xx': 'ServiceUnavailable', timeout: 'timeout' };
  return { key: `cloud ${action}`, faultFor: (kind) => ({ ...none, cloud: [{ action, error: errors[kind] } satisfies CloudFault] }) };
};
const kubernetesRead = (verb: 'get' | 'list', resource: string): Read => {
  const statuses: Record<Kind, KubernetesFault['status']> = { forbidden: 403, throttled: 429, '5xx': 500, timeout: 'timeout' };
  return { key: `k8s ${verb} ${resource}`, faultFor: (kind) => ({ ...none, kubernetes: [{ resource, verb, status: statuses[kind] }] }) };
};
const dnsRead: Read = {
  key: 'dns',
  faultFor: (kind) => {
    // DNS has no permission or rate limit of its own: a refusal stands for both.
    const rcodes: Record<Kind, DnsFault['rcode']> = { forbidden: 'REFUSED', throttled: 'REFUSED', '5xx': 'SERVFAIL', timeout: 'timeout' };
    return { ...none, dns: [{ rcode: rcodes[kind] }] };
  },
};

/** The cell's fault first, then the world's own (the fault scenarios keep theirs). */
const withWorldFaults = (cell: WorldFaults): WorldFaults => ({
  cloud: [...cell.cloud, ...worldFaults.cloud],
  kubernetes: [...cell.kubernetes, ...worldFaults.kubernetes],
  dns: [...cell.dns, ...worldFaults.dns],
});

const previousTimeout = process.env.EGRESS_DOCTOR_TIMEOUT_MS;
const live = await startTestSandbox(demo);
/** Points the app at the sandbox with this per-call timeout. */
function pointAtSandbox(timeoutMs: string): void {
  process.env.EGRESS_DOCTOR_TIMEOUT_MS = timeoutMs;
  live.use();
}
pointAtSandbox(CLEAN_TIMEOUT_MS);

type Outcome = Verdict | `error: ${string}`;

async function outcomeOf(scenario: Scenario): Promise<Outcome> {
  try {
    return (await diagnoseWithFacts({ ...scenario, host: scenario.destination })).diagnosis.verdict;
  } catch (error) {
    // The diagnosis as a whole failed (the source pod or the cluster could not be read).
    return `error: ${error instanceof Error ? error.message : String(error)}`;
  }
}

/**
 * Whether a failed diagnosis is a right answer to the cell: only a Kubernetes read can fail the
 * diagnosis as a whole (the source pod, or the cluster unreachable: a timeout). A cell that ends
 * in an error for any other reason tested nothing (a loaded machine timing out an unrelated read),
 * so it fails the test instead of passing as "not reachable".
 */
function errorIsTheFault(key: string, kind: Kind): boolean {
  return key === 'k8s get pods' || (key.startsWith('k8s ') && kind === 'timeout');
}

async function outcomeAlone(scenario: Scenario, kind: Kind): Promise<Outcome> {
  pointAtSandbox(CLEAN_TIMEOUT_MS);
  try {
    return await outcomeOf(scenario);
  } finally {
    pointAtSandbox(kind === 'timeout' ? CELL_TIMEOUT_MS : CLEAN_TIMEOUT_MS);
  }
}

/** Diagnoses at most this many scenarios at once (more only queue on two cores and time out). */
const CELL_CONCURRENCY = 6;

async function outcomesOf(scenarios: Scenario[]): Promise<Array<{ scenario: Scenario; outcome: Outcome }>> {
  const outcomes: Array<{ scenario: Scenario; outcome: Outcome }> = [];
  for (let start = 0; start < scenarios.length; start += CELL_CONCURRENCY) {
    const batch = scenarios.slice(start, start + CELL_CONCURRENCY);
    outcomes.push(...(await Promise.all(batch.map(async (scenario) => ({ scenario, outcome: await outcomeOf(scenario) })))));
  }
  return outcomes;
}

/** Diagnoses every scenario once, cleanly, and records the reads each made at the sandbox. */
async function recordReads(): Promise<Array<{ scenario: Scenario; clean: Outcome; reads: Read[] }>> {
  const recorded: Array<{ scenario: Scenario; clean: Outcome; reads: Read[] }> = [];
  // Warm up (module loading, TLS sessions) so the first recorded run is like the others.
  await Promise.all(demo.scenarios.slice(0, 2).map(outcomeOf));
  for (const scenario of demo.scenarios) {
    live.sandbox.k8s.resetCalls();
    live.sandbox.openApi.resetCalls();
    live.sandbox.dns.resetCalls();
    for (const server of Object.values(live.sandbox.gateServers)) server.resetCalls();
    const clean = await outcomeOf(scenario);
    const reads = new Map<string, Read>();
    for (const call of live.sandbox.openApi.calls()) reads.set(`cloud ${call.action}`, cloudRead(call.action));
    // The gates' own servers (OSS): their operations fail through the same cloud faults.
    for (const call of Object.values(live.sandbox.gateServers).flatMap((server) => server.calls())) if (call.action !== '') reads.set(`cloud ${call.action}`, cloudRead(call.action));
    for (const call of live.sandbox.k8s.calls()) reads.set(`k8s ${call.verb} ${call.resource}`, kubernetesRead(call.verb, call.resource));
    if (live.sandbox.dns.calls().length > 0) reads.set('dns', dnsRead);
    recorded.push({ scenario, clean, reads: [...reads.values()] });
  }
  return recorded;
}

const recorded = await recordReads();
const readsByKey = new Map<string, { read: Read; scenarios: Scenario[] }>();
for (const { scenario, reads } of recorded) {
  for (const read of reads) {
    const entry = readsByKey.get(read.key) ?? { read, scenarios: [] };
    entry.scenarios.push(scenario);
    readsByKey.set(read.key, entry);
  }
}
const cellCount = [...readsByKey.values()].reduce((sum, entry) => sum + entry.scenarios.length, 0) * KINDS.length;

afterAll(async () => {
  await live.close();
  if (previousTimeout === undefined) delete process.env.EGRESS_DOCTOR_TIMEOUT_MS;
  else process.env.EGRESS_DOCTOR_TIMEOUT_MS = previousTimeout;
});

describe('the fault matrix', () => {
  it('diagnoses every scenario cleanly as the world expects before failing reads', () => {
    expect(recorded.map(({ scenario, clean }) => [scenario.id, clean])).toStrictEqual(demo.scenarios.map((scenario) => [scenario.id, scenario.expect.verdict]));
  });

  it(`never says reachable when one read fails: ${demo.scenarios.length} scenarios × ${readsByKey.size} reads × ${KINDS.length} faults = ${cellCount} cells`, async () => {
    const falseReachable: string[] = [];
    const untested: string[] = [];
    try {
      for (const [key, { read, scenarios }] of readsByKey) {
        for (const kind of KINDS) {
          // Only a timeout cell needs the short per-call timeout (the faulted read hangs until it).
          pointAtSandbox(kind === 'timeout' ? CELL_TIMEOUT_MS : CLEAN_TIMEOUT_MS);
          live.sandbox.setWorldFaults(withWorldFaults(read.faultFor(kind)));
          for (const first of await outcomesOf(scenarios)) {
            const { scenario } = first;
            // A failure the fault cannot explain (another read timed out on a busy machine) is tried once
            // more, alone and with the clean timeout (a faulted read that hangs still times out, later).
            const outcome = first.outcome.startsWith('error') && !errorIsTheFault(key, kind) ? await outcomeAlone(scenario, kind) : first.outcome;
            const allowed = ALLOWED.some((entry) => (entry.read === key || entry.read === '*') && entry.scenarios.includes(scenario.id));
            if (outcome === 'reachable' && !allowed) falseReachable.push(`${scenario.id} with ${key} ${kind}`);
            if (outcome.startsWith('error') && !errorIsTheFault(key, kind)) untested.push(`${scenario.id} with ${key} ${kind}: ${outcome}`);
          }
        }
      }
    } finally {
      live.sandbox.setWorldFaults(worldFaults);
      pointAtSandbox(CLEAN_TIMEOUT_MS);
    }
    // NOTE: `untested` cells are diagnoses that failed as a whole for a reason the fault cannot explain; they prove nothing either way.
    expect({ falseReachable, untested }).toStrictEqual({ falseReachable: [], untested: [] });
  }, 1_500_000);
});
