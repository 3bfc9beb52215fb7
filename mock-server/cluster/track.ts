/**
 * Change tracking of the state's Maps. Each Map instance gets its own `set`, `delete`, `clear` (which mark the key)
 * and its own readers (`get`, `values`, `entries`, `forEach`, iteration), which hand out proxies of the records: a
 * write anywhere inside a record (a field, a nested object or array, a Set) marks the record's key. Only the key
 * travels to the flush, which reads the record as it is then, so many writes to one record cost one change.
 */
type Mark = (key: string) => void;
type AnyMap = Map<string, unknown>;

const targets = new WeakMap<object, object>();
const READERS = ['get', 'values', 'entries', 'forEach', Symbol.iterator] as const;
const WRITERS = ['set', 'delete', 'clear'] as const;
const SET_WRITERS = new Set<PropertyKey>(['add', 'delete', 'clear', 'set']);

/** The object behind a record proxy (the value itself when it is none). */
export function unwrap<T>(value: T): T {
  return (typeof value === 'object' && value !== null ? (targets.get(value) as T | undefined) : undefined) ?? value;
}

function trackable(value: unknown): value is object {
  if (typeof value !== 'object' || value === null) return false;
  if (Array.isArray(value) || value instanceof Set || value instanceof Map) return true;
  const proto = Object.getPrototypeOf(value) as unknown;
  return proto === Object.prototype || proto === null;
}

/** A proxy that calls `touch` on every write, at any depth; proxies are cached so identity holds across reads. */
function deepProxy(target: object, touch: () => void, cache: WeakMap<object, object>, root = false): object {
  const cached = root ? undefined : cache.get(target);
  if (cached) return cached;
  const wrap = (v: unknown) => (trackable(v) ? deepProxy(v, touch, cache) : v);
  const handler: ProxyHandler<object> = target instanceof Set || target instanceof Map
    ? {
        // Set and Map methods need the real object as `this`.
        get(t, p) {
          const v = Reflect.get(t, p, t) as unknown;
          if (typeof v !== 'function') return v;
          if (!SET_WRITERS.has(p)) return (v as (...a: unknown[]) => unknown).bind(t);
          return (...args: unknown[]) => {
            touch();
            return (v as (...a: unknown[]) => unknown).apply(t, args.map(unwrap));
          };
        },
      }
    : {
        get: (t, p, r) => wrap(Reflect.get(t, p, r)),
        set(t, p, v) {
          touch();
          return Reflect.set(t, p, unwrap(v));
        },
        deleteProperty(t, p) {
          touch();
          return Reflect.deleteProperty(t, p);
        },
        defineProperty(t, p, d) {
          touch();
          return Reflect.defineProperty(t, p, d);
        },
      };
  const proxy = new Proxy(target, handler);
  if (!root) cache.set(target, proxy);
  targets.set(proxy, target);
  return proxy;
}

/** The map's own readers and writers; `untrackMap` removes them and the prototype's serve again. */
export function trackMap(map: AnyMap, mark: Mark): void {
  const proto = Map.prototype;
  // Writes go through the map's own class (a bounded or indexed Map keeps its bounds and indexes), minus the tracking.
  const base = Object.getPrototypeOf(map) as AnyMap;
  // One cache per map: a record's proxy (with the key it marks) and the proxies of its nested values.
  const roots = new WeakMap<object, { key: string; proxy: object }>();
  const nested = new WeakMap<object, object>();
  const view = (key: string, value: unknown): unknown => {
    if (!trackable(value)) return value;
    const root = roots.get(value);
    if (root?.key === key) return root.proxy;
    const proxy = deepProxy(value, () => mark(key), nested, true);
    roots.set(value, { key, proxy });
    return proxy;
  };
  const own: Record<string | symbol, unknown> = {
    get: (key: string) => view(key, proto.get.call(map, key)),
    *values() {
      for (const [k, v] of proto.entries.call(map)) yield view(k, v);
    },
    *entries() {
      for (const [k, v] of proto.entries.call(map)) yield [k, view(k, v)];
    },
    forEach(fn: (v: unknown, k: string, m: AnyMap) => void, thisArg?: unknown) {
      for (const [k, v] of proto.entries.call(map)) fn.call(thisArg, view(k, v), k, map);
    },
    set(key: string, value: unknown) {
      base.set.call(map, key, unwrap(value));
      mark(key);
      return map;
    },
    delete(key: string) {
      const had = base.delete.call(map, key);
      if (had) mark(key);
      return had;
    },
    clear() {
      for (const key of proto.keys.call(map)) mark(key);
      base.clear.call(map);
    },
  };
  own[Symbol.iterator] = own.entries;
  for (const name of [...READERS, ...WRITERS]) Object.defineProperty(map, name, { value: own[name], configurable: true, writable: true });
}

export function untrackMap(map: AnyMap): void {
  for (const name of [...READERS, ...WRITERS]) Reflect.deleteProperty(map, name);
}

/** The map's class's writers (a bounded or indexed Map keeps its bounds and indexes up to date), without tracking. */
const classOf = (map: AnyMap) => Object.getPrototypeOf(map) as AnyMap;

/** Reads and writes that bypass the tracking: the replicator applies remote changes with these. */
export const raw = {
  get: (map: AnyMap, key: string): unknown => Map.prototype.get.call(map, key),
  set: (map: AnyMap, key: string, value: unknown): void => void classOf(map).set.call(map, key, value),
  delete: (map: AnyMap, key: string): boolean => classOf(map).delete.call(map, key),
  entries: (map: AnyMap): IterableIterator<[string, unknown]> => Map.prototype.entries.call(map) as IterableIterator<[string, unknown]>,
};
