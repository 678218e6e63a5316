/**
 * Hop 5: how the source reaches the Internet — its own EIP, or route → NAT gateway → SNAT
 * entry → EIP (domain doc §3). Only for Internet destinations. Pure.
 */
import { createRouteToNatGateway, createSnatEntry, manualFix } from '@/lib/fixes/cloud-fixes';

import { nameAndId } from './entry-label';
import { makeHop, readFact, ref, regionOf, skipHop, unknownHop } from './hop-helpers';
import { english, msg } from './message';
import type { EvidenceTable, Hop, NatGateway, NetworkInterface, PathContext, PathFacts, RouteEntry, RouteTable } from './model';
import { parseIp } from './ip';
import { evaluateIpv6Internet } from './nat-eip-ipv6';
import { eipManualFix, snatEipFix } from './nat-eip-fixes';
import { withAnnotatedEip } from './pod-eip';
import { eipProblem, gatewaySnatEntries, selectSnatEntry, snatIpState, snatSpecificity, type SnatSource } from './nat-eip-snat';
import { longestPrefixMatch } from './route-table';

/** Next-hop types of self-managed appliances that may forward to the Internet themselves. */
const APPLIANCE_NEXT_HOPS = ['Instance', 'HaVip', 'NetworkInterface'];

function eipHop(facts: PathFacts, eni: NetworkInterface, publicIp: { ip: string; allocationId: string | null }): Hop {
  const evidenceFacts = [ref('eni', eni.id), ref('eip', publicIp.allocationId ?? publicIp.ip, publicIp.ip)];
  if (publicIp.allocationId === null) {
    return makeHop('natEip', 'pass', `Public IP ${publicIp.ip} on ${eni.id} carries the traffic (SNAT not used)`, {
      evidence: { facts: evidenceFacts, notes: ['An ENI with its own public address egresses with it, regardless of SNAT entries.'] },
    });
  }
  const eips = readFact('natEip', facts.cloud.eips);
  if (!eips.ok) return eips.hop;
  const eip = eips.value.find((candidate) => candidate.allocationId === publicIp.allocationId);
  if (!eip) return unknownHop('natEip', `EIP ${publicIp.allocationId} was not read`, { facts: evidenceFacts });
  const problem = eipProblem(eip);
  const evidence = { facts: evidenceFacts, decidedBy: ref('eip', eip.allocationId, eip.ip) };
  if (problem === null) {
    return makeHop('natEip', 'pass', `EIP ${eip.ip} bound to ${eni.id} carries the traffic (SNAT not used)`, { evidence });
  }
  return makeHop('natEip', 'block', `The source's own ${problem}`, {
    evidence,
    fixes: [eipManualFix(eip, problem)],
  });
}

function routeTableEvidence(table: RouteTable, matched: RouteEntry | null): EvidenceTable {
  const rows = table.entries.map((entry) => [entry.destinationCidr, entry.nextHops.map((hop) => `${hop.type} ${hop.id}`).join(', '), entry.type, entry.status]);
  const index = matched === null ? -1 : table.entries.indexOf(matched);
  const titleMessage = msg('analysis.natEip.routeTableTitle', { routeTable: table.id });
  return { title: english(titleMessage), titleMessage, columns: ['destination', 'next hop', 'type', 'status'], rows, decidingRow: index === -1 ? null : index };
}

function noRouteFixes(facts: PathFacts, table: RouteTable, matched: RouteEntry | null) {
  const gateways = facts.cloud.natGateways.kind === 'ok' ? facts.cloud.natGateways.value : [];
  const gateway = gateways.find((candidate) => candidate.vpcId === table.vpcId && candidate.networkType === 'internet');
  if (gateway && matched?.destinationCidr !== '0.0.0.0/0') {
    return [createRouteToNatGateway({ regionId: regionOf(facts), routeTableId: table.id, destinationCidr: '0.0.0.0/0', natGatewayId: gateway.id })];
  }
  return [
    manualFix({
      id: `routeTable-internet-${table.id}`,
      title: 'Give the source a way to the Internet',
      description: gateway
        ? `The default route of ${table.id} points elsewhere; point 0.0.0.0/0 at ${gateway.id} or add a more specific route to it.`
        : `VPC ${table.vpcId} has no Internet NAT gateway.`,
      risk: 'Instances of the vSwitches bound to this route table gain Internet egress.',
      target: ref('routeTable', table.id),
      steps: gateway
        ? [`Replace the 0.0.0.0/0 route of ${table.id} with one whose next hop is ${gateway.id}`]
        : ['Create an Internet NAT gateway in the VPC and associate an EIP', 'Route 0.0.0.0/0 to it and add an SNAT entry for the source vSwitch', 'Or bind an EIP to the pod'],
    }),
  ];
}

function snatTable(entries: ReturnType<typeof gatewaySnatEntries>, source: SnatSource, chosen: NatGateway['id'] | null): EvidenceTable {
  const rows = entries.map((entry) => [
    entry.id,
    entry.sourceVSwitchId ?? '—',
    entry.sourceCidr ?? '—',
    entry.snatIps.join(', '),
    entry.status,
    String(snatSpecificity(entry, source) ?? 'does not cover'),
  ]);
  const index = entries.findIndex((entry) => entry.id === chosen);
  const titleMessage = msg('analysis.natEip.snatTableTitle', { address: source.address });
  return {
    title: english(titleMessage),
    titleMessage,
    columns: ['entry', 'source vSwitch', 'source CIDR', 'SNAT IPs', 'status', 'prefix'],
    rows,
    decidingRow: index === -1 ? null : index,
  };
}

function gatewayHop(facts: PathFacts, path: PathContext, gateway: NatGateway, table: RouteTable, matched: RouteEntry): Hop {
  const routeEvidence = routeTableEvidence(table, matched);
  const gatewayLabel = nameAndId(gateway.id, gateway.name);
  const gatewayRef = ref('natGateway', gateway.id, gatewayLabel);
  const base = { facts: [ref('vSwitch', path.source.vSwitchId ?? ''), gatewayRef], tables: [routeEvidence] };
  if (gateway.networkType !== 'internet') {
    return makeHop('natEip', 'block', `${gatewayLabel} is a VPC NAT gateway: it does not reach the Internet`, {
      evidence: { ...base, decidedBy: gatewayRef },
      fixes: noRouteFixes(facts, table, matched),
    });
  }
  if (gateway.status !== 'Available' || gateway.businessStatus !== 'Normal') {
    return makeHop('natEip', 'block', `NAT gateway ${gatewayLabel} is ${gateway.status}/${gateway.businessStatus}`, {
      evidence: { ...base, decidedBy: gatewayRef },
      fixes: [
        manualFix({
          id: `natGateway-repair-${gateway.id}`,
          title: `Restore NAT gateway ${gateway.id}`,
          description: `The gateway must be Available and Normal; it is ${gateway.status}/${gateway.businessStatus}.`,
          risk: 'None beyond restoring Internet egress for the VPC.',
          target: gatewayRef,
          steps: ['Settle overdue payments (FinancialLocked)', 'Wait for a pending operation to finish, then diagnose again'],
        }),
      ],
    });
  }
  const snatFact = readFact('natEip', facts.cloud.snatEntries);
  if (!snatFact.ok) return snatFact.hop;
  const { sourceAddress, vSwitchId, vSwitchCidr } = path.source;
  if (sourceAddress === null || vSwitchId === null) return unknownHop('natEip', 'the source address or vSwitch is unknown');
  const source: SnatSource = { address: sourceAddress, vSwitchId, vSwitchCidr };
  const entries = gatewaySnatEntries(gateway, snatFact.value);
  const chosen = selectSnatEntry(entries, source);
  const tables = [routeEvidence, snatTable(entries, source, chosen?.id ?? null)];
  if (!chosen) {
    const snatIp = gateway.ipAddresses[0]?.ip;
    const snatTableId = gateway.snatTableIds[0];
    const fixes =
      snatIp !== undefined && snatTableId !== undefined
        ? [createSnatEntry({ regionId: regionOf(facts), snatTableId, sourceVSwitchId: vSwitchId, snatIp, natGatewayId: gateway.id })]
        : [
            manualFix({
              id: `natGateway-eip-${gateway.id}`,
              title: `Associate an EIP with ${gateway.id} and add an SNAT entry`,
              description: `${gateway.id} has no EIP or SNAT table to translate ${vSwitchId} with.`,
              risk: `Instances in ${vSwitchId} without their own public IP gain Internet egress.`,
              target: gatewayRef,
              steps: [`Associate an EIP with ${gateway.id}`, `Create an SNAT entry for ${vSwitchId} with that EIP`],
            }),
          ];
    return makeHop('natEip', 'block', `No SNAT entry of ${gatewayLabel} covers ${sourceAddress} or ${vSwitchId}`, {
      evidence: { ...base, tables, decidedBy: gatewayRef },
      fixes,
    });
  }
  const eips = readFact('natEip', facts.cloud.eips);
  if (!eips.ok) return eips.hop;
  const states = chosen.snatIps.map((ip) => ({ ip, state: snatIpState(ip, gateway, eips.value) }));
  const usable = states.filter(({ state }) => state.kind === 'usable').map(({ ip }) => ip);
  const unusable = states.flatMap(({ state }) => (state.kind === 'unusable' ? [state] : []));
  const problems = unusable.map((state) => state.problem);
  const notRead = states.flatMap(({ state }) => (state.kind === 'notRead' ? [state.reason] : []));
  const evidence = {
    ...base,
    facts: [...base.facts, ref('snatEntry', chosen.id), ...chosen.snatIps.map((ip) => ref('eip', ip))],
    tables,
    decidedBy: ref('snatEntry', chosen.id, `${nameAndId(chosen.id, chosen.name)} for ${chosen.sourceVSwitchId ?? chosen.sourceCidr ?? ''}`),
    notes: [...problems, ...notRead],
  };
  const [first] = unusable;
  if (usable.length === 0 && notRead.length === 0 && first) {
    const boundElsewhere = first.eip.instanceId !== gateway.id && !gateway.ipAddresses.some((address) => address.ip === first.eip.ip);
    return makeHop('natEip', 'block', `SNAT entry ${nameAndId(chosen.id, chosen.name)} translates to no usable EIP: ${problems.join('; ')}`, {
      evidence,
      fixes: [boundElsewhere ? snatEipFix(first.eip, first.detached, gateway, chosen, first.problem) : eipManualFix(first.eip, first.problem)],
    });
  }
  if (usable.length === 0 || notRead.length > 0) return unknownHop('natEip', notRead.join('; '), evidence);
  // Some SNAT IPs unusable, others usable: connections spread over them, so part of them fail (a known partial outage).
  const verdict = problems.length > 0 ? 'warn' : 'pass';
  return makeHop('natEip', verdict, msg('analysis.natEip.snatTranslates', { entry: nameAndId(chosen.id, chosen.name), address: sourceAddress, eips: usable.join(', '), natGateway: gatewayLabel }), { evidence });
}

/**
 * For Internet destinations: `pass` when the source ENI's own EIP (or static public IP) is
 * usable; otherwise the source vSwitch's route table must send the destination (longest
 * prefix) to an Internet NAT gateway that is Available/Normal, an SNAT entry must cover the
 * source (longest source prefix), and its SNAT IPs must be EIPs bound to that gateway,
 * InUse and unlocked (a SNAT IP the gateway does not hold is read by address, so a detached
 * EIP blocks with its own fix). IPv6 destinations take the IPv6 gateway path instead
 * (nat-eip-ipv6.ts). A pod annotated with an EIP its ENI does not carry is told so
 * (pod-eip.ts). Other destinations skip.
 */
export function evaluateNatEipHop(facts: PathFacts, path: PathContext): Hop {
  return withAnnotatedEip(evaluateInternetPath(facts, path), facts);
}

function evaluateInternetPath(facts: PathFacts, path: PathContext): Hop {
  if (path.destination.kind !== 'internet') return skipHop('natEip', 'not an Internet destination');
  const address = path.destination.addresses[0];
  if (address === undefined) return skipHop('natEip', 'no address to evaluate');
  const eni = readFact('natEip', facts.cloud.sourceEni);
  if (!eni.ok) return eni.hop;
  if (eni.value === null) return unknownHop('natEip', `no ENI holds the source address ${path.source.sourceAddress ?? '(none)'}`);
  const ipv6 = parseIp(address)?.version === 6;
  // An EIP and SNAT translate IPv4 only; IPv6 leaves through the IPv6 gateway.
  if (eni.value.publicIp && !ipv6) return eipHop(facts, eni.value, eni.value.publicIp);
  const vSwitches = readFact('natEip', facts.cloud.vSwitches);
  if (!vSwitches.ok) return vSwitches.hop;
  const vSwitch = vSwitches.value.find((candidate) => candidate.id === eni.value?.vSwitchId);
  if (!vSwitch?.routeTableId) return unknownHop('natEip', `the route table of ${eni.value.vSwitchId} is unknown`);
  const tables = readFact('natEip', facts.cloud.routeTables);
  if (!tables.ok) return tables.hop;
  const table = tables.value.find((candidate) => candidate.id === vSwitch.routeTableId);
  if (!table) return unknownHop('natEip', `route table ${vSwitch.routeTableId} was not read`);
  if (ipv6) return evaluateIpv6Internet(table, address, routeTableEvidence, [ref('vSwitch', vSwitch.id), ref('routeTable', table.id)]);
  const matched = longestPrefixMatch(table, address);
  const routeEvidence = routeTableEvidence(table, matched);
  const evidence = { facts: [ref('vSwitch', vSwitch.id), ref('routeTable', table.id)], tables: [routeEvidence] };
  if (matched === null) {
    return makeHop('natEip', 'block', `No route to the Internet: route table ${table.id} has no route for ${address}`, {
      evidence,
      fixes: noRouteFixes(facts, table, null),
    });
  }
  const routeRef = ref('routeEntry', matched.id, `${matched.destinationCidr} in ${table.id}`);
  const natHop = matched.nextHops.find((hop) => hop.type === 'NatGateway');
  if (!natHop) {
    const target = matched.nextHops.map((hop) => `${hop.type} ${hop.id}`).join(', ') || 'nowhere';
    const appliance = matched.nextHops.some((hop) => APPLIANCE_NEXT_HOPS.includes(hop.type));
    return appliance
      ? unknownHop('natEip', `route ${matched.destinationCidr} sends ${address} to ${target}, a self-managed appliance whose path to the Internet is not read`, { ...evidence, decidedBy: routeRef })
      : makeHop('natEip', 'block', `No route to the Internet: ${matched.destinationCidr} leads to ${target}, not a NAT gateway`, {
          evidence: { ...evidence, decidedBy: routeRef },
          fixes: noRouteFixes(facts, table, matched),
        });
  }
  const gateways = readFact('natEip', facts.cloud.natGateways);
  if (!gateways.ok) return gateways.hop;
  const gateway = gateways.value.find((candidate) => candidate.id === natHop.id);
  if (!gateway) return unknownHop('natEip', `NAT gateway ${natHop.id} was not read`, evidence);
  return gatewayHop(facts, path, gateway, table, matched);
}
