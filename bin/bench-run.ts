/* The implementation of `eliza-wire bench`. */
import { spawn, type ChildProcess } from 'node:child_process';
import { existsSync } from 'node:fs';
import { basename, dirname, join, resolve } from 'node:path';
import { fileURLToPath } from 'node:url';
import { readFile } from 'node:fs/promises';
import {
  BenchOutcome,
  LoadInterruptedError,
  LoadTargetError,
  LoadUsageError,
  formatOutcome,
  formatProgress,
  formatProgressBar,
  judge,
  mergeResults,
  parseThreshold,
  renderHtml,
  runBench,
  type BenchProgress,
  type StartGate,
} from '../suites/load/index.js';
import { preflight, preflightLine } from '../suites/preflight.js';
import { UsageError } from './errors.js';
import { targetUrl } from './parse.js';
import { processIo, type CliIo } from './io.js';
import type { BenchExit, BenchFlags, MergeFlags } from './bench-command.js';
import { catchInterrupts, type Interrupt } from './bench-interrupt.js';
import { checkWritable } from './bench-report-path.js';

/**
 * The command line of the built-in mock, in the form this CLI runs in: the built CLI when this file is in dist/,
 * the sources through tsx otherwise (so a stale build never answers for fresh sources).
 */
function mockCommandLine(flags: BenchFlags): string[] {
  const here = dirname(fileURLToPath(import.meta.url));
  const fromDist = basename(dirname(here)) === 'dist';
  const root = fromDist ? resolve(here, '../..') : resolve(here, '..');
  const built = join(root, 'dist/bin/eliza-wire.js');
  const entry = fromDist && existsSync(built) ? [built] : ['--import', 'tsx', join(root, 'bin/eliza-wire.ts')];
  const profile = flags.profile ? ['--profile', flags.profile] : [];
  const keys = [...(flags.apiKey ? ['--auth-token', flags.apiKey] : []), ...(flags.socketApiKey ? ['--socket-api-key', flags.socketApiKey] : [])];
  // error, not warn: the mock's client-mistake warnings would be about bench's own rooms, which have no agent on purpose
  return [...entry, 'mock', '--port', '0', '--log-level', 'error', '--think-ms', '0', ...profile, ...keys];
}

/** Starts the mock in a process of its own (so it does not share the generator's event loop); resolves its URL. */
function startMock(flags: BenchFlags, signal: AbortSignal): Promise<{ child: ChildProcess; url: string }> {
  const child = spawn(process.execPath, mockCommandLine(flags), { stdio: ['ignore', 'pipe', 'inherit'] });
  let out: string | undefined = '';
  return new Promise((resolveStart, reject) => {
    const fail = (error: Error) => {
      clearTimeout(timer);
      signal.removeEventListener('abort', interrupted);
      reject(error);
    };
    const interrupted = () => void stopMock(child).then(() => fail(new LoadInterruptedError('interrupted while the built-in mock was starting: nothing was measured')));
    const timer = setTimeout(() => void stopMock(child).then(() => fail(new LoadTargetError('the built-in mock printed no READY line within 20 s'))), 20_000);
    // stdout stays read to the end: the mock's last line ("closed") must not meet a closed pipe (EPIPE)
    child.stdout?.on('data', (chunk: Buffer) => {
      if (out === undefined) return;
      out += chunk.toString();
      const url = /READY (\S+)/.exec(out)?.[1];
      if (url) {
        clearTimeout(timer);
        signal.removeEventListener('abort', interrupted);
        out = undefined;
        resolveStart({ child, url });
      }
    });
    child.once('exit', (code, name) => fail(new LoadTargetError(`the built-in mock exited (${name ?? code}) before it was ready`)));
    signal.addEventListener('abort', interrupted, { once: true });
  });
}

async function stopMock(child: ChildProcess | undefined): Promise<void> {
  if (!child || child.exitCode !== null || child.signalCode !== null) return;
  const exited = new Promise((r) => child.once('exit', r));
  child.kill('SIGTERM');
  await Promise.race([exited, new Promise((r) => setTimeout(r, 3000).unref())]);
  if (child.exitCode === null && child.signalCode === null) child.kill('SIGKILL');
}

/** Says so when the built-in mock dies during the run (the run then fails on its disconnected clients). */
function watchMock(child: ChildProcess, io: CliIo, interrupt: Interrupt): () => void {
  const onExit = (code: number | null, name: NodeJS.Signals | null) => {
    if (!interrupt.received()) io.stderr(`eliza-wire: the built-in mock exited (${name ?? code}) during the run\n`);
  };
  child.once('exit', onExit);
  return () => child.off('exit', onExit);
}

function asUsage(error: unknown): unknown {
  if (error instanceof LoadUsageError) return new UsageError(error.message, error.hint ?? "see 'eliza-wire bench --help'");
  if (error instanceof LoadTargetError) return new UsageError(error.message, 'is the server running? Check the URL, or run without a URL to load the built-in mock');
  return error;
}

/** Usage errors found before any load: thresholds, --profile with a URL, report files that cannot be written. */
async function checkFlags(url: string | undefined, flags: BenchFlags): Promise<void> {
  flags.threshold.forEach((t) => parseThreshold(t, flags.scenario));
  if (url !== undefined && flags.profile !== undefined) {
    // the profile picks how the built-in mock behaves; bench sends the same join and send payloads in every profile
    throw new UsageError(`--profile chooses the built-in mock's behaviour; ${url} is a server of its own, so it would change nothing`, `drop --profile, or load the built-in mock in that profile: eliza-wire bench --profile ${flags.profile}`);
  }
  await checkWritable('--json', flags.json);
  await checkWritable('--html', flags.html);
}

/** One line and exit 2 for a target that cannot be loaded: not ElizaOS, a path in the URL, 401 without a key, unreachable. */
async function checkTarget(url: string, flags: BenchFlags): Promise<void> {
  targetUrl(url, 'bench');
  const found = await preflight(url, { apiKey: flags.apiKey });
  if (found.ok) return;
  const fix = found.kind === 'unreachable' ? `${found.fix}, or run without a URL to load the built-in mock` : found.fix;
  throw new UsageError(preflightLine({ ...found, fix }));
}

/**
 * A terminal's Ctrl-C reaches the built-in mock too: the clients it drops can end the run before this process's
 * own SIGINT handler has run. A signal received by the time the outcome is printed makes it interrupted.
 */
function markInterrupted(outcome: BenchOutcome, interrupt: Interrupt): BenchOutcome {
  return interrupt.received() && outcome.interrupted !== true ? { ...outcome, interrupted: true, passed: false } : outcome;
}

/** Gives a signal that arrived with the clients' disconnects the time to be handled. */
async function settleSignals(outcome: BenchOutcome, interrupt: Interrupt): Promise<BenchOutcome> {
  if (!interrupt.received() && (outcome.result.disconnected ?? 0) > 0) await new Promise((r) => setTimeout(r, 100));
  return markInterrupted(outcome, interrupt);
}

/** The bench command's work, loaded only when `bench` runs. */
export async function runBenchCommand(url: string | undefined, flags: BenchFlags, io: CliIo, exit: BenchExit): Promise<void> {
  let mock: { child: ChildProcess; url: string } | undefined;
  const interrupt = catchInterrupts(io, () => mock?.child.kill('SIGKILL'));
  try {
    await checkFlags(url, flags);
    if (url !== undefined) await checkTarget(url, flags);
    mock = url === undefined ? await startMock(flags, interrupt.signal) : undefined;
    const unwatch = mock ? watchMock(mock.child, io, interrupt) : () => undefined;
    try {
      const outcome = await settleSignals(await measure(mock?.url ?? targetUrl(url ?? '', 'bench'), flags, io, interrupt.signal), interrupt);
      if (process.stderr.isTTY === true && io.stderr === processIo.stderr) io.stderr('\r\x1b[2K');
      io.stdout(formatOutcome(outcome));
      if (flags.json) await io.writeFile(flags.json, `${JSON.stringify(outcome, null, 2)}\n`);
      if (flags.html) await io.writeFile(flags.html, renderHtml(outcome));
      exit.exitCode = interrupt.exitCode() ?? (outcome.passed ? 0 : 1);
    } finally {
      unwatch();
      await stopMock(mock?.child);
    }
  } catch (error) {
    if (!(error instanceof LoadInterruptedError)) throw asUsage(error);
    io.stderr(`eliza-wire: ${error.message}; no report written\n`);
    exit.exitCode = interrupt.exitCode() ?? 130;
  } finally {
    interrupt.dispose();
  }
}

function measure(url: string, flags: BenchFlags, io: CliIo, signal: AbortSignal): Promise<BenchOutcome> {
  return runBench({
    signal,
    scenario: flags.scenario,
    rampSec: flags.ramp,
    url,
    clients: flags.clients,
    rooms: flags.rooms,
    senders: flags.senders,
    rate: flags.rate,
    messages: flags.messages,
    durationSec: flags.duration,
    transport: flags.transport,
    apiKey: flags.apiKey,
    socketApiKey: flags.socketApiKey,
    thresholds: flags.threshold,
    thinkSec: flags.think,
    readers: flags.readers,
    workers: flags.workers,
    runId: flags.runId,
    gate: flags.startAt === undefined ? undefined : startGate(flags.startAt, io),
    onProgress: progressWriter(io),
  });
}

/** Starts at `at`; a time already past when the clients have joined starts at once, with a warning. */
function startGate(at: number, io: CliIo): StartGate {
  return () => {
    const late = Date.now() - at;
    if (late > 0) io.stderr(`warning: --start-at was ${(late / 1000).toFixed(1)} s ago when the clients had joined: started at once, not aligned with the other machines\n`);
    return Promise.resolve(at);
  };
}

/** `bench merge`: reads each outcome, merges the results, judges the merged one and writes it like a run. */
export async function runMergeCommand(files: string[], flags: MergeFlags, io: CliIo, exit: BenchExit): Promise<void> {
  try {
    const outcomes = await Promise.all(files.map((file) => readOutcome(file)));
    const merged = mergeResults(outcomes.map((o) => o.result));
    const thresholds = flags.threshold.map((t) => parseThreshold(t, merged.scenario));
    const outcome = judge(merged, thresholds, { interrupted: outcomes.some((o) => o.interrupted === true) });
    io.stdout(`merged ${files.length} results\n${formatOutcome(outcome)}`);
    if (flags.json) await io.writeFile(flags.json, `${JSON.stringify(outcome, null, 2)}\n`);
    if (flags.html) await io.writeFile(flags.html, renderHtml(outcome));
    exit.exitCode = outcome.passed ? 0 : 1;
  } catch (error) {
    throw asUsage(error);
  }
}

async function readOutcome(file: string): Promise<BenchOutcome> {
  let text: string;
  try {
    text = await readFile(file, 'utf8');
  } catch (error) {
    throw new LoadUsageError(`cannot read ${file}: ${(error as NodeJS.ErrnoException).code ?? String(error)}`, 'give the --json files of bench runs');
  }
  let data: unknown;
  try {
    data = JSON.parse(text);
  } catch {
    throw new LoadUsageError(`${file} is not JSON`, 'give the --json files of bench runs');
  }
  const parsed = BenchOutcome.safeParse(data);
  if (!parsed.success) {
    const issue = parsed.error.issues[0];
    throw new LoadUsageError(`${file} is not a bench outcome: ${issue ? `${issue.path.join('.') || '(root)'}: ${issue.message}` : 'invalid'}`, 'give the --json files of bench runs (docs/bench.schema.json)');
  }
  return parsed.data;
}

/** On a TTY one line rewritten in place; elsewhere a plain line every period. */
function progressWriter(io: CliIo): (p: BenchProgress) => void {
  if (process.stderr.isTTY !== true || io.stderr !== processIo.stderr) return (p) => io.stderr(formatProgress(p));
  return (p) => io.stderr(`\r\x1b[2K${formatProgressBar(p)}`);
}
