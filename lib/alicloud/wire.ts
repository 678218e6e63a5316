/**
 * Wire types of classic SLB 2014-05-15, which has no SDK package here: the generic client
 * returns the raw PascalCase body, read field by field into these types (no zod; the
 * readers only narrow `unknown`).
 */
import 'server-only';

export interface WireLoadBalancer {
  LoadBalancerId: string;
  LoadBalancerName: string;
  Address: string;
  AddressType: string;
  VpcId: string;
  VSwitchId: string;
  LoadBalancerStatus: string;
}

export interface WireListener {
  ListenerPort: number;
  ListenerProtocol: string;
  Status: string;
  AclStatus: string;
  AclType: string;
  AclId: string;
  /** Newer regions allow several ACLs per listener. */
  AclIds: string[];
}

export interface WireSlbAcl {
  AclId: string;
  AclName: string;
  AclEntrys: { AclEntry: Array<{ AclEntryIP: string; AclEntryComment: string }> };
}

function isRecord(value: unknown): value is Record<string, unknown> {
  return typeof value === 'object' && value !== null && !Array.isArray(value);
}

function text(record: Record<string, unknown>, key: string): string {
  const value = record[key];
  return typeof value === 'string' ? value : typeof value === 'number' ? String(value) : '';
}

/** The records at a path, e.g. `records(body, 'LoadBalancers', 'LoadBalancer')`; empty when absent. */
function records(value: unknown, ...path: string[]): Array<Record<string, unknown>> {
  let current = value;
  for (const key of path) current = isRecord(current) ? current[key] : undefined;
  return Array.isArray(current) ? current.filter(isRecord) : [];
}

function strings(value: unknown, wrapper: string): string[] {
  const list = Array.isArray(value) ? value : isRecord(value) && Array.isArray(value[wrapper]) ? value[wrapper] : [];
  return list.filter((item): item is string => typeof item === 'string' && item !== '');
}

/** DescribeLoadBalancers → `LoadBalancers.LoadBalancer[]`. */
export function readLoadBalancers(body: unknown): WireLoadBalancer[] {
  return records(body, 'LoadBalancers', 'LoadBalancer').map((item) => ({
    LoadBalancerId: text(item, 'LoadBalancerId'),
    LoadBalancerName: text(item, 'LoadBalancerName'),
    Address: text(item, 'Address'),
    AddressType: text(item, 'AddressType'),
    VpcId: text(item, 'VpcId'),
    VSwitchId: text(item, 'VSwitchId'),
    LoadBalancerStatus: text(item, 'LoadBalancerStatus') || text(item, 'Status'),
  }));
}

/** DescribeLoadBalancerListeners → `Listeners[]` (a bare array, not wrapped). */
export function readListeners(body: unknown): WireListener[] {
  return records(body, 'Listeners').map((item) => ({
    ListenerPort: Number(text(item, 'ListenerPort')),
    ListenerProtocol: text(item, 'ListenerProtocol'),
    Status: text(item, 'Status'),
    AclStatus: text(item, 'AclStatus'),
    AclType: text(item, 'AclType'),
    AclId: text(item, 'AclId'),
    AclIds: strings(item['AclIds'], 'AclId'),
  }));
}

/** DescribeAccessControlListAttribute body. */
export function readSlbAcl(body: unknown): WireSlbAcl {
  const record = isRecord(body) ? body : {};
  return {
    AclId: text(record, 'AclId'),
    AclName: text(record, 'AclName'),
    AclEntrys: {
      AclEntry: records(record, 'AclEntrys', 'AclEntry').map((entry) => ({
        AclEntryIP: text(entry, 'AclEntryIP'),
        AclEntryComment: text(entry, 'AclEntryComment'),
      })),
    },
  };
}

/** A string field of a raw body (`NextToken`), empty when absent. */
export function readText(body: unknown, key: string): string {
  return isRecord(body) ? text(body, key) : '';
}

/** A numeric field of a raw body (`TotalCount`), undefined when absent. */
export function readNumber(body: unknown, key: string): number | undefined {
  const value = isRecord(body) ? body[key] : undefined;
  return typeof value === 'number' ? value : undefined;
}
