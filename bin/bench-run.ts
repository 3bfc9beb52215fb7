/* The implementation of `eliza-wire bench`. */
import { spawn, type ChildProcess } from 'node:child_process';
import { existsSync } from 'node:fs';
import { basename, dirname, join, resolve } from 'node:path';
import { fileURLToPath } from 'node:url';
import { readFile } from 'node:fs/promises';
import {
  BenchOutcome,
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
import { UsageError } from './errors.js';
import { targetUrl } from './parse.js';
import { processIo, type CliIo } from './io.js';
import type { BenchExit, BenchFlags, MergeFlags } from './bench-command.js';

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
  return [...entry, 'mock', '--port', '0', '--log-level', 'warn', '--think-ms', '0', ...profile, ...keys];
}

/** Starts the mock in a process of its own (so it does not share the generator's event loop); resolves its URL. */
function startMock(flags: BenchFlags): Promise<{ child: ChildProcess; url: string }> {
  const child = spawn(process.execPath, mockCommandLine(flags), { stdio: ['ignore', 'pipe', 'inherit'] });
  let out = '';
  return new Promise((resolveStart, reject) => {
    const timer = setTimeout(() => reject(new LoadTargetError('the built-in mock printed no READY line within 20 s')), 20_000);
    child.stdout?.on('data', (chunk: Buffer) => {
      out += chunk.toString();
      const url = /READY (\S+)/.exec(out)?.[1];
      if (url) {
        clearTimeout(timer);
        resolveStart({ child, url });
      }
    });
    child.once('exit', (code) => {
      clearTimeout(timer);
      reject(new LoadTargetError(`the built-in mock exited (${code}) before it was ready`));
    });
  });
}

async function stopMock(child: ChildProcess | undefined): Promise<void> {
  if (!child || child.exitCode !== null) return;
  const exited = new Promise((r) => child.once('exit', r));
  child.kill('SIGTERM');
  await Promise.race([exited, new Promise((r) => setTimeout(r, 3000).unref())]);
  if (child.exitCode === null) child.kill('SIGKILL');
}

function asUsage(error: unknown): unknown {
  if (error instanceof LoadUsageError) return new UsageError(error.message, error.hint ?? "see 'eliza-wire bench --help'");
  if (error instanceof LoadTargetError) return new UsageError(error.message, 'is the server running? Check the URL, or run without a URL to load the built-in mock');
  return error;
}

/** The bench command's work, loaded only when `bench` runs. */
export async function runBenchCommand(url: string | undefined, flags: BenchFlags, io: CliIo, exit: BenchExit): Promise<void> {
  try {
    flags.threshold.forEach((t) => parseThreshold(t, flags.scenario));
    const mock = url === undefined ? await startMock(flags) : undefined;
    try {
      const outcome = await measure(mock?.url ?? targetUrl(url ?? '', 'bench'), flags, io);
      if (process.stderr.isTTY === true && io.stderr === processIo.stderr) io.stderr('\r\x1b[2K');
      io.stdout(formatOutcome(outcome));
      if (flags.json) await io.writeFile(flags.json, `${JSON.stringify(outcome, null, 2)}\n`);
      if (flags.html) await io.writeFile(flags.html, renderHtml(outcome));
      exit.exitCode = outcome.passed ? 0 : 1;
    } finally {
      await stopMock(mock?.child);
    }
  } catch (error) {
    throw asUsage(error);
  }
}

function measure(url: string, flags: BenchFlags, io: CliIo): Promise<BenchOutcome> {
  return runBench({
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
    const outcome = judge(merged, thresholds);
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
