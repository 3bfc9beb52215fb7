import type { Difference, DiffReport } from './model.js';
import { show } from './render.js';

const cell = (text: string) => text.replace(/\\/g, '\\\\').replace(/\|/g, '\\|').replace(/\n/g, ' ');
const code = (value: unknown) => (value === undefined ? '—' : `\`${cell(show(value, 160)).replace(/`/g, "'")}\``);
const place = (d: Difference) => `\`${cell(d.path)}\`${d.event ? ` (${d.event})` : ''}`;

function table(header: string[], rows: string[][]): string[] {
  return [`| ${header.join(' | ')} |`, `|${header.map(() => '---').join('|')}|`, ...rows.map((r) => `| ${r.join(' | ')} |`)];
}

/** The diff as a Markdown page: summary, unexplained differences per flow or read, explained ones with why, identical units. */
export function formatMarkdown(report: DiffReport): string {
  const s = report.summary;
  const lines = [
    '# eliza-wire diff',
    '',
    ...table(['', ''], [['A', cell(report.a)], ['B', cell(report.b)], ['profile', report.profile], ['compared', `${s.units} flows and reads, ${s.identical} identical`], ['differences', `${s.unexplained} unexplained, ${s.explained} explained`]]),
    '',
    'Ids are numbered by first appearance (`<id#1>`), and times, durations, uptime, memory figures, versions and agent names are masked.',
  ];
  const differing = report.units.filter((u) => u.differences.length > 0);
  if (differing.length > 0) lines.push('', '## Differences');
  for (const unit of differing) {
    lines.push('', `### ${unit.id} (${unit.kind})`, '', ...table(['path', 'A', 'B'], unit.differences.map((d) => [place(d), code(d.a), code(d.b)])));
  }
  const explained = report.units.flatMap((u) => u.explained);
  if (explained.length > 0) {
    lines.push('', '## Explained differences', '', ...table(['where', 'path', 'A', 'B', 'why'], explained.map((d) => [`\`${d.where}\``, place(d), code(d.a), code(d.b), cell(d.why ?? '')])));
  }
  const identical = report.units.filter((u) => u.differences.length + u.explained.length === 0).map((u) => `\`${u.id}\``);
  if (identical.length > 0) lines.push('', '## Identical', '', identical.join(', '));
  return `${lines.join('\n')}\n`;
}
