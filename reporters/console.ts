import type { CheckResult, Report } from '../suites/index.js';
import { redact, type Reporter, type ReporterOptions } from './reporter.js';
import { byDomain, coverageLines, domainLine, evidenceText, summaryLine } from './text.js';

const MARK = { passed: '✓', failed: '✗', skipped: '-' } as const;

/** Live progress (one line per finished check), then failures by domain with evidence and reproduce snippets. */
export function consoleReporter(options: ReporterOptions): Reporter {
  const paint = (code: string, text: string) => (options.color ? `\u001b[${code}m${text}\u001b[0m` : text);
  const out = (text: string) => options.write(redact(text, options.secrets));
  const line = (r: CheckResult) => `${paint(r.status === 'failed' ? '31' : r.status === 'passed' ? '32' : '33', MARK[r.status])} ${r.id} ${paint('2', `${r.level} ${Math.round(r.durationMs)} ms${r.reason ? ` (skipped: ${r.reason})` : ''}`)}`;
  return {
    name: 'console',
    onRunStart: ({ target, profile, level, checks }) => out(`eliza-wire check ${target} (profile ${profile}, level ${level}): ${checks.length} checks\n`),
    onCheckEnd: (r) => out(`${line(r)}\n`),
    onRunEnd: (report: Report) => {
      const lines: string[] = ['', 'Results by domain'];
      for (const [domain, checks] of byDomain(report.checks)) lines.push(`  ${domainLine(domain, checks)}`);
      for (const check of report.checks.filter((c) => c.status === 'failed')) {
        lines.push('', paint('31', `✗ ${check.id} [${check.level}] ${check.title}`));
        for (const f of check.findings) {
          lines.push(`  - ${f.message}${f.specId ? ` (${f.specId})` : ''}`);
          lines.push(...evidenceText(f).split('\n').map((l) => `      ${l}`));
          lines.push('    reproduce:', ...f.reproduce.split('\n').map((l) => `      ${l}`));
        }
      }
      if (report.stopped) lines.push('', `Interrupted: ${report.stopped.unfinished.length} checks did not finish (${report.stopped.unfinished.join(', ')})`);
      lines.push('', ...coverageLines(report), '', `Finished in ${(report.durationMs / 1000).toFixed(1)} s`, summaryLine(report));
      out(`${lines.join('\n')}\n`);
    },
  };
}
