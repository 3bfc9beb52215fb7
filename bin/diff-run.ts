/* The implementation of `eliza-wire diff`. */
import { readFile } from 'node:fs/promises';
import { formatConsole, formatMarkdown, KnownFileError, parseKnown, runDiff, type KnownDifference } from '../suites/diff/index.js';
import { PreflightError } from '../suites/index.js';
import type { CheckOutcome } from './check-command.js';
import type { DiffFlags } from './diff-command.js';
import { assertWritable } from './check-run.js';
import { UsageError } from './errors.js';
import type { CliIo } from './io.js';

const EXAMPLE = 'e.g. eliza-wire diff http://127.0.0.1:3000 http://127.0.0.1:3001';

function serverUrl(url: string): string {
  try {
    const parsed = new URL(url);
    if (parsed.protocol === 'http:' || parsed.protocol === 'https:') return url.replace(/\/$/, '');
  } catch {
    // not a URL at all: the same usage error
  }
  throw new UsageError(`"${url}" is not an http(s) URL`, EXAMPLE);
}

async function knownFrom(path: string | undefined): Promise<KnownDifference[]> {
  if (path === undefined) return [];
  let text: string;
  try {
    text = await readFile(path, 'utf8');
  } catch (error) {
    throw new UsageError(`cannot read --known ${path}: ${(error as NodeJS.ErrnoException).code ?? (error as Error).message}`, 'give the path of a YAML or JSON file');
  }
  try {
    return parseKnown(text);
  } catch (error) {
    if (!(error instanceof KnownFileError)) throw error;
    throw new UsageError(`--known ${path}: ${error.message}`, 'each entry: { where: <flow or operation id or glob>, path: <json path glob, optional>, why: <explanation> }');
  }
}

/** The diff command's work, loaded only when `diff` runs. */
export async function runDiffCommand(a: string, b: string, flags: DiffFlags, io: CliIo, outcome: CheckOutcome): Promise<void> {
  const [urlA, urlB] = [serverUrl(a), serverUrl(b)];
  const known = await knownFrom(flags.known);
  await assertWritable('--json', flags.json, '--json diff.json');
  await assertWritable('--markdown', flags.markdown, '--markdown diff.md');
  try {
    const report = await runDiff({ a: urlA, b: urlB, profile: flags.profile, apiKey: flags.apiKey, socketApiKey: flags.socketApiKey, known, only: flags.only, timeoutMs: flags.timeout });
    if (report.summary.units === 0) throw new UsageError(`no flow or read matches ${flags.only.map((o) => `"${o}"`).join(', ')} in ${report.profile}`, 'list the ids with: eliza-wire spec --list');
    io.stdout(formatConsole(report));
    if (flags.json) await io.writeFile(flags.json, `${JSON.stringify(report, null, 2)}\n`);
    if (flags.markdown) await io.writeFile(flags.markdown, formatMarkdown(report));
    outcome.exitCode = report.summary.unexplained > 0 ? 1 : 0;
  } catch (error) {
    if (error instanceof PreflightError) throw new UsageError(error.message);
    throw error;
  }
}
