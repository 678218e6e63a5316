/**
 * Hop 6: controls at the destination — an ECS instance's security groups inbound, or an
 * SLB listener's access control (domain doc §5.1, §6). Pure.
 */
import { authorizeSecurityGroupIngress, hostCidr } from '@/lib/fixes/cloud-fixes';

import { evaluateSlbDestination } from './destination-acl-slb';
import { makeHop, readFact, ref, regionOf, skipHop, unknownHop } from './hop-helpers';
import { msg } from './message';
import type { Fix, Hop, PathContext, PathFacts } from './model';
import {
  findGroups,
  matchedThrough,
  ruleListRefs,
  ruleListsOf,
  ruleListTables,
  securityGroupDecider,
  securityGroupTable,
  unexpandedNotes,
  unexpandedReason,
} from './security-group-hop';
import { decideSecurityGroup, type SecurityGroupDecision } from './security-group-rules';

function ingressFixes(facts: PathFacts, path: PathContext, decision: SecurityGroupDecision, groupId: string, sourceAddress: string): Fix[] {
  const decider = decision.decidedBy;
  const dropPriority = decider.kind === 'rule' && decider.rule.policy === 'drop' ? decider.rule.priority : null;
  const priority = dropPriority === null ? 1 : Math.max(1, dropPriority - 1);
  const base = { regionId: regionOf(facts), securityGroupId: groupId, protocol: facts.request.protocol, port: facts.request.port, priority };
  const revokeNote = dropPriority === 1 ? ` The drop rule ${decider.kind === 'rule' ? decider.rule.id : ''} has priority 1: revoke it or narrow it, or this rule cannot win.` : '';
  const fixes: Fix[] = [];
  const vSwitchCidr = path.source.vSwitchCidr;
  if (vSwitchCidr !== null) {
    fixes.push(
      authorizeSecurityGroupIngress({
        ...base,
        cidr: vSwitchCidr,
        risk: `Admits ${facts.request.protocol}/${facts.request.port} from every address of ${path.source.vSwitchId ?? 'the source vSwitch'} (${vSwitchCidr}), not only this ${path.source.networkMode === 'flannel' ? 'node' : 'pod'}; chosen because pod addresses change.${revokeNote}`,
      }),
    );
  }
  fixes.push(
    authorizeSecurityGroupIngress({
      ...base,
      cidr: hostCidr(sourceAddress),
      idSuffix: '-host',
      risk: `Admits only ${sourceAddress}; breaks again when the ${path.source.networkMode === 'flannel' ? 'pod moves to another node' : 'pod is recreated with a new IP'}.${revokeNote}`,
    }),
  );
  return fixes;
}

function evaluateEcsDestination(facts: PathFacts, path: PathContext): Hop {
  const eni = readFact('destinationAcl', facts.cloud.destinationEni);
  if (!eni.ok) return eni.hop;
  if (eni.value === null) return unknownHop('destinationAcl', `no ENI found for ${path.destination.addresses[0] ?? path.destination.host}`);
  const sourceAddress = path.source.sourceAddress;
  if (sourceAddress === null) return unknownHop('destinationAcl', 'the source address is unknown');
  const found = findGroups(facts, eni.value.securityGroupIds, 'destinationAcl');
  if (!found.ok) return found.hop;
  const { port, protocol } = facts.request;
  const lists = ruleListsOf(facts);
  const decision = decideSecurityGroup(
    found.groups,
    { direction: 'ingress', remoteAddress: sourceAddress, port, protocol, remoteGroupIds: path.source.securityGroupIds },
    lists,
  );
  const instance = eni.value.instanceId ?? eni.value.id;
  const evidence = {
    facts: [ref('eni', eni.value.id), ...found.groups.map((group) => ref('securityGroup', group.id, `${group.id} (${group.type})`)), ...ruleListRefs(decision, lists)],
    decidedBy: securityGroupDecider(decision),
    tables: [
      securityGroupTable(`Inbound rules of ${eni.value.securityGroupIds.join(', ')} for ${protocol}/${port} from ${sourceAddress}`, decision),
      ...ruleListTables(decision, lists, { address: sourceAddress, port }),
    ],
    notes: unexpandedNotes(decision),
  };
  const flow = `${protocol}/${port} from ${sourceAddress}`;
  const unexpanded = unexpandedReason(facts, decision);
  if (unexpanded !== null) return makeHop('destinationAcl', 'unknown', `Cannot tell whether ${instance} admits ${flow}`, { reason: unexpanded, evidence });
  if (decision.verdict === 'accept') return makeHop('destinationAcl', 'pass', `${instance} admits ${flow}${matchedThrough(decision)}`, { evidence });
  const groupId = decision.decidedBy.kind === 'rule' ? decision.decidedBy.groupId : (eni.value.securityGroupIds[0] ?? 'sg-unknown');
  return makeHop('destinationAcl', 'block', `${instance} security groups drop ${flow}${matchedThrough(decision)}`, {
    evidence,
    fixes: ingressFixes(facts, path, decision, groupId, sourceAddress),
  });
}

/**
 * For an ECS destination: its groups' inbound rules for the source address it sees (pod IP,
 * node IP in Flannel), with the source ENI's groups as group references. For an SLB: the
 * listener for the port and its ACL. Other destinations skip.
 */
export function evaluateDestinationAclHop(facts: PathFacts, path: PathContext): Hop {
  switch (path.destination.kind) {
    case 'ecs':
      return evaluateEcsDestination(facts, path);
    case 'slb':
      return evaluateSlbDestination(facts, path);
    case 'loopback':
    case 'unspecified':
    case 'linkLocal':
    case 'metadata':
    case 'nonUnicast':
    case 'internet':
    case 'vpc':
    case 'rds':
    case 'redis':
    case 'polardb':
    case 'mongodb':
    case 'clusterLoadBalancer':
    case 'clusterService':
    case 'clusterPod':
    case 'unresolved':
      return skipHop('destinationAcl', msg('analysis.destinationAcl.notEcsOrSlb'));
    default: {
      const unreachable: never = path.destination.kind;
      throw new Error(`unhandled destination kind ${String(unreachable)}`);
    }
  }
}
