import { parse } from 'yaml';
import { z } from 'zod';
import { globToRegExp } from '../registry.js';
import type { Difference } from './model.js';

/** One explained difference: a flow or operation id (or glob), optionally a JSON path glob, and why. */
export const KnownDifference = z.strictObject({
  where: z.string().min(1),
  path: z.string().min(1).optional(),
  why: z.string().min(1),
});
export type KnownDifference = z.infer<typeof KnownDifference>;

/** A known file's content is not a list of `{ where, path?, why }`: the CLI says what to fix. */
export class KnownFileError extends Error {
  readonly code = 'ELIZA_WIRE_KNOWN_FILE';
  constructor(message: string) {
    super(message);
    this.name = 'KnownFileError';
  }
}

/**
 * Parses a known-differences file (YAML or JSON: JSON is YAML) into its entries.
 *
 * @example
 * parseKnown('- where: agents.get\n  path: body.data.bio\n  why: the reference runs another character\n');
 */
export function parseKnown(text: string): KnownDifference[] {
  let data: unknown;
  try {
    data = parse(text);
  } catch (error) {
    throw new KnownFileError(`not YAML or JSON: ${(error as Error).message.split('\n')[0]}`);
  }
  const parsed = z.array(KnownDifference).safeParse(data ?? []);
  if (!parsed.success) {
    const issue = parsed.error.issues[0];
    throw new KnownFileError(`expected a list of { where, path?, why }: ${issue ? `${issue.path.join('.') || '(root)'}: ${issue.message}` : 'invalid'}`);
  }
  return parsed.data;
}

/** The first entry that explains a difference: `where` matches its flow or operation, `path` (if any) its path. */
export function explain(difference: Difference, known: KnownDifference[]): KnownDifference | undefined {
  return known.find((k) => globToRegExp(k.where).test(difference.where) && (k.path === undefined || globToRegExp(k.path).test(difference.path)));
}
