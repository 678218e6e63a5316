/**
 * NetworkPolicy converter. Kept apart from the other converters because the rule shapes
 * need care: absent vs empty lists mean different things to the analysis.
 */
import 'server-only';

import type {
  V1LabelSelector,
  V1NetworkPolicy,
  V1NetworkPolicyPeer,
  V1NetworkPolicyPort,
} from '@kubernetes/client-node';

import type { LabelSelector, NetworkPolicy, NetworkPolicyPeer, NetworkPolicyPort, NetworkPolicyRule } from '@/lib/analysis/model';

import { toProtocol } from './convert';

type SelectorOperator = NonNullable<LabelSelector['matchExpressions']>[number]['operator'];

/**
 * A NetworkPolicy. `policyTypes`, `ingress` and `egress` stay null when the manifest omits
 * them (the analysis applies Kubernetes' defaulting), and a rule's `peers`/`ports` stay null
 * when absent ("every peer" / "every port"). NOTE: client-node names ingress peers `_from`.
 */
export function toNetworkPolicy(raw: V1NetworkPolicy): NetworkPolicy {
  const spec = raw.spec;
  return {
    namespace: raw.metadata?.namespace ?? '',
    name: raw.metadata?.name ?? '',
    podSelector: toLabelSelector(spec?.podSelector ?? {}),
    policyTypes: spec?.policyTypes ? spec.policyTypes.filter((type) => type === 'Ingress' || type === 'Egress') : null,
    ingress: spec?.ingress ? spec.ingress.map((rule) => toRule(rule._from, rule.ports)) : null,
    egress: spec?.egress ? spec.egress.map((rule) => toRule(rule.to, rule.ports)) : null,
  };
}

function toRule(peers: V1NetworkPolicyPeer[] | undefined, ports: V1NetworkPolicyPort[] | undefined): NetworkPolicyRule {
  return { peers: peers ? peers.map(toPeer) : null, ports: ports ? ports.map(toPort) : null };
}

function toPeer(raw: V1NetworkPolicyPeer): NetworkPolicyPeer {
  return {
    podSelector: raw.podSelector ? toLabelSelector(raw.podSelector) : null,
    namespaceSelector: raw.namespaceSelector ? toLabelSelector(raw.namespaceSelector) : null,
    ipBlock: raw.ipBlock ? { cidr: raw.ipBlock.cidr, except: raw.ipBlock.except ?? [] } : null,
  };
}

/** Protocol defaults to TCP; `endPort` only means something with a numeric `port`. */
function toPort(raw: V1NetworkPolicyPort): NetworkPolicyPort {
  return { protocol: toProtocol(raw.protocol), port: raw.port ?? null, endPort: raw.endPort ?? null };
}

/**
 * A `metav1.LabelSelector`, keeping only the keys that are present. Throws on an operator
 * Kubernetes does not allow (the API server validates them, so this is a broken invariant).
 */
export function toLabelSelector(raw: V1LabelSelector): LabelSelector {
  const selector: LabelSelector = {};
  if (raw.matchLabels) selector.matchLabels = raw.matchLabels;
  if (raw.matchExpressions) {
    selector.matchExpressions = raw.matchExpressions.map((expression) => ({
      key: expression.key,
      operator: toSelectorOperator(expression.operator),
      ...(expression.values ? { values: expression.values } : {}),
    }));
  }
  return selector;
}

function toSelectorOperator(operator: string): SelectorOperator {
  switch (operator) {
    case 'In':
    case 'NotIn':
    case 'Exists':
    case 'DoesNotExist':
      return operator;
    default:
      throw new Error(`invariant: a label selector operator is In, NotIn, Exists or DoesNotExist, not "${operator}"`);
  }
}
