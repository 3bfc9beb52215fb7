/* The implementation of `eliza-wire check`. */
import { createMockServer } from '../mock-server/index.js';
import { REPORTERS, checkListText, verdictReporter, type Reporter } from '../reporters/index.js';
import { DEFAULT_PROFILE, type Level, type Profile } from '../spec/index.js';
import { PreflightError, TargetLostError, detectProfile, preflight, UnknownCheckError, allChecks, describeChecks, matchChecks, preflightLine, runConformance } from '../suites/index.js';
import { catchInterrupts } from './bench-interrupt.js';
import { checkWritable } from './bench-report-path.js';
import { UsageError } from './errors.js';
import { targetUrl } from './parse.js';
import type { CliIo } from './io.js';
import type { CheckFlags, CheckOutcome } from './check-command.js';

interface ReporterSpec {
  name: string;
  path?: string;
}

/** `console`, `json:report.json`, `junit:out/junit.xml`…: name and optional path, or a usage error. */
function parseReporters(specs: string[]): ReporterSpec[] {
  return (specs.length > 0 ? specs : ['console']).map((spec) => {
    const [name = '', ...rest] = spec.split(':');
    if (!REPORTERS[name]) throw new UsageError(`unknown reporter "${name}"`, `use one of ${Object.keys(REPORTERS).join(', ')}, optionally with :path (e.g. --reporter junit:junit.xml)`);
    return { name, ...(rest.length > 0 ? { path: rest.join(':') } : {}) };
  });
}

/**
 * A report file's path is checked before the run (a typo must not cost a whole run, then exit 70): one line,
 * exit 2. Shared by `check --reporter x:path` and `diff --json/--markdown`.
 */
export async function assertWritable(flag: string, path: string | undefined, example: string): Promise<void> {
  try {
    await checkWritable(flag, path);
  } catch (error) {
    if (!(error instanceof UsageError)) throw error;
    throw new UsageError(`${error.message}; name a file in a folder you can write, e.g. ${example}`);
  }
}

/** The reporters of a run; when none writes to stdout, one more prints the verdict and where the reports went. */
export function reporters(specs: string[], io: CliIo, secrets: string[]): Reporter[] {
  const parsed = parseReporters(specs);
  const made = parsed.map(({ name, path }) => (REPORTERS[name] as (typeof REPORTERS)[string])({ out: path, write: io.stdout, writeFile: io.writeFile, secrets, color: name === 'console' && !path && process.stdout.isTTY === true }));
  const toStdout = parsed.some((r) => r.name === 'console' || r.path === undefined);
  if (toStdout) return made;
  return [...made, verdictReporter({ write: io.stdout, writeFile: io.writeFile, secrets }, parsed.map((r) => ({ name: r.name, path: r.path ?? '' })))];
}

/** `check --list [--json]`: the catalogue, filtered by --only/--skip. */
function listChecks(flags: CheckFlags, io: CliIo): void {
  const checks = describeChecks(matchChecks(allChecks(), flags));
  io.stdout(flags.json ? `${JSON.stringify(checks, null, 2)}\n` : checkListText(checks));
}

function usageOf(error: unknown): UsageError | undefined {
  if (error instanceof UnknownCheckError) return new UsageError(error.message, 'list the checks with: eliza-wire check --list');
  if (error instanceof PreflightError) {
    const problem = error.problem.kind === 'unreachable' ? { ...error.problem, fix: `${error.problem.fix}, or run without a URL to check the built-in mock` } : error.problem;
    return new UsageError(preflightLine(problem));
  }
  if (error instanceof TargetLostError) return new UsageError(`${error.message}; is the server still running? Start it and run the check again`);
  return undefined;
}

/** The check command's work, loaded only when `check` runs (the mock command starts faster without it). */
export async function runCheck(url: string | undefined, flags: CheckFlags, io: CliIo, outcome: CheckOutcome): Promise<void> {
  try {
    if (flags.json && !flags.list) throw new UsageError('--json goes with --list', 'for a JSON report of a run use --reporter json:report.json; to list the checks as JSON: eliza-wire check --list --json');
    if (flags.list) return listChecks(flags, io);
    const secrets = [flags.apiKey, flags.socketApiKey].filter((s): s is string => typeof s === 'string');
    const listeners = reporters(flags.reporter, io, secrets);
    for (const spec of parseReporters(flags.reporter)) await assertWritable(`--reporter ${spec.name}:`, spec.path, `--reporter ${spec.name}:reports/check.${spec.name === 'junit' ? 'xml' : spec.name === 'markdown' ? 'md' : spec.name}`);
    const target = url === undefined ? undefined : targetUrl(url, 'check');
    await checkWith(target, flags, io, outcome, listeners);
  } catch (error) {
    throw usageOf(error) ?? error;
  }
}

/** `--profile auto`: the target's release (one line on stderr saying which and why); the mock runs the default. */
async function resolveProfile(url: string | undefined, flags: CheckFlags, io: CliIo): Promise<Profile | undefined> {
  if (flags.profile !== 'auto') return flags.profile;
  if (url === undefined) {
    io.stderr(`profile auto: the built-in mock runs ${DEFAULT_PROFILE}\n`);
    return DEFAULT_PROFILE;
  }
  const reachable = await preflight(url, { apiKey: flags.apiKey, timeoutMs: flags.timeout });
  if (!reachable.ok) throw new PreflightError(reachable);
  const detected = await detectProfile(url, { apiKey: flags.apiKey, timeoutMs: flags.timeout });
  io.stderr(`profile auto: ${detected.profile} (${detected.why})\n`);
  return detected.profile;
}

async function checkWith(url: string | undefined, flags: CheckFlags, io: CliIo, outcome: CheckOutcome, listeners: Reporter[]): Promise<void> {
  const profile = await resolveProfile(url, flags, io);
  const mock = url === undefined ? createMockServer({ profile, authToken: flags.apiKey, socketApiKey: flags.socketApiKey, logLevel: 'silent', thinkMs: 0, seed: flags.seed }) : undefined;
  const interrupt = catchInterrupts(io, () => void mock?.close(), 'the report of the checks that finished');
  try {
    const report = await runConformance({
      url: url ?? (await mock?.listen(0, '127.0.0.1')) ?? '',
      profile,
      level: flags.level.toUpperCase() as Level,
      apiKey: flags.apiKey,
      socketApiKey: flags.socketApiKey,
      only: flags.only,
      skip: flags.skip,
      timeoutMs: flags.timeout,
      checkTimeoutMs: flags.checkTimeout,
      concurrency: flags.concurrency,
      seed: flags.seed,
      listeners,
      signal: interrupt.signal,
    });
    outcome.exitCode = interrupt.exitCode() ?? (report.summary.failed > 0 ? 1 : 0);
  } finally {
    interrupt.dispose();
    await mock?.close();
  }
}
