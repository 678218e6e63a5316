/**
 * The pods of `acs-prod` and where each sits in the VPC. Every ACS pod holds a VPC
 * address on its own ENI (`k8s.aliyun.com/eni-instance-id`), so this plan drives both
 * the Pod objects and the ENIs of the cloud side.
 */
import { cloudId } from './ids';
import { EIPS, V_SWITCHES, type SecurityGroupKey, type VSwitchKey } from './topology';

export interface AcsPodPlan {
  namespace: string;
  /** Full pod name, e.g. `storefront-web-7d9c8b6f5-x2lqk`. */
  name: string;
  /** `app` label (also the container name). */
  app: string;
  /** Owner: a ReplicaSet (deployment pods) or a Job. */
  owner: { kind: 'ReplicaSet' | 'Job'; name: string };
  vSwitch: VSwitchKey;
  ip: string;
  securityGroups: SecurityGroupKey[];
  containerPort: number;
  image: string;
  /** Adds `alibabacloud.com/enable-network-policy-agent: "true"`. */
  networkPolicyAgent?: boolean;
  /** Adds the per-pod vSwitch / security-group annotations (pods outside the cluster defaults). */
  placementAnnotations?: boolean;
  /** The pod has its own EIP. */
  eip?: { allocationId: string; ip: string };
  /** Extra labels (besides `app` and `pod-template-hash`). */
  labels?: Record<string, string>;
}

/** `virtual-kubelet-<zone>`: the ACS virtual node of a zone. */
export function virtualNodeName(zone: string): string {
  return `virtual-kubelet-${zone}`;
}

/** ENI id of an ACS pod. */
export function podEniId(plan: Pick<AcsPodPlan, 'namespace' | 'name'>): string {
  return cloudId('eni', `acs-prod/${plan.namespace}/${plan.name}`);
}

const REGISTRY = 'registry-cn-hangzhou-vpc.cr.aliyuncs.com/shopfront';

function deploymentPod(
  namespace: string,
  app: string,
  replicaSetHash: string,
  suffix: string,
  rest: Omit<AcsPodPlan, 'namespace' | 'name' | 'app' | 'owner' | 'image'> & { image?: string },
): AcsPodPlan {
  const replicaSet = `${app}-${replicaSetHash}`;
  return {
    namespace,
    name: `${replicaSet}-${suffix}`,
    app,
    owner: { kind: 'ReplicaSet', name: replicaSet },
    image: rest.image ?? `${REGISTRY}/${app}:2026.11.3`,
    ...rest,
  };
}

const ACS_DEFAULT = ['acsPods'] as const satisfies SecurityGroupKey[];

/** CoreDNS replicas of acs-prod (healthy, one per zone). */
export const ACS_COREDNS = [
  { suffix: 'x7k2m', vSwitch: 'podsH', ip: '10.0.32.10' },
  { suffix: 'f9p4s', vSwitch: 'podsI', ip: '10.0.33.10' },
] as const satisfies ReadonlyArray<{ suffix: string; vSwitch: VSwitchKey; ip: string }>;

/** Application pods of acs-prod, scenario sources and Service backends. */
export const ACS_PODS: AcsPodPlan[] = [
  // internet-ok
  deploymentPod('shop', 'storefront-web', '7d9c8b6f5', 'x2lqk', { vSwitch: 'podsH', ip: '10.0.32.21', securityGroups: [...ACS_DEFAULT], containerPort: 8080 }),
  // dns-nxdomain
  deploymentPod('shop', 'partner-sync', '5f7b9c6d4', 'qw7rt', { vSwitch: 'podsH', ip: '10.0.32.22', securityGroups: [...ACS_DEFAULT], containerPort: 8080 }),
  // backends of the Local LoadBalancer Service shop/checkout-gateway (zone H only)
  deploymentPod('shop', 'checkout-api', '6b8f9d7c5', 'h4n2v', { vSwitch: 'podsH', ip: '10.0.32.31', securityGroups: [...ACS_DEFAULT], containerPort: 8443 }),
  deploymentPod('shop', 'checkout-api', '6b8f9d7c5', 'p9s6d', { vSwitch: 'podsH', ip: '10.0.32.32', securityGroups: [...ACS_DEFAULT], containerPort: 8443 }),
  // backends of the Cluster LoadBalancer Service shop/catalog-public
  deploymentPod('shop', 'catalog-web', '8c7b6d5f9', 't5r8n', { vSwitch: 'podsH', ip: '10.0.32.41', securityGroups: [...ACS_DEFAULT], containerPort: 8080 }),
  deploymentPod('shop', 'catalog-web', '8c7b6d5f9', 'g2d5x', { vSwitch: 'podsI', ip: '10.0.33.41', securityGroups: [...ACS_DEFAULT], containerPort: 8080 }),
  // netpol-deny
  deploymentPod('partners', 'partner-gateway', '66f8d7c9b4', 'w2x9m', { vSwitch: 'podsH', ip: '10.0.32.51', securityGroups: [...ACS_DEFAULT], containerPort: 8080, networkPolicyAgent: true }),
  // dns-policy-denied
  deploymentPod('reports', 'report-exporter', '7b5d8c9f6', 'k8j3n', { vSwitch: 'podsH', ip: '10.0.32.61', securityGroups: [...ACS_DEFAULT], containerPort: 9102, networkPolicyAgent: true }),
  // sg-drop
  deploymentPod('payments', 'payment-notifier', '5d6c7b8f9', 'v6b2c', { vSwitch: 'podsH', ip: '10.0.32.71', securityGroups: ['acsPaymentsEgress'], containerPort: 8080, placementAnnotations: true }),
  // sg-prefix-list-drop
  deploymentPod('shop', 'loyalty-sync', '6d8b7c9f5', 'm3q8z', { vSwitch: 'podsH', ip: '10.0.32.81', securityGroups: ['acsMarketing'], containerPort: 8080, placementAnnotations: true }),
  // lb-hairpin (zone I: no checkout-api backend on its node)
  deploymentPod('shop', 'cart-worker', '74c9d8b6f5', 'n3m7p', { vSwitch: 'podsI', ip: '10.0.33.21', securityGroups: [...ACS_DEFAULT], containerPort: 8080 }),
  // lb-cluster-ok
  deploymentPod('shop', 'recommender', '5b8c9d7f6', 'j6h2k', { vSwitch: 'podsI', ip: '10.0.33.22', securityGroups: [...ACS_DEFAULT], containerPort: 8080 }),
  // redis-ok
  deploymentPod('shop', 'cart-service', '7f8b9c6d5', 'z4x2c', { vSwitch: 'podsI', ip: '10.0.33.34', securityGroups: [...ACS_DEFAULT], containerPort: 8080 }),
  // ecs-sg-inbound
  deploymentPod('orders', 'order-api', '5c7d8f9b6', 'k2m4x', { vSwitch: 'podsI', ip: '10.0.33.31', securityGroups: [...ACS_DEFAULT], containerPort: 8080 }),
  // slb-acl
  deploymentPod('orders', 'inventory-client', '6f7d8c9b5', 'r7t9w', { vSwitch: 'podsI', ip: '10.0.33.32', securityGroups: [...ACS_DEFAULT], containerPort: 8080 }),
  // rds-whitelist
  deploymentPod('orders', 'order-worker', '6d9f7b8c5', 'b3n6q', { vSwitch: 'podsI', ip: '10.0.33.33', securityGroups: [...ACS_DEFAULT], containerPort: 8080 }),
  // rds-forbidden
  deploymentPod('finance', 'ledger-report', '59c8d7b6f4', 'q5w8e', { vSwitch: 'podsI', ip: '10.0.33.35', securityGroups: [...ACS_DEFAULT], containerPort: 8080 }),
  // rds-trusted-sg-ok
  deploymentPod('finance', 'ledger-api', '6c8d9b7f5', 'r4t7y', { vSwitch: 'podsI', ip: '10.0.33.36', securityGroups: [...ACS_DEFAULT], containerPort: 8080 }),
  // polardb-whitelist
  deploymentPod('orders', 'fulfillment-api', '7b9c8d6f5', 'c5v8n', { vSwitch: 'podsI', ip: '10.0.33.37', securityGroups: [...ACS_DEFAULT], containerPort: 8080 }),
  // mongodb-ok
  deploymentPod('shop', 'review-service', '5d7f8b9c6', 'h8k3w', { vSwitch: 'podsH', ip: '10.0.32.48', securityGroups: [...ACS_DEFAULT], containerPort: 8080 }),
  // no-nat-route (a CronJob's pod)
  {
    namespace: 'batch',
    name: 'invoice-batch-29383920-7xk2p',
    app: 'invoice-batch',
    owner: { kind: 'Job', name: 'invoice-batch-29383920' },
    image: `${REGISTRY}/invoice-batch:2026.11.1`,
    vSwitch: 'batchIsolated',
    ip: '10.0.40.12',
    securityGroups: [...ACS_DEFAULT],
    containerPort: 9090,
    placementAnnotations: true,
    labels: { 'batch.kubernetes.io/job-name': 'invoice-batch-29383920' },
  },
  // snat-missing
  deploymentPod('batch', 'data-sync', '7c6b5d8f9', 'l4k9t', { vSwitch: 'jobs', ip: '10.0.41.15', securityGroups: [...ACS_DEFAULT], containerPort: 8080, placementAnnotations: true }),
  // nacl-deny
  deploymentPod('payments', 'card-tokenizer', '6c5b9d8f7', 'd8f3g', { vSwitch: 'pci', ip: '10.0.42.11', securityGroups: [...ACS_DEFAULT], containerPort: 8443, placementAnnotations: true }),
  // snat-eip-detached (a /32 SNAT entry for this pod names the spare EIP, which is associated with nothing)
  deploymentPod('shop', 'price-feed', '6b7c8d9f5', 'p3r8v', { vSwitch: 'podsH', ip: '10.0.32.47', securityGroups: [...ACS_DEFAULT], containerPort: 8080 }),
  // pod-eip-ok
  deploymentPod('edge', 'game-relay', '5f9d8c7b6', 's2v6y', {
    vSwitch: 'edge',
    ip: '10.0.43.9',
    securityGroups: [...ACS_DEFAULT],
    containerPort: 7777,
    placementAnnotations: true,
    eip: { allocationId: EIPS.edgePod.id, ip: EIPS.edgePod.ip },
  }),
];

/** Annotations an ACS pod carries for its plan. */
export function acsPodAnnotations(plan: AcsPodPlan, securityGroupIds: (keys: SecurityGroupKey[]) => string[]): Record<string, string> {
  const annotations: Record<string, string> = {
    'k8s.aliyun.com/eni-instance-id': podEniId(plan),
    'alibabacloud.com/pod-ephemeral-storage': '30Gi',
  };
  if (plan.placementAnnotations === true) {
    annotations['network.alibabacloud.com/vswitch-ids'] = V_SWITCHES[plan.vSwitch].id;
    annotations['network.alibabacloud.com/security-group-ids'] = securityGroupIds(plan.securityGroups).join(',');
  }
  if (plan.networkPolicyAgent === true) annotations['alibabacloud.com/enable-network-policy-agent'] = 'true';
  if (plan.eip !== undefined) {
    annotations['network.alibabacloud.com/pod-with-eip'] = 'true';
    annotations['network.alibabacloud.com/eip-bandwidth'] = '10';
    annotations['k8s.aliyun.com/allocated-eipAddress'] = plan.eip.ip;
    annotations['k8s.aliyun.com/allocated-eipInstanceId'] = plan.eip.allocationId;
  }
  return annotations;
}
