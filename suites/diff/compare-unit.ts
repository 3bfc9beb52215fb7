import { compareEvents } from './align.js';
import { compareValues, pathJoin } from './compare.js';
import type { Difference } from './model.js';
import { isFlowResult, type FlowResult } from './capture-flow.js';

type Found = Omit<Difference, 'where'>;

function compareStep(a: FlowResult['steps'][number], b: FlowResult['steps'][number], path: string): Found[] {
  const actors = [...new Set([...Object.keys(a.events), ...Object.keys(b.events)])].sort();
  return [
    ...compareValues(a.sent, b.sent, pathJoin(path, 'sent')),
    ...compareValues(a.response, b.response, pathJoin(path, 'response')),
    ...actors.flatMap((actor) => compareEvents(a.events[actor] ?? [], b.events[actor] ?? [], pathJoin(pathJoin(path, 'events'), actor))),
  ];
}

/** A flow's steps compared one by one, each actor's events aligned by name; anything else compares as a value. */
function compareFlow(a: FlowResult, b: FlowResult): Found[] {
  const length = Math.max(a.steps.length, b.steps.length);
  return Array.from({ length }, (_, i): Found[] => {
    const [sa, sb] = [a.steps[i], b.steps[i]];
    const path = pathJoin('steps', i);
    if (sa && sb) return compareStep(sa, sb, path);
    return sa ? [{ path, kind: 'only-a', a: sa }] : [{ path, kind: 'only-b', b: sb }];
  }).flat();
}

/** The differences between the normalised results of one unit on the two sides. */
export function compareUnit(where: string, a: unknown, b: unknown): Difference[] {
  const found = isFlowResult(a) && isFlowResult(b) ? compareFlow(a, b) : compareValues(a, b);
  return found.map((d) => ({ where, ...d }));
}
