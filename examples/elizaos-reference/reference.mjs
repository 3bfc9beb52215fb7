import { mkdtemp, rm } from 'node:fs/promises';
import { createServer } from 'node:net';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { performance } from 'node:perf_hooks';
import process from 'node:process';
import { setTimeout as sleep } from 'node:timers/promises';
import { URL } from 'node:url';
import { referenceCharacter } from './character.mjs';
import { syntheticClientAddresses } from './client-address.mjs';
import { createFakeModelPlugin } from './fake-model.mjs';
import { withBcryptFromInstall } from './native-bcrypt.mjs';
import { loadRelease, releaseOf } from './releases.mjs';

/** The message server every 1.7.2 agent joins at start-up. */
export const DEFAULT_MESSAGE_SERVER_ID = '00000000-0000-0000-0000-000000000000';
/** Port 9 (discard) on loopback: nothing listens, so Sentry's reports fail fast and stay on this machine. */
const DEAD_SENTRY_DSN = 'http://0000@127.0.0.1:9/0';
const HOST = '127.0.0.1';

/** A port that was free a moment ago (the server moves to the next one if it is taken meanwhile). */
async function freePort() {
  const probe = createServer();
  await new Promise((resolve, reject) => probe.once('error', reject).listen(0, HOST, resolve));
  const { port } = probe.address();
  await new Promise((resolve) => probe.close(resolve));
  return port;
}

/**
 * Environment read by 1.7.2, some of it at import time (the logger reads LOG_LEVEL once), so this runs before the
 * server module is imported. It is process-wide: one reference server per process.
 */
function configureEnvironment(dataDir, options) {
  const env = process.env;
  env.SERVER_HOST = HOST;
  env.SENTRY_DSN = DEAD_SENTRY_DSN; // an empty value falls back to the project's own DSN in 1.7.2
  env.ELIZA_UI_ENABLE = 'false';
  env.ELIZA_DATA_DIR = dataDir; // uploads, generated files and characters
  if (options.logLevel) env.LOG_LEVEL = options.logLevel;
  // Absent keys are removed, not inherited: a key in the caller's environment would silently switch auth on.
  if (options.authToken) env.ELIZA_SERVER_AUTH_TOKEN = options.authToken;
  else delete env.ELIZA_SERVER_AUTH_TOKEN;
  if (options.socketApiKey) env.SERVER_API_KEY = options.socketApiKey;
  else delete env.SERVER_API_KEY;
}

/**
 * The agent's message-bus service subscribes to the message servers after `startAgents` returns; a message sent
 * earlier is dropped without a word. Ready means the default message server is in its subscriptions.
 */
async function waitForMessageBus(runtime, timeoutMs) {
  const deadline = performance.now() + timeoutMs;
  while (performance.now() < deadline) {
    const bus = runtime.getService('message-bus-service');
    // 1.6 and later: subscribedMessageServers; 1.5: subscribedServers.
    const subscribed = bus?.subscribedMessageServers ?? bus?.subscribedServers;
    if (subscribed?.has(DEFAULT_MESSAGE_SERVER_ID)) return;
    await sleep(25);
  }
  throw new Error(`the agent's message-bus-service did not subscribe to ${DEFAULT_MESSAGE_SERVER_ID} within ${timeoutMs} ms`);
}

/** One request through the bound port proves the read-back and that the agent is listed as active. */
async function confirmOverHttp(url, authToken, agentId) {
  const headers = authToken ? { 'X-API-KEY': authToken } : {};
  const res = await globalThis.fetch(`${url}/api/agents`, { headers });
  const body = await res.json();
  const agent = body?.data?.agents?.find((a) => a.id === agentId);
  if (res.status !== 200 || agent?.status !== 'active') {
    throw new Error(`GET ${url}/api/agents answered ${res.status} without the agent ${agentId} active: ${JSON.stringify(body).slice(0, 300)}`);
  }
}

/**
 * 1.7.2's constructor adds SIGTERM and SIGINT handlers that close the port and call `process.exit` on their own,
 * racing the embedder's shutdown (and the removal of the data dir). Shutdown belongs to whoever started the server:
 * the handlers it adds are taken off again.
 */
function withoutSignalHandlers(construct) {
  const before = { SIGTERM: process.listeners('SIGTERM'), SIGINT: process.listeners('SIGINT') };
  const made = construct();
  for (const [signal, kept] of Object.entries(before)) {
    for (const listener of process.listeners(signal)) if (!kept.includes(listener)) process.off(signal, listener);
  }
  return made;
}

/** Runs one shutdown step, giving up after `ms` so a stuck step cannot hold the whole stop. */
async function step(work, ms = 5000) {
  try {
    await Promise.race([Promise.resolve().then(work), sleep(ms)]);
  } catch {
    // best effort: the next steps and the data-dir removal still run
  }
}

function closeHttp(server) {
  server.server?.closeAllConnections?.();
  return new Promise((resolve) => (server.socketIO ? server.socketIO.close(() => resolve()) : server.server.close(() => resolve())));
}

/** 1.6+ stop agents with `stopAgents`; 1.5 has only `unregisterAgent`, which does not wait for the runtime. */
async function stopAgent(server, agentId) {
  if (typeof server.stopAgents === 'function') return server.stopAgents([agentId]);
  const runtime = server.agents?.get?.(agentId);
  server.unregisterAgent(agentId);
  await runtime?.stop?.();
}

function makeStop({ server, agentId, dataDir, ownsDataDir, previousCwd }) {
  let stopping;
  return () => {
    stopping ??= (async () => {
      if (agentId) await step(() => stopAgent(server, agentId));
      await step(() => closeHttp(server));
      await step(() => server.database?.close?.());
      if (previousCwd) process.chdir(previousCwd);
      if (ownsDataDir) await rm(dataDir, { recursive: true, force: true, maxRetries: 3 });
    })();
    return stopping;
  };
}

/**
 * Starts the published `@elizaos/server` (1.7.2 unless `release` names another of releases.mjs) in this process, on
 * 127.0.0.1, with one agent ("WireEcho") answered by the deterministic fake model, and resolves once a message sent
 * to it will be answered.
 *
 * @example
 * const ref = await startReference({ authToken: 'k' });
 * console.log(ref.url, ref.agentId); // http://127.0.0.1:41234 4f1c…
 * await ref.stop();                  // stops the agent, closes the port, removes the temporary data dir
 *
 * @param {import('./reference.d.mts').ReferenceOptions} [options]
 * @returns {Promise<import('./reference.d.mts').ReferenceServer>}
 */
export async function startReference(options = {}) {
  const began = performance.now();
  const ownsDataDir = options.dataDir === undefined;
  const dataDir = options.dataDir ?? (await mkdtemp(join(tmpdir(), 'eliza-wire-elizaos-')));
  // The env route (POST /api/system/env/local) writes a .env into the working directory: keep it in the data dir.
  const previousCwd = options.isolateCwd ? process.cwd() : undefined;
  if (previousCwd) process.chdir(dataDir);
  configureEnvironment(dataDir, options);
  let release;
  let modules;
  try {
    release = releaseOf(options.release);
    modules = release.bcryptFromInstall ? await withBcryptFromInstall(release.dir, () => loadRelease(release)) : await loadRelease(release);
  } catch (error) {
    if (previousCwd) process.chdir(previousCwd);
    if (ownsDataDir) await rm(dataDir, { recursive: true, force: true });
    throw error;
  }
  const server = withoutSignalHandlers(() => new modules.server.AgentServer());
  const handle = { server, dataDir, ownsDataDir, previousCwd, agentId: undefined, release, modules };
  try {
    return await bringUp(handle, options, began);
  } catch (error) {
    await makeStop(handle)();
    throw error;
  }
}

/** 1.6 and later: one `start` call takes port, data dir and middlewares; agents come from `startAgents`. */
async function startAgentsRecipe(handle, { port, middlewares, model }) {
  const { server } = handle;
  await server.start({ port, dataDir: join(handle.dataDir, 'pglite'), middlewares });
  const url = announce(server);
  const [runtime] = await server.startAgents([{ character: { ...referenceCharacter }, plugins: [model] }], { isTestMode: true });
  if (!runtime) throw new Error('startAgents returned no runtime');
  return { url, runtime };
}

/**
 * 1.5: `initialize({ dataDir, middlewares })`, then `start(port)` with a number. There is no `startAgents`: the
 * runtime is built here (plugin-sql for the database, plugin-bootstrap for the message handling, the fake model) and
 * added with `registerAgent`, which attaches the server's message-bus connector. The REST routes that (re)start an
 * agent call `server.startAgent(character)`, which the 1.5 CLI assigns; the harness assigns its own.
 */
async function registerAgentRecipe(handle, { port, middlewares, model }) {
  const { server, modules } = handle;
  const pglite = join(handle.dataDir, 'pglite');
  process.env.PGLITE_PATH = pglite; // plugin-sql 1.5 opens the agent's database from here, the server's own is the same dir
  await server.initialize({ dataDir: pglite, middlewares });
  await server.start(port);
  const url = announce(server);
  const plugins = [modules.sql.plugin ?? modules.sql.default, modules.bootstrap.bootstrapPlugin ?? modules.bootstrap.default, model];
  const startAgent = async (character) => {
    const runtime = new modules.core.AgentRuntime({ character: { ...character }, plugins });
    await runtime.initialize();
    await server.registerAgent(runtime);
    return runtime;
  };
  server.startAgent = startAgent;
  server.stopAgent = (runtime) => server.unregisterAgent(runtime.agentId);
  return { url, runtime: await startAgent(referenceCharacter) };
}

const RECIPES = { 'start-agents': startAgentsRecipe, 'register-agent': registerAgentRecipe };

/** The URL from the bound port, read back (1.6+ silently move to the next port when one is busy). */
function announce(server) {
  const url = `http://${HOST}:${server.server.address().port}`;
  process.env.CENTRAL_MESSAGE_SERVER_URL = url; // the agent posts its replies back over HTTP
  return url;
}

async function bringUp(handle, options, began) {
  const { server, release } = handle;
  const middlewares = options.spreadClientAddresses === false ? [] : [syntheticClientAddresses()];
  const model = createFakeModelPlugin({ stream: release.streams });
  const { url, runtime } = await RECIPES[release.recipe](handle, { port: options.port || (await freePort()), middlewares, model });
  const port = Number(new URL(url).port);
  handle.agentId = runtime.agentId;
  await waitForMessageBus(runtime, options.readyTimeoutMs ?? 30_000);
  await confirmOverHttp(url, options.authToken, runtime.agentId);
  return {
    url,
    port,
    release: release.name,
    pid: process.pid,
    agentId: runtime.agentId,
    agentName: runtime.character.name,
    dataDir: handle.dataDir,
    startupMs: Math.round(performance.now() - began),
    server,
    stop: makeStop(handle),
  };
}
