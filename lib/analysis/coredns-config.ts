/**
 * The CoreDNS configuration a diagnosis goes by: the Corefile read from the cluster, or —
 * where it cannot be seen (ACS manages CoreDNS; a ConfigMap that does not exist) — ACK's
 * default Corefile, said to be assumed. A Corefile that could not be read on ACK, or that does
 * not parse, leaves it unknown. Pure.
 */
import { parseCorefile } from './corefile';
import { corednsServers, type CorednsServer } from './corefile-plugins';
import { describeFactError } from './hop-helpers';
import type { ClusterFacts } from './model';

/** ACK's default Corefile (CoreDNS 1.11 add-on), with the cluster domain filled in. */
export function ackDefaultCorefile(clusterDomain: string): string {
  return `.:53 {
    errors
    health {
       lameduck 15s
    }
    ready
    kubernetes ${clusterDomain} in-addr.arpa ip6.arpa {
      pods verified
      ttl 30
      fallthrough in-addr.arpa ip6.arpa
    }
    prometheus :9153
    forward . /etc/resolv.conf {
      prefer_udp
    }
    cache 30
    loop
    reload
    loadbalance
}
`;
}

export type CorednsConfig =
  /** Read from ConfigMap kube-system/coredns. */
  | { kind: 'read'; text: string; servers: CorednsServer[] }
  /** Not visible: ACK's default is assumed; `reason` says why, and is shown. */
  | { kind: 'assumed'; text: string; servers: CorednsServer[]; reason: string }
  | { kind: 'unknown'; reason: string };

function assumed(cluster: ClusterFacts, why: string): CorednsConfig {
  const text = ackDefaultCorefile(cluster.cluster.clusterDomain);
  const parsed = parseCorefile(text);
  if (parsed.kind === 'invalid') throw new Error(`the ACK default Corefile does not parse: ${parsed.message}`);
  return {
    kind: 'assumed',
    text,
    servers: corednsServers(parsed.blocks),
    reason: `${why}: ACK's default Corefile is assumed (kubernetes ${cluster.cluster.clusterDomain}, forward . /etc/resolv.conf → the VPC DNS, cache 30)`,
  };
}

/**
 * The Corefile CoreDNS runs for `cluster`. Assumed (ACK's default) when the ConfigMap does not
 * exist, when ACS forbids reading it, or in facts saved before it was recorded; unknown when
 * it could not be read otherwise, or does not parse.
 */
export function corednsConfig(cluster: ClusterFacts): CorednsConfig {
  const fact = cluster.corefile;
  if (fact === undefined) return assumed(cluster, 'The Corefile was not recorded in these facts');
  if (fact.kind === 'missing') {
    if (cluster.cluster.kind === 'acs' && fact.error.reason === 'forbidden') return assumed(cluster, `ACS manages CoreDNS and its ConfigMap may not be read (${describeFactError(fact.error)})`);
    return { kind: 'unknown', reason: `the CoreDNS Corefile could not be read (${describeFactError(fact.error)}); a stub forward, hosts entry or rewrite there could answer the name` };
  }
  if (fact.value === null) {
    const why = cluster.cluster.kind === 'acs' ? 'ACS manages CoreDNS; its configuration is not visible in the cluster' : 'ConfigMap kube-system/coredns (key Corefile) does not exist';
    return assumed(cluster, why);
  }
  const parsed = parseCorefile(fact.value);
  if (parsed.kind === 'invalid') {
    return { kind: 'unknown', reason: `the Corefile in ConfigMap kube-system/coredns does not parse (line ${parsed.line}: ${parsed.message}); CoreDNS keeps serving its last valid configuration, which is not visible` };
  }
  return { kind: 'read', text: fact.value, servers: corednsServers(parsed.blocks) };
}
