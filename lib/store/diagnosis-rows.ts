/**
 * Rows of saved diagnoses, shared by the SQLite and PostgreSQL stores: the columns, the
 * row read back (parsed: it is input), and the conversions both ways.
 */
import { z } from 'zod';

import { diagnosisSchema, hopKindSchema, verdictSchema } from '@/lib/schemas/diagnosis';
import type { SavedDiagnosisSummary } from '@/lib/schemas/saved-diagnosis';
import { whatIfOriginSchema } from '@/lib/schemas/what-if-edits';

import { diagnosisIdPattern, newDiagnosisId } from './diagnosis-id';
import type { DiagnosisRecord, StoredDiagnosis } from './diagnosis-store';
import { formatStoredFacts } from './stored-facts';

export const dayMs = 24 * 60 * 60_000;

export const summaryColumns = 'id, created_at, expires_at, cluster, namespace, pod, destination, port, protocol, verdict, blocking_hop';

/** A row as read back: input, parsed before use. */
export const summaryRowSchema = z.object({
  id: z.string().regex(diagnosisIdPattern),
  created_at: z.number().int(),
  expires_at: z.number().int(),
  cluster: z.string(),
  namespace: z.string(),
  pod: z.string(),
  destination: z.string(),
  port: z.number().int(),
  protocol: z.enum(['tcp', 'udp', 'sctp']),
  verdict: verdictSchema,
  blocking_hop: hopKindSchema.nullable(),
});
export const rowSchema = summaryRowSchema.extend({
  diagnosis_json: z.string(),
  world_yaml: z.string(),
  cluster_server: z.string().nullable(),
  region: z.string().nullable(),
  account_id: z.string().nullable(),
  /** Migration 2: null in rows saved before facts were kept, and for what is not a hypothetical. */
  facts_json: z.string().nullable(),
  what_if_json: z.string().nullable(),
});

export function toSummary(row: z.infer<typeof summaryRowSchema>): SavedDiagnosisSummary {
  return {
    id: row.id,
    savedAt: new Date(row.created_at).toISOString(),
    expiresAt: new Date(row.expires_at).toISOString(),
    cluster: row.cluster,
    namespace: row.namespace,
    pod: row.pod,
    destination: row.destination,
    port: row.port,
    protocol: row.protocol,
    verdict: row.verdict,
    blockingHop: row.blocking_hop,
  };
}

export function toStored(raw: unknown): StoredDiagnosis {
  const row = rowSchema.parse(raw);
  let json: unknown;
  try {
    json = JSON.parse(row.diagnosis_json);
  } catch (error) {
    throw new Error(`Saved diagnosis ${row.id} holds JSON that does not parse`, { cause: error });
  }
  const summary = toSummary(row);
  return {
    diagnosis: diagnosisSchema.parse(json),
    worldYaml: row.world_yaml,
    factsJson: row.facts_json,
    ...(row.what_if_json === null ? {} : { whatIf: whatIfOriginSchema.parse(JSON.parse(row.what_if_json)) }),
    origin: { cluster: row.cluster, clusterServer: row.cluster_server, region: row.region, accountId: row.account_id },
    savedAt: summary.savedAt,
    expiresAt: summary.expiresAt,
  };
}

/** The row to insert for `record`, saved at `createdAt` (epoch ms) and kept `retentionDays`. */
export function toRow(record: DiagnosisRecord, createdAt: number, retentionDays: number) {
  const id = record.id ?? newDiagnosisId();
  if (!diagnosisIdPattern.test(id)) throw new Error(`invariant: “${id}” is not a diagnosis id (see newDiagnosisId)`);
  const diagnosis = { ...record.diagnosis, id };
  const { request } = diagnosis;
  return {
    id,
    created_at: createdAt,
    expires_at: createdAt + Math.round(retentionDays * dayMs),
    cluster: request.cluster,
    namespace: request.namespace,
    pod: request.pod,
    destination: request.destination,
    port: request.port,
    protocol: request.protocol,
    verdict: diagnosis.verdict,
    blocking_hop: diagnosis.blockingHop,
    diagnosis_json: JSON.stringify(diagnosis),
    world_yaml: record.worldYaml,
    cluster_server: record.origin.clusterServer,
    region: record.origin.region,
    account_id: record.origin.accountId,
    facts_json: record.facts ? formatStoredFacts(record.facts) : null,
    what_if_json: record.whatIf ? JSON.stringify(record.whatIf) : null,
  };
}
