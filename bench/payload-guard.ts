/**
 * `BENCH_ONLY=payload-guard npm run bench`: what the payload limits cost. The depth walk (`payloadProblem`) that
 * every socket event and REST body goes through, timed on a typical SEND_MESSAGE, on the largest flat payload a
 * 1e6-byte packet holds, and on the 5,000-level payload it refuses; then hostile sends end to end: a client sends
 * 2,000 events of 5,000 levels over a websocket while a bystander's broadcasts keep arriving.
 */
import { randomUUID } from 'node:crypto';
import { io } from 'socket.io-client';
import { createMockServer } from '../mock-server/index.js';
import { DEFAULT_LIMITS, payloadProblem } from '../mock-server/limits.js';
import { fmt, table } from './lib/stats.js';

const NIL = '00000000-0000-0000-0000-000000000000';

function perCall(value: unknown, runs: number): number {
  const options = { maxDepth: DEFAULT_LIMITS.maxPayloadDepth, binary: 'refuse' as const };
  for (let i = 0; i < Math.min(runs, 100); i += 1) payloadProblem(value, options);
  const t0 = performance.now();
  for (let i = 0; i < runs; i += 1) payloadProblem(value, options);
  return ((performance.now() - t0) * 1000) / runs;
}

function deepValue(levels: number): unknown {
  return JSON.parse('{"a":'.repeat(levels) + '1' + '}'.repeat(levels));
}

async function hostileSends(count: number): Promise<{ ms: number; refusals: number; broadcasts: number }> {
  const mock = createMockServer({ profile: 'documented', logLevel: 'silent', thinkMs: 0, agent: 'silent' });
  const url = await mock.listen(0, '127.0.0.1');
  const connect = async () => {
    const socket = io(url, { forceNew: true, transports: ['websocket'], auth: { entityId: randomUUID() } });
    await new Promise<void>((resolve) => socket.once('connect', () => resolve()));
    return socket;
  };
  const [attacker, sender, bystander] = [await connect(), await connect(), await connect()];
  const channelId = randomUUID();
  let refusals = 0;
  let broadcasts = 0;
  attacker.on('messageError', () => (refusals += 1));
  bystander.on('messageBroadcast', () => (broadcasts += 1));
  bystander.emit('message', { type: 1, payload: { channelId } });
  await new Promise((r) => setTimeout(r, 100));
  const packet = `2["update_log_filters",${'{"a":'.repeat(5000)}1${'}'.repeat(5000)}]`;
  const t0 = performance.now();
  for (let i = 0; i < count; i += 1) {
    attacker.io.engine.send(packet);
    if (i % 100 === 0) sender.emit('message', { type: 2, payload: { channelId, senderId: randomUUID(), message: `ping ${i}`, messageServerId: NIL } });
  }
  while (refusals < count && performance.now() - t0 < 60_000) await new Promise((r) => setTimeout(r, 10));
  const ms = performance.now() - t0;
  for (const s of [attacker, sender, bystander]) s.disconnect();
  await mock.close();
  return { ms, refusals, broadcasts };
}

export async function payloadGuard(): Promise<void> {
  const typical = { type: 2, payload: { channelId: randomUUID(), senderId: randomUUID(), message: 'hello there', messageServerId: NIL, metadata: { user_display_name: 'User', attachments: [{ type: 'image', url: 'https://x/y.png' }] } } };
  const flat = Array.from({ length: 450_000 }, () => 0);
  const rows = [
    ['payload', 'µs per check'],
    ['typical SEND_MESSAGE', fmt(perCall(typical, 200_000), 2)],
    ['450,000-element array (a full 1e6-byte packet)', fmt(perCall(flat, 20), 0)],
    ['5,000 nested objects (refused at level 64)', fmt(perCall(deepValue(5000), 20_000), 2)],
  ];
  console.log(`\npayload guard: the depth walk every client event and REST body goes through\n${table(rows)}`);
  const sends = await hostileSends(2000);
  console.log(`hostile sends: 2,000 events of 5,000 levels over one websocket refused in ${fmt(sends.ms, 0)} ms (${sends.refusals} messageErrors); a bystander got ${sends.broadcasts} of 20 broadcasts meanwhile`);
}
