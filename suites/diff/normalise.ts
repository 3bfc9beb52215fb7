import { maskByKey } from './volatile.js';

const UUID = /[0-9a-f]{8}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{12}/gi;
const IS_UUID = /^[0-9a-f]{8}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{12}$/i;
const NIL_UUID = '00000000-0000-0000-0000-000000000000';
const ISO_TIME = /\d{4}-\d{2}-\d{2}T\d{2}:\d{2}:\d{2}(?:\.\d+)?(?:Z|[+-]\d{2}:?\d{2})?/g;
/** The flow runner's per-step text: `eliza-wire <flow> step <n> <8 hex>`; the hex part differs on every run. */
const STEP_NONCE = /(eliza-wire \S+ step \d+ )[0-9a-f]{8}\b/g;
/** A Socket.IO session id (base64id: 20 url-safe characters); in text only when it mixes cases or has a digit. */
const SOCKET_ID = /(?<![\w-])(?=[\w-]*[a-z])(?=[\w-]*[A-Z0-9_-])[\w-]{20}(?![\w-])/g;
const ID_KEY = /(^id$|Id$|_id$|^sid$)/;
const SOCKET_KEY = /^socket_?id$/i;

export interface NormaliserSeeds {
  /** Values known by role, labelled by name rather than by number: `{ '<uuid of the channel>': 'channelId' }`. */
  named?: Record<string, string>;
  /** The server's agent names: masked like ids, so two servers with different agents compare. */
  agentNames?: string[];
  /** Substrings masked wherever they appear, e.g. the server's own `host:port` → `host`. */
  substrings?: Record<string, string>;
}

const escape = (s: string) => s.replace(/[.*+?^${}()|[\]\\]/g, '\\$&');

/**
 * Masks what differs between two runs of the same protocol on two servers (ids, times, durations, uptime,
 * memory, versions, agent names) and keeps what must not: ids are numbered by first appearance (`<id#1>`),
 * so the same id in two places stays the same label and a swapped reference still shows. One normaliser per
 * unit and per side; keys are walked in sorted order, so the numbering does not depend on key order.
 *
 * @example
 * new Normaliser({ named: { [channelId]: 'channelId' } }).normalise({ id: randomUUID(), channelId, at: new Date().toISOString() })
 * // → { at: '<iso-time>', channelId: '<channelId>', id: '<id#1>' }
 */
export class Normaliser {
  private readonly labels = new Map<string, string>();
  private readonly counters = new Map<string, number>();
  private readonly names: RegExp | undefined;
  private readonly substrings: [string, string][];

  constructor(seeds: NormaliserSeeds = {}) {
    for (const [value, name] of Object.entries(seeds.named ?? {})) this.labels.set(value.toLowerCase(), `<${name}>`);
    const names = [...new Set(seeds.agentNames ?? [])].filter((n) => n.trim().length >= 2).sort((x, y) => y.length - x.length);
    this.substrings = Object.entries(seeds.substrings ?? {}).filter(([raw]) => raw.length > 0).map(([raw, name]) => [raw, `<${name}>`]);
    this.names = names.length > 0 ? new RegExp(`(?<![\\w-])(${names.map(escape).join('|')})(?![\\w-])`, 'g') : undefined;
  }

  normalise(value: unknown, key = ''): unknown {
    if (Array.isArray(value)) return value.map((v) => this.normalise(v, key));
    if (value !== null && typeof value === 'object') {
      const entries = Object.entries(value).sort(([x], [y]) => (x < y ? -1 : x > y ? 1 : 0));
      return Object.fromEntries(entries.map(([k, v]) => [k, this.normalise(v, k)]));
    }
    const masked = maskByKey(key, value);
    if (masked !== undefined) return masked;
    if (typeof value !== 'string') return value;
    if (SOCKET_KEY.test(key)) return this.label(value, 'socket');
    if (ID_KEY.test(key) && !IS_UUID.test(value) && value !== '') return this.label(value, 'id');
    return this.text(value);
  }

  /** A string with the volatile parts inside it masked: the host, times, the step nonce, ids, socket ids, agent names. */
  private text(value: string): string {
    const known = this.labels.get(value.toLowerCase());
    if (known) return known;
    let out = this.substrings.reduce((s, [raw, label]) => s.split(raw).join(label), value);
    out = out.replace(ISO_TIME, '<iso-time>').replace(STEP_NONCE, '$1########');
    out = out.replace(UUID, (uuid) => (uuid === NIL_UUID ? uuid : this.label(uuid, 'id')));
    out = out.replace(SOCKET_ID, (id) => this.label(id, 'socket'));
    if (this.names) out = out.replace(this.names, (name) => this.label(name, 'agent-name'));
    return out;
  }

  /** The label of a value: its seeded name, or the next number of its kind on first sight. */
  private label(value: string, kind: string): string {
    const key = kind === 'agent-name' ? `name:${value}` : value.toLowerCase();
    const seen = this.labels.get(key);
    if (seen) return seen;
    const n = (this.counters.get(kind) ?? 0) + 1;
    this.counters.set(kind, n);
    const label = `<${kind}#${n}>`;
    this.labels.set(key, label);
    return label;
  }
}
