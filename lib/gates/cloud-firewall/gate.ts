/**
 * The Cloud Firewall gate's registry entry (lib/gates/registry.ts): its label, place in the
 * path, and pure parts. Its reader is read.ts (lib/gates/readers.ts), its sandbox actions
 * sandbox.ts (lib/gates/sandbox.ts). Pure.
 */
import type { GateDefinition } from '../types';
import { evaluateCloudFirewallHop } from './evaluate';
import { cloudFirewallToWorld, diffCloudFirewall } from './world';
import { cloudFirewallWorldSchema } from './world-schema';

export const cloudFirewallGate: GateDefinition<'cloudFirewall'> = {
  kind: 'cloudFirewall',
  label: 'Cloud Firewall',
  description: 'The NAT firewall of the NAT gateway (private source, before SNAT), the Internet border firewall of the public address the traffic leaves with, and the VPC border firewall between VPCs.',
  // The NAT firewall sits between the vSwitch and the NAT gateway, the Internet border on the
  // EIP: both are passed once the natEip hop has found the way out and the address.
  after: 'natEip',
  // Like natEip: kube-proxy answers a cluster LoadBalancer address inside the cluster.
  kindsThatChange: ['clusterLoadBalancer'],
  evaluate: evaluateCloudFirewallHop,
  worldSchema: cloudFirewallWorldSchema,
  toWorld: cloudFirewallToWorld,
  diff: diffCloudFirewall,
};
