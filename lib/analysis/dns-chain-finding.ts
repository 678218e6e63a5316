/**
 * The dns hop's finding about the resolver chain itself: which resolvers the pod's queries
 * pass (NodeLocal DNSCache, CoreDNS with the Corefile read or assumed, the VPC DNS), a
 * nameserver that does not answer (NodeLocal DNSCache absent from the node), and a chain
 * that cannot be told. Pure.
 */
import type { CorednsConfig } from './coredns-config';
import type { PodResolverChain } from './dns-chain';
import { finding, type DnsFinding } from './dns-reachability';
import { ref } from './hop-helpers';
import { listText, msg, type Text } from './message';
import type { FactRef } from './model';

const COREFILE_REF: FactRef = ref('configMap', 'kube-system/coredns', 'ConfigMap kube-system/coredns');

function corefileNotes(coredns: CorednsConfig | null): { notes: Text[]; facts: FactRef[] } {
  if (coredns === null) return { notes: [], facts: [] };
  switch (coredns.kind) {
    case 'read': {
      const blocks = coredns.servers.map((server) => msg('analysis.dns.corefileBlock', { block: server.label, line: String(server.line) }));
      return { notes: [msg('analysis.dns.corefileRead', { blocks: listText(blocks) })], facts: [COREFILE_REF] };
    }
    case 'assumed':
      return { notes: [`${coredns.reason}.`], facts: [] };
    case 'unknown':
      return { notes: [], facts: [] };
    default: {
      const unreachable: never = coredns;
      throw new Error(`unhandled CoreDNS configuration ${JSON.stringify(unreachable)}`);
    }
  }
}

/**
 * `unknown` when the chain or the Corefile could not be told; `warn` when a nameserver before
 * the answering one does not answer (each query first waits for its timeout); `pass` otherwise,
 * with the chain as notes.
 */
export function chainFinding(chain: PodResolverChain, coredns: CorednsConfig | null): DnsFinding {
  if (chain.kind === 'unknown') return finding('unknown', `Cannot tell which resolver answers the pod: ${chain.reason}`, { notes: chain.notes });
  if (coredns?.kind === 'unknown') return finding('unknown', `Cannot tell how CoreDNS answers the pod: ${coredns.reason}`, { notes: chain.notes });
  const corefile = corefileNotes(coredns);
  const facts = [...(chain.kind === 'coredns' && chain.nodeLocal ? [ref('daemonSet', `kube-system/${chain.nodeLocal.daemonSet.name}`, `DaemonSet kube-system/${chain.nodeLocal.daemonSet.name}`)] : []), ...corefile.facts];
  const hops = chain.kind === 'coredns' || chain.kind === 'vpcDns' ? chain.hops : [];
  const notes: Text[] = [...(hops.length > 0 ? [msg('analysis.dns.queriesGo', { chain: hops.join(' → ') })] : []), ...chain.notes, ...corefile.notes];
  const skipped = chain.skipped[0];
  if (skipped !== undefined) return finding('warn', `${skipped}.`, { facts, notes: [...notes, ...chain.skipped.slice(1)] });
  return finding('pass', hops.length > 0 ? `Resolver chain: ${hops.join(' → ')}` : 'Resolver chain read', { facts, notes });
}
