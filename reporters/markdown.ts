import type { Report } from '../suites/index.js';
import { emit, type Reporter, type ReporterOptions } from './reporter.js';
import { coverageLines, evidenceText, summaryLine } from './text.js';

const cell = (text: string) => text.replace(/\|/g, '\\|').replace(/\n/g, ' ');

/** Markdown for a CI step summary: the verdict, a table of checks, each failure in a details block. */
export function markdown(report: Report): string {
  const verdict = report.summary.failed === 0 ? '✅ conforms' : '❌ does not conform';
  const lines = [
    `## eliza-wire: ${verdict} (${report.profile}, level ${report.level})`,
    '',
    `Target \`${report.target}\` · ${summaryLine(report)} · ${(report.durationMs / 1000).toFixed(1)} s`,
    '',
    '| check | level | result | findings |',
    '|---|---|---|---|',
    ...report.checks.map((c) => `| \`${c.id}\` | ${c.level} | ${c.status === 'passed' ? '✅' : c.status === 'failed' ? '❌' : `⏭ ${cell(c.reason ?? '')}`} | ${c.findings.length} |`),
  ];
  for (const c of report.checks.filter((r) => r.status === 'failed')) {
    lines.push('', `### ❌ \`${c.id}\`: ${c.title}`);
    for (const f of c.findings) {
      lines.push('', `- **${f.level}** ${f.message}`, '', '<details><summary>evidence and reproduce</summary>', '', '```text', evidenceText(f), '```', '', '```sh', f.reproduce, '```', '', '</details>');
    }
  }
  lines.push('', '```text', ...coverageLines(report), '```', '');
  return lines.join('\n');
}

export function markdownReporter(options: ReporterOptions): Reporter {
  return { name: 'markdown', onRunEnd: (report) => emit(options, markdown(report)) };
}
