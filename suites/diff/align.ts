import { compareValues, pathJoin } from './compare.js';
import type { Difference } from './model.js';

export interface ReceivedEvent {
  event: string;
  payload: unknown;
}

type Found = Omit<Difference, 'where'>;

/** Pairs of indexes of the longest common subsequence of event names (`[-1, j]`: only in b, `[i, -1]`: only in a). */
function lcsPairs(a: string[], b: string[]): [number, number][] {
  const table = Array.from({ length: a.length + 1 }, () => new Array<number>(b.length + 1).fill(0));
  for (let i = a.length - 1; i >= 0; i--) {
    for (let j = b.length - 1; j >= 0; j--) {
      const row = table[i] as number[];
      row[j] = a[i] === b[j] ? (table[i + 1]?.[j + 1] ?? 0) + 1 : Math.max(table[i + 1]?.[j] ?? 0, row[j + 1] ?? 0);
    }
  }
  const pairs: [number, number][] = [];
  let [i, j] = [0, 0];
  while (i < a.length || j < b.length) {
    if (i < a.length && j < b.length && a[i] === b[j]) pairs.push([i++, j++]);
    else if (j >= b.length || (i < a.length && (table[i + 1]?.[j] ?? 0) >= (table[i]?.[j + 1] ?? 0))) pairs.push([i++, -1]);
    else pairs.push([-1, j++]);
  }
  return pairs;
}

/**
 * The differences between two event sequences one actor received: aligned by event name (an extra or missing
 * event is one difference, not a shift of every later one), then the payloads of aligned events compared.
 * An index reads `[2]` when both sides agree on it, `[2~3]` (a~b) when an extra event moved it.
 */
export function compareEvents(a: ReceivedEvent[], b: ReceivedEvent[], path: string): Found[] {
  return lcsPairs(a.map((e) => e.event), b.map((e) => e.event)).flatMap(([i, j]): Found[] => {
    const ea = a[i];
    const eb = b[j];
    if (!eb && ea) return [{ path: pathJoin(path, i), kind: 'only-a', a: ea.payload, event: ea.event }];
    if (!ea && eb) return [{ path: pathJoin(path, j), kind: 'only-b', b: eb.payload, event: eb.event }];
    if (!ea || !eb) return [];
    const at = i === j ? pathJoin(path, i) : `${path}[${i}~${j}]`;
    return compareValues(ea.payload, eb.payload, `${at}.payload`).map((d) => ({ ...d, event: ea.event }));
  });
}
