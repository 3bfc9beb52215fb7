import { writeFile } from 'node:fs/promises';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { CliIo } from '../../bin/io.js';
import { run } from '../../bin/program.js';
import { createMockServer, type MockServer } from '../../mock-server/index.js';
import { ConnectResult, RestResult, RoundtripResult, runConnect, runRest, runRoundtrip } from '../../suites/load/index.js';

let mock: MockServer;
let url = '';
beforeAll(async () => {
  mock = createMockServer({ logLevel: 'silent', thinkMs: 0 });
  url = await mock.listen(0, '127.0.0.1');
});
afterAll(() => mock.close());

describe('connect and rest scenarios against the mock', () => {
  it('connect: every client connects and joins, with ordered times', async () => {
    const result = ConnectResult.parse(await runConnect({ url, clients: 50, rooms: 5, rate: 200 }));
    expect(result.joined).toBe(50);
    expect(result.failures).toEqual({});
    expect(result.latency.connect.p50).toBeLessThanOrEqual(result.latency.joined.max);
    expect(result.throughput.connectsPerSec).toBeGreaterThan(0);
  });

  it('rest: reads the endpoints with no errors and no non-2xx', async () => {
    const result = RestResult.parse(await runRest({ url, connections: 4, amount: 300 }));
    expect(result.requests).toBeGreaterThanOrEqual(300);
    expect(result.errors).toBe(0);
    expect(result.non2xx).toEqual({});
  });

  it('bench without a URL starts the mock in a child process, prints the table and exits 0', async () => {
    let stdout = '';
    let stderr = '';
    const io: CliIo = { stdout: (t) => (stdout += t), stderr: (t) => (stderr += t), writeFile: (p, c) => writeFile(p, c, 'utf8') };
    const code = await run(['bench', '--clients', '8', '--rooms', '2', '--rate', '100', '--messages', '100', '--threshold', 'lost<1'], io);
    expect({ code, stderr }).toEqual({ code: 0, stderr: expect.any(String) });
    expect(stdout).toMatch(/^fanout http:\/\/127\.0\.0\.1:\d+: 8 clients/);
    expect(stdout).toContain('300/300 delivered, 0 lost, 0 duplicated, 0 cross-room');
    expect(stdout.trimEnd().split('\n').at(-1)).toBe('PASSED');
  });
});

describe('roundtrip scenario', () => {
  it('times the first chunk, the reply and messageComplete (documented profile) of every message', async () => {
    const documented = createMockServer({ logLevel: 'silent', thinkMs: 0, profile: 'documented' });
    const target = await documented.listen(0, '127.0.0.1');
    try {
      const result = RoundtripResult.parse(await runRoundtrip({ url: target, users: 3, rate: 50, messages: 60 }));
      expect({ replied: result.replied, unanswered: result.unanswered }).toEqual({ replied: 60, unanswered: 0 });
      expect(result.latency.firstChunk.count).toBe(60);
      expect(result.latency.complete.count).toBe(60);
      expect(result.latency.firstChunk.p50).toBeLessThanOrEqual(result.latency.complete.max);
    } finally {
      await documented.close();
    }
  });

  it('reports no messageComplete on the elizaos-1.7 profile, which has none', async () => {
    const result = await runRoundtrip({ url, users: 1, rate: 50, messages: 20 });
    expect(result.replied).toBe(20);
    expect(result.latency.complete.count).toBe(0);
  });
});
