import type { z } from 'zod';

/** Which side of the wire a schema is read from: what a client sends (`request`) or what it reads (`response`). */
export type Side = 'request' | 'response';

/** A zod schema reduced to what a client relies on: fields, their optionality, types and allowed values. */
export type Shape =
  | { kind: 'object'; fields: Record<string, Field>; extra: 'refused' | 'allowed' }
  | { kind: 'array'; element: Shape }
  | { kind: 'record'; value: Shape }
  | { kind: 'union'; options: Shape[] }
  | { kind: 'nullable'; inner: Shape }
  | { kind: 'values'; values: string[] }
  | { kind: 'scalar'; type: string; format?: string }
  | { kind: 'cycle' };

export interface Field {
  optional: boolean;
  shape: Shape;
}

/** The parts of zod 4's `_zod.def` this walk reads. */
interface Def {
  type: string;
  innerType?: z.ZodType;
  shape?: Record<string, z.ZodType>;
  catchall?: z.ZodType;
  element?: z.ZodType;
  valueType?: z.ZodType;
  options?: z.ZodType[];
  left?: z.ZodType;
  right?: z.ZodType;
  items?: z.ZodType[];
  entries?: Record<string, string | number>;
  values?: unknown[];
  in?: z.ZodType;
  out?: z.ZodType;
  getter?: () => z.ZodType;
  format?: string;
}

interface Internals {
  def: Def;
  optin?: 'optional';
  optout?: 'optional';
}

const internals = (schema: z.ZodType): Internals => (schema as unknown as { _zod: Internals })._zod;

const UNWRAP = new Set(['optional', 'default', 'prefault', 'catch', 'readonly', 'nonoptional', 'success']);

/** The shape of `schema` as `side` sees it (a pipe is its input for requests, its output for responses). */
export function shapeOf(schema: z.ZodType, side: Side, seen: ReadonlySet<z.ZodType> = new Set()): Shape {
  if (seen.has(schema)) return { kind: 'cycle' };
  const next = new Set(seen).add(schema);
  const def = internals(schema).def;
  const of = (s: z.ZodType) => shapeOf(s, side, next);
  if (UNWRAP.has(def.type) && def.innerType) return of(def.innerType);
  switch (def.type) {
    case 'nullable': return def.innerType ? nullable(of(def.innerType)) : { kind: 'scalar', type: 'null' };
    case 'lazy': return def.getter ? of(def.getter()) : unknownShape;
    case 'pipe': return of((side === 'request' ? def.in : def.out) ?? schema);
    case 'object': return objectShape(def, side, of);
    case 'array': return { kind: 'array', element: def.element ? of(def.element) : unknownShape };
    case 'set': return { kind: 'array', element: def.valueType ? of(def.valueType) : unknownShape };
    case 'record': case 'map': return { kind: 'record', value: def.valueType ? of(def.valueType) : unknownShape };
    case 'tuple': return { kind: 'array', element: unionOf((def.items ?? []).map(of)) };
    case 'union': return unionOf((def.options ?? []).map(of));
    case 'intersection': return intersect(def.left ? of(def.left) : unknownShape, def.right ? of(def.right) : unknownShape);
    case 'enum': return { kind: 'values', values: Object.values(def.entries ?? {}).map((v) => JSON.stringify(v)).sort() };
    case 'literal': return { kind: 'values', values: (def.values ?? []).map((v) => JSON.stringify(v) ?? 'undefined').sort() };
    case 'transform': return unknownShape;
    default: return def.format ? { kind: 'scalar', type: def.type, format: def.format } : { kind: 'scalar', type: def.type };
  }
}

const unknownShape: Shape = { kind: 'scalar', type: 'unknown' };

function nullable(inner: Shape): Shape {
  return inner.kind === 'nullable' ? inner : { kind: 'nullable', inner };
}

function objectShape(def: Def, side: Side, of: (s: z.ZodType) => Shape): Shape {
  const fields: Record<string, Field> = {};
  for (const [name, field] of Object.entries(def.shape ?? {})) {
    const zod = internals(field);
    fields[name] = { optional: (side === 'request' ? zod.optin : zod.optout) === 'optional', shape: of(field) };
  }
  const refused = def.catchall !== undefined && internals(def.catchall).def.type === 'never';
  return { kind: 'object', fields, extra: refused ? 'refused' : 'allowed' };
}

/** A union; `X | null` becomes a nullable X so that the diff reports "may now be null", not a new option. */
function unionOf(options: Shape[]): Shape {
  const isNull = (s: Shape) => s.kind === 'scalar' && s.type === 'null';
  const rest = options.filter((o) => !isNull(o));
  const base: Shape = rest.length === 1 && rest[0] ? rest[0] : { kind: 'union', options: rest };
  return rest.length < options.length ? nullable(base) : base;
}

function intersect(left: Shape, right: Shape): Shape {
  if (left.kind === 'object' && right.kind === 'object') {
    return { kind: 'object', fields: { ...left.fields, ...right.fields }, extra: left.extra === 'refused' || right.extra === 'refused' ? 'refused' : 'allowed' };
  }
  return left;
}

/** A short, stable description of a shape: `string(uuid)`, `object{id, name?}`, `array<number>`, `"a" | "b"`. */
export function describeShape(shape: Shape, depth = 0): string {
  switch (shape.kind) {
    case 'scalar': return shape.format ? `${shape.type}(${shape.format})` : shape.type;
    case 'values': return shape.values.length > 4 ? `${shape.values.slice(0, 3).join(' | ')} | … (${shape.values.length} values)` : shape.values.join(' | ');
    case 'nullable': return `${describeShape(shape.inner, depth)} | null`;
    case 'array': return `array<${describeShape(shape.element, depth + 1)}>`;
    case 'record': return `record<${describeShape(shape.value, depth + 1)}>`;
    case 'union': return shape.options.map((o) => describeShape(o, depth + 1)).join(' | ');
    case 'cycle': return '(recursive)';
    case 'object': return depth > 1 ? 'object' : `object{${Object.entries(shape.fields).map(([n, f]) => `${n}${f.optional ? '?' : ''}`).join(', ')}}`;
  }
}
