/**
 * The what-if API: `POST /api/diagnoses/{id}/what-if` takes edits (what-if-edits.ts) and answers
 * the hypothetical diagnosis, its changes against the original and the fixes that make the edits.
 */
import { z } from 'zod';

import { diagnosisSchema, messageSchema } from './diagnosis';
import { diagnosisChangeSchema } from './saved-diagnosis';
import { whatIfEditSchema } from './what-if-edits';

export { whatIfEditSchema, whatIfOriginSchema, type WhatIfEdit, type WhatIfEditKind, type WhatIfOrigin } from './what-if-edits';

/** Body of `POST /api/diagnoses/{id}/what-if`: `save` keeps the hypothetical under its own link. */
export const whatIfRequestSchema = z.object({
  edits: z.array(whatIfEditSchema).min(1, 'give at least one edit').max(50),
  save: z.boolean().default(false),
});
export type WhatIfRequest = z.infer<typeof whatIfRequestSchema>;

/** A fix of the original diagnosis that makes the change an edit imagines: apply it there (fresh facts are re-read). */
export const whatIfFixLinkSchema = z.object({ edit: z.number().int(), hop: z.string(), fixId: z.string(), title: z.string(), titleMessage: messageSchema.optional(), href: z.string() });
export type WhatIfFixLink = z.infer<typeof whatIfFixLinkSchema>;

/** Answer of `POST /api/diagnoses/{id}/what-if`. */
export const whatIfResponseSchema = z.object({
  /** Always true: nothing was changed in the cluster or the cloud. */
  hypothetical: z.literal(true),
  baseId: z.string(),
  diagnosis: diagnosisSchema,
  changes: z.array(diagnosisChangeSchema),
  fixes: z.array(whatIfFixLinkSchema),
  /** Server-side evaluation time (edits applied, path evaluated, diff), in milliseconds. */
  evaluationMs: z.number(),
});
export type WhatIfResponse = z.infer<typeof whatIfResponseSchema>;
