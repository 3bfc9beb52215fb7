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

/** The alternatives of a union schema (zod 4 keeps them in its definition), else undefined. */
function unionOptions(schema: z.ZodType): z.ZodType[] | undefined {
  const def = (schema as { _zod?: { def?: { type?: string; options?: z.ZodType[] } } })._zod?.def;
  return def?.type === 'union' && Array.isArray(def.options) ? def.options : undefined;
}

/**
 * Why a value fits none of a schema's variants, from the variant it comes nearest to (the fewest issues): its index
 * among the union's alternatives (undefined for a plain schema) and its issues, as `schemaIssues` words them.
 * An empty list of issues means the value fits.
 */
export function nearestVariantIssues(schema: z.ZodType, value: unknown): { variant?: number; issues: string[] } {
  const options = unionOptions(schema);
  if (!options || options.length === 0) return { issues: schemaIssues(schema, value) };
  if (schema.safeParse(value).success) return { issues: [] };
  let best: { variant: number; issues: string[] } | undefined;
  options.forEach((option, variant) => {
    const nested = nearestVariantIssues(option, value).issues;
    if (!best || nested.length < best.issues.length) best = { variant, issues: nested };
  });
  return best ?? { issues: schemaIssues(schema, value) };
}
