import { flowIn, restOperations, type Flow } from '../../spec/index.js';
import type { CheckContext } from '../check.js';

/** What a flow run did at one step, as the runner recorded it: the values really sent. */
export interface StepSent {
  index: number;
  /** emit: the message (or `{ payload }` for other events); rest: `{ params, body }`; connect/disconnect: undefined. */
  action: unknown;
}

const js = (value: unknown): string => JSON.stringify(value ?? null);

function wireEvent(ref: string | undefined): string {
  return ref?.startsWith('client.message.') ? 'message' : (ref ?? '').replace(/^client\./, '');
}

function restLine(ref: string, sent: unknown): string[] {
  const op = restOperations.find((o) => o.id === ref);
  const { params = {}, body } = (sent ?? {}) as { params?: Record<string, string>; body?: unknown };
  if (!op) return [`  // ${ref}: not an operation of this spec`];
  const path = op.path.replace(/:([A-Za-z_]\w*)/g, (_, name: string) => encodeURIComponent(params[name] ?? ''));
  const init = body === undefined ? `{ method: '${op.method}', headers }` : `{ method: '${op.method}', headers, body: JSON.stringify(${js(body)}) }`;
  return [
    `  // ${ref}: ${op.method} ${op.path}`,
    `  await fetch(url + ${js(path)}, ${init}).then(async (r) => console.log(Date.now(), 'rest', r.status, await r.text()));`,
  ];
}

function stepLines(flow: Flow, ctx: CheckContext, sent: StepSent): string[] {
  const step = flowIn(flow, ctx.profile)?.steps[sent.index] ?? flow.steps[sent.index];
  if (!step) return [];
  const { action } = step;
  const who = js(action.actor);
  const head = `  // step ${sent.index}: ${action.actor} ${action.kind}${action.ref ? ` ${action.ref}` : ''}`;
  const wait = `  await sleep(${step.within});`;
  if (action.kind === 'connect') return [head, `  sockets[${who}] = open(${who});`, wait];
  if (action.kind === 'disconnect') return [head, `  sockets[${who}].disconnect();`, wait];
  if (action.kind === 'emit') {
    const event = wireEvent(action.ref);
    const payload = event === 'message' ? sent.action : (sent.action as { payload?: unknown } | undefined)?.payload;
    const emit = payload === undefined ? `sockets[${who}].emit(${js(event)});` : `sockets[${who}].emit(${js(event)}, ${js(payload)});`;
    return [head, `  ${emit}`, wait];
  }
  return [head, ...restLine(action.ref ?? '', sent.action), wait];
}

/**
 * A socket.io-client script (CommonJS, runs with `node`) that replays a flow up to the step that failed, with the
 * values the check really sent: the channel, the entity ids, every payload and REST body. It prints every event each
 * socket receives and each REST answer, so the reader sees what the check saw.
 */
export function socketScript(ctx: CheckContext, flow: Flow, fixture: Record<string, unknown>, steps: StepSent[] = [], entities: Record<string, string> = {}): string {
  const view = flowIn(flow, ctx.profile);
  const actors = Object.entries(view?.actors ?? {});
  const channelId = String(fixture.channelId);
  const auth = ctx.target.socketApiKey ? ', apiKey: process.env.ELIZA_SOCKET_KEY' : '';
  const lines = [
    `// ${flow.id} (${ctx.profile}): channel ${channelId}; replays steps 0..${Math.max(0, steps.length - 1)} with the values the check sent`,
    "const { io } = require('socket.io-client');",
    "const { randomUUID } = require('node:crypto');",
    `const url = ${js(ctx.target.url)};`,
    `const headers = { 'content-type': 'application/json'${ctx.target.apiKey ? ", 'x-api-key': process.env.ELIZA_API_KEY" : ''} };`,
    `const entities = ${js(entities)};`,
    'const sleep = (ms) => new Promise((resolve) => setTimeout(resolve, ms));',
    'const sockets = {};',
    'function open(name) {',
    `  const socket = io(url, { auth: { entityId: entities[name] || randomUUID()${auth} }, transports: ['websocket'], forceNew: true });`,
    '  socket.onAny((event, payload) => console.log(Date.now(), name, event, JSON.stringify(payload)));',
    '  return socket;',
    '}',
    '(async () => {',
  ];
  for (const [name, state] of actors) {
    if (state === 'not-connected') continue;
    lines.push(`  sockets[${js(name)}] = open(${js(name)});`);
    if (state === 'joined') lines.push(`  sockets[${js(name)}].emit('message', { type: 1, payload: { channelId: ${js(channelId)}, roomId: ${js(channelId)}, entityId: entities[${js(name)}] } });`);
  }
  lines.push('  await sleep(500);');
  const replayed = steps.length > 0 ? steps : flow.steps.slice(0, 1).map((_, index) => ({ index, action: undefined }));
  for (const sent of replayed) lines.push(...stepLines(flow, ctx, sent));
  lines.push('  for (const socket of Object.values(sockets)) socket.close();', '})();');
  return lines.join('\n');
}

/** A script that opens one socket with a handshake `auth` and prints the connect error (a socket key comes from the environment, never its value). */
export function handshakeScript(url: string, auth: Record<string, unknown>): string {
  const { apiKey, ...rest } = auth;
  const fields = Object.entries(rest).filter(([, v]) => v !== undefined).map(([k, v]) => `${JSON.stringify(k)}: ${js(v)}`);
  if (apiKey !== undefined) fields.push('apiKey: process.env.ELIZA_SOCKET_KEY');
  return [
    "const { io } = require('socket.io-client');",
    `const socket = io(${js(url)}, { auth: { ${fields.join(', ')} }, transports: ['websocket'], reconnection: false });`,
    "socket.on('connect', () => { console.log('connected'); socket.close(); });",
    "socket.on('connect_error', (error) => console.log('connect_error', error.message));",
  ].join('\n');
}
