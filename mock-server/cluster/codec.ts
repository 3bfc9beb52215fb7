/**
 * Records as JSON-safe values, for any adapter's transport (the redis adapter JSON-encodes server-side emits, the
 * cluster adapter goes through process IPC). Sets, Maps and byte arrays travel tagged; everything else as JSON.
 */
type Tagged = { $set: unknown[] } | { $map: [unknown, unknown][] } | { $bytes: string };

export function encodeValue(value: unknown): unknown {
  if (value === null || typeof value !== 'object') return value;
  if (value instanceof Set) return { $set: [...value].map(encodeValue) };
  if (value instanceof Map) return { $map: [...value].map(([k, v]) => [encodeValue(k), encodeValue(v)]) };
  if (value instanceof Uint8Array) return { $bytes: Buffer.from(value.buffer, value.byteOffset, value.byteLength).toString('base64') };
  if (Array.isArray(value)) return value.map(encodeValue);
  const out: Record<string, unknown> = {};
  for (const [k, v] of Object.entries(value)) if (v !== undefined) out[k] = encodeValue(v);
  return out;
}

export function decodeValue(value: unknown): unknown {
  if (value === null || typeof value !== 'object') return value;
  if (Array.isArray(value)) return value.map(decodeValue);
  const tagged = value as Partial<Record<keyof UnionKeys<Tagged>, unknown>>;
  if (Array.isArray(tagged.$set)) return new Set(tagged.$set.map(decodeValue));
  if (Array.isArray(tagged.$map)) return new Map((tagged.$map as [unknown, unknown][]).map(([k, v]) => [decodeValue(k), decodeValue(v)]));
  if (typeof tagged.$bytes === 'string') return new Uint8Array(Buffer.from(tagged.$bytes, 'base64'));
  const out: Record<string, unknown> = {};
  for (const [k, v] of Object.entries(value)) out[k] = decodeValue(v);
  return out;
}

type UnionKeys<T> = { [K in T extends unknown ? keyof T : never]: unknown };
