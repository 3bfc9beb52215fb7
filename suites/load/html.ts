import type { BenchOutcome, BenchResult, HistogramBucket, LatencyStats, TimelineWindow } from './result.js';

/*
 * A self-contained HTML report of one bench outcome: no script, no stylesheet or font from elsewhere; the charts are
 * inline SVG drawn here.
 */

const escapeHtml = (text: string) => text.replace(/[&<>"']/g, (c) => `&#${c.charCodeAt(0)};`);

/** A number for an SVG attribute: short and without exponent. */
const n = (value: number) => String(Math.round(value * 10) / 10);

function formatMs(ms: number): string {
  if (ms === 0) return '0';
  if (ms >= 1000) return `${(ms / 1000).toFixed(ms >= 10_000 ? 0 : 1)} s`;
  if (ms >= 10) return `${ms.toFixed(0)} ms`;
  if (ms >= 1) return `${ms.toFixed(1)} ms`;
  return `${(ms * 1000).toFixed(0)} µs`;
}

function isLatencyStats(value: unknown): value is LatencyStats {
  return typeof value === 'object' && value !== null && 'p50' in value && 'p99' in value && 'count' in value;
}

/** Counts that tell whether every message arrived, by scenario. */
function integrityCounts(result: BenchResult): [string, string][] {
  switch (result.scenario) {
    case 'fanout':
      return [
        ['delivered', `${result.delivered} / ${result.expected}`],
        ['lost', String(result.lost)],
        ['duplicated', String(result.duplicated)],
        ['cross-room', String(result.crossRoom)],
      ];
    case 'connect':
      return [
        ['joined', `${result.joined} / ${result.attempted}`],
        ...Object.entries(result.failures).map(([reason, count]): [string, string] => [`failed: ${reason}`, String(count)]),
      ];
    case 'roundtrip':
      return [
        ['replied', `${result.replied} / ${result.sent}`],
        ['unanswered', String(result.unanswered)],
      ];
    case 'rest':
      return [
        ['requests', String(result.requests)],
        ['errors', String(result.errors)],
        ...Object.entries(result.non2xx).map(([status, count]): [string, string] => [`HTTP ${status}`, String(count)]),
      ];
    case 'mixed':
      return [
        ['delivered', `${result.chat.delivered} / ${result.chat.expected}`],
        ['lost', String(result.chat.lost)],
        ['duplicated', String(result.chat.duplicated)],
        ['cross-room', String(result.chat.crossRoom)],
        ['REST requests', String(result.rest.requests)],
        ['REST errors', String(result.rest.errors)],
        ...Object.entries(result.rest.non2xx).map(([status, count]): [string, string] => [`HTTP ${status}`, String(count)]),
      ];
  }
}

function keyValueTable(rows: [string, string][], className: string): string {
  const body = rows.map(([k, v]) => `<tr><th scope="row">${escapeHtml(k)}</th><td>${escapeHtml(v)}</td></tr>`).join('\n');
  return `<table class="${className}">\n${body}\n</table>`;
}

function verdictWord(outcome: BenchOutcome): string {
  return outcome.interrupted === true ? 'INTERRUPTED' : outcome.passed ? 'PASSED' : 'FAILED';
}

function verdictSection(outcome: BenchOutcome): string {
  const reasons = [...outcome.broken.map((b) => `threshold ${b.threshold} broken (actual ${b.actual})`), ...outcome.integrity];
  const list = reasons.length ? `<ul class="reasons">${reasons.map((r) => `<li>${escapeHtml(r)}</li>`).join('')}</ul>` : '';
  const warning = outcome.result.generatorLimited
    ? '<p class="warning">The load generator was the bottleneck (lag or CPU over its limit): these figures measure it, not the server.</p>'
    : '';
  return `<section id="verdict" class="${outcome.passed ? 'passed' : 'failed'}">
<h2>Verdict: ${verdictWord(outcome)}</h2>
${outcome.interrupted === true ? '<p class="warning">The run was interrupted: these are partial results.</p>' : ''}
${list}${warning}
${keyValueTable(integrityCounts(outcome.result), 'integrity')}
</section>`;
}

function configSection(result: BenchResult): string {
  const value = (v: unknown) => (Array.isArray(v) ? v.join(', ') : String(v));
  const g = result.generator;
  const rows: [string, string][] = [
    ['scenario', result.scenario],
    ['target', result.target],
    ['started at', result.startedAt],
    ['duration', formatMs(result.durationMs)],
    ...Object.entries(result.config).map(([k, v]): [string, string] => [k, value(v)]),
    ['generator', `CPU ${g.cpuPercent}% of one core, lag p99 ${g.lagP99Ms.toFixed(1)} ms (max ${g.lagMaxMs.toFixed(1)} ms), RSS ${g.rssMb} MB`],
  ];
  return `<section id="config">\n<h2>Configuration</h2>\n${keyValueTable(rows, 'config')}\n</section>`;
}

function percentileSection(result: BenchResult): string {
  const head = ['latency (ms)', 'p50', 'p90', 'p99', 'p99.9', 'max', 'mean', 'count'].map((h) => `<th scope="col">${h}</th>`).join('');
  const rows = Object.entries(result.latency)
    .filter((entry): entry is [string, LatencyStats] => isLatencyStats(entry[1]))
    .map(([name, s]) => {
      const cells = [s.p50, s.p90, s.p99, s.p999, s.max, s.mean].map((v) => `<td>${v.toFixed(2)}</td>`).join('');
      return `<tr><th scope="row">${escapeHtml(name)}</th>${cells}<td>${s.count}</td></tr>`;
    });
  return `<section id="percentiles">\n<h2>Percentiles</h2>\n<table class="percentiles">\n<thead><tr>${head}</tr></thead>\n<tbody>\n${rows.join('\n')}\n</tbody>\n</table>\n</section>`;
}

const W = 720;
const H = 260;
const PAD = { left: 56, right: 16, top: 16, bottom: 40 };

/** Round tick values for an axis from 0 to `max`. */
function ticks(max: number, count = 4, minStep = 0): number[] {
  if (!(max > 0)) return [0];
  const raw = Math.max(minStep, max / count);
  const magnitude = 10 ** Math.floor(Math.log10(raw));
  const step = [1, 2, 5, 10].map((m) => m * magnitude).find((s) => s >= raw) ?? raw;
  const out: number[] = [];
  for (let v = 0; v <= max + step / 1e6; v += step) out.push(v);
  return out;
}

function yAxis(max: number, label: (v: number) => string): string {
  const plotH = H - PAD.top - PAD.bottom;
  const top = Math.max(max, ...ticks(max));
  return ticks(max)
    .map((v) => {
      const y = PAD.top + plotH - (v / top) * plotH;
      return `<line class="grid" x1="${PAD.left}" x2="${W - PAD.right}" y1="${n(y)}" y2="${n(y)}"/><text class="tick" x="${PAD.left - 6}" y="${n(y + 4)}" text-anchor="end">${escapeHtml(label(v))}</text>`;
    })
    .join('\n');
}

/** Bars of a latency histogram, one per log-spaced bucket. */
export function histogramSvg(buckets: readonly HistogramBucket[]): string {
  const plotW = W - PAD.left - PAD.right;
  const plotH = H - PAD.top - PAD.bottom;
  const maxCount = Math.max(1, ...buckets.map((b) => b.count));
  const top = Math.max(maxCount, ...ticks(maxCount));
  const barW = plotW / Math.max(1, buckets.length);
  const labelEvery = Math.max(1, Math.ceil(buckets.length / 8));
  const bars = buckets.map((b, i) => {
    const h = (b.count / top) * plotH;
    const x = PAD.left + i * barW;
    const from = i === 0 ? 0 : (buckets[i - 1]?.upToMs ?? 0);
    const title = `${formatMs(from)} to ${formatMs(b.upToMs)}: ${b.count}`;
    const label = i % labelEvery === 0 ? `<text class="tick" x="${n(x + barW)}" y="${H - PAD.bottom + 16}" text-anchor="middle">${escapeHtml(formatMs(b.upToMs))}</text>` : '';
    return `<rect class="bar" x="${n(x + 1)}" y="${n(PAD.top + plotH - h)}" width="${n(Math.max(1, barW - 2))}" height="${n(h)}"><title>${escapeHtml(title)}</title></rect>${label}`;
  });
  return `<svg class="histogram" viewBox="0 0 ${W} ${H}" width="${W}" height="${H}" role="img" aria-label="latency histogram">
${yAxis(maxCount, (v) => String(Math.round(v)))}
${bars.join('\n')}
<text class="axis" x="${W / 2}" y="${H - 6}" text-anchor="middle">latency (log-spaced buckets)</text>
</svg>`;
}

/** p50 and p99 per window of time, as two polylines with a dot per window. */
export function timelineSvg(windows: readonly TimelineWindow[]): string {
  const plotW = W - PAD.left - PAD.right;
  const plotH = H - PAD.top - PAD.bottom;
  const lastSecond = Math.max(1, ...windows.map((w) => w.second));
  const maxMs = Math.max(0.001, ...windows.map((w) => w.p99));
  const top = Math.max(maxMs, ...ticks(maxMs));
  const x = (second: number) => PAD.left + (second / lastSecond) * plotW;
  const y = (ms: number) => PAD.top + plotH - (ms / top) * plotH;
  const series = (key: 'p50' | 'p99') => {
    const points = windows.map((w) => `${n(x(w.second))},${n(y(w[key]))}`);
    const dots = windows.map((w) => `<circle class="point ${key}" cx="${n(x(w.second))}" cy="${n(y(w[key]))}" r="2.5"><title>${w.second} s: ${key} ${escapeHtml(formatMs(w[key]))} (${w.count} samples)</title></circle>`);
    return `<polyline class="line ${key}" fill="none" points="${points.join(' ')}"/>\n${dots.join('\n')}`;
  };
  const xTicks = ticks(lastSecond, 6, 1).map((s) => `<text class="tick" x="${n(x(s))}" y="${H - PAD.bottom + 16}" text-anchor="middle">${s} s</text>`);
  return `<svg class="timeline" viewBox="0 0 ${W} ${H}" width="${W}" height="${H}" role="img" aria-label="latency over time">
${yAxis(maxMs, formatMs)}
${xTicks.join('\n')}
${series('p50')}
${series('p99')}
<text class="axis" x="${W / 2}" y="${H - 6}" text-anchor="middle">seconds since start</text>
<g class="legend"><rect class="p50" x="${W - 150}" y="${PAD.top}" width="12" height="4"/><text x="${W - 134}" y="${PAD.top + 6}">p50</text><rect class="p99" x="${W - 90}" y="${PAD.top}" width="12" height="4"/><text x="${W - 74}" y="${PAD.top + 6}">p99</text></g>
</svg>`;
}

/** What the charts of each scenario show: its primary latency. */
const PRIMARY: Record<BenchResult['scenario'], string> = {
  fanout: 'Delivery latency',
  connect: 'Time to joined',
  roundtrip: "Time to the agent's reply",
  rest: 'Request latency',
  mixed: 'Chat delivery latency',
};

function chartsSection(result: BenchResult): string {
  const empty = '<p class="empty">No latencies recorded.</p>';
  const histogram = result.histogram?.length ? histogramSvg(result.histogram) : empty;
  const timeline = result.timeline?.length ? timelineSvg(result.timeline) : empty;
  const what = PRIMARY[result.scenario];
  return `<section id="histogram">\n<h2>${escapeHtml(what)}: histogram</h2>\n${histogram}\n</section>
<section id="timeline">\n<h2>${escapeHtml(what)} over time (p50 and p99 per window)</h2>\n${timeline}\n</section>`;
}

const STYLE = `
body { font: 14px/1.4 system-ui, sans-serif; margin: 2em auto; max-width: 760px; color: #222; }
h1 { font-size: 1.4em; } h2 { font-size: 1.1em; margin-top: 1.6em; }
table { border-collapse: collapse; } th, td { padding: 2px 10px; border-bottom: 1px solid #ddd; text-align: left; }
table.percentiles td { text-align: right; font-variant-numeric: tabular-nums; }
#verdict { padding: 4px 12px 12px; border-radius: 6px; }
#verdict.passed { background: #e8f5e9; } #verdict.failed { background: #fdecea; }
.warning { color: #8a4b00; font-weight: 600; }
svg { display: block; max-width: 100%; height: auto; }
svg text { font-size: 11px; fill: #444; } .grid { stroke: #eee; }
.bar { fill: #4a78b5; } .line.p50 { stroke: #4a78b5; stroke-width: 1.5; } .line.p99 { stroke: #c0392b; stroke-width: 1.5; }
.point.p50, rect.p50 { fill: #4a78b5; } .point.p99, rect.p99 { fill: #c0392b; }
`;

/** The outcome of one bench run as a self-contained HTML page (inline CSS and SVG, nothing loaded from elsewhere). */
export function renderHtml(outcome: BenchOutcome): string {
  const result = outcome.result;
  const title = `eliza-wire bench: ${result.scenario} ${verdictWord(outcome)}`;
  return `<!DOCTYPE html>
<html lang="en">
<head>
<meta charset="utf-8">
<title>${escapeHtml(title)}</title>
<style>${STYLE}</style>
</head>
<body>
<h1>${escapeHtml(`eliza-wire bench: ${result.scenario} against ${result.target}`)}</h1>
${verdictSection(outcome)}
${configSection(result)}
${percentileSection(result)}
${chartsSection(result)}
</body>
</html>
`;
}
