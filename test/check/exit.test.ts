import { afterAll, afterEach, beforeAll, describe, expect, it } from 'vitest';
import { createMockServer, type MockServer } from '../../mock-server/index.js';
import { runConformance } from '../../suites/index.js';
import { killAll, startCli } from './process.js';

const VERDICT = /\d+ passed, \d+ failed, \d+ skipped\n/;

let mock: MockServer;
let url = '';
beforeAll(async () => {
  mock = createMockServer({ logLevel: 'silent', thinkMs: 0 });
  url = await mock.listen(0, '127.0.0.1');
});
afterAll(() => mock.close());
afterEach(killAll);

describe('check exits promptly after its verdict', () => {
  it.each([
    ['the built-in mock (no URL)', () => ['check']],
    ['a URL (a mock of this test)', () => ['check', url, '--level', 'may']],
  ])('against %s: within 0.5 s of printing the verdict', async (_, args) => {
    const run = startCli(args());
    const verdictAt = await run.seen(VERDICT);
    const { code, at } = await run.exited;
    expect(code, run.stderr()).toBe(0);
    expect(at - verdictAt).toBeLessThan(500);
  }, 90_000);
});

/** Active handles by type (`TCPSocketWrap`, `Timeout`…), as counts. */
function handles(): Map<string, number> {
  const counts = new Map<string, number>();
  for (const type of process.getActiveResourcesInfo()) counts.set(type, (counts.get(type) ?? 0) + 1);
  return counts;
}

/** The handle types that outnumber what `before` had, polled for up to `ms` (a closed socket's handle goes on the next turns). */
async function leftOver(before: Map<string, number>, ms: number): Promise<Record<string, number>> {
  const deadline = Date.now() + ms;
  for (;;) {
    const extra = Object.fromEntries([...handles()].filter(([type, n]) => n > (before.get(type) ?? 0)).map(([type, n]) => [type, n - (before.get(type) ?? 0)]));
    if (Object.keys(extra).length === 0 || Date.now() > deadline) return extra;
    await new Promise((r) => setTimeout(r, 20).unref());
  }
}

describe('runConformance', () => {
  it('leaves no socket, timer or keep-alive connection open when it returns', async () => {
    const before = handles();
    const report = await runConformance({ url, level: 'MAY' });
    expect(report.summary.failed).toBe(0);
    // the server side of a closed connection needs a turn or two to go: 300 ms, far below keep-alive's 4 s or a 5 s timer
    expect(await leftOver(before, 300)).toEqual({});
  }, 60_000);
});
