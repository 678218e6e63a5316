/**
 * What to grant when a read was refused, and how to check it by hand: the RAM policy
 * statement for an Alibaba Cloud action, the Kubernetes RBAC rule for a cluster read, each
 * derived from the failed read's action and resource. Pure.
 */
import type { FactError } from '@/lib/analysis/model';

import { shellQuote, toAliyunCli, type AlicloudProduct } from './aliyun-cli';

/** RAM namespace, CLI product and the parameter naming the resource, per read action we call. */
const CLOUD_ACTIONS: Record<string, { ram: string; product: AlicloudProduct; idParameter: string | null }> = {
  DescribeSecurityGroupAttribute: { ram: 'ecs', product: 'Ecs', idParameter: 'SecurityGroupId' },
  DescribeSecurityGroups: { ram: 'ecs', product: 'Ecs', idParameter: null },
  DescribeNetworkInterfaces: { ram: 'ecs', product: 'Ecs', idParameter: null },
  DescribeVSwitchAttributes: { ram: 'vpc', product: 'Vpc', idParameter: 'VSwitchId' },
  DescribeNetworkAclAttributes: { ram: 'vpc', product: 'Vpc', idParameter: 'NetworkAclId' },
  DescribeRouteTableList: { ram: 'vpc', product: 'Vpc', idParameter: 'RouteTableId' },
  DescribeRouteEntryList: { ram: 'vpc', product: 'Vpc', idParameter: 'RouteTableId' },
  DescribeNatGateways: { ram: 'vpc', product: 'Vpc', idParameter: 'VpcId' },
  DescribeSnatTableEntries: { ram: 'vpc', product: 'Vpc', idParameter: 'NatGatewayId' },
  DescribeEipAddresses: { ram: 'vpc', product: 'Vpc', idParameter: 'AllocationId' },
  DescribeLoadBalancers: { ram: 'slb', product: 'Slb', idParameter: null },
  DescribeLoadBalancerAttribute: { ram: 'slb', product: 'Slb', idParameter: 'LoadBalancerId' },
  DescribeLoadBalancerListeners: { ram: 'slb', product: 'Slb', idParameter: 'LoadBalancerId.1' },
  DescribeAccessControlListAttribute: { ram: 'slb', product: 'Slb', idParameter: 'AclId' },
  DescribeDBInstanceIPArrayList: { ram: 'rds', product: 'Rds', idParameter: 'DBInstanceId' },
  DescribeDBInstances: { ram: 'rds', product: 'Rds', idParameter: null },
  DescribeSecurityIps: { ram: 'kvstore', product: 'R-kvstore', idParameter: 'InstanceId' },
  DescribeInstances: { ram: 'kvstore', product: 'R-kvstore', idParameter: null },
  DescribeInstanceLinkedWhitelistTemplate: { ram: 'rds', product: 'Rds', idParameter: 'InsName' },
  DescribeDBClusterAccessWhitelist: { ram: 'polardb', product: 'Polardb', idParameter: 'DBClusterId' },
};

/** Actions several products name alike, told apart by the id prefix of the resource they read. */
const SHARED_ACTIONS: Record<string, Array<{ prefix: string; ram: string; product: AlicloudProduct; idParameter: string }>> = {
  DescribeSecurityIps: [
    { prefix: 'dds-', ram: 'dds', product: 'Dds', idParameter: 'DBInstanceId' },
    { prefix: 'r-', ram: 'kvstore', product: 'R-kvstore', idParameter: 'InstanceId' },
  ],
  DescribeSecurityGroupConfiguration: [
    { prefix: 'dds-', ram: 'dds', product: 'Dds', idParameter: 'DBInstanceId' },
    { prefix: 'rm-', ram: 'rds', product: 'Rds', idParameter: 'DBInstanceId' },
    { prefix: 'pgm-', ram: 'rds', product: 'Rds', idParameter: 'DBInstanceId' },
    { prefix: 'r-', ram: 'kvstore', product: 'R-kvstore', idParameter: 'InstanceId' },
  ],
};

/** The product of a read: by the id prefix for a shared action name, else by the action. */
function cloudAction(action: string, id: string | undefined): { ram: string; product: AlicloudProduct; idParameter: string | null } | undefined {
  const shared = SHARED_ACTIONS[action]?.find((entry) => id?.startsWith(entry.prefix) === true);
  return shared ?? CLOUD_ACTIONS[action];
}

/** What to grant and how to check, for one refused read. */
export type Grant =
  | {
      kind: 'ram';
      action: string;
      /** A RAM policy document allowing the action (JSON, ready to paste). */
      policy: string;
      /** The same read with the `aliyun` CLI, under the dashboard's credentials. */
      check: string;
      /** The resource id the read was about, for a console link; null for list reads. */
      resourceId: string | null;
    }
  | {
      kind: 'rbac';
      /** A ClusterRole (or Role) and its binding (YAML, ready to paste once the subject is filled in). */
      manifest: string;
      /** `kubectl auth can-i` for the same read. */
      check: string;
    };

/**
 * The RAM statement for an Alibaba Cloud read (`DescribeX <id>`): `Resource: "*"`, since many
 * Describe actions do not support resource-level authorization and a statement that does not
 * match grants nothing; the action alone keeps it narrow (read-only).
 */
function ramGrant(error: FactError, region: string | null): Grant | null {
  const [action, id] = error.resource.split(/\s+/);
  const known = action === undefined ? undefined : cloudAction(action, id);
  if (!action || !known) return null;
  const policy = JSON.stringify({ Version: '1', Statement: [{ Effect: 'Allow', Action: [`${known.ram}:${action}`], Resource: ['*'] }] }, null, 2);
  const resourceId = id && id !== 'all' && /^[a-z]+-[\w*-]+$/.test(id) ? id : null;
  const parameters: Record<string, string> = { RegionId: region ?? '<REGION_ID>', ...(known.idParameter && resourceId ? { [known.idParameter]: resourceId } : {}) };
  return { kind: 'ram', action, policy, check: toAliyunCli(known.product, action, parameters), resourceId };
}

/** API group of the Kubernetes resources we list. */
const API_GROUPS: Record<string, string> = { pods: '', services: '', nodes: '', namespaces: '', configmaps: '', endpointslices: 'discovery.k8s.io', networkpolicies: 'networking.k8s.io', deployments: 'apps', daemonsets: 'apps' };

/** The resources and namespace of a Kubernetes read, from its resource text (see lib/k8s/reader.ts). */
function kubernetesRead(resource: string): { resources: string[]; namespace: string | null; verbs: string[] } | null {
  const all = /^(\w+) in all namespaces of /.exec(resource);
  if (all?.[1] && all[1].toLowerCase() in API_GROUPS) return { resources: [all[1].toLowerCase()], namespace: null, verbs: ['get', 'list'] };
  if (/^nodes of /.test(resource)) return { resources: ['nodes'], namespace: null, verbs: ['get', 'list'] };
  if (/^namespaces of /.test(resource)) return { resources: ['namespaces'], namespace: null, verbs: ['get', 'list'] };
  if (/^ConfigMaps in kube-system of /.test(resource)) return { resources: ['configmaps'], namespace: 'kube-system', verbs: ['get', 'list'] };
  if (/^DaemonSet kube-system\//.test(resource)) return { resources: ['daemonsets'], namespace: 'kube-system', verbs: ['get'] };
  if (/^(cluster DNS|Service kube-system\/|Deployment kube-system\/|EndpointSlices of kube-system\/)/.test(resource)) {
    return { resources: ['services', 'endpointslices', 'deployments'], namespace: 'kube-system', verbs: ['get', 'list'] };
  }
  return null;
}

/** The RBAC role and binding for a refused Kubernetes read; the subject is a placeholder to fill in. */
function rbacGrant(error: FactError, cluster: string): Grant | null {
  const read = kubernetesRead(error.resource);
  if (!read) return null;
  const groups = [...new Set(read.resources.map((resource) => API_GROUPS[resource] ?? ''))];
  const rules = groups
    .map((group) => {
      const resources = read.resources.filter((resource) => (API_GROUPS[resource] ?? '') === group);
      return `  - apiGroups: ["${group}"]\n    resources: [${resources.map((resource) => `"${resource}"`).join(', ')}]\n    verbs: [${read.verbs.map((verb) => `"${verb}"`).join(', ')}]`;
    })
    .join('\n');
  const scoped = read.namespace !== null;
  const role = scoped ? 'Role' : 'ClusterRole';
  const metadata = scoped ? `  name: acs-egress-doctor-read\n  namespace: ${read.namespace}` : '  name: acs-egress-doctor-read';
  const manifest = [
    `apiVersion: rbac.authorization.k8s.io/v1`,
    `kind: ${role}`,
    `metadata:\n${metadata}`,
    `rules:\n${rules}`,
    '---',
    `apiVersion: rbac.authorization.k8s.io/v1`,
    `kind: ${role}Binding`,
    `metadata:\n${metadata}`,
    `roleRef:\n  apiGroup: rbac.authorization.k8s.io\n  kind: ${role}\n  name: acs-egress-doctor-read`,
    `subjects:\n  - kind: User\n    name: <DASHBOARD_USER>`,
    '',
  ].join('\n');
  const first = read.resources[0] ?? 'pods';
  const check = `kubectl --context ${shellQuote(cluster)} auth can-i list ${first} ${scoped ? `-n ${read.namespace}` : '--all-namespaces'} --as <DASHBOARD_USER>`;
  return { kind: 'rbac', manifest, check };
}

/**
 * What to grant for a read refused with `forbidden` (or `unauthorized`, where the identity may
 * lack the permission too), and how to check it by hand; null for other failures or reads we
 * cannot map.
 *
 * @param region the region of the cloud reads; null puts the placeholder `<REGION_ID>` in the check.
 * @param cluster the kubeconfig context of the Kubernetes reads.
 */
export function grantFor(error: FactError, region: string | null, cluster: string): Grant | null {
  if (error.reason !== 'forbidden' && error.reason !== 'unauthorized') return null;
  if (error.source === 'alicloud') return ramGrant(error, region);
  if (error.source === 'k8s') return rbacGrant(error, cluster);
  return null;
}

/** The errors a hop's reason or summary names (by their resource), each once. */
export function errorsOfHop(hop: { reason: string | null; summary: string }, errors: FactError[]): FactError[] {
  const text = `${hop.reason ?? ''} ${hop.summary}`;
  return errors.filter((error, index) => text.includes(error.resource) && errors.findIndex((other) => other.resource === error.resource && other.source === error.source) === index);
}
