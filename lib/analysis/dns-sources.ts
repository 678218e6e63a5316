/**
 * Where a DNS answer comes from along the pod's resolver chain (NodeLocal DNSCache → CoreDNS →
 * the VPC DNS → PrivateZone or public DNS), and the PrivateZone facts the VPC DNS answers from.
 * Types only.
 */
import type { Fact, SecurityGroup } from './model';

/** One record of a PrivateZone zone (DescribeZoneRecords). */
export interface PrivateZoneRecord {
  id: number;
  /** Host record relative to the zone: `www`, `@` for the apex, `*` for a wildcard. */
  rr: string;
  type: string;
  value: string;
  ttl: number;
  /** Status ENABLE; a disabled (DISABLE) record is not answered. */
  enabled: boolean;
}

/** A PrivateZone zone with its VPC bindings and records. */
export interface PrivateZone {
  id: string;
  /** Zone name without trailing dot, e.g. `partner.internal`. */
  name: string;
  /**
   * Recursion for names the zone does not answer: `ZONE` → NXDOMAIN (the zone hides the public
   * name), `RECORD` → the VPC DNS resolves the name recursively (public DNS).
   */
  proxyPattern: 'ZONE' | 'RECORD';
  vpcs: Array<{ vpcId: string; regionId: string }>;
  records: PrivateZoneRecord[];
}

/** A resolver forwarding rule: queries for `zoneName` from the bound VPCs go to `forwardIps`. */
export interface ResolverRule {
  id: string;
  name: string;
  zoneName: string;
  forwardIps: Array<{ ip: string; port: number }>;
  vpcIds: string[];
}

/** What the VPC DNS of the pod's VPC knows beyond public DNS. */
export interface PrivateZoneFacts {
  /** The VPC the pod's queries come from. */
  vpcId: string;
  regionId: string;
  /** Every zone of the account whose name covers a name the pod tried (bound to this VPC or not). */
  zones: PrivateZone[];
  /** Forwarding rules covering a name the pod tried (bound to this VPC or not). */
  rules: ResolverRule[];
}

/** A zone in a source, without its other records. */
export interface PrivateZoneRef {
  id: string;
  name: string;
  proxyPattern: 'ZONE' | 'RECORD';
  vpcs: Array<{ vpcId: string; regionId: string }>;
}

/** Which server gave (or would give) one answer. */
export type DnsAnswerSource =
  /** CoreDNS's kubernetes plugin, from Services and EndpointSlices. */
  | { kind: 'cluster' }
  /** A CoreDNS `hosts` entry (inline in the Corefile). */
  | { kind: 'corednsHosts'; zone: string }
  /** A CoreDNS `template` answer. */
  | { kind: 'corednsTemplate'; zone: string }
  /** A PrivateZone zone bound to the pod's VPC; `records` are those for the name (any status). */
  | { kind: 'privateZone'; zone: PrivateZoneRef; vpcId: string; outcome: 'answered' | 'recordDisabled' | 'noRecord'; records: PrivateZoneRecord[] }
  /**
   * Public (recursive) DNS, asked through `server`. `recursedFrom` is a bound zone with RECORD
   * recursion that did not answer; `unboundZones` are zones that hold the name but are not bound
   * to the pod's VPC.
   */
  | { kind: 'public'; server: string; vpcId: string; regionId: string; recursedFrom: PrivateZoneRef | null; unboundZones: Array<{ zone: PrivateZoneRef; records: PrivateZoneRecord[] }> }
  /**
   * A server the query is forwarded to (a CoreDNS stub `forward`, a resolver rule) that the
   * dashboard does not ask. For a CoreDNS stub: `corefileLine` is its `forward` line, and
   * `sender` the security groups the CoreDNS pods' queries leave through (absent for a rule).
   */
  | { kind: 'forwarded'; servers: string[]; by: string; corefileLine?: number; zone?: string; sender?: Fact<ResolverSender> }
  /** The dashboard could not ask the way the pod asks. */
  | { kind: 'unasked'; reason: string };

/** The side that sends a forwarded query: the CoreDNS pods, through their ENIs (their nodes' ENIs in Flannel mode). */
export interface ResolverSender {
  /** `CoreDNS pods`. */
  who: string;
  enis: Array<{ pod: string; address: string; eniId: string; securityGroupIds: string[] }>;
  /** The groups of those ENIs, with their rules. */
  groups: SecurityGroup[];
}
