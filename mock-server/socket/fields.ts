import { Uuid } from '../../spec/index.js';

/** A field of a client payload that is missing, or present but breaking its rule. */
export interface FieldProblem {
  field: string;
  problem: 'missing' | 'invalid';
  /** The value as sent (invalid only): primitives as they are (long strings cut), structures by their kind. */
  value?: unknown;
  /** The value as a message quotes it (invalid only). */
  shown?: string;
  /** What the field must be, e.g. "a UUID". */
  rule: string;
}

export const isUuid = (value: unknown): value is string => Uuid.safeParse(value).success;
export const isText = (value: unknown): value is string => typeof value === 'string' && value.length > 0;

/** `undefined`, `null` and `''` count as missing: 1.7.2 tests its fields for truthiness. */
export const isAbsent = (value: unknown): boolean => value === undefined || value === null || value === '';

/** A value in a form safe to quote: never the whole of a long string, a large array or a deep object. */
export function sample(value: unknown): unknown {
  if (typeof value === 'string') return value.length > 80 ? `${value.slice(0, 80)}…` : value;
  if (typeof value === 'number' || typeof value === 'boolean') return value;
  if (Array.isArray(value)) return `(an array of ${value.length})`;
  return `(${value === null ? 'null' : typeof value})`;
}

/** The value as a message quotes it: strings in quotes, the rest as `sample` gives it. */
export function quote(value: unknown): string {
  const s = sample(value);
  return typeof value === 'string' ? JSON.stringify(s) : String(s);
}

/** Checks one field: missing, invalid (with the value), or fine (undefined). */
export function check(field: string, value: unknown, rule: string, valid: (value: unknown) => boolean): FieldProblem | undefined {
  if (isAbsent(value)) return { field, problem: 'missing', rule };
  return valid(value) ? undefined : { field, problem: 'invalid', value: sample(value), shown: quote(value), rule };
}

/** "senderId is required (a UUID)" or "senderId "x" is invalid: it must be a UUID". */
export function describeProblem(p: FieldProblem): string {
  return p.problem === 'missing' ? `${p.field} is required (${p.rule})` : `${p.field} ${p.shown ?? quote(p.value)} is invalid: it must be ${p.rule}`;
}

/** The `details` of a documented messageError: the missing field names, and each invalid field with its value and rule. */
export function problemDetails(problems: FieldProblem[]): { missing: string[]; invalid: { field: string; value: unknown; rule: string }[] } {
  return {
    missing: problems.filter((p) => p.problem === 'missing').map((p) => p.field),
    invalid: problems.filter((p) => p.problem === 'invalid').map(({ field, value, rule }) => ({ field, value, rule })),
  };
}
