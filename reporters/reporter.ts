import type { RunListener } from '../suites/index.js';

/** Where a reporter writes: a file path, or the CLI's stdout. Secrets are masked before anything is written. */
export interface ReporterOptions {
  out?: string;
  write: (text: string) => void;
  writeFile: (path: string, content: string) => Promise<void>;
  secrets: string[];
  /** The console reporter colours its output when true. */
  color?: boolean;
}

/** A reporter: the run's hooks, every one optional. */
export interface Reporter extends RunListener {
  name: string;
}

/** Replaces every secret in a text with `[redacted]`. */
export function redact(text: string, secrets: string[]): string {
  return secrets.filter((s) => s.length > 0).reduce((out, secret) => out.split(secret).join('[redacted]'), text);
}

/** Writes a finished document to its file, or to stdout when no path was given; redacted either way. */
export async function emit(options: ReporterOptions, text: string): Promise<void> {
  const safe = redact(text, options.secrets);
  if (options.out) await options.writeFile(options.out, safe);
  else options.write(safe);
}
