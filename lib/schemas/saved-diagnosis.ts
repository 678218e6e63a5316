/**
 * Saved diagnoses as our API sends them: where and when a diagnosis was taken, the list
 * of recent ones, and what a re-run found changed. Shared by the routes and the browser.
 */
import { z } from 'zod';

import { diagnosisSchema, hopKindSchema, verdictSchema } from './diagnosis';
import { whatIfOriginSchema } from './what-if-edits';

/** Where a diagnosis was taken: never credentials, only names and public identifiers. */
export const diagnosisOriginSchema = z.object({
  /** kubeconfig context name. */
  cluster: z.string(),
  /** API server URL of that context, when the kubeconfig names one. */
  clusterServer: z.string().nullable(),
  /** Alibaba Cloud region the cloud facts were read in. */
  region: z.string().nullable(),
  /** Alibaba Cloud account id, when configured (`ALIBABA_CLOUD_ACCOUNT_ID`). */
  accountId: z.string().nullable(),
});
export type DiagnosisOrigin = z.infer<typeof diagnosisOriginSchema>;

/** A saved diagnosis with its origin and lifetime (`GET /api/diagnoses/{id}` sends only `diagnosis`). */
export const savedDiagnosisSchema = z.object({
  diagnosis: diagnosisSchema,
  origin: diagnosisOriginSchema,
  /** ISO-8601 time it was saved. */
  savedAt: z.string(),
  /** ISO-8601 time after which the link answers 404. */
  expiresAt: z.string(),
  /** Set on a saved what-if: a hypothetical, not a reading of the world (the diagnosis it edits, and the edits). */
  whatIf: whatIfOriginSchema.optional(),
});
export type SavedDiagnosis = z.infer<typeof savedDiagnosisSchema>;

/** One row of the list of recent diagnoses. */
export const savedDiagnosisSummarySchema = z.object({
  id: z.string(),
  savedAt: z.string(),
  expiresAt: z.string(),
  cluster: z.string(),
  namespace: z.string(),
  pod: z.string(),
  destination: z.string(),
  port: z.number().int(),
  protocol: z.enum(['tcp', 'udp', 'sctp']),
  verdict: verdictSchema,
  blockingHop: hopKindSchema.nullable(),
});
export type SavedDiagnosisSummary = z.infer<typeof savedDiagnosisSummarySchema>;

/** `GET /api/diagnoses` answer, newest first. */
export const savedDiagnosisListSchema = z.object({ diagnoses: z.array(savedDiagnosisSummarySchema) });
export type SavedDiagnosisList = z.infer<typeof savedDiagnosisListSchema>;

/** Query of `GET /api/diagnoses` (and of the /diagnoses page). */
export const savedDiagnosisListQuerySchema = z.object({
  cluster: z.string().trim().min(1).max(253).optional(),
  namespace: z.string().trim().min(1).max(63).optional(),
  limit: z.coerce.number().int().min(1).max(200).default(50),
});
export type SavedDiagnosisListQuery = z.infer<typeof savedDiagnosisListQuerySchema>;

/** One difference between a saved diagnosis and its re-run. */
export const diagnosisChangeSchema = z.object({
  /** `hop`: a hop's verdict or summary; `fact`: a fact the path read; `verdict`: the overall verdict. */
  scope: z.enum(['verdict', 'hop', 'fact']),
  /** What kind of thing changed: `securityGroupRule`, `snatEntry`, `networkPolicy`, `pod`, a hop kind, … */
  subject: z.string(),
  change: z.enum(['added', 'removed', 'changed']),
  /** One sentence for people, e.g. "security group sg-… rule sgr-… removed". */
  message: z.string(),
});
export type DiagnosisChange = z.infer<typeof diagnosisChangeSchema>;

/** `POST /api/diagnoses/{id}/rerun` answer: the new diagnosis (saved under a new id) and what changed. */
export const rerunResponseSchema = z.object({
  diagnosis: diagnosisSchema,
  previousId: z.string(),
  changes: z.array(diagnosisChangeSchema),
});
export type RerunResponse = z.infer<typeof rerunResponseSchema>;
