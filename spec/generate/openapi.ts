import type { Profile } from '../profiles.js';
import { levelIn } from '../profiles.js';
import { restOperations } from '../rest/index.js';
import { REST_DOMAINS, REST_DOMAIN_DESCRIPTIONS, openApiPath, type ResponseVariant, type RestOperation } from '../rest/operation.js';
import { statusText } from '../rest/define.js';
import { PROFILE_TITLES, versionOf } from './meta.js';
import { SchemaCollector, isOptional, type JsonSchema } from './collector.js';

type Obj = Record<string, unknown>;

function parameters(op: RestOperation, c: SchemaCollector): Obj[] {
  const list: Obj[] = [];
  const add = (where: 'path' | 'query' | 'header', shape: RestOperation['params']) => {
    for (const [name, schema] of Object.entries(shape ?? {})) {
      list.push({ name, in: where, required: where === 'path' || !isOptional(schema), schema: c.convert(schema, 'input') });
    }
  };
  add('path', op.params);
  add('query', op.query);
  add('header', op.headers);
  return list;
}

function mergeSchemas(schemas: JsonSchema[]): JsonSchema {
  const unique = [...new Map(schemas.map((s) => [JSON.stringify(s), s])).values()];
  return unique.length === 1 ? (unique[0] as JsonSchema) : { anyOf: unique };
}

function responses(op: RestOperation, profile: Profile, c: SchemaCollector): Obj {
  const byStatus = new Map<number, ResponseVariant[]>();
  for (const v of op.responses.filter((r) => levelIn(r.profiles, profile))) {
    byStatus.set(v.status, [...(byStatus.get(v.status) ?? []), v]);
  }
  const out: Obj = {};
  for (const status of [...byStatus.keys()].sort((a, b) => a - b)) {
    const variants = byStatus.get(status) ?? [];
    const content: Obj = {};
    for (const ct of [...new Set(variants.map((v) => v.contentType).filter((t): t is string => t !== undefined))]) {
      const schemas = variants.flatMap((v) => (v.contentType === ct && v.schema ? [c.convert(v.schema, 'output')] : []));
      content[ct] = { schema: schemas.length > 0 ? mergeSchemas(schemas) : {} };
    }
    out[String(status)] = {
      description: [...new Set(variants.map((v) => v.description))].join('; ') || statusText(status),
      ...(Object.keys(content).length > 0 ? { content } : {}),
      'x-eliza-wire-variants': variants.map((v) => ({
        envelope: v.envelope,
        level: levelIn(v.profiles, profile),
        ...(v.error ? { error: v.error } : {}),
        ...(v.when ? { when: v.when } : {}),
      })),
    };
  }
  return out;
}

function operation(op: RestOperation, profile: Profile, c: SchemaCollector): Obj {
  return {
    operationId: op.id,
    summary: op.summary,
    ...(op.description ? { description: op.description } : {}),
    tags: [op.domain],
    ...(op.deprecated ? { deprecated: true } : {}),
    security: op.auth === 'api-key' ? [{ ApiKey: [] }, {}] : [],
    parameters: parameters(op, c),
    ...(op.body
      ? { requestBody: { required: op.body.required, content: { [op.body.contentType]: { schema: c.convert(op.body.schema, 'input') } } } }
      : {}),
    responses: responses(op, profile, c),
    'x-eliza-wire': { level: levelIn(op.profiles, profile), probed: op.probed, ...(op.aliasOf ? { aliasOf: op.aliasOf } : {}) },
  };
}

/**
 * The OpenAPI 3.1 document of a profile: every REST operation of that profile, its responses in that profile,
 * and the level of each as `x-eliza-wire`.
 */
export function toOpenApi(profile: Profile): Obj {
  const c = new SchemaCollector({ target: 'draft-2020-12', refPrefix: '#/components/schemas/' });
  const paths: Record<string, Obj> = {};
  for (const op of restOperations.filter((o) => levelIn(o.profiles, profile))) {
    const item = (paths[openApiPath(op.path)] ??= {});
    item[op.method.toLowerCase()] = operation(op, profile, c);
  }
  return {
    openapi: '3.1.0',
    info: {
      title: `ElizaOS client-server protocol: REST (${profile})`,
      version: versionOf(profile),
      description: PROFILE_TITLES[profile],
      license: { name: 'MIT', identifier: 'MIT' },
    },
    servers: [{ url: 'http://127.0.0.1:3000', description: 'A local ElizaOS server or the eliza-wire mock' }],
    tags: REST_DOMAINS.map((name) => ({ name, description: REST_DOMAIN_DESCRIPTIONS[name] })),
    paths,
    components: {
      securitySchemes: { ApiKey: { type: 'apiKey', in: 'header', name: 'X-API-KEY', description: 'Needed when the server has a REST API key.' } },
      schemas: c.sorted(),
    },
  };
}
