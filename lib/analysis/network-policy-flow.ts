/**
 * One flow from a source pod through NetworkPolicy: the source's egress policies, the
 * destination pod's ingress policies, and whether each side is enforced. Shared by the
 * networkPolicy hop and the dns hop (port 53 toward CoreDNS). Pure.
 */
import { english, msg, type Message } from './message';
import type { ClusterInfo, Namespace, NetworkPolicy, Pod } from './model';
import { decideEgress, decideIngress, type PolicyDecision, type PolicyProtocol } from './network-policy';
import { findPodByAddress } from './network-policy-peer';

const AGENT_ANNOTATION = 'alibabacloud.com/enable-network-policy-agent';

/** Whether policies selecting one pod are enforced, and why. */
export interface PolicyEnforcement {
  enforced: boolean;
  reason: string;
  /** `reason` as a message, where converted. */
  reasonMessage?: Message;
}

/**
 * Enforcement for policies selecting `pod`: `always` and `never` follow the cluster;
 * `perPod` (ACS) enforces only for pods annotated `alibabacloud.com/enable-network-policy-agent: "true"`.
 */
export function policyEnforcement(cluster: ClusterInfo, pod: Pod): PolicyEnforcement {
  const mode = cluster.networkPolicyEnforcement;
  // The reason is embedded in sentences; drop its own final period.
  const clusterReason = cluster.enforcementReason.replace(/\.+$/, '');
  switch (mode) {
    case 'always':
      return { enforced: true, reason: clusterReason };
    case 'never':
      return { enforced: false, reason: clusterReason };
    case 'perPod': {
      const id = `${pod.namespace}/${pod.name}`;
      if (pod.annotations[AGENT_ANNOTATION] === 'true') {
        const reasonMessage = msg('analysis.networkPolicy.agentAnnotated', { pod: id, annotation: AGENT_ANNOTATION });
        return { enforced: true, reason: english(reasonMessage), reasonMessage };
      }
      const reasonMessage = msg('analysis.networkPolicy.agentNotAnnotated', { pod: id, annotation: AGENT_ANNOTATION });
      return { enforced: false, reason: english(reasonMessage), reasonMessage };
    }
    default: {
      const unreachable: never = mode;
      throw new Error(`unknown NetworkPolicy enforcement mode ${String(unreachable)}`);
    }
  }
}

/** One address the packets may carry after Service translation (a backend, or the address itself). */
export interface FlowTarget {
  address: string;
  port: number;
  protocol: PolicyProtocol;
  /** The pod holding `address`, when it is a pod of this cluster. */
  pod: Pod | null;
}

/** `allowed`; `unenforced`: a policy would deny but is not enforced; `denied`. */
export type FlowVerdict = 'allowed' | 'unenforced' | 'denied';

/** The flow toward one target. */
export interface TargetOutcome {
  target: FlowTarget;
  egress: PolicyDecision;
  egressEnforcement: PolicyEnforcement;
  /** Ingress policies of the destination pod; null for a non-pod destination. */
  ingress: { decision: PolicyDecision; enforcement: PolicyEnforcement } | null;
  verdict: FlowVerdict;
}

/** Input of `evaluateFlow`. */
export interface FlowInput {
  cluster: ClusterInfo;
  source: Pod;
  namespaces: Namespace[];
  pods: Pod[];
  policies: NetworkPolicy[];
  /** Non-empty list of candidate targets (e.g. every ready backend of a Service). */
  targets: FlowTarget[];
}

/** Every target's outcome, and the one shown as evidence: the first allowed, else the first unenforced, else the first. */
export interface FlowOutcome {
  chosen: TargetOutcome;
  outcomes: TargetOutcome[];
}

function sideVerdict(decision: PolicyDecision, enforcement: PolicyEnforcement): FlowVerdict {
  if (decision.kind !== 'denied') return 'allowed';
  return enforcement.enforced ? 'denied' : 'unenforced';
}

const RANK: Record<FlowVerdict, number> = { allowed: 0, unenforced: 1, denied: 2 };

function combine(verdicts: FlowVerdict[]): FlowVerdict {
  return verdicts.reduce<FlowVerdict>((worst, verdict) => (RANK[verdict] > RANK[worst] ? verdict : worst), 'allowed');
}

function evaluateTarget(input: FlowInput, target: FlowTarget): TargetOutcome {
  const pod = target.pod ?? findPodByAddress(input.pods, target.address);
  const resolved = { ...target, pod };
  const egress = decideEgress({ pod: input.source, namespaces: input.namespaces, pods: input.pods, policies: input.policies, destination: resolved });
  const egressEnforcement = policyEnforcement(input.cluster, input.source);
  const verdicts = [sideVerdict(egress, egressEnforcement)];
  let ingress: TargetOutcome['ingress'] = null;
  if (pod) {
    const decision = decideIngress({
      pod,
      namespaces: input.namespaces,
      pods: input.pods,
      policies: input.policies,
      source: { address: input.source.ip ?? input.source.ips[0] ?? '', pod: input.source },
      port: target.port,
      protocol: target.protocol,
    });
    ingress = { decision, enforcement: policyEnforcement(input.cluster, pod) };
    verdicts.push(sideVerdict(decision, ingress.enforcement));
  }
  return { target: resolved, egress, egressEnforcement, ingress, verdict: combine(verdicts) };
}

/** Evaluates the flow toward every target; null when there is no target. */
export function evaluateFlow(input: FlowInput): FlowOutcome | null {
  const outcomes = input.targets.map((target) => evaluateTarget(input, target));
  const chosen =
    outcomes.find((outcome) => outcome.verdict === 'allowed') ??
    outcomes.find((outcome) => outcome.verdict === 'unenforced') ??
    outcomes[0];
  return chosen ? { chosen, outcomes } : null;
}
