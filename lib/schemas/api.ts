/**
 * Schemas of our HTTP API: route inputs (parsed on the server) and the response
 * shapes the browser relies on (parsed in lib/queries).
 */
import { z } from 'zod';

/** A kubeconfig context name. */
export const clusterNameSchema = z
  .string()
  .min(1, 'cluster is required')
  .max(253)
  .regex(/^[A-Za-z0-9][A-Za-z0-9._:@/-]*$/, 'cluster must be a kubeconfig context name (letters, digits, . _ : @ / -)');

/** A Kubernetes namespace name (DNS-1123 label). */
export const namespaceNameSchema = z
  .string()
  .min(1, 'namespace is required')
  .max(63, 'a namespace name has at most 63 characters')
  .regex(/^[a-z0-9]([-a-z0-9]*[a-z0-9])?$/, 'namespace must be lower-case letters, digits and dashes');

/** A pod name (DNS-1123 subdomain). */
export const podNameSchema = z
  .string()
  .min(1, 'pod is required')
  .max(253, 'a pod name has at most 253 characters')
  .regex(/^[a-z0-9]([-a-z0-9.]*[a-z0-9])?$/, 'pod must be lower-case letters, digits, dashes and dots');

/** One source that could not be read, shown beside the data. */
export const sourceErrorSchema = z.object({
  source: z.enum(['k8s', 'alicloud', 'dns']),
  reason: z.string(),
  resource: z.string(),
  message: z.string(),
  code: z.string().optional(),
  retryable: z.boolean(),
});
export type SourceError = z.infer<typeof sourceErrorSchema>;

export const clusterSummarySchema = z.object({
  name: z.string(),
  server: z.string(),
  current: z.boolean(),
});
export const clustersResponseSchema = z.object({ clusters: z.array(clusterSummarySchema) });
export type ClusterSummary = z.infer<typeof clusterSummarySchema>;

export const namespacesResponseSchema = z.object({
  cluster: z.string(),
  namespaces: z.array(z.object({ name: z.string(), labels: z.record(z.string(), z.string()) })),
});
export type NamespacesResponse = z.infer<typeof namespacesResponseSchema>;

export const podSummarySchema = z.object({
  name: z.string(),
  namespace: z.string(),
  ip: z.string().nullable(),
  nodeName: z.string().nullable(),
  phase: z.string(),
  ready: z.boolean(),
  networkMode: z.enum(['vpc', 'flannel']),
  /** Where the pod's traffic enters the VPC: its own ENI (vpc mode) or the node's (flannel). */
  eniId: z.string().nullable(),
  vSwitchId: z.string().nullable(),
  securityGroupIds: z.array(z.string()),
  eip: z.string().nullable(),
});
export type PodSummary = z.infer<typeof podSummarySchema>;

export const podsResponseSchema = z.object({
  cluster: z.string(),
  namespace: z.string(),
  pods: z.array(podSummarySchema),
  /** Network facts that could not be read (the pods are still listed). */
  errors: z.array(sourceErrorSchema),
});
export type PodsResponse = z.infer<typeof podsResponseSchema>;

export const errorResponseSchema = z.object({
  error: z.object({ code: z.string(), message: z.string(), issues: z.array(z.object({ path: z.string(), message: z.string() })).optional() }),
});

/** One pod found by `GET /api/clusters/{cluster}/pods?q=`. */
export const podSearchHitSchema = z.object({
  namespace: z.string(),
  name: z.string(),
  ip: z.string().nullable(),
  ips: z.array(z.string()),
  nodeName: z.string().nullable(),
  phase: z.string(),
  ready: z.boolean(),
  /** The workload the pod belongs to, as its name and labels tell. */
  workload: z.string().nullable(),
  /** What matched the query. */
  matched: z.enum(['ip', 'name', 'workload', 'node']),
});
export type PodSearchHit = z.infer<typeof podSearchHitSchema>;

export const podSearchResponseSchema = z.object({
  cluster: z.string(),
  query: z.string(),
  pods: z.array(podSearchHitSchema),
  /** Every match, of which `pods` holds at most the limit. */
  total: z.number().int(),
});
export type PodSearchResponse = z.infer<typeof podSearchResponseSchema>;

/** Query of `GET /api/clusters/{cluster}/pods`. */
export const podSearchQuerySchema = z.object({
  q: z.string().trim().min(1, 'q is required: a pod name, workload, app label, IP or node name').max(253, 'q is at most 253 characters'),
  limit: z.coerce.number().int('limit must be a whole number').min(1, 'limit must be 1–200').max(200, 'limit must be 1–200').default(50),
});
