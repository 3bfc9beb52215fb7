/** Log levels, with the pino-style numbers 1.7.2 puts on its log entries. */
export const LOG_LEVELS = { fatal: 60, error: 50, warn: 40, info: 30, log: 29, progress: 28, success: 27, debug: 20, trace: 10 } as const;
export type LogLevel = keyof typeof LOG_LEVELS;

export interface LogEntry {
  time: number;
  level: number;
  msg: string;
}

export type LogSink = (entry: LogEntry) => void;

/** The mock's logger: writes lines at or above its level, keeps a bounded history, and feeds subscribers. */
export interface Logger {
  log(level: LogLevel, msg: string): void;
  /** Entries kept for `GET /api/server/logs`, oldest first. */
  history(): readonly LogEntry[];
  clear(): void;
  subscribe(sink: LogSink): () => void;
}

export interface LoggerOptions {
  level?: LogLevel | 'silent';
  /** Where lines go; default stderr (the console in a browser). */
  write?: (line: string) => void;
  now?: () => number;
  /** How many entries the history keeps. */
  keep?: number;
}

/** stderr in Node; the console where there is no `process` (the MSW handlers in a browser page). */
function defaultWrite(line: string): void {
  const stderr = (globalThis as { process?: { stderr?: { write(text: string): unknown } } }).process?.stderr;
  if (stderr) stderr.write(`${line}\n`);
  else console.log(line);
}

export function createLogger(options: LoggerOptions = {}): Logger {
  const threshold = options.level === 'silent' ? Infinity : LOG_LEVELS[options.level ?? 'info'];
  const write = options.write ?? defaultWrite;
  const now = options.now ?? Date.now;
  const keep = options.keep ?? 1000;
  let entries: LogEntry[] = [];
  const sinks = new Set<LogSink>();
  return {
    log(level, msg) {
      const entry = { time: now(), level: LOG_LEVELS[level], msg };
      entries.push(entry);
      // Trim in batches: slicing on every line past `keep` would copy the whole history per line.
      if (entries.length >= Math.max(2 * keep, 1)) entries = entries.slice(entries.length - keep);
      if (entry.level >= threshold) write(`[mock] ${level.padEnd(5)} ${msg}`);
      for (const sink of sinks) sink(entry);
    },
    history: () => (entries.length > keep ? entries.slice(entries.length - keep) : entries),
    clear: () => {
      entries = [];
    },
    subscribe(sink) {
      sinks.add(sink);
      return () => sinks.delete(sink);
    },
  };
}
