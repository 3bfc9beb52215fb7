import { spawn } from 'node:child_process';
import process from 'node:process';
import { clearTimeout, setTimeout } from 'node:timers';
import { URL, fileURLToPath } from 'node:url';
import { releaseOf } from './releases.mjs';
import { stopReference } from './stop.mjs';

const HERE = fileURLToPath(new URL('.', import.meta.url));
const START = fileURLToPath(new URL('./start.mjs', import.meta.url));
const READY = /^READY (\S+) (\{.*\})$/;

/** The last lines a stream printed, kept for error messages; the stream is drained whatever happens. */
function tailOf(stream, keep = 40) {
  const lines = [];
  let partial = '';
  stream.setEncoding('utf8');
  stream.on('data', (chunk) => {
    const parts = (partial + chunk).split('\n');
    partial = parts.pop() ?? '';
    lines.push(...parts);
    if (lines.length > keep) lines.splice(0, lines.length - keep);
  });
  return () => [...lines, partial].filter(Boolean).join('\n');
}

function flagsOf(options) {
  const flags = [];
  if (options.release) flags.push('--release', options.release);
  if (options.port) flags.push('--port', String(options.port));
  if (options.authToken) flags.push('--auth-token', options.authToken);
  if (options.socketApiKey) flags.push('--socket-api-key', options.socketApiKey);
  if (options.logLevel) flags.push('--log-level', options.logLevel);
  if (options.spreadClientAddresses === false) flags.push('--no-spread-addresses');
  return flags;
}

function waitForReady(child, stderrTail, timeoutMs) {
  return new Promise((resolve, reject) => {
    let out = '';
    const fail = (why) => {
      clearTimeout(timer);
      reject(new Error(`elizaos-reference: ${why}\n--- last lines of its stderr ---\n${stderrTail()}`));
    };
    const timer = setTimeout(() => fail(`no READY line within ${timeoutMs} ms (is npm install done in ${HERE}?)`), timeoutMs);
    child.stdout.setEncoding('utf8');
    child.stdout.on('data', (chunk) => {
      out += chunk;
      const line = out.split('\n').find((l) => READY.test(l));
      if (!line) return;
      clearTimeout(timer);
      const [, url, json] = READY.exec(line);
      resolve({ url, ...JSON.parse(json) });
    });
    child.once('exit', (code, signal) => fail(`the server exited before READY (code ${code}, signal ${signal})`));
    child.once('error', (error) => fail(`could not start node: ${error.message}`));
  });
}

/**
 * Starts the real @elizaos/server (1.7.2, or `options.release`) with the deterministic echo agent as a child process
 * and resolves once it answers messages. Needs `npm ci` run once in the release's folder (this one for 1.7.2,
 * releases/<release>/ for the others).
 *
 * @example
 * import { launchReference } from '../examples/elizaos-reference/launch.mjs';
 * const ref = await launchReference();            // { url, pid, release, agentId, startupMs, rssMB, stop }
 * const old = await launchReference({ release: '1.5.8' });
 * // … eliza-wire check ref.url --profile elizaos-1.7 …
 * await ref.stop();                               // SIGTERM, then SIGKILL after the grace period
 *
 * @param {import('./launch.d.mts').LaunchOptions} [options]
 * @returns {Promise<import('./launch.d.mts').LaunchedReference>}
 */
export async function launchReference(options = {}) {
  releaseOf(options.release); // an unknown release rejects here, naming the known ones, before a child is spawned
  const child = spawn(process.execPath, [START, ...flagsOf(options)], {
    cwd: HERE,
    stdio: ['ignore', 'pipe', 'pipe'],
    env: { ...process.env, ...options.env },
  });
  const stderrTail = tailOf(child.stderr);
  if (options.stderr) child.stderr.pipe(options.stderr);
  try {
    const ready = await waitForReady(child, stderrTail, options.timeoutMs ?? 60_000);
    child.stdout.resume(); // keep draining; the server writes nothing more to stdout, but never let a pipe fill
    return { ...ready, pid: child.pid, stderrTail, stop: () => stopReference(child.pid, { graceMs: options.graceMs }) };
  } catch (error) {
    if (child.exitCode === null && child.signalCode === null) await stopReference(child.pid, { graceMs: 3000 });
    throw error;
  }
}
