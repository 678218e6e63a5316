import { z } from 'zod';

import type { DiagnosisRunRequest } from '@/lib/queries/diagnoses';
import { parseDestination } from '@/lib/schemas/destination';

const first = (value: unknown) => (Array.isArray(value) ? value[0] : value);
const text = (name: string) => z.preprocess(first, z.string({ error: `${name} is missing` }).trim().min(1, `${name} is missing`));

const paramsSchema = z
  .object({
    cluster: text('cluster'),
    namespace: text('namespace'),
    pod: text('pod'),
    to: text('to (the destination)'),
    port: z.preprocess(first, z.string().trim().optional()),
    protocol: z.preprocess(first, z.enum(['tcp', 'udp', 'sctp'], { error: 'protocol must be tcp, udp or sctp' }).optional()),
  })
  .transform((params, context): DiagnosisRunRequest => {
    const destination = parseDestination(params.to);
    if (!destination.ok) {
      context.addIssue({ code: 'custom', path: ['to'], message: destination.message });
      return z.NEVER;
    }
    const port = params.port === undefined || params.port === '' ? destination.value.port : Number(params.port);
    if (port === null || !Number.isInteger(port) || port < 1 || port > 65535) {
      context.addIssue({ code: 'custom', path: ['port'], message: port === null ? `add a port: “${params.to}” has none` : 'port must be a whole number from 1 to 65535' });
      return z.NEVER;
    }
    return { cluster: params.cluster, namespace: params.namespace, pod: params.pod, destination: params.to, port, protocol: params.protocol ?? 'tcp' };
  });

export type RequestParamsResult = { ok: true; request: DiagnosisRunRequest } | { ok: false; problems: string[] };

/** Reads `/diagnose?cluster&namespace&pod&to&port&protocol`: the request, or every problem in words. */
export function parseRequestParams(searchParams: Record<string, string | string[] | undefined>): RequestParamsResult {
  const parsed = paramsSchema.safeParse(searchParams);
  if (parsed.success) return { ok: true, request: parsed.data };
  return { ok: false, problems: parsed.error.issues.map((issue) => issue.message) };
}
