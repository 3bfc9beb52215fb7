#!/usr/bin/env node
import { spawn } from 'node:child_process';
import { randomUUID } from 'node:crypto';
import { writeFile } from 'node:fs/promises';
import { join } from 'node:path';
import process from 'node:process';
import { parseArgs } from 'node:util';
import { URL, fileURLToPath } from 'node:url';
import { setTimeout as sleep } from 'node:timers/promises';
import { io } from 'socket.io-client';
import { launchReference } from './launch.mjs';
import { DEFAULT_MESSAGE_SERVER_ID } from './reference.mjs';
import { DEFAULT_RELEASE, releaseOf } from './releases.mjs';

/**
 * `node probe-release.mjs [--release V] [--write] [--skip-check]`
 *
 * Starts the release (a fresh server of this folder, see start.mjs), sends it a fixed set of socket and REST
 * probes, runs `eliza-wire check --profile elizaos-1.7 --level may` against it, stops it, and prints the
 * observations as Markdown (`--write`: into docs/releases/elizaos-<V>.probes.md at the repository root). Every
 * observation is what was sent and what came back, verbatim. The socket client is the root project's
 * socket.io-client, websocket transport, no reconnection.
 */
const ROOT = fileURLToPath(new URL('../../', import.meta.url));
const USAGE = 'usage: node probe-release.mjs [--release 1.7.2|1.6.5|1.5.8|1.7.3-alpha.4] [--write] [--skip-check]';
/** How long a probe listens after it sent something. */
const LISTEN_MS = 1500;
const REPLY_MS = 8000;

function connect(url, auth) {
  const socket = io(url, { auth, transports: ['websocket'], reconnection: false, timeout: 5000, forceNew: true });
  // atMs: milliseconds after the connect call, or after the probe's send.
  const client = { socket, seen: [], t0: Date.now() };
  const at = () => Date.now() - client.t0;
  socket.onAny((event, ...args) => client.seen.push({ atMs: at(), event, args }));
  socket.on('connect', () => client.seen.push({ atMs: at(), event: 'connect (client)' }));
  socket.on('connect_error', (error) => client.seen.push({ atMs: at(), event: 'connect_error (client)', message: error.message, data: error.data }));
  socket.on('disconnect', (reason) => client.seen.push({ atMs: at(), event: 'disconnect (client)', reason }));
  return client;
}

/** Events that arrive during `ms` after `send()`; the log is taken from `seen` and reset. */
async function during(client, ms, send) {
  client.seen.length = 0;
  client.t0 = Date.now();
  const sent = send?.();
  await sleep(ms);
  return { sent, received: client.seen.splice(0) };
}

async function handshake(url, auth) {
  const client = connect(url, auth);
  const { received } = await during(client, LISTEN_MS);
  client.socket.close();
  return { sent: { auth }, received };
}

async function rest(url, method, path, body) {
  const res = await globalThis.fetch(`${url}${path}`, {
    method,
    headers: body === undefined ? {} : { 'content-type': 'application/json' },
    body: body === undefined ? undefined : JSON.stringify(body),
  });
  const text = await res.text();
  let parsed;
  try {
    parsed = JSON.parse(text);
  } catch {
    parsed = text.length > 400 ? `${text.slice(0, 400)}…` : text;
  }
  return { sent: `${method} ${path}${body === undefined ? '' : ` ${JSON.stringify(body)}`}`, status: res.status, body: parsed };
}

/** The routes every probe page lists: a 404 here means the release does not register it. */
const ROUTES = [
  ['GET', '/api/server/ping'],
  ['GET', '/api/server/version'],
  ['GET', '/api/system/version'],
  ['GET', '/api/server/status'],
  ['GET', '/api/server/health'],
  ['GET', '/api/server/hello'],
  ['GET', '/api/agents'],
  ['GET', '/api/messaging/message-servers'],
  ['GET', '/api/messaging/central-servers'],
  ['GET', '/api/messaging/message-server/current'],
  ['GET', `/api/messaging/message-servers/${DEFAULT_MESSAGE_SERVER_ID}/agents`],
  ['GET', `/api/messaging/servers/${DEFAULT_MESSAGE_SERVER_ID}/agents`],
  ['GET', `/api/messaging/message-servers/${DEFAULT_MESSAGE_SERVER_ID}/channels`],
  ['GET', `/api/messaging/central-servers/${DEFAULT_MESSAGE_SERVER_ID}/channels`],
  ['GET', '/api/messaging/jobs'],
  ['GET', '/api/messaging/sessions'],
  ['GET', '/api/messaging/sessions/health'],
  ['GET', '/api/auth/me'],
  ['GET', '/api/no-such-route'],
];

async function socketProbes(url, agentId) {
  const userId = randomUUID();
  const out = {};
  out.handshakeWithoutEntityId = await handshake(url, {});
  out.handshakeNonUuidEntityId = await handshake(url, { entityId: 'not-a-uuid' });
  out.handshakeUuidEntityId = await handshake(url, { entityId: userId });
  const dm = await rest(url, 'GET', `/api/messaging/dm-channel?currentUserId=${userId}&targetUserId=${agentId}&dmServerId=${DEFAULT_MESSAGE_SERVER_ID}`);
  out.dmChannel = dm;
  const channelId = dm.body?.data?.id;
  if (!channelId) return out;

  const client = connect(url, { entityId: userId });
  await sleep(LISTEN_MS);
  out.joinWithChannelId = await during(client, LISTEN_MS, () => {
    const payload = { type: 1, payload: { channelId, entityId: userId } };
    client.socket.emit('message', payload);
    return { event: 'message', payload };
  });
  out.joinWithRoomIdOnly = await during(client, LISTEN_MS, () => {
    const payload = { type: 1, payload: { roomId: channelId, entityId: userId } };
    client.socket.emit('message', payload);
    return { event: 'message', payload };
  });
  for (const [name, key] of [['sendWithServerId', 'serverId'], ['sendWithMessageServerId', 'messageServerId']]) {
    out[name] = await during(client, REPLY_MS, () => {
      const payload = {
        type: 2,
        payload: { senderId: userId, senderName: 'probe', message: `probe ${key}`, channelId, [key]: DEFAULT_MESSAGE_SERVER_ID, messageId: randomUUID(), source: 'eliza-wire-probe' },
      };
      client.socket.emit('message', payload);
      return { event: 'message', payload };
    });
  }
  client.socket.close();
  return out;
}

/**
 * 1.7.3 adds accounts (`/api/auth/register`, `/login`, hashed with bcrypt), mounted only with
 * ENABLE_DATA_ISOLATION=true (which needs PostgreSQL); the probe records what each release answers without it.
 */
async function accountProbes(url) {
  const account = { email: 'probe@example.invalid', username: 'wire-probe', password: 'probe-password-1' };
  return {
    register: await rest(url, 'POST', '/api/auth/register', account),
    login: await rest(url, 'POST', '/api/auth/login', { email: account.email, password: account.password }),
    loginWrongPassword: await rest(url, 'POST', '/api/auth/login', { email: account.email, password: 'wrong-password' }),
  };
}

function runCheck(url) {
  return new Promise((resolve) => {
    const args = ['tsx', 'bin/eliza-wire.ts', 'check', url, '--profile', 'elizaos-1.7', '--level', 'may'];
    const child = spawn('npx', args, { cwd: ROOT, stdio: ['ignore', 'pipe', 'pipe'], env: { ...process.env, NO_COLOR: '1', FORCE_COLOR: '0' } });
    let out = '';
    child.stdout.on('data', (d) => (out += d));
    child.stderr.on('data', (d) => (out += d));
    child.on('close', (code) => resolve({ command: `npx ${args.join(' ').replace(url, 'http://127.0.0.1:<port>')}`, code, output: out }));
  });
}

function fence(value) {
  return `\`\`\`json\n${JSON.stringify(value, null, 2)}\n\`\`\``;
}

/** What a probe shows in one line, for the summary table. */
function eventNames(received) {
  return [...new Set((received ?? []).map((e) => e.event))].join(', ') || '(nothing)';
}

function markdown({ release, ref, probes, routes, check, date }) {
  const lines = [
    `# @elizaos/server ${release}: probe observations`,
    '',
    `Recorded ${date} by \`node examples/elizaos-reference/probe-release.mjs --release ${release} --write\` against a fresh`,
    `server of \`examples/elizaos-reference\` (\`node start.mjs --release ${release}\`: 127.0.0.1, the WireEcho agent`,
    `\`${ref.agentId}\` with the deterministic echo model, synthetic client addresses; start-up ${ref.startupMs} ms,`,
    `RSS ${ref.rssMB} MiB at READY). Node ${process.version}. Ids, times and ports differ on every run; everything else`,
    'below is what was sent and what came back, verbatim. Socket probes use socket.io-client over websocket; `atMs` counts',
    'from the connect call (handshakes) or from the probe\'s send; events marked `(client)` are socket.io-client\'s own.',
    '',
    '## Summary',
    '',
    '| probe | events / status |',
    '|---|---|',
  ];
  for (const [name, value] of Object.entries(probes)) {
    lines.push(`| ${name} | ${value.status !== undefined ? `HTTP ${value.status}` : eventNames(value.received)} |`);
  }
  lines.push('', '## Routes', '', '| route | status |', '|---|---|');
  for (const r of routes) lines.push(`| \`${r.sent}\` | ${r.status} |`);
  lines.push('', '## Socket and REST probes, verbatim', '');
  for (const [name, value] of Object.entries(probes)) lines.push(`### ${name}`, '', fence(value), '');
  lines.push('## Route answers, verbatim', '', fence(routes), '');
  if (check) {
    lines.push('## eliza-wire check against this release', '', `\`${check.command}\` (exit ${check.code}). The failures are the`);
    lines.push('differences from 1.7.2 to model next.', '', '```text', check.output.trimEnd(), '```', '');
  }
  return `${lines.join('\n')}\n`;
}

async function main() {
  let values;
  try {
    ({ values } = parseArgs({
      options: { release: { type: 'string', default: DEFAULT_RELEASE }, write: { type: 'boolean' }, 'skip-check': { type: 'boolean' }, help: { type: 'boolean', short: 'h' } },
    }));
    releaseOf(values.release);
  } catch (error) {
    process.stderr.write(`${error.message}\n${USAGE}\n`);
    process.exit(2);
  }
  if (values.help) return void process.stderr.write(`${USAGE}\n`);
  const release = values.release;
  const ref = await launchReference({ release, timeoutMs: 120_000 });
  let page;
  try {
    const probes = { ...(await socketProbes(ref.url, ref.agentId)), ...(await accountProbes(ref.url)) };
    const routes = [];
    for (const [method, path] of ROUTES) routes.push(await rest(ref.url, method, path));
    const check = values['skip-check'] ? undefined : await runCheck(ref.url);
    page = markdown({ release, ref, probes, routes, check, date: new Date().toISOString() });
  } finally {
    await ref.stop();
  }
  if (values.write) {
    const file = join(ROOT, 'docs', 'releases', `elizaos-${release}.probes.md`);
    await writeFile(file, page);
    process.stderr.write(`wrote ${file}\n`);
  } else {
    process.stdout.write(page);
  }
}

await main();
