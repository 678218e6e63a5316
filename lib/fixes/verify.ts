/**
 * Commands that check a flow by hand from the source pod, before and after a fix: a TCP/UDP
 * probe with `nc`, a lookup with `nslookup` for DNS. Every `kubectl` line names its context,
 * so a copied line never runs against whatever cluster the shell points at. Pure.
 */
import type { HopKind, Protocol } from '@/lib/analysis/model';

import { shellQuote } from './aliyun-cli';

/** The flow a diagnosis was about. */
export interface FlowToVerify {
  /** kubeconfig context (the diagnosed cluster). */
  cluster: string;
  namespace: string;
  pod: string;
  host: string;
  port: number;
  protocol: Protocol;
}

/** `kubectl --context <cluster> -n <namespace> exec <pod> -- <command>`. */
export function kubectlExec(flow: Pick<FlowToVerify, 'cluster' | 'namespace' | 'pod'>, command: string): string {
  return `kubectl --context ${shellQuote(flow.cluster)} -n ${shellQuote(flow.namespace)} exec ${shellQuote(flow.pod)} -- ${command}`;
}

/**
 * The check for a hop's fix: `nslookup <host>` for DNS, else `nc -vz` (`-vzu` for UDP) to
 * the host and port. Run it before the change (it fails) and after (it succeeds).
 */
export function verifyCommands(flow: FlowToVerify, hop: HopKind): string[] {
  if (hop === 'dns') return [kubectlExec(flow, `nslookup ${shellQuote(flow.host)}`)];
  // NOTE: ncat speaks SCTP with --sctp; a UDP "success" only means nothing answered with ICMP unreachable.
  const flags = flow.protocol === 'udp' ? '-vzu' : flow.protocol === 'sctp' ? '--sctp -vz' : '-vz';
  return [kubectlExec(flow, `nc ${flags} -w 5 ${shellQuote(flow.host)} ${flow.port}`)];
}
