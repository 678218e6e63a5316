/**
 * The demo world's fault scenarios: reads the sandbox fails on purpose (`faults`, see
 * docs/world-format.md#faults), scoped so every other scenario reads cleanly.
 *
 * - slb-listener-read-fails: DescribeLoadBalancerListeners of one internal CLB (whose
 *   listener has a blacklist ACL holding the pod's vSwitch) is throttled; only that CLB is.
 * - services-forbidden-hairpin: in a cluster of its own (`acs-faults`, a copy of the shop
 *   side of acs-prod), the Kubernetes API refuses `services`, so the hairpin to the
 *   `Local` LoadBalancer Service cannot be judged.
 */
import type { WorldCluster, WorldFaults } from '@/lib/schemas/world';

import { acsProdCluster } from './acs-prod';
import type { WorldInput } from './build-demo-world';
import type { CloudItem as Item } from './cloud-item';
import { loadBalancer } from './cloud-services';
import { cloudId } from './ids';
import { RESOURCE_GROUP_ID, V_SWITCHES } from './topology';

type Scenario = NonNullable<WorldInput['scenarios']>[number];

/** The internal CLB whose listeners cannot be read (slb-listener-read-fails). */
export const RELAY_SLB = { id: cloudId('lb', 'partner-relay-internal'), address: '10.0.3.30', aclId: cloudId('acl', 'partner-relay-blocked') };

/** The cluster whose API refuses `services` (services-forbidden-hairpin). */
export const FAULTS_CLUSTER = 'acs-faults';

const FAULTS_NAMESPACES = new Set(['default', 'kube-system', 'shop']);

/** The shop side of acs-prod (nodes, kube-system, namespace shop with its LoadBalancer Services) as a cluster of its own. */
export function acsFaultsCluster(): WorldCluster {
  const prod = acsProdCluster();
  return {
    ...prod,
    name: FAULTS_CLUSTER,
    description: 'A copy of the shop side of acs-prod whose API server refuses services (fault scenarios only).',
    objects: prod.objects.filter((object) =>
      object.kind === 'Namespace' ? FAULTS_NAMESPACES.has(object.metadata.name) : object.kind === 'Node' || FAULTS_NAMESPACES.has(object.metadata.namespace ?? ''),
    ),
  };
}

export function faultLoadBalancers(): Array<Item<'loadBalancers'>> {
  return [
    loadBalancer({
      id: RELAY_SLB.id,
      name: 'partner-relay-internal',
      address: RELAY_SLB.address,
      addressType: 'intranet',
      vSwitch: 'prodInternalLb',
      listeners: [{ port: 443, protocol: 'tcp', backendPort: 8443, acl: { id: RELAY_SLB.aclId, type: 'black' }, description: 'partner relay' }],
      tags: { team: 'partners', env: 'prod' },
    }),
  ];
}

/** The relay CLB's blacklist: both acs-prod pod vSwitches are blocked. */
export function faultSlbAcls(): Array<Item<'slbAcls'>> {
  return [
    {
      AclId: RELAY_SLB.aclId,
      AclName: 'partner-relay-blocked-clients',
      AddressIPVersion: 'ipv4',
      ResourceGroupId: RESOURCE_GROUP_ID,
      AclEntrys: {
        AclEntry: [
          { AclEntryIP: V_SWITCHES.podsH.cidr, AclEntryComment: 'acs-prod pods zone H' },
          { AclEntryIP: V_SWITCHES.podsI.cidr, AclEntryComment: 'acs-prod pods zone I' },
        ],
      },
      RelatedListeners: { RelatedListener: [{ LoadBalancerId: RELAY_SLB.id, ListenerPort: 443, Protocol: 'tcp', AclType: 'black' }] },
    },
  ];
}

/** The reads the sandbox fails: only the relay CLB's listeners, and only acs-faults' services. */
export function demoFaults(): WorldFaults {
  return {
    cloud: [{ action: 'DescribeLoadBalancerListeners', resource: RELAY_SLB.id, error: 'Throttling.User' }],
    kubernetes: [{ resource: 'services', cluster: FAULTS_CLUSTER, status: 403 }],
    dns: [],
  };
}

export function faultScenarios(): Scenario[] {
  const common = { port: 443, protocol: 'tcp' as const, expect: { verdict: 'unknown' as const, blockingHop: null } };
  return [
    {
      id: 'slb-listener-read-fails',
      title: 'The listeners of the destination CLB (blacklist ACL) cannot be read: throttled',
      cluster: 'acs-prod',
      namespace: 'orders',
      pod: 'inventory-client-6f7d8c9b5-r7t9w',
      destination: RELAY_SLB.address,
      ...common,
    },
    {
      id: 'services-forbidden-hairpin',
      title: 'The Kubernetes API refuses services: the hairpin to a Local LoadBalancer Service cannot be judged',
      cluster: FAULTS_CLUSTER,
      namespace: 'shop',
      pod: 'cart-worker-74c9d8b6f5-n3m7p',
      destination: '198.51.100.80',
      ...common,
    },
  ];
}
