import { mkdtemp, readFile, rm } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { BenchOutcome } from '../../suites/load/index.js';
import { startBareServer } from './bare-server.js';
import { cli } from '../helpers/cli.js';

let dir = '';
beforeAll(async () => {
  dir = await mkdtemp(join(tmpdir(), 'eliza-wire-bench-'));
});
afterAll(async () => {
  await rm(dir, { recursive: true, force: true });
});

// 20 clients over 4 rooms: 5 members, so 4 member deliveries per message; 300 messages.
const LOAD = ['--clients', '20', '--rooms', '4', '--rate', '300', '--messages', '300'];

describe('eliza-wire bench against broken servers', () => {
  it('exits 1 and reports the exact lost count when every 50th broadcast is dropped', async () => {
    const server = await startBareServer({ dropEvery: 50 });
    const json = join(dir, 'drop.json');
    try {
      const { code, stdout } = await cli('bench', server.url, ...LOAD, '--json', json);
      const outcome = BenchOutcome.parse(JSON.parse(await readFile(json, 'utf8')));
      expect(code).toBe(1);
      expect(outcome.result.scenario === 'fanout' && outcome.result.lost).toBe(6 * 4);
      expect(outcome.passed).toBe(false);
      expect(stdout).toContain('24 lost');
      expect(stdout).toMatch(/FAILED: 24 lost/);
    } finally {
      await server.close();
    }
  });

  it('exits 1 when a server delivers messages into the wrong room', async () => {
    const server = await startBareServer({ wrongRoomEvery: 10 });
    const json = join(dir, 'cross.json');
    try {
      const { code, stdout } = await cli('bench', server.url, ...LOAD, '--json', json);
      const outcome = BenchOutcome.parse(JSON.parse(await readFile(json, 'utf8')));
      expect(code).toBe(1);
      expect(outcome.result.scenario === 'fanout' && outcome.result.crossRoom).toBeGreaterThan(0);
      expect(outcome.result.scenario === 'fanout' && outcome.result.lost).toBe(0);
      expect(stdout).toMatch(/FAILED: \d+ cross-room/);
    } finally {
      await server.close();
    }
  });

  it('with --workers 2: the exact lost count, and deliveries into another worker\'s room caught as cross-room', { timeout: 40_000 }, async () => {
    const dropping = await startBareServer({ dropEvery: 50 });
    try {
      const { code, stdout } = await cli('bench', dropping.url, ...LOAD, '--workers', '2');
      expect({ code, lost: /(\d+) lost/.exec(stdout)?.[1] }).toEqual({ code: 1, lost: '24' });
    } finally {
      await dropping.close();
    }
    const misrouting = await startBareServer({ wrongRoomEvery: 10 });
    const json = join(dir, 'cross-workers.json');
    try {
      const { code } = await cli('bench', misrouting.url, ...LOAD, '--workers', '2', '--json', json);
      const outcome = BenchOutcome.parse(JSON.parse(await readFile(json, 'utf8')));
      expect(code).toBe(1);
      expect(outcome.result.workers).toHaveLength(2);
      expect(outcome.result.scenario === 'fanout' && outcome.result.crossRoom).toBeGreaterThan(0);
    } finally {
      await misrouting.close();
    }
  });

  it('exits 0 against a correct server when every threshold holds, and 1 when one breaks', async () => {
    const server = await startBareServer();
    try {
      expect((await cli('bench', server.url, ...LOAD, '--threshold', 'p99<5s', '--threshold', 'lost<1')).code).toBe(0);
      const broken = await cli('bench', server.url, ...LOAD, '--threshold', 'p50<0.001us');
      expect(broken.code).toBe(1);
      expect(broken.stdout).toContain('FAILED: p50<0.001us (actual');
    } finally {
      await server.close();
    }
  });

  it('exits 2 with one line when the target is unreachable', async () => {
    const server = await startBareServer();
    await server.close();
    const { code, stderr } = await cli('bench', server.url, '--clients', '2', '--rooms', '1', '--messages', '1');
    expect(code).toBe(2);
    expect(stderr.split('\n')[0]).toMatch(/^eliza-wire: cannot reach http:\/\/127\.0\.0\.1:\d+/);
  });
});
