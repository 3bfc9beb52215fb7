import { change, type ChangeSite, type SpecChange } from './change.js';
import type { DiffRuleId } from './rules.js';
import { describeShape, type Field, type Shape, type Side } from './shape.js';

/** Where in an entry two shapes are compared, e.g. `response 200 body` or `payload`. */
export interface ShapeSite extends ChangeSite {
  location: string;
}

/** A canonical text of a shape (fields sorted), to tell equal shapes apart from changed ones. */
export function signature(shape: Shape): string {
  switch (shape.kind) {
    case 'object': {
      const fields = Object.keys(shape.fields).sort().map((n) => {
        const f = shape.fields[n] as Field;
        return `${JSON.stringify(n)}${f.optional ? '?' : ''}:${signature(f.shape)}`;
      });
      return `{${fields.join(',')}${shape.extra === 'refused' ? '' : ',...'}}`;
    }
    case 'array': return `[${signature(shape.element)}]`;
    case 'record': return `record<${signature(shape.value)}>`;
    case 'union': return `(${shape.options.map(signature).sort().join('|')})`;
    case 'nullable': return `${signature(shape.inner)}?null`;
    case 'values': return shape.values.join('|');
    case 'scalar': return shape.format ? `${shape.type}:${shape.format}` : shape.type;
    case 'cycle': return 'cycle';
  }
}

const at = (path: string, name: string) => (path === '' ? name : `${path}.${name}`);
const shown = (path: string) => (path === '' ? '(the whole value)' : path);

/**
 * The changes from shape `a` to shape `b`, read from `side`: a field a client reads that goes away breaks it, a
 * field it may send that goes away does not. Field paths are dotted, `[]` for array items, `{}` for record values,
 * `<n>` for the n-th option of a union compared option by option.
 */
export function diffShapes(a: Shape, b: Shape, side: Side, site: ShapeSite, path = ''): SpecChange[] {
  const emit = (rule: DiffRuleId, params: Record<string, string> = {}) =>
    change(site, rule, { location: site.location, path: shown(path), ...params });
  if (signature(a) === signature(b)) return [];
  // anything a client read as unknown it could not rely on; anything it sends is still taken by an unknown
  if (isUnknown(side === 'response' ? a : b)) return [];
  if (a.kind === 'nullable' || b.kind === 'nullable') return diffNullable(a, b, side, site, path, emit);
  if (a.kind === 'object' && b.kind === 'object') return diffObjects(a, b, side, site, path);
  if (a.kind === 'array' && b.kind === 'array') return diffShapes(a.element, b.element, side, site, `${path}[]`);
  if (a.kind === 'record' && b.kind === 'record') return diffShapes(a.value, b.value, side, site, `${path}{}`);
  if (a.kind === 'values' && b.kind === 'values') return diffValues(a.values, b.values, side, emit, describeShape(a), describeShape(b));
  if (a.kind === 'union' && b.kind === 'union') return diffUnions(a.options, b.options, side, site, path, emit);
  if (a.kind === 'scalar' && b.kind === 'values' && valuesOf(b.values, a)) {
    return [emit(side === 'request' ? 'request-field-narrowed' : 'response-field-narrowed', { from: describeShape(a), to: describeShape(b) })];
  }
  if (a.kind === 'values' && b.kind === 'scalar' && valuesOf(a.values, b)) {
    return [emit(side === 'request' ? 'request-field-widened' : 'response-field-widened', { from: describeShape(a), to: describeShape(b) })];
  }
  if (a.kind === 'scalar' && b.kind === 'scalar' && a.type === b.type) {
    return [emit(side === 'request' ? 'request-format-changed' : 'response-format-changed', { from: describeShape(a), to: describeShape(b) })];
  }
  return [emit(side === 'request' ? 'request-field-retyped' : 'response-field-retyped', { from: describeShape(a), to: describeShape(b) })];
}

const isAnything = (s: Shape) => s.kind === 'scalar' && (s.type === 'unknown' || s.type === 'any');
/** A shape any value fits: `unknown`, or a union with an `unknown` option. */
const isUnknown = (s: Shape): boolean => isAnything(s) || (s.kind === 'union' && s.options.some(isAnything));

/** `"a", "b", "c"`, or the first five and how many more. */
function listValues(values: string[]): string {
  return values.length > 5 ? `${values.slice(0, 5).join(', ')} and ${values.length - 5} more` : values.join(', ');
}

/** Whether every literal (JSON text) is a value of the scalar: `"NOT_FOUND"` of `string`, `4` of `number`. */
function valuesOf(values: string[], scalar: Extract<Shape, { kind: 'scalar' }>): boolean {
  if (scalar.format !== undefined) return false;
  const fits = { string: (v: string) => v.startsWith('"'), number: (v: string) => /^-?\d/.test(v), boolean: (v: string) => v === 'true' || v === 'false' }[scalar.type];
  return fits !== undefined && values.every(fits);
}

type Emit = (rule: DiffRuleId, params?: Record<string, string>) => SpecChange;

function diffNullable(a: Shape, b: Shape, side: Side, site: ShapeSite, path: string, emit: Emit): SpecChange[] {
  const innerA = a.kind === 'nullable' ? a.inner : a;
  const innerB = b.kind === 'nullable' ? b.inner : b;
  const inner = diffShapes(innerA, innerB, side, site, path);
  if (a.kind === 'nullable' && b.kind === 'nullable') return inner;
  const gained = b.kind === 'nullable';
  const rule: DiffRuleId = side === 'request'
    ? (gained ? 'request-became-nullable' : 'request-no-longer-nullable')
    : (gained ? 'response-became-nullable' : 'response-no-longer-nullable');
  return [emit(rule), ...inner];
}

function diffValues(a: string[], b: string[], side: Side, emit: Emit, from: string, to: string): SpecChange[] {
  const removed = a.filter((v) => !b.includes(v));
  const added = b.filter((v) => !a.includes(v));
  // a literal swapped for another (`true` for `false`) is a new type, not a widened set
  if (removed.length > 0 && removed.length === a.length) {
    return [emit(side === 'request' ? 'request-field-retyped' : 'response-field-retyped', { from, to })];
  }
  // one change per field, naming every value: a code list that shrinks by ten is one change, not ten
  const out: SpecChange[] = [];
  if (removed.length > 0) out.push(emit(side === 'request' ? 'request-enum-value-removed' : 'response-enum-value-removed', { value: listValues(removed), values: removed.join(', ') }));
  if (added.length > 0) out.push(emit(side === 'request' ? 'request-enum-value-added' : 'response-enum-value-added', { value: listValues(added), values: added.join(', ') }));
  return out;
}

function diffUnions(a: Shape[], b: Shape[], side: Side, site: ShapeSite, path: string, emit: Emit): SpecChange[] {
  // same number of options: compare them in order, so one changed field of one variant shows as that field
  if (a.length === b.length) return a.flatMap((option, i) => diffShapes(option, b[i] as Shape, side, site, `${path}<${i + 1}>`));
  const sigB = new Set(b.map(signature));
  const sigA = new Set(a.map(signature));
  return [
    ...a.filter((o) => !sigB.has(signature(o))).map((o) => emit(side === 'request' ? 'request-union-option-removed' : 'response-union-option-removed', { value: describeShape(o, 1) })),
    ...b.filter((o) => !sigA.has(signature(o))).map((o) => emit(side === 'request' ? 'request-union-option-added' : 'response-union-option-added', { value: describeShape(o, 1) })),
  ];
}

type ObjectShape = Extract<Shape, { kind: 'object' }>;

function diffObjects(a: ObjectShape, b: ObjectShape, side: Side, site: ShapeSite, path: string): SpecChange[] {
  const removed = Object.keys(a.fields).filter((n) => !(n in b.fields));
  const added = Object.keys(b.fields).filter((n) => !(n in a.fields));
  const renames = pairRenames(a, b, removed, added);
  const out: SpecChange[] = [];
  const emit = (rule: DiffRuleId, name: string, params: Record<string, string> = {}) =>
    out.push(change(site, rule, { location: site.location, path: at(path, name), ...params }));
  for (const [from, to] of renames) emit(side === 'request' ? 'request-field-renamed' : 'response-field-renamed', from, { from: at(path, from), to: at(path, to) });
  for (const name of removed.filter((n) => !renames.has(n))) emit(removedRule(side, a.fields[name] as Field, b), name);
  const renamedTo = new Set(renames.values());
  for (const name of added.filter((n) => !renamedTo.has(n))) emit(addedRule(side, b.fields[name] as Field), name);
  for (const name of Object.keys(a.fields).filter((n) => n in b.fields)) {
    const fa = a.fields[name] as Field;
    const fb = b.fields[name] as Field;
    if (fa.optional !== fb.optional) emit(optionalityRule(side, fb.optional), name);
    out.push(...diffShapes(fa.shape, fb.shape, side, site, at(path, name)));
  }
  if (side === 'request' && a.extra !== b.extra) {
    out.push(change(site, b.extra === 'refused' ? 'request-extra-fields-refused' : 'request-extra-fields-allowed', { location: site.location, path: shown(path) }));
  }
  return out;
}

/**
 * A removed and an added field with the same shape, when that shape is unique among them: a rename. A single
 * literal (`success: true` and `healthy: true`) says too little to pair two fields.
 */
function pairRenames(a: ObjectShape, b: ObjectShape, removed: string[], added: string[]): Map<string, string> {
  const pairs = new Map<string, string>();
  const key = (f: Field) => `${f.optional}:${signature(f.shape)}`;
  for (const from of removed) {
    const shape = (a.fields[from] as Field).shape;
    if (shape.kind === 'values' && shape.values.length === 1) continue;
    const k = key(a.fields[from] as Field);
    const sameA = removed.filter((n) => key(a.fields[n] as Field) === k);
    const sameB = added.filter((n) => key(b.fields[n] as Field) === k);
    if (sameA.length === 1 && sameB.length === 1 && sameB[0]) pairs.set(from, sameB[0]);
  }
  return pairs;
}

function removedRule(side: Side, field: Field, b: ObjectShape): DiffRuleId {
  if (side === 'response') return field.optional ? 'response-optional-field-removed' : 'response-required-field-removed';
  return b.extra === 'refused' ? 'request-field-removed-strict' : 'request-field-removed';
}

function addedRule(side: Side, field: Field): DiffRuleId {
  if (side === 'response') return 'response-field-added';
  return field.optional ? 'request-optional-field-added' : 'request-required-field-added';
}

function optionalityRule(side: Side, nowOptional: boolean): DiffRuleId {
  if (side === 'request') return nowOptional ? 'request-field-became-optional' : 'request-field-became-required';
  return nowOptional ? 'response-field-became-optional' : 'response-field-became-required';
}
