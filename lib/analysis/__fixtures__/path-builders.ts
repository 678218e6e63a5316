/**
 * Builders of whole PathFacts / PathContext values for hop tests: an ACS pod in vSwitch
 * `vsw-pod` (10.0.1.0/24) with group `sg-pod`, a NAT gateway with SNAT for that vSwitch,
 * and nothing else. Tests override the parts they vary.
 */
import { resolveSource } from '../resolve-source';
import type {
  ClusterFacts,
  CloudFacts,
  DestinationKind,
  Fact,
  FactError,
  PathContext,
  PathFacts,
  Pod,
  ResolvedDestination,
} from '../model';
import { cloudFirewallEnabledNowhere, eip, eni, natGateway, routeTable, securityGroup, snat, vSwitch } from './cloud-builders';

export const ok = <T>(value: T): Fact<T> => ({ kind: 'ok', value });

export function factError(overrides: Partial<FactError> = {}): FactError {
  return {
    source: 'alicloud',
    reason: 'forbidden',
    resource: 'DescribeSecurityGroupAttribute sg-pod',
    message: 'not authorized',
    code: 'Forbidden.RAM',
    retryable: false,
    ...overrides,
  };
}

export const missing = <T>(error: FactError = factError()): Fact<T> => ({ kind: 'missing', error });

export function pod(overrides: Partial<Pod> = {}): Pod {
  return {
    namespace: 'shop',
    name: 'web-0',
    uid: null,
    labels: { app: 'web' },
    annotations: {},
    ip: '10.0.1.5',
    ips: ['10.0.1.5'],
    nodeName: 'virtual-kubelet-cn-hangzhou-h',
    phase: 'Running',
    ready: true,
    hostNetwork: false,
    dnsPolicy: 'ClusterFirst',
    dnsConfig: null,
    containerPorts: [],
    ...overrides,
  };
}

export function clusterFacts(overrides: Partial<ClusterFacts> = {}): ClusterFacts {
  return {
    cluster: {
      name: 'acs-prod',
      kind: 'acs',
      networkMode: 'vpc',
      region: 'cn-hangzhou',
      clusterDomain: 'cluster.local',
      networkPolicyEnforcement: 'never',
      enforcementReason: 'test',
    },
    pod: pod(),
    node: ok(null),
    namespaces: ok([]),
    pods: ok([]),
    nodes: ok([]),
    services: ok([]),
    endpointSlices: ok([]),
    networkPolicies: ok([]),
    dns: ok({ serviceIp: '172.21.0.10', readyEndpoints: [], notReadyEndpoints: [], deployment: null, podLabels: {} }),
    ...overrides,
  };
}

export function cloudFacts(overrides: Partial<CloudFacts> = {}): CloudFacts {
  return {
    sourceEni: ok(eni()),
    vSwitches: ok([vSwitch()]),
    securityGroups: ok([securityGroup()]),
    networkAcls: ok([]),
    prefixLists: ok([]),
    portRangeLists: ok([]),
    routeTables: ok([routeTable()]),
    natGateways: ok([natGateway()]),
    snatEntries: ok([snat()]),
    eips: ok([eip()]),
    destinationEni: ok(null),
    loadBalancer: ok(null),
    slbAcls: ok([]),
    whitelist: null,
    gates: cloudFirewallEnabledNowhere(),
    ...overrides,
  };
}

export function pathFacts(
  overrides: { cluster?: Partial<ClusterFacts>; cloud?: Partial<CloudFacts>; port?: number; protocol?: 'tcp' | 'udp'; host?: string } = {},
): PathFacts {
  const host = overrides.host ?? '203.0.113.10';
  const port = overrides.port ?? 443;
  return {
    request: {
      cluster: 'acs-prod',
      namespace: 'shop',
      pod: 'web-0',
      destination: `${host}:${port}`,
      host,
      port,
      protocol: overrides.protocol ?? 'tcp',
    },
    readAt: '2025-01-01T00:00:00.000Z',
    cluster: clusterFacts(overrides.cluster),
    dnsAnswers: null,
    cloud: cloudFacts(overrides.cloud),
  };
}

export function destination(kind: DestinationKind, addresses: string[], overrides: Partial<ResolvedDestination> = {}): ResolvedDestination {
  return { kind, host: addresses[0] ?? 'unknown.example.com', addresses, resourceId: null, label: kind, ...overrides };
}

/** The path context the orchestrator would build for these facts. */
export function pathContext(facts: PathFacts, resolved: ResolvedDestination): PathContext {
  return { source: resolveSource(facts, resolved.addresses[0]), destination: resolved };
}
