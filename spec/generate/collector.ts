import { z } from 'zod';

export type JsonSchema = Record<string, unknown>;

export interface CollectorOptions {
  target: 'draft-2020-12' | 'draft-7';
  /** Where hoisted definitions live, e.g. `#/components/schemas/`. */
  refPrefix: string;
}

/**
 * Converts zod schemas to JSON Schema and hoists every named schema (`.meta({ id })`) into one shared map, so
 * a document references each shape once. When the input and output forms of a named schema differ, the input
 * form is named `<id>Input`.
 */
export class SchemaCollector {
  readonly definitions: Record<string, JsonSchema> = {};

  constructor(private readonly options: CollectorOptions) {}

  convert(schema: z.ZodType, io: 'input' | 'output' = 'output'): JsonSchema {
    const json = z.toJSONSchema(schema, { target: this.options.target, io, unrepresentable: 'any', reused: 'inline' }) as JsonSchema;
    delete json.$schema;
    const { $defs, definitions, ...rest } = json;
    const defs = ($defs ?? definitions ?? {}) as Record<string, JsonSchema>;
    const names = this.hoist(defs, io);
    for (const def of Object.values(defs)) this.rewrite(def, names);
    return this.rewrite(rest, names) as JsonSchema;
  }

  /** Names each local definition in the shared map, returning local name → shared name. */
  private hoist(defs: Record<string, JsonSchema>, io: 'input' | 'output'): Map<string, string> {
    const names = new Map<string, string>();
    for (const local of Object.keys(defs)) names.set(local, local);
    for (const [local, def] of Object.entries(defs)) {
      const rewritten = this.rewrite(structuredClone(def), names) as JsonSchema;
      const name = this.place(local, rewritten, io);
      names.set(local, name);
    }
    return names;
  }

  private place(id: string, def: JsonSchema, io: 'input' | 'output'): string {
    const candidates = io === 'input' ? [id, `${id}Input`] : [id, `${id}Output`];
    for (const name of candidates) {
      const existing = this.definitions[name];
      if (existing === undefined) {
        this.definitions[name] = def;
        return name;
      }
      if (JSON.stringify(existing) === JSON.stringify(def)) return name;
    }
    throw new Error(`two different schemas share the id "${id}": give one of them another .meta({ id })`);
  }

  private rewrite(node: unknown, names: Map<string, string>): unknown {
    if (Array.isArray(node)) return node.map((n) => this.rewrite(n, names));
    if (node === null || typeof node !== 'object') return node;
    const obj = node as Record<string, unknown>;
    for (const [key, value] of Object.entries(obj)) {
      if (key === '$ref' && typeof value === 'string') {
        const local = value.replace(/^#\/(\$defs|definitions)\//, '');
        obj.$ref = `${this.options.refPrefix}${names.get(local) ?? local}`;
      } else {
        obj[key] = this.rewrite(value, names);
      }
    }
    return obj;
  }

  /** The definitions sorted by name, for deterministic output. */
  sorted(): Record<string, JsonSchema> {
    return Object.fromEntries(Object.keys(this.definitions).sort().map((k) => [k, this.definitions[k] as JsonSchema]));
  }
}

/** Whether a schema accepts `undefined` (an optional parameter or field). */
export function isOptional(schema: z.ZodType): boolean {
  return schema.safeParse(undefined).success;
}
