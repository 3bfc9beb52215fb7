import { createServer, type RequestListener, type Server } from 'node:http';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { createMockServer, type MockServer } from '../../mock-server/index.js';
import { preflight, preflightLine, type PreflightResult } from '../../suites/index.js';
import { unreachableReason } from '../../suites/unreachable.js';
import { cli } from '../helpers/cli.js';
import { freePort } from '../helpers/ports.js';

const servers: Server[] = [];
function serve(handler: RequestListener): Promise<string> {
  const server = createServer(handler);
  servers.push(server);
  return new Promise((resolve) => server.listen(0, '127.0.0.1', () => resolve(`http://127.0.0.1:${(server.address() as { port: number }).port}`)));
}

let staticUrl = '';
let lockedUrl = '';
let mock: MockServer;
let mockUrl = '';
beforeAll(async () => {
  staticUrl = await serve((req, res) => {
    if (req.url === '/') res.writeHead(200, { 'content-type': 'text/html' }).end('<!doctype html><h1>my site</h1>');
    else res.writeHead(404, { 'content-type': 'text/html' }).end('<h1>Not Found</h1>');
  });
  lockedUrl = await serve((req, res) => {
    if (req.headers['x-api-key'] === 'right') res.writeHead(200, { 'content-type': 'application/json' }).end('{"pong":true,"timestamp":1}');
    else res.writeHead(401, { 'content-type': 'application/json' }).end('{"error":"API key required","message":"Missing or invalid X-API-KEY header"}');
  });
  mock = createMockServer({ logLevel: 'silent', thinkMs: 0 });
  mockUrl = await mock.listen(0, '127.0.0.1');
});
afterAll(async () => {
  await mock.close();
  await Promise.all(servers.map((s) => new Promise((r) => s.close(r))));
});

const kind = (r: PreflightResult) => (r.ok ? 'ok' : r.kind);

describe('preflight', () => {
  it('passes an ElizaOS server (the mock), and a locked one given the right key', async () => {
    expect(await preflight(mockUrl)).toEqual({ ok: true, url: mockUrl });
    expect(kind(await preflight(lockedUrl, { apiKey: 'right' }))).toBe('ok');
  });

  it('names a static file server as not ElizaOS, with what it answered', async () => {
    const r = await preflight(staticUrl);
    expect(kind(r)).toBe('not-elizaos');
    if (!r.ok) expect(preflightLine(r)).toMatch(/is not an ElizaOS server \(GET \/api\/server\/ping answered 404 with an HTML page.*; pass the base URL of an ElizaOS server/);
  });

  it('asks for --api-key on a 401 without one; with one, leaves the 401 to the auth checks', async () => {
    const none = await preflight(lockedUrl);
    expect(kind(none)).toBe('needs-api-key');
    if (!none.ok) expect(none.fix).toMatch(/^pass --api-key/);
    expect(kind(await preflight(lockedUrl, { apiKey: 'wrong' }))).toBe('ok');
  });

  it('says to drop the path of a base URL with one', async () => {
    const r = await preflight(`${mockUrl}/api`);
    expect(r).toMatchObject({ ok: false, kind: 'path', fix: `drop the path: pass ${mockUrl}` });
  });

  it('names the cause of an unreachable target: a closed port, TLS to a plain HTTP server', async () => {
    const closed = await preflight(`http://127.0.0.1:${await freePort()}`);
    expect(closed).toMatchObject({ ok: false, kind: 'unreachable', found: expect.stringMatching(/ECONNREFUSED \(nothing listens on 127\.0\.0\.1:\d+\)/) });
    const tls = await preflight(mockUrl.replace('http:', 'https:'));
    expect(tls).toMatchObject({ ok: false, kind: 'unreachable', found: expect.stringMatching(/ERR_SSL_WRONG_VERSION_NUMBER.*does not speak TLS/), fix: `use ${mockUrl}` });
  });

  it('walks the cause chain of a DNS failure to its code', () => {
    const error = new TypeError('fetch failed', { cause: Object.assign(new Error('getaddrinfo ENOTFOUND eliza.invalid'), { code: 'ENOTFOUND' }) });
    expect(unreachableReason(error, new URL('http://eliza.invalid:3000'), 5000)).toEqual({ reason: 'ENOTFOUND (the host name eliza.invalid does not resolve)', fix: 'check the spelling of the host' });
  });
});

describe('check and diff stop at the preflight with one line and exit 2', () => {
  it.each([
    ['a static file server', () => [staticUrl], /is not an ElizaOS server .*; pass the base URL/],
    ['a 401 without a key', () => [lockedUrl], /answers 401 without an API key; pass --api-key/],
    ['a base URL with a path', () => [`${mockUrl}/api`], /has a path \(\/api\); drop the path: pass http:\/\/127\.0\.0\.1:\d+$/],
  ])('check: %s', async (_, args, line) => {
    const { code, stdout, stderr } = await cli('check', ...args());
    expect(code).toBe(2);
    expect(stdout).toBe('');
    expect(stderr.trimEnd().split('\n')).toHaveLength(1);
    expect(stderr.trimEnd()).toMatch(line);
  });

  it('diff: the server that fails, in one line', async () => {
    const { code, stdout, stderr } = await cli('diff', mockUrl, staticUrl);
    expect(code).toBe(2);
    expect(stdout).toBe('');
    expect(stderr.trimEnd().split('\n')).toEqual([expect.stringMatching(new RegExp(`^eliza-wire: ${staticUrl} is not an ElizaOS server`))]);
  });
});
