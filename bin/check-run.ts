/* The implementation of `eliza-wire check`. */
import { createMockServer } from '../mock-server/index.js';
import { REPORTERS, type Reporter } from '../reporters/index.js';
import type { Level } from '../spec/index.js';
import { PreflightError, UnknownCheckError, preflightLine, runConformance } from '../suites/index.js';
import { UsageError } from './errors.js';
import { targetUrl } from './parse.js';
import type { CliIo } from './io.js';
import type { CheckFlags, CheckOutcome } from './check-command.js';

/** `console`, `json:report.json`, `junit:out/junit.xml`…: name and optional path. */
export function reporters(specs: string[], io: CliIo, secrets: string[]): Reporter[] {
  const list = specs.length > 0 ? specs : ['console'];
  return list.map((spec) => {
    const [name = '', ...rest] = spec.split(':');
    const make = REPORTERS[name];
    if (!make) throw new UsageError(`unknown reporter "${name}"`, `use one of ${Object.keys(REPORTERS).join(', ')}, optionally with :path (e.g. --reporter junit:junit.xml)`);
    const out = rest.length > 0 ? rest.join(':') : undefined;
    return make({ out, write: io.stdout, writeFile: io.writeFile, secrets, color: name === 'console' && !out && process.stdout.isTTY === true });
  });
}

/** The check command's work, loaded only when `check` runs (the mock command starts faster without it). */
export async function runCheck(url: string | undefined, flags: CheckFlags, io: CliIo, outcome: CheckOutcome): Promise<void> {
  const secrets = [flags.apiKey, flags.socketApiKey].filter((s): s is string => typeof s === 'string');
  const listeners = reporters(flags.reporter, io, secrets);
  const mock = url === undefined ? createMockServer({ profile: flags.profile, authToken: flags.apiKey, socketApiKey: flags.socketApiKey, logLevel: 'silent', thinkMs: 0, seed: flags.seed }) : undefined;
  const target = url === undefined ? await mock?.listen(0, '127.0.0.1') : targetUrl(url, 'check');
  try {
    const report = await runConformance({
      url: target ?? '',
      profile: flags.profile,
      level: flags.level.toUpperCase() as Level,
      apiKey: flags.apiKey,
      socketApiKey: flags.socketApiKey,
      only: flags.only,
      skip: flags.skip,
      timeoutMs: flags.timeout,
      concurrency: flags.concurrency,
      seed: flags.seed,
      listeners,
    });
    outcome.exitCode = report.summary.failed > 0 ? 1 : 0;
  } catch (error) {
    if (error instanceof UnknownCheckError) throw new UsageError(error.message, 'list the checks with: eliza-wire check --list');
    if (error instanceof PreflightError) throw new UsageError(preflightLine(error.problem.kind === 'unreachable' ? { ...error.problem, fix: `${error.problem.fix}, or run without a URL to check the built-in mock` } : error.problem));
    throw error;
  } finally {
    await mock?.close();
  }
}

