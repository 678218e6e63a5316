/**
 * A generated large environment for the benchmark, as domain facts: 10,000 pods in
 * 100 namespaces (one of 1,000 pods), 2,000 NetworkPolicies, 5 security groups with
 * 200 rules, a route table of 50 entries and 100 SNAT entries. Deterministic.
 */
import type {
  CloudFacts,
  ClusterFacts,
  Fact,
  NetworkPolicy,
  Pod,
  ResolvedDestination,
  SecurityGroup,
  SecurityGroupRule,
  SnatEntry,
} from '@/lib/analysis/model';

const ok = <T>(value: T): Fact<T> => ({ kind: 'ok', value });

export const SWEEP_NAMESPACE = 'sweep';

function makePod(namespace: string, index: number): Pod {
  const app = `app-${index % 50}`;
  return {
    namespace,
    name: `${app}-${index.toString(36).padStart(5, '0')}`,
    uid: null,
    labels: { app, tier: index % 3 === 0 ? 'frontend' : 'backend', 'pod-template-hash': 'bench' },
    annotations: {},
    ip: `10.${10 + Math.floor(index / 65_000)}.${Math.floor(index / 250) % 256}.${(index % 250) + 2}`,
    ips: [],
    nodeName: `node-${index % 40}`,
    phase: 'Running',
    ready: true,
    hostNetwork: false,
    dnsPolicy: 'ClusterFirst',
    dnsConfig: null,
    containerPorts: [{ name: 'http', containerPort: 8080, protocol: 'TCP' }],
  };
}

function makePolicy(namespace: string, index: number): NetworkPolicy {
  return {
    namespace,
    name: `policy-${index}`,
    podSelector: { matchLabels: { app: `app-${index % 50}` } },
    policyTypes: ['Ingress', 'Egress'],
    ingress: [{ peers: [{ podSelector: { matchLabels: { tier: 'frontend' } }, namespaceSelector: null, ipBlock: null }], ports: [{ protocol: 'TCP', port: 8080, endPort: null }] }],
    egress: [
      { peers: [{ podSelector: null, namespaceSelector: { matchLabels: { team: `team-${index % 10}` } }, ipBlock: null }], ports: [{ protocol: 'TCP', port: 'http', endPort: null }] },
      { peers: [{ podSelector: null, namespaceSelector: null, ipBlock: { cidr: '0.0.0.0/0', except: [`198.51.100.${index % 250}/32`, '10.0.0.0/8'] } }], ports: [{ protocol: 'TCP', port: 443, endPort: null }] },
      { peers: null, ports: [{ protocol: 'UDP', port: 53, endPort: null }, { protocol: 'TCP', port: 53, endPort: null }] },
    ],
  };
}

function makeRule(group: number, rule: number): SecurityGroupRule {
  return {
    id: `sgr-bench${group}-${rule}`,
    direction: rule % 2 === 0 ? 'egress' : 'ingress',
    policy: rule % 7 === 0 ? 'drop' : 'accept',
    priority: 1 + ((rule * 7) % 100),
    protocol: 'tcp',
    portRange: { from: 1000 + rule, to: 1000 + rule },
    portRangeListId: null,
    remote: { kind: 'cidr', cidr: `192.0.2.${rule}/32` },
    description: '',
  };
}

/** 5 groups × 40 rules; the first group's last rule accepts 443 to anywhere. */
function makeGroups(): SecurityGroup[] {
  return Array.from({ length: 5 }, (_, group) => {
    const rules = Array.from({ length: 40 }, (_, rule) => makeRule(group, rule));
    if (group === 0) rules[39] = { ...makeRule(0, 39), id: 'sgr-bench-https', direction: 'egress', policy: 'accept', priority: 50, portRange: { from: 443, to: 443 }, remote: { kind: 'cidr', cidr: '0.0.0.0/0' } };
    return { id: `sg-bench${group}`, name: `bench-${group}`, vpcId: 'vpc-bench', type: 'normal', innerAccessPolicy: 'Accept', rules };
  });
}

function makeSnatEntries(): SnatEntry[] {
  return Array.from({ length: 100 }, (_, index) => ({
    id: `snat-bench${index}`,
    name: '',
    snatTableId: 'stb-bench',
    natGatewayId: 'ngw-bench',
    sourceVSwitchId: index === 99 ? 'vsw-bench-src' : null,
    sourceCidr: index === 99 ? '10.10.0.0/16' : `10.${100 + index}.0.0/16`,
    snatIps: ['198.51.100.200'],
    status: 'Available',
  }));
}

export interface BenchEnvironment {
  cluster: ClusterFacts;
  cloud: CloudFacts;
  destination: ResolvedDestination;
  sweepPods: Pod[];
}

/** Builds the environment once; the benchmark swaps the source pod per evaluation. */
export function buildBenchEnvironment(): BenchEnvironment {
  const namespaces = Array.from({ length: 99 }, (_, index) => ({ name: `ns-${index}`, labels: { 'kubernetes.io/metadata.name': `ns-${index}`, team: `team-${index % 10}` } }));
  namespaces.push({ name: SWEEP_NAMESPACE, labels: { 'kubernetes.io/metadata.name': SWEEP_NAMESPACE, team: 'team-0' } });
  const sweepPods = Array.from({ length: 1_000 }, (_, index) => makePod(SWEEP_NAMESPACE, index));
  const pods = [...sweepPods, ...Array.from({ length: 9_000 }, (_, index) => makePod(`ns-${index % 99}`, 1_000 + index))];
  const policies = Array.from({ length: 2_000 }, (_, index) => makePolicy(index < 100 ? SWEEP_NAMESPACE : `ns-${index % 99}`, index));
  const source = sweepPods[0]!;

  const cluster: ClusterFacts = {
    cluster: { name: 'bench', kind: 'ack', networkMode: 'vpc', region: 'cn-hangzhou', clusterDomain: 'cluster.local', networkPolicyEnforcement: 'always', enforcementReason: 'Terway with NetworkPolicy' },
    pod: source,
    node: ok({ name: 'node-0', internalIp: '10.9.0.10', providerId: 'cn-hangzhou.i-bench0', labels: {} }),
    namespaces: ok(namespaces),
    pods: ok(pods),
    nodes: ok([]),
    services: ok([]),
    endpointSlices: ok([]),
    networkPolicies: ok(policies),
    dns: ok({ serviceIp: '172.21.0.10', readyEndpoints: ['10.9.1.2'], notReadyEndpoints: [], deployment: { name: 'coredns', replicas: 2, readyReplicas: 2 }, podLabels: { 'k8s-app': 'kube-dns' } }),
  };
  const cloud: CloudFacts = {
    sourceEni: ok({ id: 'eni-bench', type: 'Secondary', status: 'InUse', instanceId: 'i-bench0', vpcId: 'vpc-bench', vSwitchId: 'vsw-bench-src', zoneId: 'cn-hangzhou-k', primaryIp: '10.10.0.2', privateIps: sweepPods.map((pod) => pod.ip ?? ''), securityGroupIds: makeGroups().map((group) => group.id), publicIp: null }),
    vSwitches: ok([{ id: 'vsw-bench-src', vpcId: 'vpc-bench', zoneId: 'cn-hangzhou-k', cidrBlock: '10.10.0.0/16', networkAclId: null, routeTableId: 'vtb-bench', routeTableType: 'Custom' }]),
    securityGroups: ok(makeGroups()),
    networkAcls: ok([]),
    prefixLists: ok([]),
    portRangeLists: ok([]),
    routeTables: ok([
      {
        id: 'vtb-bench',
        type: 'Custom',
        vpcId: 'vpc-bench',
        vSwitchIds: ['vsw-bench-src'],
        entries: [
          ...Array.from({ length: 49 }, (_, index) => ({ id: `rte-bench${index}`, destinationCidr: `172.${16 + (index % 16)}.${index}.0/24`, type: 'Custom', status: 'Available', nextHops: [{ type: 'Instance', id: `i-router${index}` }] })),
          { id: 'rte-bench-default', destinationCidr: '0.0.0.0/0', type: 'Custom', status: 'Available', nextHops: [{ type: 'NatGateway', id: 'ngw-bench' }] },
        ],
      },
    ]),
    natGateways: ok([{ id: 'ngw-bench', name: 'bench', vpcId: 'vpc-bench', networkType: 'internet', status: 'Available', businessStatus: 'Normal', snatTableIds: ['stb-bench'], ipAddresses: [{ ip: '198.51.100.200', allocationId: 'eip-bench' }] }]),
    snatEntries: ok(makeSnatEntries()),
    eips: ok([{ allocationId: 'eip-bench', ip: '198.51.100.200', status: 'InUse', instanceId: 'ngw-bench', instanceType: 'Nat', privateIp: null, businessStatus: 'Normal', locks: [] }]),
    destinationEni: ok(null),
    loadBalancer: ok(null),
    slbAcls: ok([]),
    whitelist: null,
  };
  const destination: ResolvedDestination = { kind: 'internet', host: '203.0.113.10', addresses: ['203.0.113.10'], resourceId: null, label: '203.0.113.10' };
  return { cluster, cloud, destination, sweepPods };
}
