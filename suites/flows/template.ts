import { randomUUID } from 'node:crypto';
import { readPath } from '../../spec/index.js';

/** What `$…` placeholders in a flow's payloads resolve to. */
export interface TemplateScope {
  ctx: Record<string, unknown>;
  entities: Record<string, string>;
  /** A text unique to this step (`$text`). */
  text: string;
}

function resolveString(value: string, scope: TemplateScope): unknown {
  if (value === '$uuid') return randomUUID();
  if (value === '$text') return scope.text;
  if (value.startsWith('$ctx.')) return readPath(scope.ctx, value.slice(5));
  if (value.startsWith('$entity.')) return scope.entities[value.slice(8)];
  return value;
}

/** Fills a flow's payload template; `$uuid` gives a fresh UUID at each place it appears. */
export function fill(template: unknown, scope: TemplateScope): unknown {
  if (typeof template === 'string') return resolveString(template, scope);
  if (Array.isArray(template)) return template.map((t) => fill(t, scope));
  if (template !== null && typeof template === 'object') {
    return Object.fromEntries(Object.entries(template).map(([k, v]) => [k, fill(v, scope)]));
  }
  return template;
}
