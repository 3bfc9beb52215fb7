import { PROFILES, profileInfo, type Level, type Profile, type Profiles, levelIn } from './profiles.js';
import { restOperations } from './rest/index.js';
import { socketEvents } from './socket/index.js';
import { flows } from './flows/index.js';

/** One row of `eliza-wire spec --list`. */
export interface SpecListEntry {
  id: string;
  kind: 'rest' | 'socket' | 'flow';
  /** REST: the domain; socket: `socket`; flow: `flow`. */
  domain: string;
  /** HTTP method, or the socket direction (`c→s`, `s→c`). */
  method: string;
  /** REST path, socket event name, or the flow summary. */
  target: string;
  profiles: Profiles;
  deprecated: boolean;
  aliasOf?: string;
}

/** Every spec entry as a flat list, optionally only those of one profile. */
export function listSpec(profile?: Profile): SpecListEntry[] {
  const rows: SpecListEntry[] = [
    ...restOperations.map((op) => ({
      id: op.id, kind: 'rest' as const, domain: op.domain, method: op.method, target: op.path,
      profiles: op.profiles, deprecated: op.deprecated ?? false, aliasOf: op.aliasOf,
    })),
    ...socketEvents.map((e) => ({
      id: e.id, kind: 'socket' as const, domain: 'socket', method: e.direction === 'client-to-server' ? 'c→s' : 's→c',
      target: e.messageType === undefined ? e.event : `${e.event} type ${e.messageType}`, profiles: e.profiles, deprecated: false,
    })),
    ...flows.map((f) => ({ id: f.id, kind: 'flow' as const, domain: 'flow', method: 'flow', target: f.summary, profiles: f.profiles, deprecated: false })),
  ];
  return profile ? rows.filter((r) => levelIn(r.profiles, profile)) : rows;
}

export interface SpecCounts {
  domain: string;
  total: number;
  byProfile: Record<Profile, Record<Level, number>>;
}

/** Counts per domain and per profile and level. */
export function countSpec(rows: SpecListEntry[]): SpecCounts[] {
  const byDomain = new Map<string, SpecCounts>();
  for (const row of rows) {
    const counts = byDomain.get(row.domain) ?? { domain: row.domain, total: 0, byProfile: emptyByProfile() };
    counts.total += 1;
    for (const profile of PROFILES) {
      const level = levelIn(row.profiles, profile);
      if (level) counts.byProfile[profile][level] += 1;
    }
    byDomain.set(row.domain, counts);
  }
  return [...byDomain.values()];
}

function emptyByProfile(): Record<Profile, Record<Level, number>> {
  const zero = () => ({ MUST: 0, SHOULD: 0, MAY: 0 });
  return Object.fromEntries(PROFILES.map((p) => [p, zero()])) as Record<Profile, Record<Level, number>>;
}

function pad(text: string, width: number): string {
  return text.length >= width ? `${text} ` : text.padEnd(width);
}

function table(rows: string[][]): string[] {
  const widths = rows[0]?.map((_, col) => Math.max(...rows.map((r) => (r[col] ?? '').length)) + 2) ?? [];
  return rows.map((r) => r.map((cell, col) => (col === r.length - 1 ? cell : pad(cell, widths[col] ?? 0))).join('').trimEnd());
}

const KIND_TITLES = { rest: 'REST operations', socket: 'Socket.IO events', flow: 'Flows' } as const;

/** The `spec --list` table: every entry, then counts per domain and per profile. */
export function formatSpecList(rows: SpecListEntry[]): string {
  const out: string[] = [];
  for (const kind of ['rest', 'socket', 'flow'] as const) {
    const ofKind = rows.filter((r) => r.kind === kind);
    if (ofKind.length === 0) continue;
    out.push(`${KIND_TITLES[kind]} (${ofKind.length})`);
    const header = ['ID', kind === 'rest' ? 'METHOD' : kind === 'socket' ? 'DIR' : '', kind === 'rest' ? 'PATH' : kind === 'socket' ? 'EVENT' : 'SUMMARY', ...PROFILES];
    const body = ofKind.map((r) => [
      r.deprecated ? `${r.id} (deprecated)` : r.aliasOf ? `${r.id} (alias)` : r.id,
      kind === 'flow' ? '' : r.method,
      kind === 'flow' && r.target.length > 60 ? `${r.target.slice(0, 57)}...` : r.target,
      ...PROFILES.map((p) => levelIn(r.profiles, p) ?? '-'),
    ]);
    out.push(...table([header, ...body]).map((line) => `  ${line}`), '');
  }
  out.push('Counts per domain');
  const counts = countSpec(rows);
  const cell = (c: Record<Level, number>) => `${c.MUST + c.SHOULD + c.MAY} (${c.MUST}/${c.SHOULD}/${c.MAY})`;
  const countRows = counts.map((c) => [c.domain, String(c.total), ...PROFILES.map((p) => cell(c.byProfile[p]))]);
  const totals = totalOf(counts);
  out.push(...table([['DOMAIN', 'ENTRIES', ...PROFILES.map((p) => `${p} (MUST/SHOULD/MAY)`)], ...countRows, ['total', String(totals.total), ...PROFILES.map((p) => cell(totals.byProfile[p]))]]).map((l) => `  ${l}`));
  out.push('', `Per profile: ${PROFILES.map((p) => `${p} ${rows.filter((r) => levelIn(r.profiles, p)).length} entries`).join(', ')}`);
  out.push('', 'Profiles', ...table([['PROFILE', 'RELEASE', 'PARENT', 'STATUS'], ...PROFILES.map(profileRow)]).map((l) => `  ${l}`));
  return `${out.join('\n')}\n`;
}

/** One row of the profile table: where its entries come from, so an inherited release is not taken for probed. */
function profileRow(p: Profile): string[] {
  const info = profileInfo(p);
  const status = info.inheritedOnly ? `inherited from ${info.parent ?? '-'}, differences not yet encoded` : p === 'documented' ? 'the documentation' : 'encoded';
  return [p, `${info.release ?? '-'}${info.prerelease ? ' (pre-release)' : ''}`, info.parent ?? '-', status];
}

function totalOf(counts: SpecCounts[]): SpecCounts {
  const total: SpecCounts = { domain: 'total', total: 0, byProfile: emptyByProfile() };
  for (const c of counts) {
    total.total += c.total;
    for (const p of PROFILES) for (const l of ['MUST', 'SHOULD', 'MAY'] as const) total.byProfile[p][l] += c.byProfile[p][l];
  }
  return total;
}
