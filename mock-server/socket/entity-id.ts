import { isUuid } from './fields.js';

/** FNV-1a over the string's UTF-16 code units, from a given offset basis. */
function fnv1a(text: string, basis: number): number {
  let hash = basis >>> 0;
  for (let i = 0; i < text.length; i += 1) hash = Math.imul(hash ^ text.charCodeAt(i), 0x01000193) >>> 0;
  return hash;
}

/**
 * The UUID the documented profile stores for a client id that is not one (the seeds' `'my-extension-id'`): the
 * same id gives the same UUID (v5 layout, 128 bits from four FNV-1a hashes), so what the mock stores and serves
 * keeps the spec's UUID shape. A UUID is kept as it is.
 */
export function entityUuid(id: string): string {
  if (isUuid(id)) return id;
  const hex = [0x811c9dc5, 0x050c5d1f, 0x1b873593, 0x3c6ef372].map((basis) => fnv1a(id, basis).toString(16).padStart(8, '0')).join('');
  const variant = ((parseInt(hex[16] ?? '0', 16) & 0x3) | 0x8).toString(16);
  return `${hex.slice(0, 8)}-${hex.slice(8, 12)}-5${hex.slice(13, 16)}-${variant}${hex.slice(17, 20)}-${hex.slice(20, 32)}`;
}
