/**
 * Domain model of ACS Egress Doctor: the facts a diagnosis reads (converted from the
 * Kubernetes and Alibaba Cloud APIs by the adapters) and the diagnosis it returns.
 *
 * Pure data: no SDK classes, no React, no functions. Every field is documented.
 */
import type { GateFacts, GateKind } from '@/lib/gates/types';

import type { DnsAnswerSource } from './dns-sources';
import type { Message } from './message';

// ───────────────────────────── shared scalars ─────────────────────────────

/** Transport protocol of the flow being diagnosed. */
export type Protocol = 'tcp' | 'udp' | 'sctp';

/** Where a fact comes from. */
export type FactSource = 'k8s' | 'alicloud' | 'dns';

/** Why a fact could not be read. */
export type FactErrorReason =
  | 'unauthorized' // credentials rejected (401, InvalidAccessKeyId, SignatureDoesNotMatch)
  | 'forbidden' // identity may not read it (403, Forbidden.RAM)
  | 'notFound' // the resource does not exist (404, …NotFound)
  | 'throttled' // rate limited (429, Throttling.*); retryable
  | 'timeout' // no answer in time; retryable
  | 'unreachable' // connection refused, DNS failure of the API endpoint; retryable
  | 'invalid' // the API rejected our request (InvalidParameter); a bug or bad input
  | 'error'; // any other upstream error (5xx)

/** A fact that could not be read, and why. Travels beside data; never thrown past the orchestrator. */
export interface FactError {
  /** Which system answered (or failed to). */
  source: FactSource;
  /** Classified cause; decides the wording and whether a retry may help. */
  reason: FactErrorReason;
  /** What we tried to read, e.g. `DescribeSecurityGroupAttribute sg-bp1…` or `pods in kube-system`. */
  resource: string;
  /** Safe, human-readable message (never credentials). */
  message: string;
  /** Upstream error code, e.g. `Forbidden.RAM` or `403`. */
  code?: string;
  /** True when trying again later may succeed (throttled, timeout, unreachable, 5xx). */
  retryable: boolean;
  /** Attempts made before giving up, when the read was retried (connection reset, 5xx, throttling). */
  attempts?: number;
}

/** An idempotent read that needed more than one attempt (lib/read-retries.ts). */
export interface RetriedRead {
  source: FactSource;
  /** What was read, as a fact error names it. */
  resource: string;
  /** Attempts made, the last included. */
  attempts: number;
  /** The code of each failed attempt, in order (`ECONNRESET`, `503`, `Throttling.User`). */
  codes: string[];
  /** Whether the last attempt read the fact. */
  succeeded: boolean;
}

/** A fact that was read, or the error that kept it from being read. */
export type Fact<T> = { kind: 'ok'; value: T } | { kind: 'missing'; error: FactError };

/** Kubernetes label map. */
export type Labels = Record<string, string>;

/** A Kubernetes label selector (`metav1.LabelSelector`). An empty selector matches everything. */
export interface LabelSelector {
  /** Every key must be present with exactly this value. */
  matchLabels?: Labels;
  /** Every requirement must hold. */
  matchExpressions?: Array<{
    key: string;
    operator: 'In' | 'NotIn' | 'Exists' | 'DoesNotExist';
    values?: string[];
  }>;
}

/** An inclusive port range; `from === to` for one port. */
export interface PortRange {
  from: number;
  to: number;
}

// ───────────────────────────── Kubernetes facts ─────────────────────────────

/** How the cluster's pods reach the VPC (see domain doc §4.1). */
export type NetworkMode =
  | 'vpc' // pod holds a VPC IP on an ENI (ACS, ACK Terway): destinations see the pod IP
  | 'flannel'; // overlay: pod traffic leaves with the node IP, node ENI's groups apply

/** Cluster-level facts. */
export interface ClusterInfo {
  /** kubeconfig context name. */
  name: string;
  /** ACS (serverless) or ACK (ECS nodes). */
  kind: 'acs' | 'ack';
  /** How pod traffic enters the VPC. */
  networkMode: NetworkMode;
  /** Alibaba Cloud region, from node providerID / topology labels, or configuration. */
  region: string | null;
  /** DNS domain of the cluster (usually `cluster.local`). */
  clusterDomain: string;
  /**
   * Whether NetworkPolicy is enforced: `always` (ACK Terway with policy support),
   * `perPod` (ACS: only for pods annotated `alibabacloud.com/enable-network-policy-agent: "true"`),
   * `never` (Flannel, or Terway with policy disabled).
   */
  networkPolicyEnforcement: 'always' | 'perPod' | 'never';
  /** Why the enforcement mode was chosen (shown as evidence). */
  enforcementReason: string;
}

export interface Namespace {
  name: string;
  labels: Labels;
}

export interface ContainerPort {
  name: string | null;
  containerPort: number;
  protocol: 'TCP' | 'UDP' | 'SCTP';
}

/** `pod.spec.dnsPolicy`; `ClusterFirst` when unset. */
export type DnsPolicy = 'ClusterFirst' | 'ClusterFirstWithHostNet' | 'Default' | 'None';

export interface DnsConfig {
  nameservers: string[];
  searches: string[];
  options: Array<{ name: string; value: string | null }>;
}

export interface Pod {
  namespace: string;
  name: string;
  uid: string | null;
  labels: Labels;
  annotations: Labels;
  /** `status.podIP`, null while pending. */
  ip: string | null;
  /** `status.podIPs` (IPv4 and IPv6). */
  ips: string[];
  nodeName: string | null;
  /** `status.phase`. */
  phase: string;
  /** True when every container is ready. */
  ready: boolean;
  hostNetwork: boolean;
  dnsPolicy: DnsPolicy;
  dnsConfig: DnsConfig | null;
  /** Ports of all containers (for named ports of NetworkPolicy rules). */
  containerPorts: ContainerPort[];
  /** The controller among `metadata.ownerReferences` (`ReplicaSet`, `Job`, `DaemonSet`, …); absent when none (or not read). */
  owner?: { kind: string; name: string };
}

export interface Node {
  name: string;
  /** `InternalIP` address, the address Flannel pods' traffic leaves with. */
  internalIp: string | null;
  /** `spec.providerID`, e.g. `cn-hangzhou.i-bp1…` on ACK. */
  providerId: string | null;
  labels: Labels;
}

export interface ServicePort {
  name: string | null;
  port: number;
  /** Container port number or name the Service forwards to. */
  targetPort: number | string;
  protocol: 'TCP' | 'UDP' | 'SCTP';
  nodePort: number | null;
}

export interface Service {
  namespace: string;
  name: string;
  type: 'ClusterIP' | 'NodePort' | 'LoadBalancer' | 'ExternalName';
  /** `spec.clusterIP`; null for headless (`None`) and ExternalName services. */
  clusterIp: string | null;
  /** `spec.externalTrafficPolicy`, null when not applicable. */
  externalTrafficPolicy: 'Cluster' | 'Local' | null;
  /** `status.loadBalancer.ingress[]`. */
  loadBalancerIngress: Array<{ ip: string | null; hostname: string | null }>;
  ports: ServicePort[];
  /** `spec.selector`, null when the Service has none. */
  selector: Labels | null;
  annotations: Labels;
  /** `spec.externalName` for ExternalName services. */
  externalName: string | null;
}

export interface EndpointSlice {
  namespace: string;
  name: string;
  /** Value of the `kubernetes.io/service-name` label. */
  serviceName: string | null;
  endpoints: Array<{ addresses: string[]; ready: boolean; nodeName: string | null; podName: string | null }>;
  ports: Array<{ name: string | null; port: number; protocol: 'TCP' | 'UDP' | 'SCTP' }>;
}

export interface NetworkPolicyPeer {
  podSelector: LabelSelector | null;
  namespaceSelector: LabelSelector | null;
  ipBlock: { cidr: string; except: string[] } | null;
}

export interface NetworkPolicyPort {
  /** Defaults to TCP when the manifest omits it. */
  protocol: 'TCP' | 'UDP' | 'SCTP';
  /** Number, name of a container port, or null for all ports. */
  port: number | string | null;
  /** Last port of a range starting at `port` (numeric `port` only). */
  endPort: number | null;
}

export interface NetworkPolicyRule {
  /** `to` (egress) or `from` (ingress); null when absent = every peer. An empty array also means every peer. */
  peers: NetworkPolicyPeer[] | null;
  /** null when absent = every port. */
  ports: NetworkPolicyPort[] | null;
}

export interface NetworkPolicy {
  namespace: string;
  name: string;
  podSelector: LabelSelector;
  /** As declared; null when the manifest omits `policyTypes` (defaulting applies). */
  policyTypes: Array<'Ingress' | 'Egress'> | null;
  ingress: NetworkPolicyRule[] | null;
  egress: NetworkPolicyRule[] | null;
}

/** The CoreDNS deployment and the kube-dns Service with its ready endpoints. */
export interface ClusterDns {
  /** `kube-system/kube-dns` Service ClusterIP (the pods' nameserver under ClusterFirst). */
  serviceIp: string | null;
  /** Ready CoreDNS endpoint addresses behind kube-dns. */
  readyEndpoints: string[];
  /** Endpoint addresses that are not ready. */
  notReadyEndpoints: string[];
  /** CoreDNS deployment replica counts; null when the deployment was not found. */
  deployment: { name: string; replicas: number; readyReplicas: number } | null;
  /** Labels of the CoreDNS pods (for NetworkPolicy peer matching). */
  podLabels: Labels;
}

/** Everything read from the cluster for one diagnosis. */
export interface ClusterFacts {
  cluster: ClusterInfo;
  /** The source pod. */
  pod: Pod;
  /** The node the source pod runs on (null for virtual nodes without an IP). */
  node: Fact<Node | null>;
  namespaces: Fact<Namespace[]>;
  /** Every pod in the cluster (for peer matching and in-cluster destinations). */
  pods: Fact<Pod[]>;
  nodes: Fact<Node[]>;
  services: Fact<Service[]>;
  endpointSlices: Fact<EndpointSlice[]>;
  networkPolicies: Fact<NetworkPolicy[]>;
  dns: Fact<ClusterDns>;
  /**
   * The CoreDNS Corefile (ConfigMap kube-system/coredns, key `Corefile`); null when the
   * ConfigMap or key does not exist (ACS manages CoreDNS out of sight). Absent in facts saved
   * before it was recorded.
   */
  corefile?: Fact<string | null>;
  /**
   * NodeLocal DNSCache (DaemonSet kube-system/node-local-dns); null when the cluster does not
   * run it. Read only when the pod names a link-local nameserver; absent otherwise.
   */
  nodeLocalDns?: Fact<NodeLocalDns | null>;
}

/** ACK's NodeLocal DNSCache add-on: a hostNetwork DaemonSet answering on a link-local address of every node. */
export interface NodeLocalDns {
  name: string;
  /** The addresses it listens on (`-localip`), e.g. 169.254.20.10 and the kube-dns ClusterIP. */
  listenAddresses: string[];
  /** Labels of its pods (the DaemonSet's selector), to find the one on the source pod's node. */
  podLabels: Labels;
  desired: number;
  ready: number;
}

// ───────────────────────────── Alibaba Cloud facts ─────────────────────────────

export interface NetworkInterface {
  id: string;
  /** Primary, Secondary, Trunk, Member. */
  type: string;
  status: string;
  instanceId: string | null;
  vpcId: string;
  vSwitchId: string;
  zoneId: string | null;
  primaryIp: string;
  /** All private IPv4 addresses, primary first. */
  privateIps: string[];
  securityGroupIds: string[];
  /** Public address bound to the ENI (EIP or public IP) and its allocation id. */
  publicIp: { ip: string; allocationId: string | null } | null;
}

export interface VSwitch {
  id: string;
  vpcId: string;
  zoneId: string;
  cidrBlock: string;
  /** Bound network ACL, null when none. */
  networkAclId: string | null;
  routeTableId: string | null;
  routeTableType: string | null;
}

export type SecurityGroupRemote =
  | { kind: 'cidr'; cidr: string } // SourceCidrIp / DestCidrIp (IPv4 or IPv6)
  | { kind: 'securityGroup'; groupId: string } // SourceGroupId / DestGroupId
  | { kind: 'prefixList'; prefixListId: string } // SourcePrefixListId / DestPrefixListId
  | { kind: 'any' }; // nothing set: matches any address

export interface SecurityGroupRule {
  id: string;
  direction: 'ingress' | 'egress';
  policy: 'accept' | 'drop';
  /** 1–100, smaller wins. */
  priority: number;
  /** Lower-cased `IpProtocol`. */
  protocol: 'tcp' | 'udp' | 'icmp' | 'icmpv6' | 'gre' | 'all';
  /** Destination port range; null for `-1/-1` (all ports). */
  portRange: PortRange | null;
  /** Port list object referenced instead of a literal range, null when none. */
  portRangeListId: string | null;
  /** The far side: destination for egress, source for ingress. */
  remote: SecurityGroupRemote;
  description: string;
}

export interface SecurityGroup {
  id: string;
  name: string;
  vpcId: string;
  /** `normal` (basic) or `enterprise` (advanced). Decides the implicit defaults. */
  type: 'normal' | 'enterprise';
  /** `Accept`: members talk to each other regardless of rules; `Drop`: isolated. */
  innerAccessPolicy: 'Accept' | 'Drop';
  rules: SecurityGroupRule[];
}

/** A prefix list (DescribePrefixListAttributes): CIDR blocks a security-group rule can name as its far side. */
export interface PrefixList {
  id: string;
  name: string;
  /** `IPv4` or `IPv6`. */
  addressFamily: string;
  /** The CIDR blocks, each with its description. */
  entries: Array<{ cidr: string; description: string }>;
}

/** A port list (DescribePortRangeListEntries): port ranges a security-group rule can name instead of `PortRange`. */
export interface PortRangeList {
  id: string;
  /** `portRange` null for `-1/-1` (all ports), as in rules. */
  entries: Array<{ portRange: PortRange | null; description: string }>;
}

export interface NetworkAclEntry {
  id: string;
  name: string;
  /** `custom`, `system` or `service`. */
  entryType: string;
  policy: 'accept' | 'drop';
  protocol: 'tcp' | 'udp' | 'icmp' | 'icmpv6' | 'gre' | 'all';
  /** Destination port range; null for `-1/-1`. */
  portRange: PortRange | null;
  /** SourceCidrIp (ingress) or DestinationCidrIp (egress); may be a prefix-list id `pl-…`. */
  cidr: string;
  /** The entry's description (`Description`), often why it exists; absent when not read. */
  description?: string;
}

export interface NetworkAcl {
  id: string;
  /** NetworkAclName; empty when it has none. */
  name: string;
  vpcId: string;
  status: string;
  /** vSwitches the ACL is bound to. */
  vSwitchIds: string[];
  /** In priority order: index 0 is evaluated first. */
  ingress: NetworkAclEntry[];
  /** In priority order: index 0 is evaluated first. */
  egress: NetworkAclEntry[];
}

export interface RouteEntry {
  id: string;
  destinationCidr: string;
  /** System, Custom, BGP, CEN, … */
  type: string;
  status: string;
  nextHops: Array<{ type: string; id: string }>;
}

export interface RouteTable {
  id: string;
  type: string;
  vpcId: string;
  vSwitchIds: string[];
  entries: RouteEntry[];
}

export interface NatGateway {
  id: string;
  name: string;
  vpcId: string;
  /** `internet` (SNAT to EIPs) or `intranet` (VPC NAT). */
  networkType: string;
  /** Creating, Available, Modifying, Deleting, Converting. */
  status: string;
  /** Normal or FinancialLocked. */
  businessStatus: string;
  snatTableIds: string[];
  /** EIPs associated with the gateway. */
  ipAddresses: Array<{ ip: string; allocationId: string | null }>;
}

export interface SnatEntry {
  id: string;
  name: string;
  snatTableId: string;
  natGatewayId: string;
  /** vSwitch-granularity entry; null for CIDR entries. */
  sourceVSwitchId: string | null;
  /** Source CIDR (also reported for vSwitch entries); null when absent. */
  sourceCidr: string | null;
  /** Public addresses the source is translated to. */
  snatIps: string[];
  status: string;
}

export interface Eip {
  allocationId: string;
  ip: string;
  /** Associating, Unassociating, InUse, Available. */
  status: string;
  instanceId: string | null;
  /** EcsInstance, SlbInstance, Nat, HaVip, NetworkInterface. */
  instanceType: string | null;
  privateIp: string | null;
  businessStatus: string;
  /** `financial`, `security`: a locked EIP carries no traffic. */
  locks: string[];
}

export interface SlbListener {
  port: number;
  protocol: string;
  /** running / stopped. */
  status: string;
  aclStatus: 'on' | 'off';
  aclType: 'white' | 'black' | null;
  aclIds: string[];
}

export interface LoadBalancer {
  id: string;
  name: string;
  address: string;
  addressType: 'intranet' | 'internet';
  vpcId: string | null;
  vSwitchId: string | null;
  status: string;
  listeners: SlbListener[];
}

export interface SlbAcl {
  id: string;
  name: string;
  entries: Array<{ cidr: string; comment: string }>;
}

export interface WhitelistGroup {
  name: string;
  /** `hidden` for system groups. */
  attribute: string;
  /** Addresses and CIDRs; `127.0.0.1` alone admits nobody, `0.0.0.0/0` everybody. */
  entries: string[];
  /** RDS enhanced mode: `VPC`, `Classic`, `MIX`; null when not reported. */
  networkType: string | null;
}

/** The managed services whose access is an IP whitelist (plus trusted security groups). */
export type WhitelistService = 'rds' | 'redis' | 'polardb' | 'mongodb';

/** An ECS security group an instance trusts: every ENI in it may connect without an IP entry. */
export interface TrustedSecurityGroup {
  id: string;
  /** Empty when the API does not return one. */
  name: string;
  /** `VPC` / `Classic` (RDS), `vpc` / `classic` (Redis, MongoDB); null when not reported. */
  networkType: string | null;
  regionId: string | null;
}

/** An RDS, Redis, PolarDB or MongoDB instance's whitelist. */
export interface ServiceWhitelist {
  service: WhitelistService;
  instanceId: string;
  /** The IP whitelist groups (RDS IP arrays, security IP groups, PolarDB DBClusterIPArray). */
  groups: WhitelistGroup[];
  /**
   * The ECS security groups the instance trusts, read apart from the IP groups (its own call
   * for RDS, Redis and MongoDB). Absent in diagnoses saved before it was read.
   */
  securityGroups?: Fact<TrustedSecurityGroup[]>;
  /** RDS only: the whitelist templates linked to the instance, as groups (name = template name). */
  templates?: Fact<WhitelistGroup[]>;
}

// ───────────────────────────── DNS facts ─────────────────────────────

/** `UNKNOWN`: not asked, because the dashboard cannot ask the way the pod asks (`source` says why). */
export type DnsRcode = 'NOERROR' | 'NXDOMAIN' | 'SERVFAIL' | 'REFUSED' | 'TIMEOUT' | 'UNKNOWN';

/** The answer to one name the pod's resolver tried. */
export interface DnsAnswer {
  /** Absolute name queried, without trailing dot. */
  name: string;
  /** Who answered: the cluster's records (Services) or an upstream server (with its address). */
  answeredBy: string;
  rcode: DnsRcode;
  addresses: string[];
  /** CNAME chain followed, in order. */
  cnames: string[];
  /** Which server along the pod's resolver chain answered (absent in facts saved before it was recorded). */
  source?: DnsAnswerSource;
  /** The resolvers the query passed, pod side first (e.g. NodeLocal DNSCache, CoreDNS, VPC DNS). */
  path?: string[];
}

// ───────────────────────────── request and results ─────────────────────────────

/** What the user asked. */
export interface DiagnosisRequest {
  cluster: string;
  namespace: string;
  pod: string;
  /** Destination as typed: host name, IP, `host:port` or URL. */
  destination: string;
  /** Host name or IP parsed from `destination`. */
  host: string;
  port: number;
  protocol: Protocol;
}

/** The hops built into the path model (lib/analysis/*-hop.ts). */
export type BuiltinHopKind =
  | 'dns'
  | 'podEgress' // whether the packet leaves the pod at all: special addresses, address family
  | 'networkPolicy'
  | 'securityGroup'
  | 'networkAcl'
  | 'natEip'
  | 'destinationAcl'
  | 'whitelist'
  | 'lbPolicy';

/** A hop of the path: a built-in one, or a gate of the registry (lib/gates/registry.ts). */
export type HopKind = BuiltinHopKind | GateKind;

/**
 * What a hop concluded. `warn` is a caveat that cannot change the verdict (it counts as a
 * pass); a doubt that could change it is `unknown`. `skip` means the hop does not apply, for a
 * reason established from facts that were read.
 */
export type HopVerdict = 'pass' | 'block' | 'warn' | 'unknown' | 'skip';

/**
 * One fact a conclusion rests on, and whether it was read. A hop (or the destination's
 * classification) whose basis holds a failed read proves nothing: the path evaluation turns
 * such a `pass`, `warn` or `skip` into `unknown` naming the read.
 */
export interface FactBasis {
  /** The read, as people know it: `services`, `DescribeLoadBalancers 10.0.3.10`, `EIP 198.51.100.9`. */
  fact: string;
  /** What the conclusion needed it for, e.g. "whether 10.0.3.10 is an SLB address". */
  neededFor: string;
  /** Null when the fact was read; otherwise why it could not be. */
  error: FactError | null;
}

/** A read the destination's classification consulted, and the kind it would have decided had it found an owner. */
export interface DestinationBasis extends FactBasis {
  /** The destination kind this read could have produced (e.g. `slb` for DescribeLoadBalancers). */
  couldBe: DestinationKind;
}

export type Verdict = 'reachable' | 'blocked' | 'unknown';

/** A reference to a fact a hop read: its kind, its id, and a label for people. */
export interface FactRef {
  /** pod, node, networkPolicy, service, securityGroup, securityGroupRule, vSwitch, networkAcl, routeTable, routeEntry, natGateway, snatEntry, eip, eni, loadBalancer, slbAcl, rds, redis, dnsName, … */
  kind: string;
  /** Cloud id (`sg-…`) or `namespace/name` for Kubernetes objects. */
  id: string;
  label: string;
  /** `label` as a message when it holds words (`rule sgr-… of sg-…`); absent when it is only ids. */
  labelMessage?: Message;
}

/** A table shown in a hop's details, e.g. security-group rules in evaluation order. */
export interface EvidenceTable {
  title: string;
  /** `title` as a message (absent where not converted yet: the English title shows). */
  titleMessage?: Message;
  columns: string[];
  rows: string[][];
  /** Index of the row that decided, or null. */
  decidingRow: number | null;
}

export interface Evidence {
  /** Every fact the hop read. */
  facts: FactRef[];
  /** The rule, entry, route or policy that decided; null when a default decided or nothing applied. */
  decidedBy: FactRef | null;
  /** Ordered tables of what was evaluated. */
  tables: EvidenceTable[];
  /** Short explanatory sentences (caveats, assumptions, defaults applied). */
  notes: string[];
  /** `notes` as messages, index for index; null (or absent) where a note is English text only. */
  noteMessages?: Array<Message | null>;
  /** Set when the control that decided looks deliberate (a description, an explicit `except`, a named deny policy). */
  intent?: Intent;
}

/** Why a deny looks deliberate, and what it says about itself. */
export interface Intent {
  /** The rule, entry or policy that looks deliberate. */
  control: FactRef;
  /** `description` (the rule says why), `except` (an explicit exclusion), `namedDeny` (a policy named as a deny). */
  signal: 'description' | 'except' | 'namedDeny';
  /** What the control says: its description, or the exclusion or name that shows intent. */
  says: string;
}

export interface FixBase {
  /** Stable within its diagnosis, e.g. `securityGroup-authorize-egress`. */
  id: string;
  title: string;
  /** What the change does. */
  description: string;
  /** What the change opens or risks, in plain words. */
  risk: string;
  /** `title`, `description` and `risk` as messages, where converted (the English text shows otherwise). */
  titleMessage?: Message;
  descriptionMessage?: Message;
  riskMessage?: Message;
  /** The object or resource changed. */
  target: FactRef;
  /**
   * Set when the fix removes or bypasses a control that looks deliberate: the blast radius in
   * numbers (how many pods, which destinations it opens). Such fixes are exceptions, offered
   * after the path that respects the control.
   */
  exception?: { blastRadius: string; blastRadiusMessage?: Message };
  /** Commands that check the flow by hand, before and after the change (placeholders in `<ANGLE_BRACKETS>`). */
  verify?: string[];
}

export type Fix =
  | (FixBase & {
      kind: 'kubernetes';
      /** `apply`: server-side apply of `yaml`; `merge`: merge patch of `yaml` onto the target. */
      patchType: 'apply' | 'merge';
      /** The manifest or patch. */
      yaml: string;
      /** Equivalent kubectl command. */
      command: string;
    })
  | (FixBase & {
      kind: 'alicloud';
      product: 'Ecs' | 'Vpc' | 'Slb' | 'Rds' | 'R-kvstore' | 'Polardb' | 'Dds' | 'Cloudfw';
      /** OpenAPI version, e.g. `2014-05-26`. */
      version: string;
      action: string;
      parameters: Record<string, string>;
      /** Equivalent `aliyun` CLI line. */
      command: string;
    })
  | (FixBase & {
      kind: 'manual';
      /** Steps a person takes when no single API call fixes it. */
      steps: string[];
      /** `steps` as messages, index for index; null where a step is English text only (or a command). */
      stepMessages?: Array<Message | null>;
    });

/** One hop of the egress path. */
export interface Hop {
  kind: HopKind;
  verdict: HopVerdict;
  /** One line for the graph node. */
  summary: string;
  /** `summary` as a message (absent where not converted yet, and in diagnoses saved before messages). */
  summaryMessage?: Message;
  /** For `skip` and `unknown`: why (e.g. "not an Internet destination", "Forbidden.RAM on DescribeDBInstanceIPArrayList"). */
  reason: string | null;
  /** `reason` as a message, where converted. */
  reasonMessage?: Message;
  evidence: Evidence;
  /** Non-empty for `block`; may be offered for `warn`. */
  fixes: Fix[];
  /**
   * The facts the verdict rests on and whether each was read, including the destination
   * classification reads that decide whether the hop applies. Set by the path evaluation;
   * absent only in diagnoses saved before it existed.
   */
  basis?: FactBasis[];
}

/** The source as the network sees it. */
export interface ResolvedSource {
  podIp: string | null;
  nodeName: string | null;
  nodeIp: string | null;
  networkMode: NetworkMode;
  /** The ENI whose groups and vSwitch apply (pod ENI, or the node's in Flannel mode). */
  eniId: string | null;
  vpcId: string | null;
  vSwitchId: string | null;
  vSwitchCidr: string | null;
  securityGroupIds: string[];
  /** EIP bound to the source ENI, if any. */
  eip: string | null;
  /** The address a VPC destination sees (pod IP, or node IP in Flannel mode). */
  sourceAddress: string | null;
}

export type DestinationKind =
  | 'loopback' // 127.0.0.0/8, ::1, and 0.0.0.0 / :: (Linux connects those to the pod itself): never leaves the pod
  | 'unspecified' // 0.0.0.0/8 other than 0.0.0.0 ("this network"): not a destination
  | 'linkLocal' // 169.254.0.0/16, fe80::/10: never leaves the pod's link
  | 'metadata' // 100.100.100.200, Alibaba Cloud's metadata service: served by the pod's host
  | 'nonUnicast' // multicast, limited broadcast, 240.0.0.0/4: not a unicast destination
  | 'internet'
  | 'vpc' // a private address in the VPC with no more specific owner found
  | 'ecs'
  | 'slb'
  | 'rds'
  | 'redis'
  | 'polardb'
  | 'mongodb'
  | 'clusterLoadBalancer' // external address of a LoadBalancer Service of this cluster
  | 'clusterService'
  | 'clusterPod'
  | 'unresolved'; // the name did not resolve

export interface ResolvedDestination {
  kind: DestinationKind;
  host: string;
  /** Resolved addresses, in resolution order (each of the first few is evaluated: see `Diagnosis.addresses`). */
  addresses: string[];
  /** Owning resource id when known: `i-…`, `lb-…`, `rm-…`, `r-…`, `namespace/name`. */
  resourceId: string | null;
  label: string;
  /**
   * The owner lookups the classification consulted, each with the kind it could have
   * produced. A failed one leaves that kind open: hops it would change say `unknown`.
   * Set by `classifyDestination`; absent only in diagnoses saved before it existed.
   */
  basis?: DestinationBasis[];
}

export interface Diagnosis {
  /** Set once saved. */
  id: string | null;
  /** ISO-8601 time the facts were read. */
  createdAt: string;
  request: DiagnosisRequest;
  source: ResolvedSource;
  destination: ResolvedDestination;
  /** In path order (`HOP_ORDER`, lib/analysis/hop-order.ts): the built-in hops with the registry's gates among them. */
  hops: Hop[];
  /** `reachable` only when no hop is `block` or `unknown`. */
  verdict: Verdict;
  /** The first hop whose verdict is `block`, or null. */
  blockingHop: HopKind | null;
  /** Every hop whose verdict is `block`, in path order. */
  blockingHops: HopKind[];
  /** Facts that could not be read. */
  errors: FactError[];
  /** Reads that were retried (absent when none was). */
  retries?: RetriedRead[];
  /**
   * One result per evaluated address, in resolution order (the first
   * `MAX_EVALUATED_ADDRESSES` of `destination.addresses`; the rest were not evaluated).
   * Empty when nothing resolved; absent only in diagnoses saved before it existed.
   */
  addresses?: AddressResult[];
}

/** The path evaluated for one resolved address of the destination (lib/analysis/evaluate-addresses.ts). */
export interface AddressResult {
  address: string;
  /** What this address is (its own classification: a name may resolve to addresses of different owners). */
  label: string;
  verdict: Verdict;
  /** The first hop that blocks this address, or null. */
  blockingHop: HopKind | null;
  /** Every hop that blocks this address, in path order. */
  blockingHops: HopKind[];
  /** This address's hops in path order; absent when only one address was evaluated (the diagnosis's `hops` are its). */
  hops?: Hop[];
}

// ───────────────────────────── evaluation input ─────────────────────────────

/**
 * Cloud facts for one path. Each collection is read as a whole: when one call of a
 * collection fails, the collection is `missing` and the hops that need it say `unknown`.
 * Collections hold what the orchestrator fetched for this path (source and destination
 * sides together), not the whole account.
 */
export interface CloudFacts {
  /** The ENI carrying the source traffic (pod ENI, or node ENI in Flannel mode); null when none holds the address. */
  sourceEni: Fact<NetworkInterface | null>;
  /** The source vSwitch and, for VPC destinations, the destination's vSwitch. */
  vSwitches: Fact<VSwitch[]>;
  /** Source ENI groups and, for ECS destinations, the destination ENI's groups. */
  securityGroups: Fact<SecurityGroup[]>;
  /** Prefix lists named by the path's security-group rules (egress of the source groups, ingress of the destination's). */
  prefixLists: Fact<PrefixList[]>;
  /** Port lists named by the same rules. */
  portRangeLists: Fact<PortRangeList[]>;
  /** ACLs bound to the vSwitches above. */
  networkAcls: Fact<NetworkAcl[]>;
  /** Route tables of the vSwitches above, with their entries. */
  routeTables: Fact<RouteTable[]>;
  /** NAT gateways of the VPC. */
  natGateways: Fact<NatGateway[]>;
  /** SNAT entries of those NAT gateways. */
  snatEntries: Fact<SnatEntry[]>;
  /** EIPs of the region relevant to the path (source ENI's, NAT gateways'). */
  eips: Fact<Eip[]>;
  /** The ENI holding the destination address inside the VPC, null when none does. */
  destinationEni: Fact<NetworkInterface | null>;
  /** The SLB instance whose address is the destination, null when none. */
  loadBalancer: Fact<LoadBalancer | null>;
  /** ACLs referenced by the destination SLB's listener. */
  slbAcls: Fact<SlbAcl[]>;
  /** RDS, Redis, PolarDB or MongoDB whitelist of the destination instance; null when the destination is none of them. */
  whitelist: Fact<ServiceWhitelist> | null;
  /**
   * The owner lookups of every evaluated destination address, first address included
   * (`destinationEni` and `loadBalancer` above are the first address's, and the evaluation takes
   * the first address's from them). Absent in facts read before it existed: an address after the
   * first without an entry has its owners unread.
   */
  destinationOwners?: DestinationOwner[];
  /** The registered gates' facts, by gate kind (lib/gates); absent in facts saved before gates existed. */
  gates?: GateFacts;
}

/** Who holds one destination address in the account. */
export interface DestinationOwner {
  address: string;
  /** The ENI holding the address (null when none does, or when the address is not private). */
  destinationEni: Fact<NetworkInterface | null>;
  /** The SLB instance whose address it is, null when none. */
  loadBalancer: Fact<LoadBalancer | null>;
  /**
   * The RDS, Redis, PolarDB or MongoDB instance whose VPC address it is (docs/gates/whitelists.md,
   * "Recognising the destination"); absent when not looked up (the host names the instance, or an
   * ENI, SLB or the cluster holds the address, or the address is not private).
   */
  whitelistInstance?: WhitelistAddressLookup;
}

/** Which whitelisted instance of the VPC holds a private address, from its products' instance listings. */
export interface WhitelistAddressLookup {
  /** The instance whose VPC address it is; null when no instance read holds it. */
  owner: { service: WhitelistService; instanceId: string } | null;
  /** Listings that failed or were cut short (`couldBe` the product): the address may still be one of theirs. */
  open: DestinationBasis[];
}

/** Everything the evaluation of one path needs; built by lib/diagnose, consumed by `evaluatePath`. */
export interface PathFacts {
  request: DiagnosisRequest;
  /** ISO-8601 time the facts were read (analysis has no clock). */
  readAt: string;
  cluster: ClusterFacts;
  /** Answers to every name the pod's resolver tried, in order; null when the destination is an IP. */
  dnsAnswers: Fact<DnsAnswer[]> | null;
  cloud: CloudFacts;
}

/** The resolved ends of the path, computed once and handed to every hop evaluator. */
export interface PathContext {
  source: ResolvedSource;
  destination: ResolvedDestination;
}
