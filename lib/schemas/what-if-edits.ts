/**
 * What-if edits: hypothetical changes to the facts of a saved diagnosis, as the API takes them
 * (`POST /api/diagnoses/{id}/what-if`) and the browser sends them. Each edit adds or removes one
 * security-group rule, network ACL entry, NetworkPolicy, whitelist entry or SNAT entry.
 */
import { z } from 'zod';

const id = z.string().trim().min(1).max(128);
const cidrOrIp = z
  .string()
  .trim()
  .min(2)
  .max(64)
  .regex(/^[0-9a-fA-F.:]+(\/\d{1,3})?$/, 'must be an IP address or CIDR block (e.g. 203.0.113.0/24)');
const ruleProtocol = z.enum(['tcp', 'udp', 'icmp', 'icmpv6', 'gre', 'all']);
const portRange = z
  .object({ from: z.number().int().min(1).max(65535), to: z.number().int().min(1).max(65535) })
  .refine((range) => range.from <= range.to, 'from must not exceed to')
  .nullable()
  .default(null)
  .describe('null for every port');
const k8sName = z.string().trim().min(1).max(253).regex(/^[a-z0-9]([-a-z0-9.]*[a-z0-9])?$/, 'must be a Kubernetes name (lower-case letters, digits, dashes, dots)');
const labels = z.record(z.string().max(317), z.string().max(63));
const labelSelector = z.object({
  matchLabels: labels.optional(),
  matchExpressions: z.array(z.object({ key: z.string().max(317), operator: z.enum(['In', 'NotIn', 'Exists', 'DoesNotExist']), values: z.array(z.string().max(63)).max(50).optional() })).max(20).optional(),
});
const policyPeer = z.object({
  podSelector: labelSelector.nullable().default(null),
  namespaceSelector: labelSelector.nullable().default(null),
  ipBlock: z.object({ cidr: cidrOrIp, except: z.array(cidrOrIp).max(20).default([]) }).nullable().default(null),
});
const policyPort = z.object({
  protocol: z.enum(['TCP', 'UDP', 'SCTP']).default('TCP'),
  port: z.union([z.number().int().min(1).max(65535), z.string().min(1).max(15)]).nullable().default(null),
  endPort: z.number().int().min(1).max(65535).nullable().default(null),
});
const policyRule = z.object({ peers: z.array(policyPeer).max(20).nullable().default(null), ports: z.array(policyPort).max(20).nullable().default(null) });

/** A NetworkPolicy as the model holds it (lib/analysis/model.ts `NetworkPolicy`). */
export const networkPolicyInputSchema = z.object({
  namespace: k8sName,
  name: k8sName,
  podSelector: labelSelector.default({}),
  policyTypes: z.array(z.enum(['Ingress', 'Egress'])).max(2).nullable().default(null),
  ingress: z.array(policyRule).max(20).nullable().default(null),
  egress: z.array(policyRule).max(20).nullable().default(null),
});

/** One hypothetical change; `kind` names it. */
export const whatIfEditSchema = z.discriminatedUnion('kind', [
  z.object({
    kind: z.literal('addSecurityGroupRule'),
    securityGroupId: id,
    direction: z.enum(['egress', 'ingress']).default('egress'),
    policy: z.enum(['accept', 'drop']).default('accept'),
    priority: z.number().int().min(1).max(100).default(1),
    protocol: ruleProtocol.default('tcp'),
    portRange,
    cidr: cidrOrIp.describe('the far side: destination for egress, source for ingress'),
    description: z.string().max(256).default(''),
  }),
  z.object({ kind: z.literal('removeSecurityGroupRule'), securityGroupId: id, ruleId: id }),
  z.object({
    kind: z.literal('addNetworkAclEntry'),
    networkAclId: id,
    direction: z.enum(['egress', 'ingress']).default('egress'),
    /** Index in the list (0 = evaluated first); the end of the list when absent. */
    position: z.number().int().min(0).max(1000).optional(),
    policy: z.enum(['accept', 'drop']).default('accept'),
    protocol: ruleProtocol.default('tcp'),
    portRange,
    cidr: cidrOrIp,
    description: z.string().max(256).default(''),
  }),
  z.object({ kind: z.literal('removeNetworkAclEntry'), networkAclId: id, direction: z.enum(['egress', 'ingress']), entryId: id }),
  z.object({ kind: z.literal('addNetworkPolicy'), policy: networkPolicyInputSchema }),
  z.object({ kind: z.literal('removeNetworkPolicy'), namespace: k8sName, name: k8sName }),
  z.object({ kind: z.literal('addWhitelistEntry'), group: z.string().trim().min(1).max(64).default('default'), entry: cidrOrIp }),
  z.object({ kind: z.literal('removeWhitelistEntry'), group: z.string().trim().min(1).max(64), entry: cidrOrIp }),
  z.object({
    kind: z.literal('addSnatEntry'),
    natGatewayId: id,
    /** The entry covers a vSwitch (`vsw-…`) or a CIDR block: exactly one of the two. */
    sourceVSwitchId: id.optional(),
    sourceCidr: cidrOrIp.optional(),
    snatIps: z.array(z.string().trim().min(2).max(45)).min(1).max(20),
  }),
  z.object({ kind: z.literal('removeSnatEntry'), snatEntryId: id }),
]);
export type WhatIfEdit = z.infer<typeof whatIfEditSchema>;
export type WhatIfEditKind = WhatIfEdit['kind'];

/** A saved hypothetical: which diagnosis it edits and how. */
export const whatIfOriginSchema = z.object({ baseId: z.string(), edits: z.array(whatIfEditSchema) });
export type WhatIfOrigin = z.infer<typeof whatIfOriginSchema>;

