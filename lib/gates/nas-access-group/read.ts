/**
 * Reads the NAS permission-group facts of one path through the generic OpenAPI client (NAS
 * 2017-06-26, RPC): when the destination host is a mount target domain, the mount target
 * (DescribeMountTargets by FileSystemId and MountTargetDomain), then the rules of its permission
 * group (DescribeAccessRules, paged) unless it is DEFAULT_VPC_GROUP_NAME, whose rule is
 * documented. Both start in round 1 from the host name (the prefetch), so the gate adds no
 * cloud round. Raw PascalCase bodies are narrowed by hand. Server only.
 */
import 'server-only';

import type { CloudClients, GenericProduct } from '@/lib/alicloud/clients';
import { collectByNumber } from '@/lib/alicloud/paging';
import { callRpc } from '@/lib/alicloud/rpc-params';
import type { Fact } from '@/lib/analysis/model';
import { known, readFact } from '@/lib/diagnose/facts';
import { UpstreamError } from '@/lib/errors';

import type { GatePrefetchContext, GateReadContext } from '../readers';
import type { GateFacts } from '../types';
import { parseMountTargetDomain } from './endpoint';
import { DEFAULT_VPC_GROUP_NAME, type NasAccessGroupFacts, type NasAccessRule, type NasMountTarget, type NasMountTargetEndpoint } from './facts';

const VERSION = '2017-06-26';
const PAGE_SIZE = 100;

/** NAS's regional endpoint: `nas.<region>.aliyuncs.com` (`ALIBABA_CLOUD_ENDPOINT_NAS` overrides it). */
export const NAS: GenericProduct = { code: 'nas', publicEndpoint: (region) => `nas.${region}.aliyuncs.com` };

/** The error codes NAS answers for a file system or mount target that does not exist. */
const NOT_FOUND = new Set(['InvalidFileSystem.NotFound', 'InvalidMountTarget.NotFound', 'InvalidFileSystemID.NotFound']);

type Raw = Record<string, unknown>;
const isRecord = (value: unknown): value is Raw => typeof value === 'object' && value !== null && !Array.isArray(value);
const text = (record: Raw, key: string): string => {
  const value = record[key];
  return typeof value === 'string' ? value : typeof value === 'number' ? String(value) : '';
};
/** `{ MountTargets: { MountTarget: [...] } }` → the items. */
const wrapped = (body: Raw, outer: string, inner: string): Raw[] => {
  const container = body[outer];
  const items = isRecord(container) ? container[inner] : undefined;
  return Array.isArray(items) ? items.filter(isRecord) : [];
};
const total = (body: Raw): number | undefined => (text(body, 'TotalCount') === '' ? undefined : Number(text(body, 'TotalCount')));

async function callNas(clients: CloudClients, action: string, query: Record<string, unknown>, resource: string): Promise<Raw> {
  const body = await callRpc(clients.product(NAS), VERSION, action, { RegionId: clients.region, ...query }, resource);
  return isRecord(body) ? body : {};
}

/** Converts one `MountTargets.MountTarget[]` item of DescribeMountTargets. */
export function toMountTarget(raw: Raw): NasMountTarget {
  return {
    domain: text(raw, 'MountTargetDomain').toLowerCase(),
    accessGroup: text(raw, 'AccessGroup'),
    networkType: text(raw, 'NetworkType'),
    status: text(raw, 'Status'),
    vpcId: text(raw, 'VpcId') || null,
    vSwitchId: text(raw, 'VswId') || null,
  };
}

/** Converts one `AccessRules.AccessRule[]` item of DescribeAccessRules. */
export function toAccessRule(raw: Raw): NasAccessRule {
  const priority = Number(text(raw, 'Priority'));
  return {
    id: text(raw, 'AccessRuleId'),
    sourceCidrIp: text(raw, 'SourceCidrIp'),
    ipv6SourceCidrIp: text(raw, 'Ipv6SourceCidrIp'),
    rwAccess: text(raw, 'RWAccess') === 'RDONLY' ? 'RDONLY' : 'RDWR',
    userAccess: text(raw, 'UserAccess') || 'no_squash',
    // Out of range or absent: the default, 1.
    priority: Number.isInteger(priority) && priority >= 1 && priority <= 100 ? priority : 1,
  };
}

/** The mount target `endpoint` names; null when NAS knows no such file system or mount target. */
async function describeMountTarget(clients: CloudClients, endpoint: NasMountTargetEndpoint): Promise<NasMountTarget | null> {
  try {
    const body = await callNas(clients, 'DescribeMountTargets', { FileSystemId: endpoint.fileSystemId, MountTargetDomain: endpoint.domain }, `DescribeMountTargets ${endpoint.domain}`);
    return wrapped(body, 'MountTargets', 'MountTarget').map(toMountTarget).find((target) => target.domain === endpoint.domain) ?? null;
  } catch (error) {
    if (error instanceof UpstreamError && error.code !== undefined && NOT_FOUND.has(error.code)) return null;
    throw error;
  }
}

/** Every rule of a General-purpose NAS permission group. */
async function describeAccessRules(clients: CloudClients, group: string): Promise<NasAccessRule[]> {
  return collectByNumber(PAGE_SIZE, async (page) => {
    const body = await callNas(clients, 'DescribeAccessRules', { AccessGroupName: group, FileSystemType: 'standard', PageNumber: String(page), PageSize: String(PAGE_SIZE) }, `DescribeAccessRules ${group}`);
    return { items: wrapped(body, 'AccessRules', 'AccessRule').map(toAccessRule), totalCount: total(body) };
  });
}

/** The rules the mount target's group needs read: none for the default group (documented) or without a mount target. */
async function readRules(clients: CloudClients, target: NasMountTarget | null): Promise<Fact<NasAccessRule[]> | null> {
  if (target === null || target.accessGroup === DEFAULT_VPC_GROUP_NAME || target.accessGroup === '') return null;
  return readFact(() => describeAccessRules(clients, target.accessGroup));
}

/** The reader's calls, started in round 1 from the host name (the built-in reads do not matter to it). */
export function prefetchNasAccessGroup({ clients, request }: GatePrefetchContext): void {
  const endpoint = parseMountTargetDomain(request.host);
  if (endpoint === null) return;
  void describeMountTarget(clients, endpoint)
    .then((target) => readRules(clients, target))
    .catch(() => undefined);
}

/** `{ nasAccessGroup }`: null when the destination is no mount target domain; missing when the mount target could not be read. */
export async function readNasAccessGroupFacts({ clients, request }: GateReadContext): Promise<GateFacts> {
  const endpoint = parseMountTargetDomain(request.host);
  if (endpoint === null) return { nasAccessGroup: known<NasAccessGroupFacts | null>(null) };
  const mountTarget = await readFact(() => describeMountTarget(clients, endpoint));
  if (mountTarget.kind === 'missing') return { nasAccessGroup: mountTarget };
  return { nasAccessGroup: known<NasAccessGroupFacts | null>({ endpoint, mountTarget: mountTarget.value, rules: await readRules(clients, mountTarget.value) }) };
}
