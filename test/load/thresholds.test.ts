import { describe, expect, it } from 'vitest';
import { LoadUsageError, judge, parseThreshold, type FanoutResult } from '../../suites/load/index.js';
import { cli } from '../helpers/cli.js';

const stats = { count: 10, mean: 5, p50: 4, p90: 8, p99: 20, p999: 30, max: 31 };
const result: FanoutResult = {
  scenario: 'fanout',
  target: 'http://127.0.0.1:1',
  startedAt: '2026-01-01T00:00:00.000Z',
  durationMs: 1000,
  config: { clients: 4, rooms: 2, senders: 2, rate: 10, messages: 10, transport: 'websocket' },
  sent: 10,
  expected: 10,
  delivered: 10,
  lost: 0,
  duplicated: 0,
  crossRoom: 0,
  throughput: { sentPerSec: 10, deliveriesPerSec: 150 },
  latency: { delivery: stats, completion: { ...stats, p99: 45 }, skew: stats },
  generator: { cpuPercent: 5, lagP50Ms: 0.5, lagP99Ms: 1, lagMaxMs: 2, lagSamples: 300, rssMb: 100 },
  generatorLimited: false,
};

describe('thresholds', () => {
  it.each([
    ['p99<50ms', { metric: 'p99', op: '<', value: 50 }],
    ['p99.9 <= 1.5s', { metric: 'p99.9', op: '<=', value: 1500 }],
    ['max<500us', { metric: 'max', op: '<', value: 0.5 }],
    ['completion.p99<40', { metric: 'completion.p99', op: '<', value: 40 }],
    ['lost<1', { metric: 'lost', op: '<', value: 1 }],
    ['rate>100', { metric: 'rate', op: '>', value: 100 }],
  ])('parses %s', (text, expected) => {
    expect(parseThreshold(text, 'fanout')).toMatchObject(expected);
  });

  it.each(['p99', 'p99<', 'p98<50ms', 'lost<1ms', 'p99<50min', 'p99=50', 'failures<1'])('rejects %s with a usage error', (text) => {
    expect(() => parseThreshold(text, 'fanout')).toThrow(LoadUsageError);
  });

  it('judges a result: lists each broken threshold with its actual value', () => {
    const thresholds = ['p99<50ms', 'completion.p99<40', 'rate>100', 'lost<1'].map((t) => parseThreshold(t, 'fanout'));
    const outcome = judge(result, thresholds);
    expect(outcome.passed).toBe(false);
    expect(outcome.broken).toEqual([{ threshold: 'completion.p99<40', actual: 45 }]);
    expect(judge({ ...result, lost: 2 }, []).integrity).toEqual(['2 lost']);
  });

  it.each([
    [['--threshold', 'p99<<5']],
    [['--threshold', 'p98<5ms']],
    [['--threshold', 'lost<1ms']],
    [['--scenario', 'rest', '--threshold', 'lost<1']],
    [['--rate', '0']],
    [['--messages', '5', '--duration', '3']],
  ])('exits 2 with a one-line message and a hint on bad flags %j, before starting anything', async (argv) => {
    const { code, stderr } = await cli('bench', 'http://127.0.0.1:1', ...argv);
    expect(code).toBe(2);
    const lines = stderr.trimEnd().split('\n');
    expect(lines).toHaveLength(2);
    expect(lines[0]).toMatch(/^eliza-wire: /);
  });
});
