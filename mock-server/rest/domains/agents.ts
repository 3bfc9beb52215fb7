import { Character } from '../../../spec/index.js';
import type { AgentRecord } from '../../state/records.js';
import { agentDetail, agentSummary, character, compact } from '../../state/wire.js';
import type { HandlerMap } from '../handlers.js';
import { fail, noContent, ok, type Handler, type RequestContext } from '../result.js';
import { agentParam, bodyOf, isResult, isUuid, queryNumber, queryString } from './helpers.js';

const CHARACTER_KEYS = new Set(['id', 'name', 'username', 'bio', 'system', 'plugins', 'settings']);

function fromCharacter(req: RequestContext, input: Record<string, unknown>): AgentRecord {
  const now = req.mock.clock.now();
  const bio = Array.isArray(input.bio) ? (input.bio as string[]) : [String(input.bio ?? '')];
  const name = String(input.name);
  return {
    id: isUuid(input.id) ? input.id : req.mock.state.ids.uuid(),
    name,
    username: typeof input.username === 'string' ? input.username : name.toLowerCase(),
    bio,
    system: typeof input.system === 'string' ? input.system : undefined,
    plugins: Array.isArray(input.plugins) ? (input.plugins as string[]) : [],
    settings: (input.settings as Record<string, unknown> | undefined) ?? {},
    enabled: true,
    status: 'inactive',
    createdAt: now,
    updatedAt: now,
    extra: Object.fromEntries(Object.entries(input).filter(([k]) => !CHARACTER_KEYS.has(k))),
  };
}

const create: Handler = (req) => {
  const body = bodyOf(req);
  const input = (body.characterJson ?? body.agent) as Record<string, unknown> | undefined;
  if (!input && typeof body.characterPath === 'string') return fail('VALIDATION_ERROR', `Character file not found: ${body.characterPath}`);
  if (!input) return fail('VALIDATION_ERROR', 'No character configuration provided');
  const parsed = Character.safeParse(input);
  if (!parsed.success) return fail('VALIDATION_ERROR', `Character validation failed: ${parsed.error.issues.map((i) => `${i.path.join('.')}: ${i.message}`).join('; ')}`);
  const agent = fromCharacter(req, input);
  req.mock.state.agents.set(agent.id, agent);
  return ok({ id: agent.id, character: character(agent) }, { status: 201 });
};

const update: Handler = (req) => {
  const agent = agentParam(req);
  if (isResult(agent)) return agent;
  const body = bodyOf(req);
  for (const [key, value] of Object.entries(body)) {
    if (key === 'id' || key === 'createdAt' || key === 'updatedAt' || key === 'status') continue;
    if (key === 'name' && typeof value === 'string') agent.name = value;
    else if (key === 'bio') agent.bio = Array.isArray(value) ? (value as string[]) : [typeof value === 'string' ? value : (JSON.stringify(value) ?? '')];
    else if (key === 'username' && typeof value === 'string') agent.username = value;
    else if (key === 'system' && typeof value === 'string') agent.system = value;
    else if (key === 'plugins' && Array.isArray(value)) agent.plugins = value as string[];
    else if (key === 'settings' && typeof value === 'object' && value !== null) agent.settings = value as Record<string, unknown>;
    else if (key === 'enabled' && typeof value === 'boolean') agent.enabled = value;
    else agent.extra[key] = value;
  }
  agent.updatedAt = req.mock.clock.now();
  return ok(agentDetail(agent));
};

const remove: Handler = (req) => {
  const agent = agentParam(req);
  if (isResult(agent)) return agent;
  req.mock.state.agents.delete(agent.id);
  for (const server of req.mock.state.servers.values()) server.agents.delete(agent.id);
  return noContent();
};

const start: Handler = (req) => {
  const agent = agentParam(req);
  if (isResult(agent)) return agent;
  agent.status = 'active';
  req.mock.state.servers.get(req.mock.state.messageServerId)?.agents.add(agent.id);
  return ok({ id: agent.id, name: agent.name, status: 'active' });
};

const stop: Handler = (req) => {
  const agent = agentParam(req, { running: true });
  if (isResult(agent)) return agent;
  agent.status = 'inactive';
  return ok({ message: 'Agent stopped' });
};

function world(req: RequestContext, w: { id: string; name: string; agentId: string; messageServerId?: string; metadata: Record<string, unknown>; createdAt: number }) {
  return compact({ id: w.id, name: w.name, agentId: w.agentId, messageServerId: w.messageServerId ?? null, metadata: w.metadata, createdAt: new Date(w.createdAt).toISOString() });
}

const worldsList: Handler = (req) => {
  // 1.7.2: GET /api/agents/:agentId matches first, so this route never runs there; the adapter's route order
  // reproduces that, and this answer is the documented one.
  const first = req.mock.state.runningAgents()[0];
  const worlds = [...req.mock.state.worlds.values()].filter((w) => w.agentId === first?.id).map((w) => world(req, w));
  return ok({ worlds });
};

const worldsCreate: Handler = (req) => {
  const agent = agentParam(req, { running: true });
  if (isResult(agent)) return agent;
  const body = bodyOf(req);
  if (typeof body.name !== 'string' || body.name.length === 0) return fail('VALIDATION_ERROR', 'World name is required');
  const record = {
    id: req.mock.state.ids.uuid(),
    name: body.name,
    agentId: agent.id,
    messageServerId: isUuid(body.messageServerId) ? body.messageServerId : undefined,
    metadata: (body.metadata as Record<string, unknown> | undefined) ?? {},
    createdAt: req.mock.clock.now(),
  };
  req.mock.state.worlds.set(record.id, record);
  return ok({ world: world(req, record) }, { status: 201 });
};

const worldsUpdate: Handler = (req) => {
  if (!isUuid(req.params.agentId) || !isUuid(req.params.worldId)) return fail('INVALID_ID', 'Invalid agent ID or world ID format');
  const agent = agentParam(req, { running: true });
  if (isResult(agent)) return agent;
  const record = req.mock.state.worlds.get(req.params.worldId);
  if (!record) return fail('NOT_FOUND', 'World not found');
  const body = bodyOf(req);
  if (typeof body.name === 'string') record.name = body.name;
  if (typeof body.metadata === 'object' && body.metadata !== null) record.metadata = { ...record.metadata, ...(body.metadata as Record<string, unknown>) };
  return ok({ world: world(req, record) });
};

/** `X-Entity-Id` is not a filter: 1.7.2's `LogStore.getMany` (plugin-sql) uses it only for the isolation context. */
const logsList: Handler = (req) => {
  const agent = agentParam(req, { running: true });
  if (isResult(agent)) return agent;
  const roomId = queryString(req, 'roomId');
  if (roomId !== undefined && !isUuid(roomId)) return fail('INVALID_ID', 'Invalid room ID format');
  const type = queryString(req, 'type');
  const offset = queryNumber(req, 'offset', 0);
  const count = queryNumber(req, 'count', 10);
  const logs = [...req.mock.state.logs.values()]
    .filter((l) => l.agentId === agent.id && (!roomId || l.roomId === roomId) && (!type || l.type === type))
    .sort((a, b) => b.createdAt - a.createdAt)
    .slice(offset, offset + count)
    .map((l) => compact({ id: l.id, entityId: l.entityId, roomId: l.roomId, body: l.body, type: l.type, createdAt: new Date(l.createdAt).toISOString() }));
  return ok(logs);
};

const logsDelete: Handler = (req) => {
  if (!isUuid(req.params.agentId) || !isUuid(req.params.logId)) return fail('INVALID_ID', 'Invalid agent or log ID format');
  const agent = agentParam(req, { running: true });
  if (isResult(agent)) return agent;
  req.mock.state.logs.delete(req.params.logId);
  return noContent();
};

const runsList: Handler = (req) => {
  const agent = agentParam(req, { running: true });
  if (isResult(agent)) return agent;
  const roomId = queryString(req, 'roomId');
  if (roomId !== undefined && !isUuid(roomId)) return fail('INVALID_ID', 'Invalid room ID format');
  const status = queryString(req, 'status');
  const limit = Math.min(100, Math.max(1, queryNumber(req, 'limit', 20)));
  const all = [...req.mock.state.runs.values()]
    .filter((r) => r.agentId === agent.id && (!roomId || r.summary.roomId === roomId) && (!status || status === 'all' || r.summary.status === status))
    .sort((a, b) => (b.summary.startedAt ?? 0) - (a.summary.startedAt ?? 0));
  return ok({ runs: all.slice(0, limit).map((r) => r.summary), total: all.length, hasMore: all.length > limit });
};

const runsGet: Handler = (req) => {
  if (!isUuid(req.params.runId)) return fail('INVALID_ID', 'Invalid run ID format');
  const agent = agentParam(req, { running: true });
  if (isResult(agent)) return agent;
  const run = req.mock.state.runs.get(req.params.runId);
  if (!run || run.agentId !== agent.id) return fail('NOT_FOUND', 'Run not found');
  return ok({ summary: run.summary, events: run.events });
};

const panels: Handler = (req) => {
  const agent = agentParam(req, { running: true });
  if (isResult(agent)) return agent;
  return ok([]);
};

export const agentHandlers = {
  'agents.list': (req) => {
    const agents = [...req.mock.state.agents.values()].sort((a, b) => (a.status === b.status ? a.name.localeCompare(b.name) : a.status === 'active' ? -1 : 1));
    return ok({ agents: agents.map(agentSummary) });
  },
  'agents.get': (req) => {
    const agent = agentParam(req);
    return isResult(agent) ? agent : ok(agentDetail(agent));
  },
  'agents.worlds.list': worldsList,
  'agents.create': create,
  'agents.update': update,
  'agents.delete': remove,
  'agents.start': start,
  'agents.stop': stop,
  'agents.worlds.create': worldsCreate,
  'agents.worlds.update': worldsUpdate,
  'agents.panels.list': panels,
  'agents.logs.list': logsList,
  'agents.logs.delete': logsDelete,
  'agents.runs.list': runsList,
  'agents.runs.get': runsGet,
} satisfies Partial<HandlerMap>;
