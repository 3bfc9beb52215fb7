/**
 * Values that differ between any two servers, or two runs of one, whatever they do: masked by the key they sit
 * under. Each rule names a label; a value its rule does not fit (a string under `uptime`, say) is left alone.
 */
interface Rule {
  label: string;
  key: RegExp;
  fits: (value: unknown) => boolean;
}

const isNumber = (v: unknown): v is number => typeof v === 'number' && Number.isFinite(v);
/** Epoch seconds or milliseconds (1973–5138), as a number or a string of digits. */
const isEpoch = (v: unknown) => {
  const n = typeof v === 'string' && /^\d{9,14}$/.test(v) ? Number(v) : v;
  return isNumber(n) && ((n >= 1e11 && n < 1e14) || (n >= 1e8 && n < 1e10));
};

const RULES: Rule[] = [
  { label: '<epoch>', key: /(time|date|stamp|At$|_at$|^at$|created|updated|expires|since|started|ended|^ts$|last)/i, fits: isEpoch },
  { label: '<duration>', key: /[Dd]uration|[Ee]lapsed|[Ll]atency|[Tt]ook|[Ee]xecution[Tt]ime|_ms$|[a-z]Ms$|^ms$/, fits: isNumber },
  { label: '<uptime>', key: /uptime/i, fits: (v) => isNumber(v) || typeof v === 'string' },
  { label: '<memory>', key: /(memory|heap|^rss$|^external$|arraybuffers)/i, fits: isNumber },
  { label: '<version>', key: /version$/i, fits: (v) => typeof v === 'string' || isNumber(v) },
];

/** The label for a volatile value under `key`, or `undefined` when the value is not volatile. */
export function maskByKey(key: string, value: unknown): string | undefined {
  return RULES.find((r) => r.key.test(key) && r.fits(value))?.label;
}
