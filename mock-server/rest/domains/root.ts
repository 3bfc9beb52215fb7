import { PROTOCOL_VERSION } from '../../../spec/index.js';
import type { HandlerMap } from '../handlers.js';
import { fail, ok, type Handler } from '../result.js';
import { isUuid } from './helpers.js';
import { isRelease } from '../../../spec/profiles.js';

function health(req: Parameters<Handler>[0]) {
  const agentCount = req.mock.state.runningAgents().length;
  const body = {
    status: agentCount > 0 ? 'OK' : 'DEGRADED',
    version: PROTOCOL_VERSION,
    timestamp: new Date(req.mock.clock.now()).toISOString(),
    dependencies: { agents: agentCount > 0 ? 'healthy' : 'no_agents' },
    agentCount,
  };
  return ok(body, { status: agentCount > 0 ? 200 : 503 });
}

function file(kind: 'agents' | 'generated' | 'channels', idName: string): Handler {
  return (req) => {
    const id = req.params[`${idName}Id`];
    if (!isUuid(id)) return fail('INVALID_ID', `Invalid ${idName} ID format`);
    const filename = req.params.filename ?? '';
    if (filename.includes('..') || filename.includes('/')) return fail('FORBIDDEN', 'Access denied');
    const prefix = kind === 'generated' ? `/media/generated/${id}/` : `/media/uploads/${kind}/${id}/`;
    const record = req.mock.state.media.get(`${prefix}${filename}`);
    // 1.7.2 reads channel files from the wrong folder, so a fresh channel upload answers 404 there.
    if (!record || (kind === 'channels' && isRelease(req.mock.profile))) return fail('NOT_FOUND', 'File not found');
    return { kind: 'binary', contentType: record.contentType, body: record.bytes };
  };
}

export const rootHandlers = {
  'root.healthz': (req) => ok({ status: 'ok', timestamp: new Date(req.mock.clock.now()).toISOString() }),
  'root.health': health,
  'root.media.agent-upload': file('agents', 'agent'),
  'root.media.generated': file('generated', 'agent'),
  'root.media.channel-upload': file('channels', 'channel'),
} satisfies Partial<HandlerMap>;
