/**
 * Emulation of the pod's resolver: the resolv.conf kubelet writes for its dnsPolicy and
 * dnsConfig (pkg/kubelet/network/dns upstream), and the names a glibc-style resolver tries
 * for a host under `search` and `ndots`. Pure.
 */
import { CUSTOM_DNS_ANNOTATION, mergeResolverParts, parseCustomDnsAnnotation, type ResolverParts } from './dns-custom-config';
import { isIp } from './ip';
import { msg, type Text } from './message';
import type { ClusterInfo, DnsPolicy, Pod } from './model';

export { resolveClusterName, CLUSTER_RECORDS_ANSWERER } from './dns-cluster-records';

/** The VPC DNS servers an Alibaba Cloud node's resolv.conf lists (domain doc §8). */
export const VPC_DNS_SERVERS = ['100.100.2.136', '100.100.2.138'];

/** kubelet keeps at most three nameservers (glibc reads no more). */
const MAX_NAMESERVERS = 3;
/** kubelet's limit on search domains (Kubernetes ≥ 1.28). */
const MAX_SEARCHES = 32;
/** glibc's default and maximum ndots. */
const DEFAULT_NDOTS = 1;
const MAX_NDOTS = 15;

/** The pod's effective resolver. */
export interface ResolverConfig {
  nameservers: string[];
  searches: string[];
  ndots: number;
  /** The policy in effect (a hostNetwork pod's ClusterFirst acts as Default). */
  policy: DnsPolicy;
  /** How the configuration was derived: fallbacks, assumptions, annotations applied. */
  notes: Text[];
}

function basePolicy(pod: Pod, clusterDnsIp: string | null, notes: Text[]): DnsPolicy {
  if (pod.dnsPolicy === 'ClusterFirst' && pod.hostNetwork) {
    notes.push('A hostNetwork pod with dnsPolicy ClusterFirst gets the node resolver (Default); ClusterFirstWithHostNet would give it cluster DNS.');
    return 'Default';
  }
  if ((pod.dnsPolicy === 'ClusterFirst' || pod.dnsPolicy === 'ClusterFirstWithHostNet') && clusterDnsIp === null) {
    notes.push('The cluster DNS address is unknown (kube-dns Service not found); kubelet then falls back to Default.');
    return 'Default';
  }
  return pod.dnsPolicy;
}

function baseParts(policy: DnsPolicy, pod: Pod, cluster: ClusterInfo, clusterDnsIp: string | null, notes: Text[]): ResolverParts {
  switch (policy) {
    case 'ClusterFirst':
    case 'ClusterFirstWithHostNet': {
      const domain = cluster.clusterDomain;
      notes.push(msg('analysis.dns.nodeSearchDomainsUnknown'));
      return {
        nameservers: clusterDnsIp === null ? [] : [clusterDnsIp],
        searches: [`${pod.namespace}.svc.${domain}`, `svc.${domain}`, domain],
        options: [{ name: 'ndots', value: '5' }],
      };
    }
    case 'Default':
      notes.push(`dnsPolicy Default uses the node's resolv.conf, assumed to list the VPC DNS ${VPC_DNS_SERVERS.join(' and ')} without search domains.`);
      return { nameservers: [...VPC_DNS_SERVERS], searches: [], options: [] };
    case 'None':
      return { nameservers: [], searches: [], options: [] };
    default: {
      const unreachable: never = policy;
      throw new Error(`unknown dnsPolicy ${String(unreachable)}`);
    }
  }
}

function ndotsOf(options: ResolverParts['options']): number {
  const option = [...options].reverse().find((candidate) => candidate.name === 'ndots');
  const value = option?.value === null || option === undefined ? NaN : Number(option.value);
  return Number.isInteger(value) && value >= 0 ? Math.min(value, MAX_NDOTS) : DEFAULT_NDOTS;
}

/**
 * The resolver kubelet gives `pod`: ClusterFirst → the cluster DNS address with the
 * `<ns>.svc.<domain> svc.<domain> <domain>` search list and ndots 5 (a hostNetwork pod falls
 * back to Default); ClusterFirstWithHostNet → the same for hostNetwork pods; Default → the
 * node's resolver (VPC DNS); None → only dnsConfig. `pod.dnsConfig` and then the ACS
 * `network.alibabacloud.com/custom-dnsconfig` annotation are merged on top.
 *
 * @param clusterDnsIp the kube-dns Service ClusterIP, null when unknown.
 */
export function resolverConfig(pod: Pod, cluster: ClusterInfo, clusterDnsIp: string | null): ResolverConfig {
  const notes: Text[] = [];
  const policy = basePolicy(pod, clusterDnsIp, notes);
  let parts = baseParts(policy, pod, cluster, clusterDnsIp, notes);
  if (pod.dnsConfig) parts = mergeResolverParts(parts, pod.dnsConfig);
  const custom = parseCustomDnsAnnotation(pod.annotations);
  if (custom.kind === 'ok') {
    parts = mergeResolverParts(parts, custom.config);
    notes.push(`The ACS annotation ${CUSTOM_DNS_ANNOTATION} adds to the resolver configuration.`);
  }
  if (custom.kind === 'invalid') notes.push(custom.message);
  if (parts.nameservers.length > MAX_NAMESERVERS) notes.push(`Only the first ${MAX_NAMESERVERS} nameservers are used; ${parts.nameservers.slice(MAX_NAMESERVERS).join(', ')} dropped.`);
  if (parts.searches.length > MAX_SEARCHES) notes.push(`Only the first ${MAX_SEARCHES} search domains are used.`);
  if (parts.nameservers.length === 0) notes.push('The pod has no nameserver: it cannot resolve any name.');
  return {
    nameservers: parts.nameservers.slice(0, MAX_NAMESERVERS),
    searches: parts.searches.slice(0, MAX_SEARCHES),
    ndots: ndotsOf(parts.options),
    policy,
    notes,
  };
}

/**
 * The absolute names (without trailing dot) the resolver tries for `host`, in order: a
 * trailing dot means the name alone; a name with at least `ndots` dots is tried as is first,
 * then with each search domain; otherwise the search domains come first. IPs are returned as is.
 */
export function candidateNames(host: string, config: { searches: string[]; ndots: number }): string[] {
  if (isIp(host)) return [host];
  if (host.endsWith('.')) return [host.replace(/\.+$/, '')];
  const expanded = config.searches.map((search) => `${host}.${search.replace(/\.$/, '')}`);
  const dots = host.split('.').length - 1;
  const names = dots >= config.ndots ? [host, ...expanded] : [...expanded, host];
  return [...new Set(names)];
}
