/**
 * A fix applied to the facts instead of the world (pure): the facts as they would read after
 * the change, so the path can be evaluated again to see whether the fix alone unblocks it.
 * Covers the changes the fix builders of lib/fixes produce; another change gives null
 * (“cannot tell”), never a guess. A fix that makes a change a what-if edit can describe
 * (a security-group rule, an SNAT entry, whitelist addresses, a NetworkPolicy) is turned into
 * those edits and applied by the what-if's code (lib/what-if/apply-edits.ts): one
 * implementation of each change; the others (ACL lists, routes, SLB, Services) are here.
 */
import { parse } from 'yaml';
import { z } from 'zod';

import type { CloudFacts, Fact, Fix, LabelSelector, NetworkAclEntry, NetworkPolicy, NetworkPolicyPeer, PathFacts, PortRange, SecurityGroupRule } from '@/lib/analysis/model';
import type { WhatIfEdit } from '@/lib/schemas/what-if-edits';
import { applyWhatIfEdits } from '@/lib/what-if/apply-edits';

type AlicloudFix = Extract<Fix, { kind: 'alicloud' }>;

/** The id given to what a simulated change creates (the cloud assigns the real one). */
export const SIMULATED_ID = 'simulated';

const mapFact = <T>(fact: Fact<T>, change: (value: T) => T): Fact<T> => (fact.kind === 'ok' ? { kind: 'ok', value: change(fact.value) } : fact);

function portRangeOf(text: string | undefined): PortRange | null {
  const match = /^(-?\d+)\/(-?\d+)$/.exec(text ?? '');
  if (!match || match[1] === '-1') return null;
  return { from: Number(match[1]), to: Number(match[2]) };
}

const PROTOCOLS = ['tcp', 'udp', 'icmp', 'icmpv6', 'gre', 'all'] as const;
function protocolOf(text: string | undefined): SecurityGroupRule['protocol'] {
  const lower = (text ?? 'all').toLowerCase();
  return PROTOCOLS.find((protocol) => protocol === lower) ?? 'all';
}

/** `EgressAclEntries.N.*` (or Ingress) back to entries, in N order. */
function aclEntries(parameters: Record<string, string>, prefix: string, cidrKey: string): NetworkAclEntry[] {
  const indexes = [...new Set(Object.keys(parameters).flatMap((key) => (key.startsWith(`${prefix}.`) ? [Number(key.split('.')[1])] : [])))].sort((a, b) => a - b);
  return indexes.map((index) => {
    const field = (name: string) => parameters[`${prefix}.${index}.${name}`];
    return {
      id: field('NetworkAclEntryId') ?? `nae-${SIMULATED_ID}-${index}`,
      name: field('NetworkAclEntryName') ?? '',
      entryType: field('EntryType') ?? 'custom',
      policy: field('Policy') === 'drop' ? 'drop' : 'accept',
      protocol: protocolOf(field('Protocol')),
      portRange: portRangeOf(field('Port')),
      cidr: field(cidrKey) ?? '',
      description: field('Description') ?? '',
    };
  });
}

const slbAclEntriesSchema = z.array(z.object({ entry: z.string(), comment: z.string().optional() }));

function applyCloudFix(cloud: CloudFacts, fix: AlicloudFix): CloudFacts | null {
  const p = fix.parameters;
  switch (fix.action) {
    case 'UpdateNetworkAclEntries': {
      const egress = p.UpdateEgressAclEntries === 'true' ? aclEntries(p, 'EgressAclEntries', 'DestinationCidrIp') : null;
      const ingress = p.UpdateIngressAclEntries === 'true' ? aclEntries(p, 'IngressAclEntries', 'SourceCidrIp') : null;
      return { ...cloud, networkAcls: mapFact(cloud.networkAcls, (acls) => acls.map((acl) => (acl.id === p.NetworkAclId ? { ...acl, egress: egress ?? acl.egress, ingress: ingress ?? acl.ingress } : acl))) };
    }
    case 'CreateRouteEntry': {
      const entry = { id: `rte-${SIMULATED_ID}`, destinationCidr: p.DestinationCidrBlock ?? '', type: 'Custom', status: 'Available', nextHops: [{ type: p.NextHopType ?? '', id: p.NextHopId ?? '' }] };
      return { ...cloud, routeTables: mapFact(cloud.routeTables, (tables) => tables.map((table) => (table.id === p.RouteTableId ? { ...table, entries: [...table.entries, entry] } : table))) };
    }
    case 'AddAccessControlListEntry': {
      const parsed = slbAclEntriesSchema.safeParse(JSON.parse(p.AclEntrys ?? '[]'));
      if (!parsed.success) return null;
      const added = parsed.data.map((item) => ({ cidr: item.entry, comment: item.comment ?? '' }));
      return { ...cloud, slbAcls: mapFact(cloud.slbAcls, (acls) => acls.map((acl) => (acl.id === p.AclId ? { ...acl, entries: [...acl.entries, ...added] } : acl))) };
    }
    case 'StartLoadBalancerListener':
      return {
        ...cloud,
        loadBalancer: mapFact(cloud.loadBalancer, (balancer) =>
          balancer === null || balancer.id !== p.LoadBalancerId ? balancer : { ...balancer, listeners: balancer.listeners.map((listener) => (String(listener.port) === p.ListenerPort ? { ...listener, status: 'running' } : listener)) },
        ),
      };
    default:
      return null;
  }
}

/**
 * The what-if edits that make the change of cloud fix `fix`: [] when none describes it (the
 * fix is applied here), null when it is one we know but cannot read (no CIDR, no gateway).
 */
function cloudEditsOf(cloud: CloudFacts, fix: AlicloudFix): WhatIfEdit[] | null {
  const p = fix.parameters;
  switch (fix.action) {
    case 'AuthorizeSecurityGroupEgress':
    case 'AuthorizeSecurityGroup': {
      const direction = fix.action === 'AuthorizeSecurityGroup' ? 'ingress' : 'egress';
      const cidr = direction === 'egress' ? (p.DestCidrIp ?? p.Ipv6DestCidrIp) : (p.SourceCidrIp ?? p.Ipv6SourceCidrIp);
      if (cidr === undefined || p.SecurityGroupId === undefined) return null;
      const portRange = portRangeOf(p.PortRange);
      return [
        {
          kind: 'addSecurityGroupRule',
          securityGroupId: p.SecurityGroupId,
          direction,
          policy: p.Policy === 'drop' ? 'drop' : 'accept',
          priority: Number(p.Priority ?? '1'),
          protocol: protocolOf(p.IpProtocol),
          portRange: portRange && portRange.from >= 1 ? portRange : null,
          cidr,
          description: p.Description ?? '',
        },
      ];
    }
    case 'RevokeSecurityGroupEgress':
    case 'RevokeSecurityGroup': {
      const ruleId = p['SecurityGroupRuleId.1'];
      return ruleId === undefined || p.SecurityGroupId === undefined ? null : [{ kind: 'removeSecurityGroupRule', securityGroupId: p.SecurityGroupId, ruleId }];
    }
    case 'CreateSnatEntry': {
      const gateway = cloud.natGateways.kind === 'ok' ? cloud.natGateways.value.find((item) => item.snatTableIds[0] === p.SnatTableId) : undefined;
      const snatIps = (p.SnatIp ?? '').split(',').filter(Boolean);
      if (gateway === undefined || snatIps.length === 0) return null;
      const source = p.SourceVSwitchId !== undefined ? { sourceVSwitchId: p.SourceVSwitchId } : p.SourceCIDR !== undefined ? { sourceCidr: p.SourceCIDR } : null;
      return source === null ? null : [{ kind: 'addSnatEntry', natGatewayId: gateway.id, ...source, snatIps }];
    }
    case 'ModifySecurityIps': {
      if (p.ModifyMode !== 'Append' || cloud.whitelist === null) return null;
      const group = p.DBInstanceIPArrayName ?? p.SecurityIpGroupName ?? 'default';
      return (p.SecurityIps ?? '').split(',').filter(Boolean).map((entry) => ({ kind: 'addWhitelistEntry', group, entry }));
    }
    default:
      return [];
  }
}

/** `facts` with `edits` applied by the what-if's code; null when one cannot apply (its object is not on the path). */
function withEdits(facts: PathFacts, edits: WhatIfEdit[]): PathFacts | null {
  const outcome = applyWhatIfEdits(facts, edits);
  return outcome.kind === 'ok' ? outcome.facts : null;
}

const selectorSchema = z.object({ matchLabels: z.record(z.string(), z.string()).optional() });
const peerSchema = z.object({ podSelector: selectorSchema.optional(), namespaceSelector: selectorSchema.optional(), ipBlock: z.object({ cidr: z.string(), except: z.array(z.string()).optional() }).optional() });
const portSchema = z.object({ protocol: z.enum(['TCP', 'UDP', 'SCTP']).optional(), port: z.union([z.number(), z.string()]).optional(), endPort: z.number().optional() });
const ruleSchema = z.object({ to: z.array(peerSchema).optional(), from: z.array(peerSchema).optional(), ports: z.array(portSchema).optional() });
/** The NetworkPolicy manifests our fixes write (kubernetes-fixes.ts): selectors by labels, ipBlocks, ports. */
const networkPolicyManifestSchema = z.object({
  kind: z.literal('NetworkPolicy'),
  metadata: z.object({ name: z.string(), namespace: z.string() }),
  spec: z.object({ podSelector: selectorSchema, policyTypes: z.array(z.enum(['Ingress', 'Egress'])).optional(), egress: z.array(ruleSchema).optional(), ingress: z.array(ruleSchema).optional() }),
});

const toSelector = (selector: z.infer<typeof selectorSchema>): LabelSelector => (selector.matchLabels ? { matchLabels: selector.matchLabels } : {});
const toPeer = (peer: z.infer<typeof peerSchema>): NetworkPolicyPeer => ({
  podSelector: peer.podSelector ? toSelector(peer.podSelector) : null,
  namespaceSelector: peer.namespaceSelector ? toSelector(peer.namespaceSelector) : null,
  ipBlock: peer.ipBlock ? { cidr: peer.ipBlock.cidr, except: peer.ipBlock.except ?? [] } : null,
});
const toRule = (rule: z.infer<typeof ruleSchema>, peers: Array<z.infer<typeof peerSchema>> | undefined) => ({
  peers: peers ? peers.map(toPeer) : null,
  ports: rule.ports ? rule.ports.map((port) => ({ protocol: port.protocol ?? 'TCP', port: port.port ?? null, endPort: port.endPort ?? null })) : null,
});

/** A NetworkPolicy manifest of a fix as the domain model; null when it is not one we can read. */
function networkPolicyOf(yaml: string): NetworkPolicy | null {
  const parsed = networkPolicyManifestSchema.safeParse(parse(yaml));
  if (!parsed.success) return null;
  const { metadata, spec } = parsed.data;
  return {
    namespace: metadata.namespace,
    name: metadata.name,
    podSelector: toSelector(spec.podSelector),
    policyTypes: spec.policyTypes ?? null,
    egress: spec.egress ? spec.egress.map((rule) => toRule(rule, rule.to)) : null,
    ingress: spec.ingress ? spec.ingress.map((rule) => toRule(rule, rule.from)) : null,
  };
}

const servicePatchSchema = z.object({ spec: z.object({ externalTrafficPolicy: z.enum(['Cluster', 'Local']).optional() }).optional(), metadata: z.object({ annotations: z.record(z.string(), z.string()).optional() }).optional() });

/** `facts` with `fix` applied, or null when this kind of change cannot be simulated. */
export function applyFixToFacts(facts: PathFacts, fix: Fix): PathFacts | null {
  switch (fix.kind) {
    case 'alicloud': {
      const edits = cloudEditsOf(facts.cloud, fix);
      if (edits === null) return null;
      if (edits.length > 0) return withEdits(facts, edits);
      const cloud = applyCloudFix(facts.cloud, fix);
      return cloud === null ? null : { ...facts, cloud };
    }
    case 'kubernetes': {
      if (fix.target.kind === 'networkPolicy' && fix.patchType === 'apply') {
        const policy = networkPolicyOf(fix.yaml);
        if (policy === null) return null;
        // An apply replaces a policy of the same name.
        const exists = facts.cluster.networkPolicies.kind === 'ok' && facts.cluster.networkPolicies.value.some((item) => item.namespace === policy.namespace && item.name === policy.name);
        return withEdits(facts, [...(exists ? [{ kind: 'removeNetworkPolicy' as const, namespace: policy.namespace, name: policy.name }] : []), { kind: 'addNetworkPolicy', policy }]);
      }
      if (fix.target.kind === 'service' && fix.patchType === 'merge') {
        const patch = servicePatchSchema.safeParse(parse(fix.yaml));
        if (!patch.success) return null;
        const [namespace, name] = fix.target.id.split('/');
        const services = mapFact(facts.cluster.services, (list) =>
          list.map((service) =>
            service.namespace === namespace && service.name === name
              ? { ...service, externalTrafficPolicy: patch.data.spec?.externalTrafficPolicy ?? service.externalTrafficPolicy, annotations: { ...service.annotations, ...patch.data.metadata?.annotations } }
              : service,
          ),
        );
        return { ...facts, cluster: { ...facts.cluster, services } };
      }
      return null;
    }
    case 'manual':
      return null;
    default: {
      const exhaustive: never = fix;
      throw new Error(`unhandled fix ${JSON.stringify(exhaustive)}`);
    }
  }
}
