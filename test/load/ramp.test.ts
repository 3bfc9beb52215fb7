import { writeFile } from 'node:fs/promises';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { CliIo } from '../../bin/io.js';
import { run } from '../../bin/program.js';
import { createMockServer, type MockServer } from '../../mock-server/index.js';
import { ConnectResult, FanoutResult, MixedResult, rampOffsets, runConnect, runFanout, runMixed } from '../../suites/load/index.js';

let mock: MockServer;
let url = '';
beforeAll(async () => {
  mock = createMockServer({ logLevel: 'silent', thinkMs: 0 });
  url = await mock.listen(0, '127.0.0.1');
});
afterAll(() => mock.close());

describe('--ramp', () => {
  it('spreads the starts evenly over the ramp', () => {
    expect(rampOffsets(4, 1000)).toEqual([0, 250, 500, 750]);
    expect(rampOffsets(3, 0)).toEqual([0, 0, 0]);
  });

  it('mixed: 50 clients ramped over 1 s start over about 1 s, and nothing is lost', { timeout: 15_000 }, async () => {
    const starts: number[] = [];
    const result = MixedResult.parse(
      await runMixed({ url, users: 50, thinkSec: 0.5, readers: 1, durationSec: 1.5, rampSec: 1, onConnectStart: (_, at) => starts.push(at) }),
    );
    expect(starts).toHaveLength(50);
    const spread = Math.max(...starts) - Math.min(...starts);
    expect(spread).toBeGreaterThanOrEqual(700);
    expect(spread).toBeLessThan(2000);
    expect(result.config.rampSec).toBe(1);
    expect(result.chat.sent).toBeGreaterThan(0);
    expect(result.chat.delivered).toBe(result.chat.expected);
    expect({ lost: result.chat.lost, duplicated: result.chat.duplicated, crossRoom: result.chat.crossRoom }).toEqual({ lost: 0, duplicated: 0, crossRoom: 0 });
  });

  it('connect: the attempts are spread over the ramp instead of --rate', { timeout: 15_000 }, async () => {
    const result = ConnectResult.parse(await runConnect({ url, clients: 20, rooms: 2, rate: 10_000, rampSec: 0.5 }));
    expect(result.config.rate).toBe(40);
    expect(result.joined).toBe(20);
    expect(result.latency.joined.max).toBeLessThan(result.durationMs);
    expect(result.durationMs).toBeGreaterThanOrEqual(450);
  });

  it('fanout: 40 clients ramped over 1 s, then the measurement, nothing lost', { timeout: 15_000 }, async () => {
    const t0 = performance.now();
    const result = FanoutResult.parse(await runFanout({ url, clients: 40, rooms: 4, rate: 200, messages: 40, rampSec: 1 }));
    expect(performance.now() - t0).toBeGreaterThanOrEqual(900);
    expect(result.durationMs).toBeLessThan(performance.now() - t0 - 700);
    expect({ lost: result.lost, duplicated: result.duplicated, crossRoom: result.crossRoom, delivered: result.delivered }).toEqual({ lost: 0, duplicated: 0, crossRoom: 0, delivered: 40 * 9 });
  });

  it('is a usage error (exit 2) for roundtrip and rest, which do not take it', async () => {
    for (const scenario of ['roundtrip', 'rest']) {
      let stderr = '';
      const io: CliIo = { stdout: () => undefined, stderr: (t) => (stderr += t), writeFile: (p, c) => writeFile(p, c, 'utf8') };
      const code = await run(['bench', url, '--scenario', scenario, '--ramp', '1', '--messages', '10'], io);
      expect({ scenario, code }).toEqual({ scenario, code: 2 });
      expect(stderr).toContain(`--ramp is taken by the fanout, connect, mixed scenarios, not ${scenario}`);
    }
  });

  it('options a scenario would ignore are usage errors', async () => {
    let stderr = '';
    const io: CliIo = { stdout: () => undefined, stderr: (t) => (stderr += t), writeFile: (p, c) => writeFile(p, c, 'utf8') };
    expect(await run(['bench', url, '--scenario', 'mixed', '--rate', '5'], io)).toBe(2);
    expect(stderr).toContain('--rate does not apply to the mixed scenario');
    expect(await run(['bench', url, '--scenario', 'fanout', '--think', '2'], io)).toBe(2);
    expect(stderr).toContain('--think does not apply to the fanout scenario');
  });
});
