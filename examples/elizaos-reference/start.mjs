#!/usr/bin/env node
import process from 'node:process';
import { parseArgs } from 'node:util';
import { startReference } from './reference.mjs';
import { DEFAULT_RELEASE, releaseOf } from './releases.mjs';

/**
 * `node start.mjs [--release V] [--port N] [--auth-token K] [--socket-api-key K] [--data-dir D] [--log-level L]
 *  [--no-spread-addresses]`
 *
 * stdout carries exactly one line, once a message sent to the agent will be answered:
 *   READY http://127.0.0.1:PORT {"pid":…,"port":…,"release":"1.7.2","agentId":…,"agentName":"WireEcho","startupMs":…,"rssMB":…}
 * `--release` picks the @elizaos/server release (default 1.7.2; 1.6.5, 1.5.8 and 1.7.3-alpha.4 live in releases/<V>/).
 * Everything the server prints goes to stderr. SIGTERM or SIGINT stops the server, removes the temporary data
 * dir and exits 0. Exit 1 when start-up fails (the reason on stderr).
 */
const USAGE = 'usage: node start.mjs [--release 1.7.2|1.6.5|1.5.8|1.7.3-alpha.4] [--port N] [--auth-token K] [--socket-api-key K] [--data-dir D] [--log-level L] [--no-spread-addresses]';

function parseFlags(argv) {
  const { values } = parseArgs({
    args: argv,
    options: {
      release: { type: 'string', default: DEFAULT_RELEASE },
      port: { type: 'string' },
      'auth-token': { type: 'string' },
      'socket-api-key': { type: 'string' },
      'data-dir': { type: 'string' },
      'log-level': { type: 'string' },
      'no-spread-addresses': { type: 'boolean' },
      help: { type: 'boolean', short: 'h' },
    },
  });
  const port = values.port === undefined ? 0 : Number(values.port);
  if (!Number.isInteger(port) || port < 0 || port > 65535) throw new Error(`--port must be 0 to 65535, got ${values.port}`);
  releaseOf(values.release); // an unknown release is a usage error: it lists the known ones
  return { values, port };
}

/** The server's own console output and logger write to stdout; send them to stderr so stdout stays parseable. */
function reserveStdout() {
  const writeOut = process.stdout.write.bind(process.stdout);
  process.stdout.write = process.stderr.write.bind(process.stderr);
  return (line) => writeOut(`${line}\n`);
}

async function main() {
  let flags;
  try {
    flags = parseFlags(process.argv.slice(2));
  } catch (error) {
    process.stderr.write(`${error.message}\n${USAGE}\n`);
    process.exit(2);
  }
  if (flags.values.help) {
    process.stderr.write(`${USAGE}\n`);
    return;
  }
  const print = reserveStdout();
  let reference;
  let signalled = false;
  const shutdown = async () => {
    if (signalled) return;
    signalled = true;
    await reference?.stop();
    process.exit(0);
  };
  // Listen before READY: a supervisor may send SIGTERM the moment it reads that line.
  process.once('SIGTERM', shutdown);
  process.once('SIGINT', shutdown);
  try {
    reference = await startReference({
      release: flags.values.release,
      port: flags.port,
      authToken: flags.values['auth-token'],
      socketApiKey: flags.values['socket-api-key'],
      dataDir: flags.values['data-dir'],
      logLevel: flags.values['log-level'],
      spreadClientAddresses: !flags.values['no-spread-addresses'],
      isolateCwd: true,
    });
  } catch (error) {
    process.stderr.write(`elizaos-reference: start-up failed: ${error?.stack ?? error}\n`);
    process.exit(1);
  }
  if (signalled) return shutdown();
  const { url, port, release, agentId, agentName, startupMs } = reference;
  const rssMB = Math.round(process.memoryUsage().rss / 2 ** 20);
  print(`READY ${url} ${JSON.stringify({ pid: process.pid, port, release, agentId, agentName, startupMs, rssMB })}`);
}

await main();
