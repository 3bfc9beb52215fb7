import { lineOf, topLevelFunctions } from './bundle.js';

/** A Socket.IO event name a release listens for (`on`) or sends (`emit`), with where it is written. */
export interface SocketEvent {
  direction: 'on' | 'emit';
  name: string;
  module: string;
  line: number;
}

const ON = /\b(?:socket|io|this\.io|this\.socketIO|server)\d*\.on\(\s*["'`]([A-Za-z_:]+)["'`]/g;
const EMIT = /\.emit\(\s*["'`]([A-Za-z_:]+)["'`]/g;
/** Modules of the server package itself (not its bundled dependencies). */
const OWN_MODULE = /^src\//;

/** Every literal event name in `.on("…")` / `.emit("…")` calls of the server's own modules, deduplicated. */
export function socketEvents(bundle: string): SocketEvent[] {
  const seen = new Map<string, SocketEvent>();
  for (const fn of topLevelFunctions(bundle).filter((f) => OWN_MODULE.test(f.module))) {
    for (const [direction, re] of [['on', ON], ['emit', EMIT]] as const) {
      for (const m of fn.body.matchAll(re)) {
        const key = `${direction} ${m[1]}`;
        if (!seen.has(key)) seen.set(key, { direction, name: m[1] ?? '', module: fn.module, line: lineOf(fn, m.index) });
      }
    }
  }
  return [...seen.values()].sort((a, b) => a.direction.localeCompare(b.direction) || a.name.localeCompare(b.name));
}
