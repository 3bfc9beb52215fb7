/** The flow runner's per-step text: `eliza-wire <flow> step <n> <8 hex>`; the hex part is new on every run. */
export const STEP_TEXT = /eliza-wire \S+ step \d+ [0-9a-f]{8}\b/g;
const NONCE_LENGTH = 8;

function stepTexts(sent: unknown): string[] {
  const found = new Set<string>();
  const walk = (v: unknown): void => {
    if (typeof v === 'string') for (const m of v.matchAll(STEP_TEXT)) found.add(m[0]);
    else if (v !== null && typeof v === 'object') Object.values(v).forEach(walk);
  };
  walk(sent);
  return [...found];
}

/**
 * `s` with the characters that fall on the nonce of `text` turned into `#`: where `s` holds the whole text, is a
 * piece of it, or ends with the text cut inside the nonce (a chunk that carries the start of the text).
 */
function maskPiece(s: string, text: string): string {
  const nonceAt = text.length - NONCE_LENGTH;
  if (s.includes(text)) return s.split(text).join(`${text.slice(0, nonceAt)}${'#'.repeat(NONCE_LENGTH)}`);
  for (let at = text.indexOf(s); at >= 0 && s.length > 0; at = text.indexOf(s, at + 1)) {
    if (at + s.length > nonceAt) return `${s.slice(0, Math.max(0, nonceAt - at))}${'#'.repeat(Math.min(s.length, at + s.length - nonceAt))}`;
  }
  for (let cut = text.length - 1; cut > nonceAt; cut--) {
    if (s.endsWith(text.slice(0, cut))) return `${s.slice(0, s.length - (cut - nonceAt))}${'#'.repeat(cut - nonceAt)}`;
  }
  return s;
}

/**
 * Masks the step's nonce wherever the server sent it back, also when it came back in pieces (an agent reply
 * streamed in chunks): each string that is a piece of the step's text has its nonce characters replaced by `#`,
 * keeping its length, so two servers that cut the text alike compare equal and one that cuts it otherwise does not.
 */
export function maskNonce(value: unknown, sent: unknown): unknown {
  const texts = stepTexts(sent);
  if (texts.length === 0) return value;
  const walk = (v: unknown): unknown => {
    if (typeof v === 'string') return texts.reduce((s, t) => maskPiece(s, t), v);
    if (Array.isArray(v)) return v.map(walk);
    if (v !== null && typeof v === 'object') return Object.fromEntries(Object.entries(v).map(([k, x]) => [k, walk(x)]));
    return v;
  };
  return walk(value);
}
