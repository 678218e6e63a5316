/**
 * The form of each kind of what-if edit: its fields, their defaults taken from the diagnosis
 * (the source's first security group, the blocking rule, …), and how the filled-in values become
 * an edit. Plain data and functions, so the editor stays a renderer.
 */
import type { DiagnosisView } from '@/lib/schemas/diagnosis';
import { whatIfEditSchema, type WhatIfEdit, type WhatIfEditKind } from '@/lib/schemas/what-if';

/** Every field an edit form can have; each is labelled by `whatIf.fields.<name>` in the catalogs. */
export const FIELD_NAMES = ['securityGroupId', 'ruleId', 'direction', 'policy', 'priority', 'protocol', 'ports', 'cidr', 'networkAclId', 'entryId', 'position', 'namespace', 'name', 'podSelector', 'group', 'entry', 'natGatewayId', 'sourceVSwitchId', 'snatIps', 'snatEntryId'] as const;
export type FieldName = (typeof FIELD_NAMES)[number];
export interface FieldSpec {
  name: FieldName;
  options?: readonly string[];
}

const rule: FieldSpec[] = [{ name: 'direction', options: ['egress', 'ingress'] }, { name: 'policy', options: ['accept', 'drop'] }, { name: 'protocol', options: ['tcp', 'udp', 'icmp', 'all'] }, { name: 'ports' }, { name: 'cidr' }];

export const EDIT_FIELDS: Record<WhatIfEditKind, FieldSpec[]> = {
  addSecurityGroupRule: [{ name: 'securityGroupId' }, ...rule, { name: 'priority' }],
  removeSecurityGroupRule: [{ name: 'securityGroupId' }, { name: 'ruleId' }],
  addNetworkAclEntry: [{ name: 'networkAclId' }, ...rule, { name: 'position' }],
  removeNetworkAclEntry: [{ name: 'networkAclId' }, { name: 'direction', options: ['egress', 'ingress'] }, { name: 'entryId' }],
  addNetworkPolicy: [{ name: 'namespace' }, { name: 'name' }, { name: 'podSelector' }, { name: 'cidr' }, { name: 'protocol', options: ['TCP', 'UDP', 'SCTP'] }, { name: 'ports' }],
  removeNetworkPolicy: [{ name: 'namespace' }, { name: 'name' }],
  addWhitelistEntry: [{ name: 'group' }, { name: 'entry' }],
  removeWhitelistEntry: [{ name: 'group' }, { name: 'entry' }],
  addSnatEntry: [{ name: 'natGatewayId' }, { name: 'sourceVSwitchId' }, { name: 'snatIps' }],
  removeSnatEntry: [{ name: 'snatEntryId' }],
};

export type FieldValues = Partial<Record<FieldName, string>>;

/** Field values to start from: what the diagnosis names (its source, its blocking rule, its destination). */
export function defaultValues(diagnosis: DiagnosisView): FieldValues {
  const blocking = diagnosis.hops.find((hop) => hop.kind === diagnosis.blockingHop);
  const factOf = (kind: string) => diagnosis.hops.flatMap((hop) => hop.evidence.facts).find((fact) => fact.kind === kind)?.id ?? '';
  const address = diagnosis.destination.addresses[0] ?? '';
  return {
    securityGroupId: diagnosis.source.securityGroupIds[0] ?? '',
    ruleId: blocking?.evidence.decidedBy?.id ?? '',
    entryId: blocking?.evidence.decidedBy?.id ?? '',
    direction: 'egress',
    policy: 'accept',
    protocol: diagnosis.request.protocol,
    ports: String(diagnosis.request.port),
    cidr: address === '' ? '' : `${address}/${address.includes(':') ? 128 : 32}`,
    priority: '1',
    position: '0',
    networkAclId: factOf('networkAcl'),
    namespace: diagnosis.request.namespace,
    name: 'what-if-allow',
    podSelector: '',
    group: 'default',
    entry: diagnosis.source.sourceAddress ?? '',
    natGatewayId: factOf('natGateway'),
    sourceVSwitchId: diagnosis.source.vSwitchId ?? '',
    snatIps: '',
    snatEntryId: factOf('snatEntry'),
  };
}

function portRange(text: string | undefined): { from: number; to: number } | null {
  const match = /^\s*(\d+)\s*(?:-\s*(\d+))?\s*$/.exec(text ?? '');
  if (!match) return null;
  return { from: Number(match[1]), to: Number(match[2] ?? match[1]) };
}

function labels(text: string | undefined): Record<string, string> {
  return Object.fromEntries((text ?? '').split(',').flatMap((pair) => {
    const [key, value] = pair.split('=').map((part) => part.trim());
    return key ? [[key, value ?? '']] : [];
  }));
}

/** The edit the form describes, parsed by the API's own schema, or what is wrong with it. */
export function toEdit(kind: WhatIfEditKind, values: FieldValues): { kind: 'ok'; edit: WhatIfEdit } | { kind: 'invalid'; message: string } {
  const text = (name: FieldName) => (values[name] ?? '').trim();
  const number = (name: FieldName) => Number(text(name));
  const raw: Record<string, unknown> = (() => {
    switch (kind) {
      case 'addSecurityGroupRule':
        return { securityGroupId: text('securityGroupId'), direction: text('direction'), policy: text('policy'), protocol: text('protocol'), portRange: portRange(values.ports), cidr: text('cidr'), priority: number('priority') };
      case 'removeSecurityGroupRule':
        return { securityGroupId: text('securityGroupId'), ruleId: text('ruleId') };
      case 'addNetworkAclEntry':
        return { networkAclId: text('networkAclId'), direction: text('direction'), policy: text('policy'), protocol: text('protocol'), portRange: portRange(values.ports), cidr: text('cidr'), position: number('position') };
      case 'removeNetworkAclEntry':
        return { networkAclId: text('networkAclId'), direction: text('direction'), entryId: text('entryId') };
      case 'addNetworkPolicy': {
        const range = portRange(values.ports);
        const ports = range ? [{ protocol: text('protocol').toUpperCase() || 'TCP', port: range.from, endPort: range.to === range.from ? null : range.to }] : null;
        return { policy: { namespace: text('namespace'), name: text('name'), podSelector: { matchLabels: labels(values.podSelector) }, policyTypes: ['Egress'], egress: [{ peers: [{ ipBlock: { cidr: text('cidr') } }], ports }] } };
      }
      case 'removeNetworkPolicy':
        return { namespace: text('namespace'), name: text('name') };
      case 'addWhitelistEntry':
      case 'removeWhitelistEntry':
        return { group: text('group'), entry: text('entry') };
      case 'addSnatEntry':
        return { natGatewayId: text('natGatewayId'), sourceVSwitchId: text('sourceVSwitchId'), snatIps: text('snatIps').split(',').map((ip) => ip.trim()).filter(Boolean) };
      case 'removeSnatEntry':
        return { snatEntryId: text('snatEntryId') };
      default: {
        const exhaustive: never = kind;
        throw new Error(`invariant: unknown what-if edit ${String(exhaustive)}`);
      }
    }
  })();
  const parsed = whatIfEditSchema.safeParse({ kind, ...raw });
  if (parsed.success) return { kind: 'ok', edit: parsed.data };
  return { kind: 'invalid', message: parsed.error.issues.map((issue) => `${issue.path.join('.') || kind}: ${issue.message}`).join('; ') };
}

/** What an edit names (ids, addresses, ports), for the list of edits after its kind's label (`whatIf.kinds.<kind>`). */
export function editDetail(edit: WhatIfEdit): string {
  return Object.entries(edit)
    .filter(([key, value]) => key !== 'kind' && (typeof value === 'string' || typeof value === 'number'))
    .map(([, value]) => String(value))
    .join(' ');
}
