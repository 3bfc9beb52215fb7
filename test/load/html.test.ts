import { mkdtemp, readFile, rm, writeFile } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { CliIo } from '../../bin/io.js';
import { run } from '../../bin/program.js';
import { createMockServer, type MockServer } from '../../mock-server/index.js';
import { FanoutResult, LatencyTimeline, formatProgressBar, judge, parseThreshold, renderHtml, runFanout, type BenchProgress } from '../../suites/load/index.js';

let mock: MockServer;
let url = '';
let result: FanoutResult;

beforeAll(async () => {
  mock = createMockServer({ logLevel: 'silent', thinkMs: 0 });
  url = await mock.listen(0, '127.0.0.1');
  // 2.5 s of sending, so that deliveries fall into at least 2 one-second windows
  result = FanoutResult.parse(await runFanout({ url, clients: 8, rooms: 2, rate: 40, messages: 100, graceMs: 1000 }));
}, 30_000);
afterAll(() => mock.close());

const svg = (html: string, className: string) => new RegExp(`<svg class="${className}"[\\s\\S]*?</svg>`).exec(html)?.[0] ?? '';

describe('fanout timeline', () => {
  it('has per-second windows whose counts add up to the delivered count', () => {
    const timeline = result.timeline ?? [];
    expect(result.delivered).toBe(result.expected);
    expect(timeline.length).toBeGreaterThanOrEqual(2);
    expect(timeline.reduce((sum, w) => sum + w.count, 0)).toBe(result.delivered);
    for (const w of timeline) expect(w.p50).toBeLessThanOrEqual(w.p99);
    expect((result.histogram ?? []).reduce((sum, b) => sum + b.count, 0)).toBe(result.delivered);
  });
});

describe('renderHtml', () => {
  it('renders the verdict, config, percentile table and both charts, self-contained', () => {
    const html = renderHtml(judge(result, [parseThreshold('p99<1ms', 'fanout'), parseThreshold('lost<1', 'fanout')]));
    expect(html).toMatch(/^<!DOCTYPE html>/);
    expect(html).toMatch(/<h2>Verdict: (PASSED|FAILED)<\/h2>/);
    expect(html).toContain('<th scope="row">delivered</th><td>300 / 300</td>');
    expect(html).toContain('<th scope="row">clients</th><td>8</td>');
    expect(html).toMatch(/<table class="percentiles">[\s\S]*<th scope="row">delivery<\/th>[\s\S]*<th scope="row">completion<\/th>/);
    const histogram = svg(html, 'histogram');
    expect(histogram.match(/<rect class="bar"/g)?.length ?? 0).toBeGreaterThan(0);
    const timeline = svg(html, 'timeline');
    const points = /<polyline class="line p99" fill="none" points="([^"]*)"/.exec(timeline)?.[1]?.split(' ') ?? [];
    expect(points.length).toBeGreaterThanOrEqual(2);
    expect(html).not.toMatch(/<script/i);
    expect(html).not.toMatch(/<link/i);
    expect(html.replaceAll(url, '')).not.toMatch(/https?:\/\//);
  });

  it('shows a failed verdict with the broken threshold', () => {
    const html = renderHtml(judge(result, [parseThreshold('p99<0.001ms', 'fanout')]));
    expect(html).toContain('<h2>Verdict: FAILED</h2>');
    expect(html).toContain('threshold p99&#60;0.001ms broken');
  });
});

describe('bench --html', () => {
  it('writes the report next to the table', async () => {
    const dir = await mkdtemp(join(tmpdir(), 'eliza-wire-html-'));
    try {
      const file = join(dir, 'report.html');
      let stdout = '';
      const io: CliIo = { stdout: (t) => (stdout += t), stderr: () => undefined, writeFile: (p, c) => writeFile(p, c, 'utf8') };
      const code = await run(['bench', url, '--clients', '4', '--rooms', '2', '--rate', '50', '--messages', '20', '--html', file], io);
      expect(code).toBe(0);
      expect(stdout.trimEnd().split('\n').at(-1)).toBe('PASSED');
      const html = await readFile(file, 'utf8');
      expect(html).toContain('<h2>Verdict: PASSED</h2>');
      expect(html).toContain('<svg class="histogram"');
    } finally {
      await rm(dir, { recursive: true, force: true });
    }
  }, 30_000);
});

describe('bench --html for every scenario', () => {
  const cases: [string, string[], string, string][] = [
    ['connect', ['--clients', '10', '--rooms', '2', '--rate', '50'], 'Time to joined', 'joined'],
    ['roundtrip', ['--rate', '20', '--messages', '10'], 'Time to the agent&#39;s reply', 'replied'],
    ['rest', ['--clients', '2', '--messages', '200'], 'Request latency', 'requests'],
    ['mixed', ['--clients', '6', '--think', '0.3', '--readers', '1', '--duration', '1.2'], 'Chat delivery latency', 'REST requests'],
  ];
  it.each(cases)('%s: the histogram and latency over time of its primary latency', async (scenario, flags, title, countRow) => {
    const dir = await mkdtemp(join(tmpdir(), 'eliza-wire-html-'));
    try {
      const file = join(dir, `${scenario}.html`);
      const io: CliIo = { stdout: () => undefined, stderr: () => undefined, writeFile: (p, c) => writeFile(p, c, 'utf8') };
      expect(await run(['bench', url, '--scenario', scenario, ...flags, '--html', file], io)).toBe(0);
      const html = await readFile(file, 'utf8');
      expect(html).toContain(`<h2>${title}: histogram</h2>`);
      expect(svg(html, 'histogram').match(/<rect class="bar"/g)?.length ?? 0).toBeGreaterThan(0);
      expect(svg(html, 'timeline')).toMatch(/<polyline class="line p99" fill="none" points="\d/);
      expect(html).toContain(`<th scope="row">${countRow}</th>`);
      expect(html).not.toMatch(/<script/i);
    } finally {
      await rm(dir, { recursive: true, force: true });
    }
  }, 30_000);
});

describe('LatencyTimeline', () => {
  it('keys samples by second and merges windows in pairs beyond its cap', () => {
    const timeline = new LatencyTimeline(4);
    timeline.start(1000);
    for (let s = 0; s < 4; s += 1) timeline.record(1000 + s * 1000 + 10, s + 1);
    expect(timeline.windows().map((w) => w.second)).toEqual([0, 1, 2, 3]);
    timeline.record(1000 + 5 * 1000, 10);
    expect(timeline.windowSeconds).toBe(2);
    expect(timeline.windows().map((w) => [w.second, w.count])).toEqual([
      [0, 2],
      [2, 2],
      [4, 1],
    ]);
    const p50 = timeline.windows()[0]?.p50 ?? 0;
    expect(p50).toBeGreaterThan(0.95);
    expect(p50).toBeLessThanOrEqual(1.05);
    expect(timeline.footprintBytes).toBeLessThanOrEqual(4 * 3 * 1024);
  });
});

describe('formatProgressBar', () => {
  const progress: BenchProgress = { elapsedMs: 1000, sent: 450, received: 4000, total: 1000, receivedLabel: 'deliveries', ratePerSec: 100, receivedPerSec: 4021, lagMs: 2.14 };

  it('fills the bar in proportion to sent/total', () => {
    expect(formatProgressBar(progress)).toBe('[#####.....] 45%  sent 450/1000  4021 deliveries/s  lag 2.1 ms');
    expect(formatProgressBar({ ...progress, sent: 0 }, 20)).toMatch(/^\[\.{20}\] 0% /);
    expect(formatProgressBar(progress, 20)).toMatch(/^\[#{9}\.{11}\] 45% /);
  });

  it('clamps at 100%', () => {
    expect(formatProgressBar({ ...progress, sent: 1500 })).toMatch(/^\[#{10}\] 100% {2}sent 1500\/1000 /);
    expect(formatProgressBar({ ...progress, sent: 1000 })).toMatch(/^\[#{10}\] 100% /);
  });

  it('has no bar without a total', () => {
    expect(formatProgressBar({ ...progress, total: undefined, receivedLabel: undefined })).toBe('[1.0s]  sent 450  4021 received/s  lag 2.1 ms');
  });
});
