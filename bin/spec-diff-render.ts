import type { ChangeLevel, SpecChange, SpecDiff } from '../spec/diff/index.js';

const AREA_TITLES = { rest: 'REST operations', socket: 'Socket.IO events', handshake: 'Handshake', flow: 'Flows' } as const;
const LEVEL_RANK: Record<ChangeLevel, number> = { error: 0, warning: 1, info: 2 };

/** The changes at `level` and stricter. */
export function changesAt(diff: SpecDiff, level: ChangeLevel): SpecChange[] {
  return diff.changes.filter((c) => LEVEL_RANK[c.level] <= LEVEL_RANK[level]);
}

/** The changes grouped by area, then by spec id, in the diff's order. */
function grouped(changes: SpecChange[]): Map<SpecChange['area'], Map<string, SpecChange[]>> {
  const out = new Map<SpecChange['area'], Map<string, SpecChange[]>>();
  for (const c of changes) {
    const area = out.get(c.area) ?? new Map<string, SpecChange[]>();
    area.set(c.specId, [...(area.get(c.specId) ?? []), c]);
    out.set(c.area, area);
  }
  return out;
}

/** How many changes each rule found, most first (ties by rule id). */
function byRule(changes: SpecChange[]): [string, ChangeLevel, number][] {
  const counts = new Map<string, [ChangeLevel, number]>();
  for (const c of changes) counts.set(c.rule, [c.level, (counts.get(c.rule)?.[1] ?? 0) + 1]);
  return [...counts].map(([rule, [level, n]]): [string, ChangeLevel, number] => [rule, level, n])
    .sort((x, y) => LEVEL_RANK[x[1]] - LEVEL_RANK[y[1]] || y[2] - x[2] || (x[0] < y[0] ? -1 : 1));
}

/** `documented → elizaos-1.7: 12 breaking (error), 3 warning, 40 info`. */
export function headline(diff: SpecDiff): string {
  const { error, warning, info } = diff.counts;
  return `${diff.from} → ${diff.to}: ${error} breaking (error), ${warning} warning, ${info} info`;
}

/** The console report: changes per area and entry, then counts per rule, then the headline. */
export function formatSpecDiff(diff: SpecDiff, level: ChangeLevel = 'info'): string {
  const shown = changesAt(diff, level);
  const out: string[] = [`spec diff ${diff.from} → ${diff.to}`, ''];
  if (diff.changes.length === 0) out.push('No change: a client of one works with the other as the spec describes them.', '');
  for (const [area, entries] of grouped(shown)) {
    out.push(`${AREA_TITLES[area]} (${entries.size} entries changed)`);
    for (const [specId, changes] of entries) {
      out.push(`  ${specId}`, ...changes.map((c) => `    ${c.level.padEnd(8)}${c.rule.padEnd(36)}${c.message}`));
    }
    out.push('');
  }
  if (shown.length < diff.changes.length) out.push(`(${diff.changes.length - shown.length} changes below ${level} not shown: --level info shows them)`, '');
  if (diff.changes.length > 0) {
    out.push('Changes per rule', ...byRule(diff.changes).map(([rule, lvl, n]) => `  ${String(n).padStart(5)}  ${lvl.padEnd(8)}${rule}`), '');
  }
  out.push(headline(diff));
  return `${out.join('\n')}\n`;
}

const cell = (text: string) => text.replace(/\|/g, '\\|').replace(/\n/g, ' ');

/** The Markdown report: a summary, counts per rule, then one table per area. */
export function formatSpecDiffMarkdown(diff: SpecDiff): string {
  const out = [`# Spec diff: ${diff.from} → ${diff.to}`, '', `**${headline(diff)}**`, ''];
  out.push('Levels: `error` breaks a client written against the first profile, `warning` may break one, `info` does not.', '');
  if (diff.changes.length > 0) {
    out.push('## Changes per rule', '', '| rule | level | changes |', '|---|---|---|');
    out.push(...byRule(diff.changes).map(([rule, lvl, n]) => `| \`${rule}\` | ${lvl} | ${n} |`), '');
  }
  for (const [area, entries] of grouped(diff.changes)) {
    out.push(`## ${AREA_TITLES[area]}`, '', '| spec id | level | rule | change |', '|---|---|---|---|');
    for (const [specId, changes] of entries) out.push(...changes.map((c) => `| \`${specId}\` | ${c.level} | \`${c.rule}\` | ${cell(c.message)} |`));
    out.push('');
  }
  return `${out.join('\n')}`;
}

/** The JSON report: the diff as data (`from`, `to`, `changes` with rule, level, spec id and params, `counts`). */
export function formatSpecDiffJson(diff: SpecDiff): string {
  return `${JSON.stringify(diff, null, 2)}\n`;
}
