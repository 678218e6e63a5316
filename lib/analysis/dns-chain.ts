/**
 * The resolver chain a pod's query takes, decided by the first nameserver of its resolv.conf:
 * NodeLocal DNSCache (ACK's node-local-dns add-on, 169.254.20.10 on every node, injected by its
 * admission webhook in namespaces labelled `node-local-dns-injection=enabled`) → CoreDNS (the
 * kube-dns Service), CoreDNS directly, the VPC DNS directly (dnsPolicy Default), or a server the
 * pod names itself. Pure.
 */
import type { ResolverConfig } from './dns-candidates';
import { VPC_DNS_SERVERS } from './dns-candidates';
import { parseCustomDnsAnnotation } from './dns-custom-config';
import { describeFactError } from './hop-helpers';
import { cidrContains, isIp } from './ip';
import { matchesLabelSelector } from './label-selector';
import type { ClusterFacts, NodeLocalDns, Pod } from './model';

/** The address ACK's NodeLocal DNSCache listens on by default. */
export const NODE_LOCAL_DNS_ADDRESS = '169.254.20.10';

export type PodResolverChain =
  /** CoreDNS answers (its Corefile decides); `hops` name the resolvers before it, pod side first. */
  | { kind: 'coredns'; hops: string[]; notes: string[]; skipped: string[]; nodeLocal: { daemonSet: NodeLocalDns; pod: Pod } | null }
  /** The pod asks the VPC DNS itself. */
  | { kind: 'vpcDns'; server: string; hops: string[]; notes: string[]; skipped: string[] }
  /** The pod asks a server of its own, which the dashboard does not ask. */
  | { kind: 'other'; server: string; notes: string[]; skipped: string[] }
  | { kind: 'none'; notes: string[]; skipped: string[] }
  /** A fact the chain depends on could not be read. */
  | { kind: 'unknown'; reason: string; notes: string[] };

/** `skipped`: why a nameserver listed before the one that answers does not answer (each query waits for its timeout there). */

/** The ready node-local-dns pod on `nodeName`, null when none (or the pods were not read: `undefined`). */
function nodeLocalPodOn(daemonSet: NodeLocalDns, cluster: ClusterFacts, nodeName: string | null): Pod | null | undefined {
  if (cluster.pods.kind === 'missing') return undefined;
  if (nodeName === null || Object.keys(daemonSet.podLabels).length === 0) return null;
  return cluster.pods.value.find((pod) => pod.namespace === 'kube-system' && pod.nodeName === nodeName && pod.ready && matchesLabelSelector({ matchLabels: daemonSet.podLabels }, pod.labels)) ?? null;
}

function isNodeLocalAddress(server: string, nodeLocal: ClusterFacts['nodeLocalDns']): boolean {
  if (server === NODE_LOCAL_DNS_ADDRESS) return true;
  return nodeLocal?.kind === 'ok' && nodeLocal.value !== null && nodeLocal.value.listenAddresses[0] === server;
}

function chainFrom(servers: string[], cluster: ClusterFacts, notes: string[], skipped: string[] = []): PodResolverChain {
  const [first, ...rest] = servers;
  if (first === undefined) return { kind: 'none', notes, skipped };
  const dns = cluster.dns.kind === 'ok' ? cluster.dns.value : null;
  if (dns !== null && first === dns.serviceIp) return { kind: 'coredns', hops: [`CoreDNS (kube-dns ${first})`], notes, skipped, nodeLocal: null };
  if (VPC_DNS_SERVERS.includes(first)) return { kind: 'vpcDns', server: first, hops: [`VPC DNS ${first}`], notes, skipped };
  if (!isNodeLocalAddress(first, cluster.nodeLocalDns)) return { kind: 'other', server: first, notes, skipped };
  const fact = cluster.nodeLocalDns;
  if (fact === undefined) return { kind: 'unknown', reason: `the pod asks NodeLocal DNSCache (${first}), and whether the node runs it was not recorded`, notes };
  if (fact.kind === 'missing') return { kind: 'unknown', reason: `the pod asks NodeLocal DNSCache (${first}), and its DaemonSet could not be read (${describeFactError(fact.error)})`, notes };
  const onNode = fact.value === null ? null : nodeLocalPodOn(fact.value, cluster, cluster.pod.nodeName);
  if (onNode === undefined) return { kind: 'unknown', reason: `the pod asks NodeLocal DNSCache (${first}), and the pods that would show it on node ${cluster.pod.nodeName ?? '?'} could not be read`, notes };
  if (fact.value === null || onNode === null) {
    const why = fact.value === null ? 'the cluster does not run NodeLocal DNSCache (no DaemonSet kube-system/node-local-dns)' : `no ready ${fact.value.name} pod runs on node ${cluster.pod.nodeName ?? '(none)'}`;
    const gone = `The pod's nameserver ${first} is NodeLocal DNSCache, but ${why}: every query waits for its timeout there before the next nameserver is asked`;
    return chainFrom(rest, cluster, notes, [...skipped, gone]);
  }
  const chain = chainFrom(dns?.serviceIp ? [dns.serviceIp] : [], cluster, notes, skipped);
  if (chain.kind !== 'coredns') return { kind: 'unknown', reason: `NodeLocal DNSCache (${first}) forwards to kube-dns, whose address is unknown`, notes };
  return {
    ...chain,
    hops: [`NodeLocal DNSCache ${first} (pod ${onNode.name} on ${onNode.nodeName ?? '?'})`, ...chain.hops],
    nodeLocal: { daemonSet: fact.value, pod: onNode },
    notes: [...notes, `NodeLocal DNSCache (DaemonSet ${fact.value.name}, ${fact.value.ready}/${fact.value.desired} ready) answers on ${first} on the pod's node and sends cache misses to CoreDNS (kube-dns ${dns?.serviceIp ?? '?'}).`],
  };
}

/** The chain the pod's queries take, by its first nameserver (glibc asks the next only after a timeout). */
export function podResolverChain(cluster: ClusterFacts, config: ResolverConfig): PodResolverChain {
  return chainFrom(config.nameservers, cluster, []);
}

/**
 * True when the pod names a link-local nameserver (NodeLocal DNSCache's address) in its
 * dnsConfig or the ACS custom DNS annotation: only then does the NodeLocal DNSCache DaemonSet
 * need to be read.
 */
export function namesLinkLocalNameserver(pod: Pod): boolean {
  const custom = parseCustomDnsAnnotation(pod.annotations);
  const servers = [...(pod.dnsConfig?.nameservers ?? []), ...(custom.kind === 'ok' ? custom.config.nameservers : [])];
  return servers.some((server) => isIp(server) && cidrContains('169.254.0.0/16', server));
}
