const UUID = /^[0-9a-f]{8}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{12}$/i;
const ISO = /^\d{4}-\d{2}-\d{2}T\d{2}:\d{2}:\d{2}(\.\d+)?Z$/;
const TIME_KEY = /(At|_at|time|Time|timestamp|Timestamp|uptime|lastActivity)$/;

/**
 * Replaces what legitimately differs between two runs of the same seed: UUIDs by their order of first appearance
 * (so equal ids stay equal and a swapped id still shows), ISO times and epoch-ms numbers under time-like keys by
 * `<time>`. Everything else is kept.
 */
export function normalise(value: unknown): unknown {
  const ids = new Map<string, string>();
  const walk = (v: unknown, key = ''): unknown => {
    if (typeof v === 'string') {
      if (UUID.test(v) && v !== '00000000-0000-0000-0000-000000000000') {
        if (!ids.has(v)) ids.set(v, `<id${ids.size + 1}>`);
        return ids.get(v);
      }
      return ISO.test(v) ? '<time>' : v;
    }
    if (typeof v === 'number' && TIME_KEY.test(key)) return '<time>';
    if (Array.isArray(v)) return v.map((x) => walk(x));
    if (v && typeof v === 'object') return Object.fromEntries(Object.entries(v).map(([k, x]) => [k, walk(x, k)]));
    return v;
  };
  return walk(value);
}
