/**
 * A bucket policy document (the JSON GetBucketPolicy returns) as the gate's statements. Pure.
 * OSS accepts a single string or a list wherever a list is expected; both are read here.
 */
import { z } from 'zod';

import type { BucketPolicy, PolicyCondition, PolicyStatement } from './facts';

const stringOrList = z.union([z.string(), z.array(z.string())]).optional();

const statementSchema = z.looseObject({
  Sid: z.string().optional(),
  Effect: z.enum(['Allow', 'Deny']),
  // NOTE: RAM-style `{ "RAM": [...] }` principals are accepted too: their values are what counts.
  Principal: z.union([z.string(), z.array(z.string()), z.record(z.string(), z.union([z.string(), z.array(z.string())]))]).optional(),
  Action: stringOrList,
  NotAction: stringOrList,
  Resource: stringOrList,
  Condition: z.record(z.string(), z.record(z.string(), z.union([z.string(), z.array(z.string()), z.boolean(), z.number()]))).optional(),
});

const documentSchema = z.looseObject({
  Version: z.string().default('1'),
  Statement: z.union([statementSchema, z.array(statementSchema)]),
});

const toList = (value: string | string[] | undefined): string[] => (value === undefined ? [] : Array.isArray(value) ? value : [value]);

function principalsOf(principal: z.infer<typeof statementSchema>['Principal']): string[] {
  if (principal === undefined) return [];
  if (typeof principal === 'string' || Array.isArray(principal)) return toList(principal);
  return Object.values(principal).flatMap((value) => toList(value));
}

function conditionsOf(condition: z.infer<typeof statementSchema>['Condition']): PolicyCondition[] {
  return Object.entries(condition ?? {}).flatMap(([operator, tests]) =>
    Object.entries(tests).map(([key, values]) => ({ operator, key, values: (Array.isArray(values) ? values : [values]).map(String) })),
  );
}

/**
 * The policy in `text` (GetBucketPolicy's body), or an error message saying why it is no
 * policy document the gate can read.
 */
export function toBucketPolicy(text: string): { ok: true; value: BucketPolicy } | { ok: false; message: string } {
  let json: unknown;
  try {
    json = JSON.parse(text);
  } catch (error) {
    return { ok: false, message: `the bucket policy is not JSON (${error instanceof Error ? error.message : String(error)})` };
  }
  const parsed = documentSchema.safeParse(json);
  if (!parsed.success) return { ok: false, message: `the bucket policy has an unexpected shape: ${parsed.error.issues[0]?.message ?? 'invalid'}` };
  const statements = Array.isArray(parsed.data.Statement) ? parsed.data.Statement : [parsed.data.Statement];
  return {
    ok: true,
    value: {
      version: parsed.data.Version,
      statements: statements.map(
        (statement, index): PolicyStatement => ({
          sid: statement.Sid ?? `#${index + 1}`,
          effect: statement.Effect,
          principals: principalsOf(statement.Principal),
          actions: toList(statement.Action),
          notActions: toList(statement.NotAction),
          resources: toList(statement.Resource),
          conditions: conditionsOf(statement.Condition),
        }),
      ),
      document: text,
    },
  };
}
