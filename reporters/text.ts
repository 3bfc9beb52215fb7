import type { CheckResult, Finding, Report } from '../suites/index.js';

/** A finding's evidence as plain text: the HTTP exchanges, or each socket's timeline. */
export function evidenceText(f: Finding): string {
  const lines: string[] = [];
  for (const x of f.evidence.exchanges ?? []) {
    lines.push(`${x.method} ${x.url} → ${x.status} (${x.ms} ms)`);
    if (x.requestBody !== undefined) lines.push(`  request: ${x.requestBody.slice(0, 300)}`);
    lines.push(`  response: ${x.responseBody.slice(0, 500)}`);
  }
  for (const [actor, events] of Object.entries(f.evidence.timelines ?? {})) {
    lines.push(`${actor}:${events.length === 0 ? ' (nothing)' : ''}`);
    for (const e of events) lines.push(`  +${Math.round(e.at)} ms ${e.event} ${JSON.stringify(e.payload)?.slice(0, 200) ?? ''}`);
  }
  if (f.evidence.sent !== undefined) lines.push(`sent: ${JSON.stringify(f.evidence.sent).slice(0, 400)}`);
  return lines.join('\n');
}

/** Checks grouped by domain, in report order. */
export function byDomain(checks: CheckResult[]): Map<string, CheckResult[]> {
  const groups = new Map<string, CheckResult[]>();
  for (const c of checks) groups.set(c.domain, [...(groups.get(c.domain) ?? []), c]);
  return groups;
}

/** The closing line every text reporter ends with (a stopped run says how many checks did not finish). */
export function summaryLine(report: Report): string {
  const stopped = report.stopped ? ` (interrupted: ${report.stopped.unfinished.length} not finished)` : '';
  return `${report.summary.passed} passed, ${report.summary.failed} failed, ${report.summary.skipped} skipped${stopped}`;
}

/** A domain's line: `rest: 9/10 passed`, `auth: 3 skipped` (skipped checks are no failed ones), `socket: 5/6 passed, 1 skipped`. */
export function domainLine(domain: string, checks: CheckResult[]): string {
  const passed = checks.filter((c) => c.status === 'passed').length;
  const skipped = checks.filter((c) => c.status === 'skipped').length;
  const ran = checks.length - skipped;
  if (ran === 0) return `${domain}: ${skipped} skipped`;
  return `${domain}: ${passed}/${ran} passed${skipped > 0 ? `, ${skipped} skipped` : ''}`;
}

/** The coverage summary: operations and events exercised, and what no check touched. */
export function coverageLines(report: Report): string[] {
  const ops = Object.keys(report.coverage.operations).length;
  return [
    `Coverage (${report.profile}): ${ops} REST operations called; socket events sent: ${report.coverage.sent.length}, received: ${report.coverage.received.length}`,
    `  sent (client → server): ${report.coverage.sent.join(', ') || '-'}`,
    `  received (server → client): ${report.coverage.received.join(', ') || '-'}`,
    `  not exercised: ${report.coverage.missed.length} entries${report.coverage.missed.length > 0 ? ` (${report.coverage.missed.slice(0, 12).join(', ')}${report.coverage.missed.length > 12 ? ', …' : ''})` : ''}`,
  ];
}
