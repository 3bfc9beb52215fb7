import type { Profile } from '../profiles.js';
import { levelIn } from '../profiles.js';
import { restOperations } from '../rest/index.js';
import { schemaIn } from '../socket/event.js';
import { socketEvents } from '../socket/index.js';
import { SchemaCollector, type JsonSchema } from './collector.js';

/**
 * One JSON Schema (draft 2020-12) document with every schema of a profile under `$defs`: the named shapes,
 * `rest.<operationId>.request`, `rest.<operationId>.<status>` and `socket.<eventId>`.
 */
export function toJsonSchema(profile: Profile): JsonSchema {
  const c = new SchemaCollector({ target: 'draft-2020-12', refPrefix: '#/$defs/' });
  const entries: Record<string, JsonSchema> = {};
  for (const op of restOperations.filter((o) => levelIn(o.profiles, profile))) {
    if (op.body) entries[`rest.${op.id}.request`] = c.convert(op.body.schema, 'input');
    for (const v of op.responses.filter((r) => levelIn(r.profiles, profile))) {
      if (!v.schema) continue;
      const key = `rest.${op.id}.${v.status}`;
      const schema = c.convert(v.schema, 'output');
      const existing = entries[key];
      entries[key] = existing === undefined ? schema : { anyOf: [...((existing.anyOf as JsonSchema[]) ?? [existing]), schema] };
    }
  }
  for (const event of socketEvents) {
    const schema = schemaIn(event, profile);
    if (schema) entries[`socket.${event.id}`] = c.convert(schema, event.direction === 'client-to-server' ? 'input' : 'output');
  }
  return {
    $schema: 'https://json-schema.org/draft/2020-12/schema',
    $id: `https://eliza-wire.dev/schema/${profile}.json`,
    title: `ElizaOS client-server protocol schemas (${profile})`,
    $defs: { ...c.sorted(), ...entries },
  };
}
