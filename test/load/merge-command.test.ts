import { mkdtemp, readFile, rm, writeFile } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { createMockServer, type MockServer } from '../../mock-server/index.js';
import { BenchOutcome, LatencyHistogram } from '../../suites/load/index.js';
import { cli } from '../helpers/cli.js';

let mock: MockServer;
let url = '';
let dir = '';
beforeAll(async () => {
  mock = createMockServer({ logLevel: 'silent', thinkMs: 0 });
  url = await mock.listen(0, '127.0.0.1');
  dir = await mkdtemp(join(tmpdir(), 'eliza-wire-merge-'));
});
afterAll(async () => {
  await mock.close();
  await rm(dir, { recursive: true, force: true });
});

const outcomeOf = async (file: string) => BenchOutcome.parse(JSON.parse(await readFile(file, 'utf8')));

describe('bench on several machines: --start-at, --run-id, bench merge', () => {
  it('two generators started at one time merge into one run whose counts add and whose percentiles come from the merged histogram', { timeout: 40_000 }, async () => {
    const at = String(Date.now() + 3000);
    const files = [join(dir, 'machine-0.json'), join(dir, 'machine-1.json')];
    const machines = await Promise.all(
      files.map((file, n) => cli('bench', url, '--clients', '10', '--rooms', '2', '--rate', '50', '--messages', '60', '--start-at', at, '--run-id', `nightly.${n}`, '--json', file)),
    );
    expect(machines.map((m) => m.code)).toEqual([0, 0]);
    expect(machines.map((m) => m.stderr)).not.toContain('not aligned');
    const [a, b] = await Promise.all(files.map(outcomeOf));
    if (a?.result.scenario !== 'fanout' || b?.result.scenario !== 'fanout') throw new Error('expected fanout results');
    // both started at the named time (the scheduled start is in startedAt)
    for (const o of [a, b]) expect(Math.abs(Date.parse(o.result.startedAt) - Number(at))).toBeLessThan(100);

    const mergedFile = join(dir, 'merged.json');
    const htmlFile = join(dir, 'merged.html');
    const merged = await cli('bench', 'merge', ...files, '--threshold', 'lost<1', '--json', mergedFile, '--html', htmlFile);
    expect({ code: merged.code, stderr: merged.stderr }).toEqual({ code: 0, stderr: '' });
    expect(merged.stdout).toMatch(/^merged 2 results\nfanout /);
    const total = (await outcomeOf(mergedFile)).result;
    if (total.scenario !== 'fanout') throw new Error('expected a fanout result');
    expect({ sent: total.sent, expected: total.expected, delivered: total.delivered, lost: total.lost }).toEqual({
      sent: a.result.sent + b.result.sent,
      expected: a.result.expected + b.result.expected,
      delivered: a.result.delivered + b.result.delivered,
      lost: 0,
    });
    expect(total.config).toMatchObject({ clients: 20, rooms: 4, rate: 100, messages: 120 });
    const histogram = LatencyHistogram.decode(a.result.merge?.histograms.delivery ?? '');
    histogram.add(LatencyHistogram.decode(b.result.merge?.histograms.delivery ?? ''));
    expect(total.latency.delivery).toEqual(histogram.summary());
    expect(total.workers).toHaveLength(2);
    expect(await readFile(htmlFile, 'utf8')).toContain('<h2>Verdict: PASSED</h2>');
  });

  it('a merged run fails (exit 1) when one machine lost messages', async () => {
    const file = join(dir, 'machine-0.json');
    const outcome = await outcomeOf(file);
    if (outcome.result.scenario !== 'fanout') throw new Error('expected a fanout result');
    const lossy = join(dir, 'lossy.json');
    await writeFile(lossy, JSON.stringify({ ...outcome, result: { ...outcome.result, lost: 3 } }));
    const merged = await cli('bench', 'merge', file, lossy);
    expect(merged.code).toBe(1);
    expect(merged.stdout).toContain('FAILED: 3 lost');
  });

  it('files that cannot be merged are usage errors (exit 2) that say why', async () => {
    const notJson = join(dir, 'not.json');
    await writeFile(notJson, 'hello');
    const missing = await cli('bench', 'merge', join(dir, 'missing.json'));
    expect(missing.code).toBe(2);
    expect(missing.stderr).toContain('cannot read');
    const bad = await cli('bench', 'merge', notJson);
    expect({ code: bad.code, says: bad.stderr.includes('is not JSON') }).toEqual({ code: 2, says: true });
    const wrongShape = join(dir, 'shape.json');
    await writeFile(wrongShape, '{"passed":true}');
    const shape = await cli('bench', 'merge', wrongShape);
    expect({ code: shape.code, says: shape.stderr.includes('is not a bench outcome') }).toEqual({ code: 2, says: true });
  });

  it('--start-at and --run-id refuse what they cannot use', async () => {
    const late = await cli('bench', url, '--start-at', 'soon');
    expect({ code: late.code, says: late.stderr.includes('--start-at must be an ISO 8601 time') }).toEqual({ code: 2, says: true });
    const id = await cli('bench', url, '--run-id', 'no-number');
    expect({ code: id.code, says: id.stderr.includes('--run-id must be <family>.<n>') }).toEqual({ code: 2, says: true });
  });
});
