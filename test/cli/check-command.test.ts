import { mkdtemp, readFile, rm } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { Ajv2020 } from 'ajv/dist/2020.js';
import { XMLParser } from 'fast-xml-parser';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { processIo } from '../../bin/io.js';
import { createMockServer, fail, rest, type MockServer } from '../../mock-server/index.js';
import { Report, reportJsonSchema } from '../../suites/index.js';
import { cli } from '../helpers/cli.js';
import { freePort } from '../helpers/ports.js';

let dir = '';
let broken: MockServer;
let brokenUrl = '';

beforeAll(async () => {
  dir = await mkdtemp(join(tmpdir(), 'eliza-wire-check-'));
  broken = createMockServer({ logLevel: 'silent', thinkMs: 0 });
  brokenUrl = await broken.listen();
  broken.use(rest('agents.list', () => fail('INTERNAL_ERROR', 'boom')));
});
afterAll(async () => {
  await broken.close();
  await rm(dir, { recursive: true, force: true });
});

describe('the CLI writing report files', () => {
  it('creates the folder of a report path that does not exist yet', async () => {
    const path = join(dir, 'reports', 'nested', 'check.xml');
    await processIo.writeFile(path, '<testsuites/>');
    expect(await readFile(path, 'utf8')).toBe('<testsuites/>');
  });
});

describe('eliza-wire check', () => {
  it('checks the built-in mock without a URL and exits 0, closing with the summary line', async () => {
    const { code, stdout } = await cli('check');
    expect(code).toBe(0);
    expect(stdout.trimEnd().split('\n').at(-1)).toMatch(/^\d+ passed, 0 failed, 3 skipped$/);
    expect(stdout).toContain('Results by domain');
    expect(stdout).toContain('Coverage (elizaos-1.7)');
  }, 60_000);

  it('exits 1 when a check fails, with the finding, its evidence and a curl to reproduce it', async () => {
    const { code, stdout } = await cli('check', brokenUrl, '--only', 'rest.reads.*');
    expect(code).toBe(1);
    expect(stdout).toMatch(/✗ rest\.reads\.conformance \[MUST\]/);
    expect(stdout).toMatch(/agents\.list: status 500 is not among the expected 200/);
    expect(stdout).toMatch(/reproduce:\n\s+curl -i -X GET 'http:\/\/127\.0\.0\.1:\d+\/api\/agents'/);
    expect(stdout.trimEnd().split('\n').at(-1)).toBe('0 passed, 1 failed, 0 skipped');
  }, 30_000);

  it.each([
    [async () => ['check', `http://127.0.0.1:${await freePort()}`], /^eliza-wire: cannot reach http:\/\/127\.0\.0\.1:\d+: ECONNREFUSED \(nothing listens on 127\.0\.0\.1:\d+\); is the server running\? .*\n$/],
    [async () => ['check', 'ftp://example'], /is not an http\(s\) URL/],
    [async () => ['check', '--only', 'nope.*'], /^eliza-wire: no check matches "nope\.\*"\n {2}list the checks/],
    [async () => ['check', '--reporter', 'xml'], /unknown reporter "xml"\n {2}use one of console, json, junit, markdown, html/],
    [async () => ['check', '--level', 'sometimes'], /argument 'sometimes' is invalid/],
    [async () => ['check', '--timeout', '5'], /--timeout must be a whole number from 100/],
  ])('exits 2 on a usage error or an unreachable target (%#)', async (args, message) => {
    const { code, stderr, stdout } = await cli(...(await args()));
    expect(code).toBe(2);
    expect(stdout).toBe('');
    expect(stderr).toMatch(message);
    expect(stderr).not.toMatch(/\n\s+at /);
  });
});

describe('reports', () => {
  it('writes JSON that its exported schema validates, JUnit that parses back, Markdown and self-contained HTML', async () => {
    const paths = { json: join(dir, 'r.json'), junit: join(dir, 'junit.xml'), md: join(dir, 'r.md'), html: join(dir, 'r.html') };
    const { code } = await cli('check', brokenUrl, '--only', 'rest.*', '--reporter', `json:${paths.json}`, '--reporter', `junit:${paths.junit}`, '--reporter', `markdown:${paths.md}`, '--reporter', `html:${paths.html}`);
    expect(code).toBe(1);
    const json = JSON.parse(await readFile(paths.json, 'utf8')) as unknown;
    const validate = new Ajv2020({ strict: false }).compile(reportJsonSchema());
    expect(validate(json), JSON.stringify(validate.errors)).toBe(true);
    expect(Report.parse(json).summary.failed).toBe(1);
    const junit = new XMLParser({ ignoreAttributes: false, attributeNamePrefix: '' }).parse(await readFile(paths.junit, 'utf8')) as { testsuites: { failures: string; testsuite: { name: string; testcase: { name: string; failure?: unknown }[] | { name: string } }[] | { name: string } } };
    expect(junit.testsuites.failures).toBe('1');
    const suites = [junit.testsuites.testsuite].flat() as { testcase: { name: string; failure?: { message: string } } | { name: string; failure?: { message: string } }[] }[];
    const cases = suites.flatMap((s) => [s.testcase].flat());
    expect(cases.map((c) => c.name)).toContain('rest.reads.conformance');
    expect(cases.find((c) => c.name === 'rest.reads.conformance')?.failure?.message).toMatch(/agents\.list: status 500/);
    const md = await readFile(paths.md, 'utf8');
    expect(md).toMatch(/^## eliza-wire: ❌ does not conform \(elizaos-1\.7, level MUST\)/);
    const page = await readFile(paths.html, 'utf8');
    expect(page).toMatch(/<h1>eliza-wire: <span class="failed">does not conform<\/span><\/h1>/);
    expect(page).toContain('Spec coverage: REST');
    expect(page).not.toMatch(/<script|<link|src="http/);
  }, 60_000);

  it('never writes the API keys, in any reporter', async () => {
    const mock = createMockServer({ logLevel: 'silent', thinkMs: 0, authToken: 'sekrit-rest-key-123', socketApiKey: 'sekrit-socket-key-456' });
    const url = await mock.listen();
    mock.use(rest('server.ping', () => fail('INTERNAL_ERROR', 'boom sekrit-rest-key-123')));
    try {
      const files = ['json', 'junit', 'markdown', 'html'].map((r) => [r, join(dir, `secret.${r}`)] as const);
      const { stdout } = await cli('check', url, '--api-key', 'sekrit-rest-key-123', '--socket-api-key', 'sekrit-socket-key-456', '--only', 'rest.*,socket.handshake.*', ...files.flatMap(([r, p]) => ['--reporter', `${r}:${p}`]), '--reporter', 'console');
      const outputs = [stdout, ...(await Promise.all(files.map(([, p]) => readFile(p, 'utf8'))))];
      for (const text of outputs) {
        expect(text).not.toContain('sekrit-rest-key-123');
        expect(text).not.toContain('sekrit-socket-key-456');
      }
      expect(outputs.join('')).toContain('[redacted]');
    } finally {
      await mock.close();
    }
  }, 60_000);
});
