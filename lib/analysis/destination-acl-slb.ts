/**
 * Destination controls of a classic SLB (CLB): the listener for the port and its access
 * control list (domain doc §6). Pure.
 */
import { manualFix, slbAclEntryFix, startLoadBalancerListener } from '@/lib/fixes/cloud-fixes';
import { rankSlbBlacklistFixes } from '@/lib/fixes/hop-intent';

import { nameAndId } from './entry-label';
import { makeHop, readFact, ref, regionOf, unknownHop } from './hop-helpers';
import { cidrContains } from './ip';
import type { EvidenceTable, Hop, LoadBalancer, PathContext, PathFacts, Protocol, SlbAcl, SlbListener } from './model';

/** True when a listener of `listenerProtocol` (tcp, udp, http, https) carries `protocol`. */
function listenerCarries(listenerProtocol: string, protocol: Protocol): boolean {
  const normalized = listenerProtocol.toLowerCase();
  // NOTE: CLB listeners are TCP, UDP, HTTP or HTTPS: no listener carries SCTP.
  if (protocol === 'sctp') return false;
  return protocol === 'udp' ? normalized === 'udp' : normalized !== 'udp';
}

function aclTable(acls: SlbAcl[], sourceAddress: string): { table: EvidenceTable; hit: { acl: SlbAcl; cidr: string; comment: string } | null } {
  const flat = acls.flatMap((acl) => acl.entries.map((entry) => ({ acl, entry })));
  const hitIndex = flat.findIndex(({ entry }) => cidrContains(entry.cidr, sourceAddress));
  const hit = flat[hitIndex];
  return {
    table: {
      title: `Entries of ${acls.map((acl) => nameAndId(acl.id, acl.name)).join(', ')} checked against ${sourceAddress}`,
      columns: ['acl', 'acl name', 'entry', 'comment', `holds ${sourceAddress}`],
      rows: flat.map(({ acl, entry }) => [acl.id, acl.name, entry.cidr, entry.comment, cidrContains(entry.cidr, sourceAddress) ? 'yes' : 'no']),
      decidingRow: hitIndex === -1 ? null : hitIndex,
    },
    hit: hit ? { acl: hit.acl, cidr: hit.entry.cidr, comment: hit.entry.comment } : null,
  };
}

function listenerHop(facts: PathFacts, path: PathContext, loadBalancer: LoadBalancer, listener: SlbListener): Hop {
  const lbRef = ref('loadBalancer', loadBalancer.id, nameAndId(loadBalancer.id, loadBalancer.name));
  const label = `Listener ${listener.protocol.toUpperCase()}:${listener.port} of ${nameAndId(loadBalancer.id, loadBalancer.name)}`;
  if (listener.aclStatus === 'off') return makeHop('destinationAcl', 'pass', `${label} has access control off`, { evidence: { facts: [lbRef] } });
  const sourceAddress = loadBalancer.addressType === 'internet' ? path.source.eip : path.source.sourceAddress;
  if (sourceAddress === null) {
    const reason = loadBalancer.addressType === 'internet'
      ? 'an Internet SLB sees the NAT gateway SNAT address, which this hop does not evaluate'
      : 'the source address is unknown';
    return makeHop('destinationAcl', 'unknown', `Cannot tell: ${label} filters sources; ${reason}`, { reason, evidence: { facts: [lbRef] } });
  }
  const slbAcls = readFact('destinationAcl', facts.cloud.slbAcls);
  if (!slbAcls.ok) return slbAcls.hop;
  const acls = listener.aclIds.flatMap((id) => slbAcls.value.filter((acl) => acl.id === id));
  const absent = listener.aclIds.filter((id) => !acls.some((acl) => acl.id === id));
  if (absent.length > 0) return unknownHop('destinationAcl', `SLB ACL ${absent.join(', ')} was not read`, { facts: [lbRef] });
  const { table, hit } = aclTable(acls, sourceAddress);
  const notes: string[] = [];
  const evidence = {
    facts: [lbRef, ...acls.map((acl) => ref('slbAcl', acl.id, nameAndId(acl.id, acl.name)))],
    tables: [table],
    decidedBy: hit ? ref('slbAcl', hit.acl.id, `${nameAndId(hit.acl.id, hit.acl.name)} entry ${hit.cidr}`) : null,
    notes,
  };
  const regionId = regionOf(facts);
  switch (listener.aclType) {
    case 'white': {
      if (table.rows.length === 0) {
        notes.push('The documentation contradicts itself on an empty whitelist: the user guide says nothing is forwarded, the API reference says everything is.');
        const reason = `${label} has an empty whitelist, which Alibaba Cloud documents both as admitting nobody and as admitting everybody`;
        return makeHop('destinationAcl', 'unknown', `Cannot tell: ${reason}`, { reason, evidence });
      }
      if (hit) return makeHop('destinationAcl', 'pass', `${label} whitelist ${hit.acl.id} holds ${sourceAddress} (${hit.cidr})`, { evidence });
      const aclId = listener.aclIds[0] ?? '';
      const cidr = path.source.vSwitchCidr ?? `${sourceAddress}/32`;
      return makeHop('destinationAcl', 'block', `${label} whitelist does not hold ${sourceAddress}`, {
        evidence,
        fixes: [
          slbAclEntryFix({
            regionId,
            aclId,
            cidr,
            comment: `egress-doctor ${facts.request.namespace}/${facts.request.pod}`,
            operation: 'add',
            risk: `Every listener using ${aclId} admits all of ${cidr}, not just this pod${cidr === path.source.vSwitchCidr ? ' (the vSwitch CIDR: pods move between addresses)' : ''}.`,
          }),
        ],
      });
    }
    case 'black': {
      if (!hit) return makeHop('destinationAcl', 'pass', `${label} blacklist does not hold ${sourceAddress}`, { evidence });
      const removal = slbAclEntryFix({ regionId, aclId: hit.acl.id, cidr: hit.cidr, comment: '', operation: 'remove', risk: `Every address in ${hit.cidr} is admitted again by every listener using ${hit.acl.id}.` });
      const ranked = rankSlbBlacklistFixes({ facts, path, aclId: hit.acl.id, cidr: hit.cidr, comment: hit.comment, fixes: [removal] });
      return makeHop('destinationAcl', 'block', `${label} blacklist ${hit.acl.id} holds ${sourceAddress} (${hit.cidr})`, {
        evidence: ranked.intent ? { ...evidence, intent: ranked.intent } : evidence,
        fixes: ranked.fixes,
      });
    }
    case null: {
      const reason = `${label} has access control on but reports no ACL type (whitelist or blacklist)`;
      return makeHop('destinationAcl', 'unknown', `Cannot tell: ${reason}`, { reason, evidence });
    }
    default: {
      const unreachable: never = listener.aclType;
      throw new Error(`unhandled SLB ACL type ${String(unreachable)}`);
    }
  }
}

/** Evaluates the SLB destination: listener for the port, running, and its whitelist or blacklist. */
export function evaluateSlbDestination(facts: PathFacts, path: PathContext): Hop {
  const read = readFact('destinationAcl', facts.cloud.loadBalancer);
  if (!read.ok) return read.hop;
  const loadBalancer = read.value;
  if (loadBalancer === null) return unknownHop('destinationAcl', `no SLB instance found for ${path.destination.addresses[0] ?? path.destination.host}`);
  const { port, protocol } = facts.request;
  const lbRef = ref('loadBalancer', loadBalancer.id, nameAndId(loadBalancer.id, loadBalancer.name));
  const listener = loadBalancer.listeners.find((candidate) => candidate.port === port && listenerCarries(candidate.protocol, protocol));
  if (!listener) {
    return makeHop('destinationAcl', 'block', `No listener on port ${port} of ${nameAndId(loadBalancer.id, loadBalancer.name)}`, {
      evidence: { facts: [lbRef], notes: [`Listeners: ${loadBalancer.listeners.map((entry) => `${entry.protocol}:${entry.port}`).join(', ') || 'none'}.`] },
      fixes: [
        manualFix({
          id: `loadBalancer-listener-${loadBalancer.id}-${port}`,
          title: `Use a port ${loadBalancer.id} listens on, or add a listener on ${port}`,
          description: `${loadBalancer.id} has no ${protocol.toUpperCase()} listener on port ${port}.`,
          risk: 'A new listener exposes its backends on that port to every source its ACL admits.',
          target: lbRef,
          steps: ['Check the port the client uses', `Or create a ${protocol.toUpperCase()} listener on ${port} with the intended backends`],
        }),
      ],
    });
  }
  if (listener.status !== 'running') {
    return makeHop('destinationAcl', 'block', `Listener ${port} of ${loadBalancer.id} is ${listener.status}`, {
      evidence: { facts: [lbRef] },
      fixes: [startLoadBalancerListener({ regionId: regionOf(facts), loadBalancerId: loadBalancer.id, port })],
    });
  }
  return listenerHop(facts, path, loadBalancer, listener);
}
