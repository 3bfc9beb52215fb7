import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { createMockServer, type MockServer } from '../../mock-server/index.js';
import { LoadInterruptedError, runBench, type Scenario } from '../../suites/load/index.js';

let mock: MockServer;
let url = '';
beforeAll(async () => {
  mock = createMockServer({ logLevel: 'silent', thinkMs: 0 });
  url = await mock.listen(0, '127.0.0.1');
});
afterAll(() => mock.close());

const OPTIONS: Record<Scenario, object> = {
  fanout: { clients: 8, rooms: 2, rate: 50, durationSec: 30 },
  connect: { clients: 3000, rooms: 2, rate: 100 },
  roundtrip: { rooms: 1, rate: 10, durationSec: 30 },
  rest: { clients: 2, durationSec: 30 },
  mixed: { clients: 8, rooms: 2, thinkSec: 0.5, readers: 1, durationSec: 30 },
};

describe('runBench with an AbortSignal', () => {
  for (const [scenario, options] of Object.entries(OPTIONS) as [Scenario, object][]) {
    it(`${scenario}: aborted 1.5 s in, resolves soon with the partial outcome, interrupted and not passed`, { timeout: 20_000 }, async () => {
      const controller = new AbortController();
      const started = performance.now();
      setTimeout(() => controller.abort(), 1500);
      const outcome = await runBench({ scenario, url, ...options, signal: controller.signal });
      expect(performance.now() - started).toBeLessThan(8000);
      expect(outcome).toMatchObject({ interrupted: true, passed: false });
      expect(outcome.result.durationMs).toBeLessThan(5000);
    });
  }

  it('aborted before the measurement starts: throws LoadInterruptedError', async () => {
    const controller = new AbortController();
    controller.abort();
    await expect(runBench({ scenario: 'fanout', url, clients: 8, rooms: 2, messages: 10, signal: controller.signal })).rejects.toBeInstanceOf(LoadInterruptedError);
  });
});
