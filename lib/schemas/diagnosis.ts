/**
 * The Diagnosis as our API sends it (lib/analysis/model.ts is the source of truth;
 * this schema lets the browser parse what it relies on, and guards saved records).
 */
import { z } from 'zod';

import { HOP_ORDER } from '@/lib/analysis/hop-order';

/** Every hop kind: the built-in hops and the registry's gates (a saved diagnosis without a gate's hop still parses). */
export const hopKindSchema = z.enum(HOP_ORDER);
export const hopVerdictSchema = z.enum(['pass', 'block', 'warn', 'unknown', 'skip']);
export const verdictSchema = z.enum(['reachable', 'blocked', 'unknown']);
export const destinationKindSchema = z.enum(['loopback', 'unspecified', 'linkLocal', 'metadata', 'nonUnicast', 'internet', 'vpc', 'ecs', 'slb', 'rds', 'redis', 'polardb', 'mongodb', 'clusterLoadBalancer', 'clusterService', 'clusterPod', 'unresolved']);

/** A sentence as a message id of the catalogs and its parameters (model `Message`, lib/analysis/message.ts). */
export interface MessageView {
  id: string;
  params?: Record<string, string | number | MessageView>;
}
export const messageSchema: z.ZodType<MessageView> = z.lazy(() => z.object({ id: z.string().max(200), params: z.record(z.string(), z.union([z.string(), z.number(), messageSchema])).optional() }));

const factRefSchema = z.object({ kind: z.string(), id: z.string(), label: z.string(), labelMessage: messageSchema.optional() });

const evidenceSchema = z.object({
  facts: z.array(factRefSchema),
  decidedBy: factRefSchema.nullable(),
  tables: z.array(z.object({ title: z.string(), titleMessage: messageSchema.optional(), columns: z.array(z.string()), rows: z.array(z.array(z.string())), decidingRow: z.number().int().nullable() })),
  notes: z.array(z.string()),
  noteMessages: z.array(messageSchema.nullable()).optional(),
  intent: z.object({ control: factRefSchema, signal: z.enum(['description', 'except', 'namedDeny']), says: z.string() }).optional(),
});

const fixBase = {
  id: z.string(),
  title: z.string(),
  description: z.string(),
  risk: z.string(),
  titleMessage: messageSchema.optional(),
  descriptionMessage: messageSchema.optional(),
  riskMessage: messageSchema.optional(),
  target: factRefSchema,
  exception: z.object({ blastRadius: z.string(), blastRadiusMessage: messageSchema.optional() }).optional(),
  verify: z.array(z.string()).optional(),
};

export const fixSchema = z.discriminatedUnion('kind', [
  z.object({ ...fixBase, kind: z.literal('kubernetes'), patchType: z.enum(['apply', 'merge']), yaml: z.string(), command: z.string() }),
  z.object({ ...fixBase, kind: z.literal('alicloud'), product: z.string(), version: z.string(), action: z.string(), parameters: z.record(z.string(), z.string()), command: z.string() }),
  z.object({ ...fixBase, kind: z.literal('manual'), steps: z.array(z.string()), stepMessages: z.array(messageSchema.nullable()).optional() }),
]);
export type FixView = z.infer<typeof fixSchema>;

const factErrorSchema = z.object({
  source: z.enum(['k8s', 'alicloud', 'dns']),
  reason: z.enum(['unauthorized', 'forbidden', 'notFound', 'throttled', 'timeout', 'unreachable', 'invalid', 'error']),
  resource: z.string(),
  message: z.string(),
  code: z.string().optional(),
  retryable: z.boolean(),
  attempts: z.number().int().positive().optional(),
});

const retriedReadSchema = z.object({
  source: z.enum(['k8s', 'alicloud', 'dns']),
  resource: z.string(),
  attempts: z.number().int().positive(),
  codes: z.array(z.string()),
  succeeded: z.boolean(),
});

/** A fact a conclusion rests on (model `FactBasis`); `error` null when it was read. */
const factBasisSchema = z.object({ fact: z.string(), neededFor: z.string(), error: factErrorSchema.nullable() });

export const hopSchema = z.object({
  kind: hopKindSchema,
  verdict: hopVerdictSchema,
  summary: z.string(),
  summaryMessage: messageSchema.optional(),
  reason: z.string().nullable(),
  reasonMessage: messageSchema.optional(),
  evidence: evidenceSchema,
  fixes: z.array(fixSchema),
  /** Absent in diagnoses saved before the basis was recorded. */
  basis: z.array(factBasisSchema).optional(),
});
export type HopView = z.infer<typeof hopSchema>;

/** The request a diagnosis answers (model `DiagnosisRequest`). */
export const diagnosisRequestViewSchema = z.object({
  cluster: z.string(),
  namespace: z.string(),
  pod: z.string(),
  destination: z.string(),
  host: z.string(),
  port: z.number().int(),
  protocol: z.enum(['tcp', 'udp', 'sctp']),
});

/** The path evaluated for one resolved address (model `AddressResult`). */
export const addressResultSchema = z.object({
  address: z.string(),
  label: z.string(),
  verdict: verdictSchema,
  blockingHop: hopKindSchema.nullable(),
  blockingHops: z.array(hopKindSchema),
  hops: z.array(hopSchema).optional(),
});
export type AddressResultView = z.infer<typeof addressResultSchema>;

export const diagnosisSchema = z.object({
  id: z.string().nullable(),
  createdAt: z.string(),
  request: diagnosisRequestViewSchema,
  source: z.object({
    podIp: z.string().nullable(),
    nodeName: z.string().nullable(),
    nodeIp: z.string().nullable(),
    networkMode: z.enum(['vpc', 'flannel']),
    eniId: z.string().nullable(),
    vpcId: z.string().nullable(),
    vSwitchId: z.string().nullable(),
    vSwitchCidr: z.string().nullable(),
    securityGroupIds: z.array(z.string()),
    eip: z.string().nullable(),
    sourceAddress: z.string().nullable(),
  }),
  destination: z.object({
    kind: destinationKindSchema,
    host: z.string(),
    addresses: z.array(z.string()),
    resourceId: z.string().nullable(),
    label: z.string(),
    /** Absent in diagnoses saved before the classification's basis was recorded. */
    basis: z.array(factBasisSchema.extend({ couldBe: destinationKindSchema })).optional(),
  }),
  hops: z.array(hopSchema),
  verdict: verdictSchema,
  blockingHop: hopKindSchema.nullable(),
  blockingHops: z.array(hopKindSchema),
  errors: z.array(factErrorSchema),
  retries: z.array(retriedReadSchema).optional(),
  /** Absent in diagnoses saved before every resolved address was evaluated. */
  addresses: z.array(addressResultSchema).optional(),
});
export type DiagnosisView = z.infer<typeof diagnosisSchema>;
