import { restOperations, socketEvents } from '../spec/index.js';
import type { Finding, Report } from '../suites/index.js';
import { emit, type Reporter, type ReporterOptions } from './reporter.js';
import { summaryLine } from './text.js';
import { escapeXml as h } from './xml.js';
import { levelIn } from '../spec/profiles.js';

const STYLE = `body{font:14px/1.4 system-ui,sans-serif;margin:2rem;color:#222}table{border-collapse:collapse;margin:.5rem 0 1.5rem}
td,th{border:1px solid #ddd;padding:.25rem .5rem;text-align:left;vertical-align:top}th{background:#f5f5f5}
.passed{color:#17803d}.failed{color:#b42318}.skipped{color:#8a6d00}.miss{color:#999}code,pre{font:12px ui-monospace,monospace}
pre{background:#f7f7f7;padding:.5rem;overflow:auto;max-height:24rem}h1 .failed,h1 .passed{font-size:1.2em}`;

function verdictTable(report: Report): string {
  const rows = report.checks.map((c) => `<tr><td><code>${h(c.id)}</code></td><td>${h(c.domain)}</td><td>${c.level}</td><td class="${c.status}">${c.status}${c.reason ? ` (${h(c.reason)})` : ''}</td><td>${c.findings.length}</td><td>${Math.round(c.durationMs)} ms</td></tr>`);
  return `<table><tr><th>check</th><th>domain</th><th>level</th><th>result</th><th>findings</th><th>time</th></tr>${rows.join('')}</table>`;
}

function coverageMatrix(report: Report): string {
  const ops = restOperations.filter((o) => levelIn(o.profiles, report.profile)).map((o) => {
    const seen = report.coverage.operations[o.id];
    return `<tr><td><code>${h(o.id)}</code></td><td>${o.method} ${h(o.path)}</td><td>${levelIn(o.profiles, report.profile)}</td><td class="${seen ? 'passed' : 'miss'}">${seen ? seen.join(', ') : 'not called'}</td></tr>`;
  });
  const events = socketEvents.filter((e) => levelIn(e.profiles, report.profile)).map((e) => {
    const hit = e.direction === 'client-to-server' ? report.coverage.sent.includes(e.id) : report.coverage.received.includes(e.event);
    return `<tr><td><code>${h(e.id)}</code></td><td>${e.direction === 'client-to-server' ? 'client → server' : 'server → client'}</td><td>${h(e.event)}</td><td class="${hit ? 'passed' : 'miss'}">${hit ? 'exercised' : 'not exercised'}</td></tr>`;
  });
  return `<h2>Spec coverage: REST</h2><table><tr><th>operation</th><th>route</th><th>level</th><th>statuses seen</th></tr>${ops.join('')}</table>
<h2>Spec coverage: socket events</h2><table><tr><th>event</th><th>direction</th><th>wire name</th><th></th></tr>${events.join('')}</table>`;
}

function timeline(f: Finding): string {
  const parts: string[] = [];
  for (const [actor, events] of Object.entries(f.evidence.timelines ?? {})) {
    const rows = events.map((e) => `<tr><td>+${Math.round(e.at)} ms</td><td>${h(e.event)}</td><td><code>${h(JSON.stringify(e.payload) ?? '')}</code></td></tr>`).join('');
    parts.push(`<h4>${h(actor)}</h4><table><tr><th>t</th><th>event</th><th>payload</th></tr>${rows || '<tr><td colspan="3">nothing arrived</td></tr>'}</table>`);
  }
  for (const x of f.evidence.exchanges ?? []) {
    parts.push(`<pre>${h(`${x.method} ${x.url} → ${x.status} (${x.ms} ms)\n${x.requestBody ? `request: ${x.requestBody}\n` : ''}response: ${x.responseBody}`)}</pre>`);
  }
  return parts.join('');
}

/** One self-contained HTML page (no script, no CDN): verdict, checks, failures with timelines, coverage matrix. */
export function html(report: Report): string {
  const failures = report.checks.filter((c) => c.status === 'failed').flatMap((c) => c.findings.map((f) => `<section><h3 class="failed">${h(c.id)} [${f.level}]</h3><p>${h(f.message)}</p>${timeline(f)}<p>reproduce:</p><pre>${h(f.reproduce)}</pre></section>`));
  const verdict = report.summary.failed === 0 ? '<span class="passed">conforms</span>' : '<span class="failed">does not conform</span>';
  return `<!doctype html><html lang="en"><head><meta charset="utf-8"><title>eliza-wire: ${h(report.target)} (${report.profile})</title><style>${STYLE}</style></head><body>
<h1>eliza-wire: ${verdict}</h1><p>${h(report.target)} · profile ${report.profile} · level ${report.level} · ${summaryLine(report)} · ${(report.durationMs / 1000).toFixed(1)} s · ${h(report.startedAt)}</p>
<h2>Checks</h2>${verdictTable(report)}${failures.length > 0 ? `<h2>Failures</h2>${failures.join('')}` : ''}${coverageMatrix(report)}</body></html>\n`;
}

export function htmlReporter(options: ReporterOptions): Reporter {
  return { name: 'html', onRunEnd: (report) => emit(options, html(report)) };
}
