import { pathParamNames, restOperations, type Profile, type RestOperation } from '../../spec/index.js';
import type { CheckContext } from '../check.js';
import { discover } from '../flows/setup.js';
import { HttpClient } from '../http.js';
import { channelFixture, paramsFor, type ChannelFixture } from '../rest/fixture-channel.js';
import { errorCapture, type Capture, type Side } from './side.js';
import { levelIn } from '../../spec/profiles.js';

const FILLABLE = ['agentId', 'channelId', 'messageServerId', 'serverId'];

/**
 * The reads the diff runs: every GET of the profile (any level) that the reads conformance check can call too:
 * no file downloads, no required query, path params filled from the discovered agent and server and a channel.
 */
export function readOperations(profile: Profile): RestOperation[] {
  return restOperations.filter((op) => op.method === 'GET'
    && levelIn(op.profiles, profile) !== undefined
    && !op.path.startsWith('/media/')
    && Object.values(op.query ?? {}).every((s) => s.safeParse(undefined).success)
    && pathParamNames(op.path).every((p) => FILLABLE.includes(p)));
}

/** The state the reads run in on one side: a channel (with a fresh user and the agent), made through the protocol. */
export interface ReadState {
  fixture?: ChannelFixture;
  http: HttpClient;
  error?: unknown;
}

export async function prepareReads(side: Side, name: string): Promise<ReadState> {
  const target = { url: side.url, apiKey: side.apiKey, socketApiKey: side.socketApiKey };
  const http = new HttpClient(target, side.timeoutMs);
  const ctx: CheckContext = {
    target, profile: side.profile, level: 'MAY', timeoutMs: side.timeoutMs, seed: 1, http,
    discover: () => discover(target),
    sawSocket: () => undefined,
  };
  try {
    return { fixture: await channelFixture(ctx, name), http };
  } catch (error) {
    return { http, error };
  }
}

function namesOf(f: ChannelFixture): Capture['named'] {
  return Object.fromEntries(Object.entries({ channelId: f.channelId, userId: f.userId, agentId: f.agentId, messageServerId: f.messageServerId })
    .filter((e): e is [string, string] => typeof e[1] === 'string')
    .map(([role, value]) => [value, role]));
}

/** Calls one read on one side: status and body (JSON parsed, or the text). */
export async function captureRead(op: RestOperation, state: ReadState): Promise<Capture> {
  if (!state.fixture) return errorCapture(state.error);
  const params = paramsFor(pathParamNames(op.path), state.fixture);
  if (!params) return errorCapture(new Error(`no value for a path parameter of ${op.path} (no running agent?)`));
  try {
    const result = await state.http.call(op.id, { params });
    return { value: { status: result.status, body: result.body }, named: namesOf(state.fixture) };
  } catch (error) {
    return errorCapture(error);
  }
}
