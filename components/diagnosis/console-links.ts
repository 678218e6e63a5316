import type { DiagnosisView, FixView } from '@/lib/schemas/diagnosis';

/** Kinds of facts that are Kubernetes objects (shown by kind and namespace/name, not linked). */
const KUBERNETES_KINDS = new Set(['pod', 'node', 'namespace', 'networkPolicy', 'service', 'endpointSlice', 'deployment']);

export function isKubernetesFact(kind: string): boolean {
  return KUBERNETES_KINDS.has(kind);
}

/** The region a diagnosis' resources live in, when a fix names it (the model does not carry it otherwise). */
export function regionOfDiagnosis(diagnosis: Pick<DiagnosisView, 'hops'>): string | null {
  for (const hop of diagnosis.hops) {
    for (const fix of hop.fixes) {
      const region = regionOfFix(fix);
      if (region) return region;
    }
  }
  return null;
}

function regionOfFix(fix: FixView): string | null {
  return fix.kind === 'alicloud' ? (fix.parameters.RegionId ?? null) : null;
}

type Linker = (id: string, region: string) => string;

/** Console pages by id prefix. Best effort: the console's routes are not a public contract. */
const BY_PREFIX: Array<[prefix: string, home: string, link: Linker]> = [
  ['sg-', 'https://ecs.console.aliyun.com/securityGroup', (id, region) => `https://ecs.console.aliyun.com/securityGroupDetail/region/${region}/groupId/${id}/detail`],
  ['eni-', 'https://ecs.console.aliyun.com/networkInterfaces', (id, region) => `https://ecs.console.aliyun.com/networkInterfaces/region/${region}?eniId=${id}`],
  ['i-', 'https://ecs.console.aliyun.com/server', (id, region) => `https://ecs.console.aliyun.com/server/${id}/detail?regionId=${region}`],
  ['vpc-', 'https://vpc.console.aliyun.com/vpc', (id, region) => `https://vpc.console.aliyun.com/vpc/${region}/vpcs/${id}`],
  ['vsw-', 'https://vpc.console.aliyun.com/vpc', (id, region) => `https://vpc.console.aliyun.com/vpc/${region}/switches/${id}`],
  ['vtb-', 'https://vpc.console.aliyun.com/vpc', (id, region) => `https://vpc.console.aliyun.com/vpc/${region}/route-tables/${id}`],
  ['nacl-', 'https://vpc.console.aliyun.com/vpc', (id, region) => `https://vpc.console.aliyun.com/vpc/${region}/acls/${id}`],
  ['ngw-', 'https://vpc.console.aliyun.com/nat', (id, region) => `https://vpc.console.aliyun.com/nat/${region}/nats/${id}`],
  ['eip-', 'https://vpc.console.aliyun.com/eip', (id, region) => `https://vpc.console.aliyun.com/eip/${region}/eips/${id}`],
  ['lb-', 'https://slb.console.aliyun.com/slb', (id, region) => `https://slb.console.aliyun.com/slb/${region}/slbs/${id}`],
  ['acl-', 'https://slb.console.aliyun.com/slb', (id, region) => `https://slb.console.aliyun.com/slb/${region}/acls/${id}`],
  ['rm-', 'https://rdsnext.console.aliyun.com/rdsList/basic', (id, region) => `https://rdsnext.console.aliyun.com/detail/${id}/basicInfo?region=${region}`],
  ['r-', 'https://kvstore.console.aliyun.com/Redis/instance', (id, region) => `https://kvstore.console.aliyun.com/Redis/instance/${region}/${id}/info`],
];

/**
 * The Alibaba Cloud console page of a resource id (`sg-…`, `vsw-…`, …), or null when the id
 * is not a cloud resource we know. Without a region, the product's list page.
 */
export function consoleUrl(id: string, region: string | null): string | null {
  const match = BY_PREFIX.find(([prefix]) => id.startsWith(prefix));
  if (!match) return null;
  const [, home, link] = match;
  return region ? link(id, region) : home;
}
