import { Agent, request } from 'undici';
import { PROFILE_TABLE, type Profile } from '../spec/profiles.js';

/** The profile `check --profile auto` picked, and why in words a reader can verify. */
export interface DetectedProfile {
  profile: Profile;
  why: string;
}

export interface DetectOptions {
  apiKey?: string;
  /** Per probe. Default 5000 ms. */
  timeoutMs?: number;
}

type Release = { name: Profile; release: string; prerelease: boolean };
const RELEASES: Release[] = PROFILE_TABLE.flatMap((p) => (p.release ? [{ name: p.name, release: p.release, prerelease: p.prerelease }] : []));

/** `1.7.3-alpha.4` → [1, 7, 3]; anything else → undefined. */
function numbers(version: string): [number, number, number] | undefined {
  const m = /^v?(\d+)\.(\d+)\.(\d+)/.exec(version.trim());
  return m ? [Number(m[1]), Number(m[2]), Number(m[3])] : undefined;
}

function compare(a: number[], b: number[]): number {
  for (let i = 0; i < 3; i += 1) if ((a[i] ?? 0) !== (b[i] ?? 0)) return (a[i] ?? 0) - (b[i] ?? 0);
  return 0;
}

/**
 * The release profile for a server version: the release itself, else its pre-release line (`1.7.3-alpha.5` →
 * the 1.7.3 pre-release profile), else its minor line (`1.6.4` → elizaos-1.6), else the nearest line below
 * (a newer release than any profile reads as the newest) or the oldest.
 */
export function profileForVersion(version: string): DetectedProfile | undefined {
  const exact = RELEASES.find((r) => r.release === version);
  if (exact) return { profile: exact.name, why: `its version is ${version}, the release ${exact.name} describes` };
  const v = numbers(version);
  if (!v) return undefined;
  const pre = RELEASES.find((r) => r.prerelease && compare(numbers(r.release) ?? [], v) === 0);
  if (pre) return { profile: pre.name, why: `its version ${version} is on the ${pre.release} pre-release line` };
  const lines = RELEASES.filter((r) => !r.prerelease).sort((a, b) => compare(numbers(a.release) ?? [], numbers(b.release) ?? []));
  const line = lines.find((r) => (numbers(r.release) ?? [])[0] === v[0] && (numbers(r.release) ?? [])[1] === v[1]);
  if (line) return { profile: line.name, why: `its version ${version} is on the ${line.release.split('.').slice(0, 2).join('.')} line (${line.name} describes ${line.release})` };
  const below = lines.filter((r) => compare(numbers(r.release) ?? [], v) < 0).at(-1);
  if (below) return { profile: below.name, why: `its version ${version} is newer than any release profile; the newest below it is ${below.name} (${below.release})` };
  const oldest = lines[0];
  return oldest ? { profile: oldest.name, why: `its version ${version} is older than any release profile; the oldest is ${oldest.name} (${oldest.release})` } : undefined;
}

async function getJson(base: string, path: string, options: DetectOptions, dispatcher: Agent): Promise<{ status: number; body: unknown }> {
  const timeout = options.timeoutMs ?? 5000;
  const res = await request(new URL(path, base), {
    dispatcher,
    headers: options.apiKey ? { 'x-api-key': options.apiKey } : {},
    headersTimeout: timeout,
    bodyTimeout: timeout,
  });
  const text = await res.body.text();
  try {
    return { status: res.statusCode, body: JSON.parse(text) as unknown };
  } catch {
    return { status: res.statusCode, body: undefined };
  }
}

const field = (value: unknown, ...path: string[]): unknown => path.reduce<unknown>((v, k) => (v !== null && typeof v === 'object' ? (v as Record<string, unknown>)[k] : undefined), value);

/**
 * Which profile a server speaks: an unknown /api route answered with a string error code is the documented
 * contract; otherwise the release from `GET /api/system/version` (every release since 1.5 has it), else from
 * behaviour (no `/api/messaging/message-servers` route: 1.5). Run on a target that passed its preflight.
 *
 * @example
 * const { profile, why } = await detectProfile('http://127.0.0.1:3000'); // elizaos-1.6, "its version 1.6.5 is …"
 */
export async function detectProfile(url: string, options: DetectOptions = {}): Promise<DetectedProfile> {
  const dispatcher = new Agent();
  try {
    const unknown = await getJson(url, '/api/eliza-wire-no-such-route', options, dispatcher);
    if (typeof field(unknown.body, 'error', 'code') === 'string' && field(unknown.body, 'success') === false) {
      return { profile: 'documented', why: `an unknown /api route answers ${unknown.status} with error code "${String(field(unknown.body, 'error', 'code'))}" (the documented envelope; releases send a number)` };
    }
    const version = await getJson(url, '/api/system/version', options, dispatcher);
    const said = field(version.body, 'version') ?? field(version.body, 'data', 'version');
    if (version.status === 200 && typeof said === 'string') {
      const picked = profileForVersion(said);
      if (picked) return { ...picked, why: `GET /api/system/version: ${picked.why}` };
    }
    const servers = await getJson(url, '/api/messaging/message-servers', options, dispatcher);
    if (servers.status === 404) return { profile: 'elizaos-1.5', why: `no version answered and GET /api/messaging/message-servers is 404 (1.5 has only /central-servers)` };
    return { profile: 'elizaos-1.7', why: `no version answered (GET /api/system/version: ${version.status}); it has /api/messaging/message-servers, so the default release profile` };
  } finally {
    await dispatcher.close();
  }
}
