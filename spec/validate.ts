import type { z } from 'zod';

/**
 * Why a value does not fit a schema, one readable line per issue: `error.code: Invalid input: expected string,
 * received number`. An empty list means the value fits. Checks quote these lines as evidence.
 */
export function schemaIssues(schema: z.ZodType, value: unknown): string[] {
  const result = schema.safeParse(value);
  if (result.success) return [];
  return result.error.issues.map((issue) => `${issue.path.length > 0 ? issue.path.join('.') : '(root)'}: ${issue.message}`);
}
