/**
 * Entry point of the analysis: one pod → destination path, every hop. Pure.
 */
import { evaluateDestinationAclHop } from './destination-acl-hop';
import { evaluateDnsHop } from './dns-hop';
import { evaluateAddressesWith } from './evaluate-addresses';
import { evaluatePathWith, type HopEvaluators } from './evaluate-path-with';
import { evaluateLbPolicyHop } from './lb-policy-hop';
import type { Diagnosis, PathFacts, ResolvedDestination } from './model';
import { evaluateNatEipHop } from './nat-eip-hop';
import { evaluateNetworkAclHop } from './network-acl-hop';
import { evaluateNetworkPolicyHop } from './network-policy-hop';
import { evaluatePodEgressHop } from './pod-egress-hop';
import { evaluateSecurityGroupHop } from './security-group-hop';
import { evaluateWhitelistHop } from './whitelist-hop';

/** The real hop evaluators, in path order. */
export const defaultHopEvaluators: HopEvaluators = {
  dns: evaluateDnsHop,
  podEgress: evaluatePodEgressHop,
  networkPolicy: evaluateNetworkPolicyHop,
  securityGroup: evaluateSecurityGroupHop,
  networkAcl: evaluateNetworkAclHop,
  natEip: evaluateNatEipHop,
  destinationAcl: evaluateDestinationAclHop,
  whitelist: evaluateWhitelistHop,
  lbPolicy: evaluateLbPolicyHop,
};

/**
 * Diagnoses one path: for each resolved address (evaluate-addresses.ts), resolves the source,
 * evaluates every hop in path order; returns the combined Diagnosis (`id` null, `createdAt` =
 * `facts.readAt`). `destination` comes from `classifyDestination`.
 */
export function evaluatePath(facts: PathFacts, destination: ResolvedDestination): Diagnosis {
  return evaluateAddressesWith(evaluatePathWith(defaultHopEvaluators))(facts, destination);
}
