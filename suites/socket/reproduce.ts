import type { Flow } from '../../spec/index.js';
import type { CheckContext } from '../check.js';

/** A minimal socket.io-client script that replays a flow's first socket action and prints every event. */
export function socketScript(ctx: CheckContext, flow: Flow, fixture: Record<string, unknown>): string {
  const step = flow.steps[0];
  const action = step?.action;
  const emit = action?.kind === 'emit'
    ? `socket.emit(${JSON.stringify(action.ref?.startsWith('client.message.') ? 'message' : (action.ref ?? '').replace(/^client\./, ''))}, ${JSON.stringify(action.payload ?? null)});`
    : action?.kind === 'rest' ? `// then call REST operation ${action.ref} (see the spec) while this socket listens` : `// ${action?.kind ?? 'no action'}`;
  return [
    `// ${flow.id} (${ctx.profile}): channel ${String(fixture.channelId)}; replace the $… placeholders`,
    "const { io } = require('socket.io-client');",
    `const socket = io('${ctx.target.url}', { auth: { entityId: require('node:crypto').randomUUID()${ctx.target.socketApiKey ? ', apiKey: process.env.ELIZA_SOCKET_KEY' : ''} }, transports: ['websocket'] });`,
    'socket.onAny((event, payload) => console.log(Date.now(), event, JSON.stringify(payload)));',
    `socket.on('connect', () => {\n  socket.emit('message', { type: 1, payload: { channelId: '${String(fixture.channelId)}' } });\n  setTimeout(() => { ${emit} }, 200);\n});`,
    `setTimeout(() => socket.close(), ${(step?.within ?? 2000) + 500});`,
  ].join('\n');
}
