import type { Report } from '../suites/index.js';
import { emit, type Reporter, type ReporterOptions } from './reporter.js';
import { byDomain, evidenceText } from './text.js';
import { escapeXml as x } from './xml.js';

/** JUnit XML: one testsuite per domain, one testcase per check, failures with evidence and reproduce snippets. */
export function junitXml(report: Report): string {
  const suites = [...byDomain(report.checks)].map(([domain, checks]) => {
    const cases = checks.map((c) => {
      const time = (c.durationMs / 1000).toFixed(3);
      const open = `    <testcase classname="eliza-wire.${x(domain)}" name="${x(c.id)}" time="${time}">`;
      if (c.status === 'skipped') return `${open}<skipped message="${x(c.reason ?? 'skipped')}"/></testcase>`;
      if (c.status === 'passed') return `${open}</testcase>`;
      const failures = c.findings.map((f) => `      <failure message="${x(f.message)}" type="${f.level}">${x(`${f.message}\n${evidenceText(f)}\n\nreproduce:\n${f.reproduce}`)}</failure>`).join('\n');
      return `${open}\n${failures}\n    </testcase>`;
    });
    const count = (s: string) => checks.filter((c) => c.status === s).length;
    const time = (checks.reduce((t, c) => t + c.durationMs, 0) / 1000).toFixed(3);
    return `  <testsuite name="${x(domain)}" tests="${checks.length}" failures="${count('failed')}" skipped="${count('skipped')}" errors="0" time="${time}">\n${cases.join('\n')}\n  </testsuite>`;
  });
  const { passed, failed, skipped } = report.summary;
  return `<?xml version="1.0" encoding="UTF-8"?>\n<testsuites name="eliza-wire ${x(report.profile)} ${x(report.target)}" tests="${passed + failed + skipped}" failures="${failed}" skipped="${skipped}" errors="0" time="${(report.durationMs / 1000).toFixed(3)}">\n${suites.join('\n')}\n</testsuites>\n`;
}

export function junitReporter(options: ReporterOptions): Reporter {
  return { name: 'junit', onRunEnd: (report) => emit(options, junitXml(report)) };
}
