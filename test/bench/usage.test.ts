import { createServer, type Server } from 'node:http';
import type { AddressInfo } from 'node:net';
import { mkdtemp, rm, writeFile } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { createMockServer, type MockServer } from '../../mock-server/index.js';
import { freePort } from '../helpers/ports.js';
import { spawnCli } from './processes.js';

let dir = '';
let mock: MockServer;
let mockUrl = '';
const servers: Server[] = [];

async function serve(handler: Parameters<typeof createServer>[1]): Promise<string> {
  const server = createServer(handler);
  servers.push(server);
  await new Promise<void>((r) => server.listen(0, '127.0.0.1', r));
  return `http://127.0.0.1:${(server.address() as AddressInfo).port}`;
}

beforeAll(async () => {
  dir = await mkdtemp(join(tmpdir(), 'eliza-wire-bench-usage-'));
  mock = createMockServer({ logLevel: 'silent', thinkMs: 0 });
  mockUrl = await mock.listen(0, '127.0.0.1');
});
afterAll(async () => {
  await mock.close();
  await Promise.all(servers.map((s) => new Promise<void>((r) => s.close(() => r()))));
  await rm(dir, { recursive: true, force: true });
});

/** Runs bench as a process; a usage error must come before any load (well under the 60 s it would run). */
async function bench(...args: string[]): Promise<{ code: number; stdout: string; stderr: string; ms: number }> {
  const started = Date.now();
  const p = spawnCli(['bench', ...args]);
  const code = await p.exited;
  return { code, stdout: p.stdout(), stderr: p.stderr(), ms: Date.now() - started };
}

const LONG = ['--clients', '4', '--rooms', '2', '--duration', '60'];

describe('eliza-wire bench preflight: one line, exit 2, before any load', () => {
  it('a server that is not ElizaOS (a static HTML page)', { timeout: 30_000 }, async () => {
    const url = await serve((_req, res) => res.writeHead(200, { 'content-type': 'text/html' }).end('<html><body>hello</body></html>'));
    const r = await bench(url, ...LONG);
    expect({ code: r.code, lines: r.stderr.trim().split('\n').length, stdout: r.stdout }).toEqual({ code: 2, lines: 1, stdout: '' });
    expect(r.stderr).toMatch(/^eliza-wire: http:\/\/127\.0\.0\.1:\d+ is not an ElizaOS server \(GET \/api\/server\/ping answered 200 with an HTML page/);
  });

  it('a base URL with a path', { timeout: 30_000 }, async () => {
    const r = await bench(`${mockUrl}/api`, ...LONG);
    expect({ code: r.code, lines: r.stderr.trim().split('\n').length }).toEqual({ code: 2, lines: 1 });
    expect(r.stderr).toContain(`has a path (/api); drop the path: pass ${mockUrl}`);
  });

  it('a server answering 401 when no --api-key was given', { timeout: 30_000 }, async () => {
    const url = await serve((_req, res) => res.writeHead(401, { 'content-type': 'application/json' }).end('{"success":false,"error":{"code":"UNAUTHORIZED"}}'));
    const r = await bench(url, ...LONG);
    expect({ code: r.code, lines: r.stderr.trim().split('\n').length }).toEqual({ code: 2, lines: 1 });
    expect(r.stderr).toContain('answers 401 without an API key; pass --api-key');
  });

  it('an unreachable target, with its cause', { timeout: 30_000 }, async () => {
    const r = await bench(`http://127.0.0.1:${await freePort()}`, ...LONG);
    expect({ code: r.code, lines: r.stderr.trim().split('\n').length }).toEqual({ code: 2, lines: 1 });
    expect(r.stderr).toMatch(/^eliza-wire: cannot reach http:\/\/127\.0\.0\.1:\d+: .*ECONNREFUSED.*or run without a URL to load the built-in mock/);
  });
});

describe('eliza-wire bench usage errors found before the run', () => {
  it('--profile with a URL is refused, naming the command that loads the built-in mock in that profile', { timeout: 30_000 }, async () => {
    const r = await bench(mockUrl, '--profile', 'documented', ...LONG);
    expect(r.code).toBe(2);
    expect(r.stderr).toContain("--profile chooses the built-in mock's behaviour");
    expect(r.stderr).toContain('eliza-wire bench --profile documented');
  });

  it('--json naming a folder, and --html under a file, are refused before the load starts', { timeout: 60_000 }, async () => {
    const folder = await bench(mockUrl, ...LONG, '--json', dir);
    expect({ code: folder.code, stdout: folder.stdout }).toEqual({ code: 2, stdout: '' });
    expect(folder.stderr).toMatch(/--json .* is a folder, not a file/);
    expect(folder.ms).toBeLessThan(30_000);
    const file = join(dir, 'plain.txt');
    await writeFile(file, 'x');
    const under = await bench(...LONG, '--html', join(file, 'report.html'));
    expect({ code: under.code, stdout: under.stdout }).toEqual({ code: 2, stdout: '' });
    expect(under.stderr).toMatch(/--html .*plain\.txt is not a folder/);
  });
});
