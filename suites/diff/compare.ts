import type { Difference } from './model.js';

type Found = Omit<Difference, 'where'>;

const isObject = (v: unknown): v is Record<string, unknown> => v !== null && typeof v === 'object' && !Array.isArray(v);

/** `a.b`, `a["x y"]`, `a[0]`: a JSON path a reader can paste. */
export function pathJoin(path: string, key: string | number): string {
  if (typeof key === 'number') return `${path}[${key}]`;
  if (/^[A-Za-z_$][\w$-]*$/.test(key)) return path ? `${path}.${key}` : key;
  return `${path}[${JSON.stringify(key)}]`;
}

/**
 * Every place where two normalised values differ: a key or element on one side only, or a different leaf (or a
 * different kind of value: an object against an array, a string against a number). Arrays compare by index.
 */
export function compareValues(a: unknown, b: unknown, path = ''): Found[] {
  if (isObject(a) && isObject(b)) {
    const keys = [...new Set([...Object.keys(a), ...Object.keys(b)])].sort();
    return keys.flatMap((k) => {
      const at = pathJoin(path, k);
      if (!(k in b)) return [{ path: at, kind: 'only-a' as const, a: a[k] }];
      if (!(k in a)) return [{ path: at, kind: 'only-b' as const, b: b[k] }];
      return compareValues(a[k], b[k], at);
    });
  }
  if (Array.isArray(a) && Array.isArray(b)) {
    const length = Math.max(a.length, b.length);
    return Array.from({ length }, (_, i) => {
      const at = pathJoin(path, i);
      if (i >= b.length) return [{ path: at, kind: 'only-a' as const, a: a[i] }];
      if (i >= a.length) return [{ path: at, kind: 'only-b' as const, b: b[i] }];
      return compareValues(a[i], b[i], at);
    }).flat();
  }
  return Object.is(a, b) ? [] : [{ path: path || '(root)', kind: 'changed', a, b }];
}
