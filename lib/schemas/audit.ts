/**
 * The audit's HTTP shapes: `POST /api/audits` (which pods of a namespace, a workload or the
 * whole cluster reach one or more destinations) and its result, also printed by the CLI.
 */
import { z } from 'zod';

import { clusterNameSchema, namespaceNameSchema } from './api';
import { DESTINATION_MAX_LENGTH, parseDestination, portSchema } from './destination';
import { fixSchema, hopKindSchema, messageSchema, verdictSchema } from './diagnosis';

/** Most destinations one audit (a matrix) takes. */
export const AUDIT_MAX_DESTINATIONS = 50;

const workloadSchema = z
  .string()
  .regex(/^[a-z0-9]([-a-z0-9]*[a-z0-9])?\/[A-Za-z]+\/[a-z0-9]([-a-z0-9.]*[a-z0-9])?$/, 'workload must be namespace/kind/name, e.g. shop/deployment/web')
  .transform((text) => {
    const [namespace = '', kind = '', name = ''] = text.split('/');
    return { namespace, kind, name };
  });

const destinationTextSchema = z.string().min(1, 'a destination is empty').max(DESTINATION_MAX_LENGTH, `a destination has at most ${DESTINATION_MAX_LENGTH} characters`);

/** Which pods an audit covers. */
export const auditScopeSchema = z.discriminatedUnion('kind', [
  z.object({ kind: z.literal('namespace'), namespace: z.string() }),
  z.object({ kind: z.literal('workload'), namespace: z.string(), workloadKind: z.string(), name: z.string() }),
  z.object({ kind: z.literal('cluster') }),
]);
export type AuditScope = z.infer<typeof auditScopeSchema>;

export const auditDestinationSchema = z.object({ destination: z.string(), host: z.string(), port: z.number().int(), protocol: z.enum(['tcp', 'udp', 'sctp']) });
export type AuditDestination = z.infer<typeof auditDestinationSchema>;

/**
 * Body of `POST /api/audits` (and the CLI's options): exactly one scope (`namespace`,
 * `workload` as `namespace/kind/name`, or `all: true`) and `destination` or `destinations`
 * (`host[:port]`, URLs too); `port` applies to those that name none.
 */
export const auditRequestSchema = z
  .object({
    cluster: clusterNameSchema.optional(),
    namespace: namespaceNameSchema.optional(),
    workload: workloadSchema.optional(),
    all: z.boolean({ error: 'all must be true or false' }).optional(),
    destination: destinationTextSchema.optional(),
    destinations: z.array(destinationTextSchema).min(1, 'destinations is empty').max(AUDIT_MAX_DESTINATIONS, `at most ${AUDIT_MAX_DESTINATIONS} destinations`).optional(),
    port: portSchema.optional(),
    protocol: z.enum(['tcp', 'udp', 'sctp'], { error: 'protocol must be tcp, udp or sctp' }).default('tcp'),
  })
  .strict()
  .transform((body, context) => {
    const scopes = [body.namespace !== undefined, body.workload !== undefined, body.all === true].filter(Boolean).length;
    if (scopes !== 1) {
      context.addIssue({ code: 'custom', path: ['namespace'], message: 'name exactly one scope: namespace, workload (namespace/kind/name) or all: true' });
      return z.NEVER;
    }
    if ((body.destination === undefined) === (body.destinations === undefined)) {
      context.addIssue({ code: 'custom', path: ['destination'], message: 'give destination or destinations (one of them)' });
      return z.NEVER;
    }
    const destinations: AuditDestination[] = [];
    for (const [index, text] of (body.destinations ?? [body.destination ?? '']).entries()) {
      const path = body.destinations ? ['destinations', index] : ['destination'];
      const parsed = parseDestination(text);
      if (!parsed.ok) {
        context.addIssue({ code: 'custom', path, message: parsed.message });
        continue;
      }
      const port = parsed.value.port ?? body.port ?? null;
      if (port === null) {
        context.addIssue({ code: 'custom', path, message: `add a port: “${text.slice(0, 80)}” has none (host:port, a URL, or the port field)` });
        continue;
      }
      destinations.push({ destination: text.trim(), host: parsed.value.host, port, protocol: body.protocol });
    }
    if (destinations.length !== (body.destinations ?? [0]).length) return z.NEVER;
    const scope: AuditScope = body.workload
      ? { kind: 'workload', namespace: body.workload.namespace, workloadKind: body.workload.kind, name: body.workload.name }
      : body.namespace !== undefined
        ? { kind: 'namespace', namespace: body.namespace }
        : { kind: 'cluster' };
    return { cluster: body.cluster, scope, destinations };
  });
export type AuditRequestInput = z.input<typeof auditRequestSchema>;
export type AuditRequestBody = z.output<typeof auditRequestSchema>;

const factRefSchema = z.object({ kind: z.string(), id: z.string(), label: z.string(), labelMessage: messageSchema.optional() });

/** One pod's answer for one destination. */
export const auditPodSchema = z.object({
  namespace: z.string(),
  name: z.string(),
  /** `namespace/kind/name`. */
  workload: z.string(),
  ip: z.string().nullable(),
  nodeName: z.string().nullable(),
  verdict: verdictSchema,
  blockingHop: hopKindSchema.nullable(),
  /** The group (below) the pod falls in. */
  group: z.string(),
  /** The dashboard page that runs this pod's full diagnosis. */
  diagnosisUrl: z.string(),
});
export type AuditPod = z.infer<typeof auditPodSchema>;

/** Pods with the same verdict decided at the same hop by the same rule (or unknown for the same reason). */
export const auditGroupSchema = z.object({
  id: z.string(),
  verdict: verdictSchema,
  hop: hopKindSchema.nullable(),
  /** The rule, entry or policy that decided; null when a default decided or nothing blocked. */
  rule: factRefSchema.nullable(),
  /** “blocked by sgr-… in sg-…”, “unknown: …”, “reachable”. */
  title: z.string(),
  pods: z.number().int(),
  /** The first fix the blocking hop offers, for the group's first pod. */
  fix: fixSchema.nullable(),
});
export type AuditGroup = z.infer<typeof auditGroupSchema>;

/** The single change that unblocks the most pods, checked by evaluating the pods again with it applied to the facts. */
export const singleChangeSchema = z.discriminatedUnion('kind', [
  z.object({ kind: z.literal('change'), group: z.string(), fix: fixSchema, unblocks: z.number().int() }),
  z.object({ kind: z.literal('none'), reason: z.string() }),
]);
export type SingleChange = z.infer<typeof singleChangeSchema>;

export const auditDestinationResultSchema = z.object({
  destination: auditDestinationSchema,
  counts: z.object({ reachable: z.number().int(), blocked: z.number().int(), unknown: z.number().int() }),
  groups: z.array(auditGroupSchema),
  singleChange: singleChangeSchema,
  pods: z.array(auditPodSchema),
});
export type AuditDestinationResult = z.infer<typeof auditDestinationResultSchema>;

export const auditResultSchema = z.object({
  cluster: z.string(),
  scope: auditScopeSchema,
  /** ISO-8601 time the cluster was read. */
  readAt: z.string(),
  /** Pods audited (running or pending). */
  podCount: z.number().int(),
  /** Classes of pods (one representative each was diagnosed). */
  classes: z.number().int(),
  /** Evaluations made, over every destination (classes split by vSwitch and address, re-evaluations of the single change not counted). */
  evaluations: z.number().int(),
  /** Pods left out: finished (Succeeded, Failed). */
  skipped: z.array(z.object({ namespace: z.string(), name: z.string(), phase: z.string() })),
  destinations: z.array(auditDestinationResultSchema),
});
export type AuditResult = z.infer<typeof auditResultSchema>;

/** Verdict of an audit as a whole: reachable when every pod reaches every destination, blocked when any is blocked, else unknown. */
export function auditVerdict(result: Pick<AuditResult, 'destinations'>): 'reachable' | 'blocked' | 'unknown' {
  const counts = result.destinations.map((destination) => destination.counts);
  if (counts.some((count) => count.blocked > 0)) return 'blocked';
  return counts.every((count) => count.unknown === 0) ? 'reachable' : 'unknown';
}
