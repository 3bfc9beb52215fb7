import { DEFAULT_PROFILE, flows, type Flow, type Profile, type RestOperation } from '../../spec/index.js';
import { HttpClient } from '../http.js';
import { globToRegExp } from '../registry.js';
import { redactUrl } from '../run.js';
import { captureFlow, isFlowResult, normaliseFlow } from './capture-flow.js';
import { compareUnit } from './compare-unit.js';
import { explain, type KnownDifference } from './known.js';
import type { DiffReport, DiffUnit } from './model.js';
import { Normaliser } from './normalise.js';
import { reachable } from './reach.js';
import { captureRead, prepareReads, readOperations } from './reads.js';
import type { Capture, Side } from './side.js';
import { levelIn } from '../../spec/profiles.js';

export interface DiffOptions {
  /** The two servers, e.g. a reference and the server under test. */
  a: string;
  b: string;
  profile?: Profile;
  /** Sent to both servers. */
  apiKey?: string;
  socketApiKey?: string;
  /** Differences these explain are listed apart and do not fail the diff. */
  known?: KnownDifference[];
  /** Flow and operation ids (globs) to run; default all. */
  only?: string[];
  /** Per request, in ms. Default 5000. */
  timeoutMs?: number;
  /** Called as each unit is compared (a live reporter). */
  onUnit?: (unit: DiffUnit) => void;
}

async function agentNames(url: string, apiKey: string | undefined, timeoutMs: number): Promise<string[]> {
  const result = await new HttpClient({ url, apiKey }, timeoutMs).call('agents.list').catch(() => undefined);
  const body = result?.body as { data?: { agents?: unknown }; agents?: unknown } | undefined;
  const list = body?.data?.agents ?? body?.agents;
  return Array.isArray(list) ? list.flatMap((a: { name?: unknown; characterName?: unknown }) => [a.name, a.characterName].filter((n): n is string => typeof n === 'string')) : [];
}

function normalised(capture: Capture, side: Side): unknown {
  const normaliser = new Normaliser({ named: capture.named, agentNames: side.agentNames, substrings: { [new URL(side.url).host]: 'host' } });
  return isFlowResult(capture.value) ? normaliseFlow(capture.value, normaliser) : normaliser.normalise(capture.value);
}

function unitOf(id: string, kind: DiffUnit['kind'], a: Capture, b: Capture, sides: [Side, Side], known: KnownDifference[]): DiffUnit {
  const [na, nb] = [normalised(a, sides[0]), normalised(b, sides[1])];
  const all = compareUnit(id, na, nb).map((d) => {
    const why = explain(d, known)?.why;
    return why === undefined ? d : { ...d, why };
  });
  return { id, kind, a: na, b: nb, differences: all.filter((d) => d.why === undefined), explained: all.filter((d) => d.why !== undefined) };
}

/** Both sides at once, unless they are one server (then one after the other, so neither sees the other's state). */
function both<T>(sides: [Side, Side], work: (side: Side) => Promise<T>): Promise<[T, T]> {
  if (sides[0].url === sides[1].url) return work(sides[0]).then(async (a) => [a, await work(sides[1])]);
  return Promise.all([work(sides[0]), work(sides[1])]);
}

async function diffFlows(list: Flow[], sides: [Side, Side], options: DiffOptions): Promise<DiffUnit[]> {
  const units: DiffUnit[] = [];
  for (const flow of list) {
    const [a, b] = await both(sides, (side) => captureFlow(flow, side));
    units.push(unitOf(flow.id, 'flow', a, b, sides, options.known ?? []));
    options.onUnit?.(units[units.length - 1] as DiffUnit);
  }
  return units;
}

async function diffReads(ops: RestOperation[], sides: [Side, Side], options: DiffOptions): Promise<DiffUnit[]> {
  if (ops.length === 0) return [];
  const [sa, sb] = await both(sides, (side) => prepareReads(side, 'diff reads'));
  const units: DiffUnit[] = [];
  try {
    for (const op of ops) {
      const [a, b] = await Promise.all([captureRead(op, sa), captureRead(op, sb)]);
      units.push(unitOf(op.id, 'read', a, b, sides, options.known ?? []));
      options.onUnit?.(units[units.length - 1] as DiffUnit);
    }
  } finally {
    await Promise.all([sa.fixture?.remove(), sb.fixture?.remove()]);
  }
  return units;
}

/**
 * Runs the socket flows and the REST reads of a profile against two servers and compares the normalised results
 * (ids numbered by first appearance, times, durations, uptime, memory, versions and agent names masked). Throws
 * `PreflightError` when a server is not a reachable ElizaOS server; a difference is never thrown.
 *
 * @example
 * const report = await runDiff({ a: 'http://127.0.0.1:3000', b: 'http://127.0.0.1:3001', profile: 'elizaos-1.7' });
 * report.summary.unexplained; // 0 when the servers speak the protocol alike
 */
export async function runDiff(options: DiffOptions): Promise<DiffReport> {
  const profile = options.profile ?? DEFAULT_PROFILE;
  const timeoutMs = options.timeoutMs ?? 5000;
  const [urlA, urlB] = [options.a, options.b].map((u) => u.replace(/\/$/, '')) as [string, string];
  await Promise.all([reachable(urlA, timeoutMs, options.apiKey), reachable(urlB, timeoutMs, options.apiKey)]);
  const side = async (url: string): Promise<Side> => ({ url, apiKey: options.apiKey, socketApiKey: options.socketApiKey, profile, timeoutMs, agentNames: await agentNames(url, options.apiKey, timeoutMs) });
  const sides: [Side, Side] = [await side(urlA), await side(urlB)];
  const only = (options.only ?? []).map(globToRegExp);
  const selected = (id: string) => only.length === 0 || only.some((re) => re.test(id));
  const startedAt = new Date();
  const units = [
    ...await diffFlows(flows.filter((f) => levelIn(f.profiles, profile) && selected(f.id)), sides, options),
    ...await diffReads(readOperations(profile).filter((op) => selected(op.id)), sides, options),
  ];
  const count = (pick: (u: DiffUnit) => number) => units.reduce((n, u) => n + pick(u), 0);
  return {
    tool: 'eliza-wire', a: redactUrl(urlA), b: redactUrl(urlB), profile,
    startedAt: startedAt.toISOString(), durationMs: Date.now() - startedAt.getTime(),
    summary: { units: units.length, identical: units.filter((u) => u.differences.length + u.explained.length === 0).length, unexplained: count((u) => u.differences.length), explained: count((u) => u.explained.length) },
    units,
  };
}
