/**
 * Hop `nasAccessGroup`: whether the NAS mount target the destination names lets the pod mount —
 * the mount target exists, is Active, is in the pod's VPC, and a rule of its permission group
 * covers the address NAS sees (the pod IP on ACS and Terway, the node IP on Flannel: the path's
 * source address). Among the rules that cover it, the highest priority (1) applies; RDONLY lets
 * it mount but refuses writes. Pure. Semantics and sources: docs/gates/nas-access-group.md.
 */
import { describeFactError, makeHop, ref, regionOf, skipHop, unknownHop, withTitle } from '@/lib/analysis/hop-helpers';
import { cidrContains, isIp } from '@/lib/analysis/ip';
import { msg } from '@/lib/analysis/message';
import type { EvidenceTable, FactBasis, FactRef, Hop, PathContext, PathFacts } from '@/lib/analysis/model';

import { parseMountTargetDomain } from './endpoint';
import { DEFAULT_VPC_GROUP_NAME, type NasAccessGroupFacts, type NasAccessRule, type NasMountTarget } from './facts';
import { accessRuleFixes } from './fixes';

const M = 'analysis.nasAccessGroup';

/** Whether `rule` covers `address` (`SourceCidrIp` may be a bare address; IPv6 addresses match `Ipv6SourceCidrIp`). */
export function ruleCovers(rule: NasAccessRule, address: string): boolean {
  const source = address.includes(':') ? rule.ipv6SourceCidrIp : rule.sourceCidrIp;
  if (source === '') return false;
  const cidr = source.includes('/') ? source : `${source}/${address.includes(':') ? 128 : 32}`;
  if (!isIp(cidr.slice(0, cidr.indexOf('/')))) return false;
  return cidrContains(cidr, address);
}

/** The rules covering `address`, highest priority first (the first one applies). */
export function matchingRules(rules: readonly NasAccessRule[], address: string): NasAccessRule[] {
  return rules.filter((rule) => ruleCovers(rule, address)).sort((a, b) => a.priority - b.priority);
}

function basisOf(facts: NasAccessGroupFacts | null, domain: string, group: string | null, error: FactBasis['error'] = null): FactBasis[] {
  return [
    { fact: `DescribeMountTargets ${domain}`, neededFor: `whether mount target ${domain} exists and which permission group it applies`, error },
    ...(group !== null && facts?.rules ? [{ fact: `DescribeAccessRules ${group}`, neededFor: `whether a rule of permission group ${group} covers the pod`, error: facts.rules.kind === 'missing' ? facts.rules.error : null }] : []),
  ];
}

function rulesTable(group: string, rules: readonly NasAccessRule[], address: string, decidedBy: NasAccessRule | null): EvidenceTable {
  const sorted = [...rules].sort((a, b) => a.priority - b.priority);
  const index = decidedBy === null ? -1 : sorted.indexOf(decidedBy);
  return withTitle(
    {
      title: '',
      columns: ['priority', 'rule', 'source', 'access', 'users', `covers ${address}`],
      rows: sorted.map((rule) => [String(rule.priority), rule.id, [rule.sourceCidrIp, rule.ipv6SourceCidrIp].filter(Boolean).join(', '), rule.rwAccess, rule.userAccess, ruleCovers(rule, address) ? 'yes' : 'no']),
      decidingRow: index === -1 ? null : index,
    },
    msg(`${M}.rulesTable`, { group }),
  );
}

const targetRef = (domain: string): FactRef => ref('nasMountTarget', domain, `NAS mount target ${domain}`);
const ruleRef = (group: string, rule: NasAccessRule): FactRef => ref('nasAccessRule', `${group}/${rule.id}`, `rule ${rule.id} of permission group ${group}`);

/** The mount target's own state: Active, on a VPC, in the pod's VPC. Null when it is fine. */
function mountTargetHop(target: NasMountTarget, path: PathContext, basis: FactBasis[]): Hop | null {
  const facts = [targetRef(target.domain)];
  const block = (id: string, params: Record<string, string>) => ({ ...makeHop('nasAccessGroup', 'block', msg(`${M}.${id}`, params), { evidence: { facts } }), basis });
  if (target.status !== 'Active') return block('inactive', { domain: target.domain, status: target.status });
  if (target.networkType !== 'Vpc') return block('classic', { domain: target.domain });
  const podVpc = path.source.vpcId;
  if (podVpc === null) return { ...unknownHop('nasAccessGroup', msg(`${M}.vpcUnknown`, { domain: target.domain }), { facts }), basis };
  if (target.vpcId !== null && target.vpcId !== podVpc) return block('otherVpc', { domain: target.domain, mountVpc: target.vpcId, podVpc });
  return null;
}

/** The hop from what the gate read. */
export function evaluateNasAccessGroup(read: NasAccessGroupFacts, facts: PathFacts, path: PathContext): Hop {
  const { endpoint, mountTarget } = read;
  const baseBasis = basisOf(read, endpoint.domain, null);
  const region = regionOf(facts);
  // The mount target was looked up in the pod's region (NAS's endpoint is regional); another region's is no mount of this VPC's.
  if (region !== null && region !== endpoint.region) {
    return { ...makeHop('nasAccessGroup', 'block', msg(`${M}.otherRegion`, { domain: endpoint.domain, region: endpoint.region, podRegion: region }), { evidence: { facts: [targetRef(endpoint.domain)] } }), basis: baseBasis };
  }
  if (mountTarget === null) {
    return { ...makeHop('nasAccessGroup', 'block', msg(`${M}.noMountTarget`, { domain: endpoint.domain, fileSystem: endpoint.fileSystemId }), { evidence: { facts: [targetRef(endpoint.domain)] } }), basis: baseBasis };
  }
  const stateHop = mountTargetHop(mountTarget, path, baseBasis);
  if (stateHop !== null) return stateHop;
  const group = mountTarget.accessGroup;
  const refs = [targetRef(mountTarget.domain), ref('nasAccessGroup', group, `NAS permission group ${group}`)];
  if (group === DEFAULT_VPC_GROUP_NAME) return { ...makeHop('nasAccessGroup', 'pass', msg(`${M}.defaultGroup`, { domain: mountTarget.domain, group }), { evidence: { facts: refs } }), basis: baseBasis };
  const basis = basisOf(read, endpoint.domain, group);
  const address = path.source.sourceAddress;
  if (address === null) return { ...unknownHop('nasAccessGroup', msg(`${M}.sourceUnknown`, { domain: mountTarget.domain }), { facts: refs }), basis };
  const rules = read.rules;
  if (rules === null) return { ...unknownHop('nasAccessGroup', msg(`${M}.rulesNotRead`, { group }), { facts: refs }), basis };
  if (rules.kind === 'missing') return { ...unknownHop('nasAccessGroup', describeFactError(rules.error), { facts: refs }), basis };
  const matching = matchingRules(rules.value, address);
  const decidedBy = matching[0] ?? null;
  const seen = msg(`${M}.seen`, { what: path.source.networkMode === 'flannel' ? 'nodeIp' : 'podIp', address });
  const tied = decidedBy === null ? [] : matching.filter((rule) => rule.priority === decidedBy.priority);
  const notes = [
    seen,
    ...(tied.some((rule) => rule.rwAccess !== decidedBy?.rwAccess) ? [msg(`${M}.tie`, { ids: tied.map((rule) => rule.id).join(', '), priority: String(decidedBy?.priority ?? '') })] : []),
  ];
  const evidence = { facts: refs, tables: [rulesTable(group, rules.value, address, decidedBy)], notes, decidedBy: decidedBy === null ? null : ruleRef(group, decidedBy) };
  const fixInput = { group, fileSystemType: 'standard' as const, regionId: regionOf(facts), target: ref('nasAccessGroup', group, `NAS permission group ${group}`) };
  const vSwitchCidr = path.source.networkMode === 'flannel' ? null : path.source.vSwitchCidr;
  if (decidedBy === null) {
    return { ...makeHop('nasAccessGroup', 'block', msg(`${M}.noRule`, { group, address, domain: mountTarget.domain }), { evidence, fixes: accessRuleFixes(fixInput, address, vSwitchCidr, null) }), basis };
  }
  const params = { group, address, domain: mountTarget.domain, id: decidedBy.id, priority: String(decidedBy.priority), source: decidedBy.sourceCidrIp || decidedBy.ipv6SourceCidrIp };
  if (decidedBy.rwAccess === 'RDONLY') {
    return { ...makeHop('nasAccessGroup', 'warn', msg(`${M}.readOnly`, params), { evidence, fixes: accessRuleFixes(fixInput, address, vSwitchCidr, decidedBy) }), basis };
  }
  return { ...makeHop('nasAccessGroup', 'pass', msg(`${M}.allowed`, params), { evidence }), basis };
}

/** The hop from the path's facts: skip for a destination that is no mount target domain; unknown when it was not read. */
export function evaluateNasAccessGroupHop(facts: PathFacts, path: PathContext): Hop {
  const endpoint = parseMountTargetDomain(facts.request.host);
  if (endpoint === null) return skipHop('nasAccessGroup', msg(`${M}.notMountTarget`));
  const fact = facts.cloud.gates?.nasAccessGroup;
  if (fact === undefined || (fact.kind === 'ok' && fact.value === null)) return unknownHop('nasAccessGroup', msg(`${M}.notRead`, { domain: endpoint.domain }));
  if (fact.kind === 'missing') return { ...unknownHop('nasAccessGroup', describeFactError(fact.error)), basis: basisOf(null, endpoint.domain, null, fact.error) };
  if (fact.value === null) return unknownHop('nasAccessGroup', msg(`${M}.notRead`, { domain: endpoint.domain }));
  return evaluateNasAccessGroup(fact.value, facts, path);
}
