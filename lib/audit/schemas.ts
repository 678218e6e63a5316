/**
 * Applying fixes as our API sends it: the configuration, a change preview, an apply result
 * and the audit log. Shared by the routes and the browser (zod only, no server code).
 */
import { z } from 'zod';

import { diagnosisSchema, hopKindSchema, verdictSchema } from '@/lib/schemas/diagnosis';
import { diagnosisChangeSchema } from '@/lib/schemas/saved-diagnosis';

/** `GET /api/fixes/config`. */
export const fixesConfigSchema = z.object({
  /** `EGRESS_DOCTOR_FIXES_ENABLED`. */
  enabled: z.boolean(),
  /** The double-submit token to send back in `x-csrf-token` (also set as the `egress_doctor_csrf` cookie). */
  csrfToken: z.string(),
});
export type FixesConfig = z.infer<typeof fixesConfigSchema>;

/** Body of `POST /api/fixes/preview`. */
export const fixRefBodySchema = z.object({ diagnosisId: z.string().trim().min(1).max(64), fixId: z.string().trim().min(1).max(300) });
/** Body of `POST /api/fixes/apply`. */
export const applyFixBodySchema = fixRefBodySchema.extend({ confirmationToken: z.string().min(1).max(2_000) });
/** Body of `POST /api/fixes/audit/{auditId}/undo`. */
export const undoBodySchema = z.object({ confirmationToken: z.string().min(1).max(2_000) });

/** The exact request a change sends. */
export const changeRequestSchema = z.discriminatedUnion('kind', [
  z.object({ kind: z.literal('alicloud'), product: z.string(), version: z.string(), action: z.string(), parameters: z.record(z.string(), z.string()), command: z.string() }),
  z.object({
    kind: z.literal('kubernetes'),
    /** `apply` (server-side apply), `merge` (merge patch) or `delete`. */
    operation: z.enum(['apply', 'merge', 'delete']),
    /** `NetworkPolicy shop/allow-…`. */
    object: z.string(),
    /** The manifest or patch (YAML/JSON), empty for a delete. */
    body: z.string(),
    command: z.string(),
  }),
]);
export type ChangeRequest = z.infer<typeof changeRequestSchema>;

/** State the change acts on, before and after (a cloud resource's rules or entries). */
export const stateTableSchema = z.object({ title: z.string(), columns: z.array(z.string()), before: z.array(z.array(z.string())), after: z.array(z.array(z.string())) });

/** What a change will do, shown before the user confirms. */
export const changePreviewSchema = z.object({
  title: z.string(),
  risk: z.string(),
  request: changeRequestSchema,
  /** Kubernetes: the server-side dry run's diff of the object (unified diff). */
  diff: z.string().nullable(),
  /** Cloud: the resource's state before and with the change in place. */
  state: stateTableSchema.nullable(),
  /** Why the state could not be shown (the change itself may still work). */
  stateError: z.string().nullable(),
  /** Whether the audit log will offer an undo of this change. */
  undoPossible: z.boolean(),
  /** Pass to apply (or undo) to confirm; single use, bound to this change. */
  confirmationToken: z.string(),
  /** ISO-8601 time the token expires. */
  expiresAt: z.string(),
});
export type ChangePreview = z.infer<typeof changePreviewSchema>;

/** `POST /api/fixes/preview` and `…/undo/preview` answer. */
export const previewResponseSchema = z.object({ preview: changePreviewSchema });

/** `POST /api/fixes/apply` and `…/undo` answer. */
export const applyResponseSchema = z.object({
  auditId: z.string(),
  result: z.object({ status: z.literal('ok'), message: z.string(), requestId: z.string().nullable() }),
  /** The diagnosis of the same request taken right after the change (saved: it has an id); null when it failed. */
  rerun: diagnosisSchema.nullable(),
  /** Why the re-run failed (the change itself succeeded). */
  rerunError: z.string().nullable(),
  /**
   * The saved diagnosis the re-run is compared with: the one the fix came from (an apply),
   * the re-run after the change being undone (an undo); null when it is gone (expired) or no re-run.
   */
  previousId: z.string().nullable().default(null),
  /** What changed from `previousId` to `rerun` (empty without both). */
  changes: z.array(diagnosisChangeSchema).default([]),
});
export type ApplyResponse = z.infer<typeof applyResponseSchema>;

/** One line of the audit log. */
export const auditEntrySchema = z.object({
  id: z.string(),
  /** ISO-8601. */
  at: z.string(),
  /** From the identity header, or `anonymous`. */
  actor: z.string(),
  operation: z.enum(['apply', 'undo']),
  diagnosisId: z.string(),
  fixId: z.string(),
  /** For an undo: the audit id of the change it reversed. */
  undoOf: z.string().nullable(),
  title: z.string(),
  request: changeRequestSchema,
  result: z.object({ status: z.enum(['ok', 'failed']), message: z.string(), code: z.string().nullable() }),
  /**
   * Whether the change took effect, from the state re-read right after it: `confirmed`,
   * `notObserved` (the write was answered but the state is not what it asked for) or
   * `unchecked` (it could not be re-read); null for a failed change or an older entry.
   */
  effect: z.object({ status: z.enum(['confirmed', 'notObserved', 'unchecked']), message: z.string() }).nullable().default(null),
  undo: z.object({
    /** An undo can be previewed and applied now. */
    available: z.boolean(),
    undoneAt: z.string().nullable(),
    undoneBy: z.string().nullable(),
    undoAuditId: z.string().nullable(),
  }),
  /** The re-run after the change, when it succeeded. */
  rerun: z.object({ diagnosisId: z.string(), verdict: verdictSchema, blockingHop: hopKindSchema.nullable() }).nullable(),
});
export type AuditEntry = z.infer<typeof auditEntrySchema>;

/** `GET /api/fixes/audit`, newest first. */
export const auditListSchema = z.object({ entries: z.array(auditEntrySchema) });
export type AuditList = z.infer<typeof auditListSchema>;
