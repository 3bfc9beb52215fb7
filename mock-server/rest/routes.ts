import { pathParamNames, restOperations, type Profile, type RestOperation } from '../../spec/index.js';
import { handlers } from './handlers.js';
import { fail, type Handler } from './result.js';
import { levelIn } from '../../spec/profiles.js';

/** The handler of an operation; an alias gets its target's, with its own path params renamed to the target's. */
export function handlerOf(op: RestOperation): Handler {
  const id = (op.aliasOf ?? op.id) as keyof typeof handlers;
  // The HandlerMap type makes a missing handler a compile error; this guards a build that skipped the type check.
  const handler: Handler = handlers[id] ?? (() => fail('INTERNAL_ERROR', `The mock has no handler for ${op.id}`));
  if (!op.aliasOf) return handler;
  const target = restOperations.find((o) => o.id === op.aliasOf);
  const names = target ? pathParamNames(target.path) : [];
  const own = pathParamNames(op.path);
  return (req) => handler({ ...req, params: Object.fromEntries(own.map((n, i) => [names[i] ?? n, req.params[n] ?? ''])) });
}

/**
 * The profile's operations in routing order. elizaos-1.7 keeps the spec's (1.7.2's) order, so
 * `GET /api/agents/:agentId` shadows `GET /api/agents/worlds` as it does there; documented puts literal segments
 * before parameters.
 */
export function routedOperations(profile: Profile): RestOperation[] {
  const ops = restOperations.filter((op) => levelIn(op.profiles, profile));
  if (profile !== 'documented') return ops;
  const weight = (op: RestOperation) => op.path.split('/').map((s) => (s.startsWith(':') ? '1' : '0')).join('');
  return [...ops].sort((a, b) => weight(a).localeCompare(weight(b)));
}
