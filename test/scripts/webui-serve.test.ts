import { mkdtemp, mkdir, rm, writeFile } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { io } from 'socket.io-client';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { createMockServer, type MockServer } from '../../mock-server/index.js';
import { DEFAULT_AGENT } from '../../mock-server/state/state.js';
import { compareWalks, failures } from '../../scripts/webui/compare.js';
import type { StepRecord } from '../../scripts/webui/drive.js';
import { normalise } from '../../scripts/webui/normalise.js';
import { serveUi, type ServedUi } from '../../scripts/webui/serve-ui.js';
import { logsSummary } from '../../scripts/webui/steps.js';

describe('scripts/webui serveUi: the UI files on one origin, the server behind it', () => {
  let dir: string;
  let mock: MockServer;
  let ui: ServedUi;
  beforeAll(async () => {
    dir = await mkdtemp(join(tmpdir(), 'webui-'));
    await mkdir(join(dir, 'assets'));
    await writeFile(join(dir, 'index.html'), '<!doctype html><title>ui</title>');
    await writeFile(join(dir, 'assets/app.js'), 'export {}');
    mock = createMockServer({ logLevel: 'silent', thinkMs: 0 });
    ui = await serveUi(dir, await mock.listen(0, '127.0.0.1'));
  });
  afterAll(async () => {
    await ui.close();
    await mock.close();
    await rm(dir, { recursive: true, force: true });
  });

  it('serves files, answers index.html for client routes and refuses paths outside the folder', async () => {
    const js = await fetch(`${ui.url}/assets/app.js`);
    expect([js.status, js.headers.get('content-type'), await js.text()]).toEqual([200, 'text/javascript; charset=utf-8', 'export {}']);
    const route = await fetch(`${ui.url}/chat/some-agent/some-channel`);
    expect(await route.text()).toBe('<!doctype html><title>ui</title>');
    const outside = await fetch(`${ui.url}/%2e%2e/%2e%2e/etc/passwd`);
    expect(await outside.text()).toBe('<!doctype html><title>ui</title>');
  });

  it('proxies REST with its status, headers and body', async () => {
    const agents = await fetch(`${ui.url}/api/agents`);
    expect(agents.status).toBe(200);
    expect(((await agents.json()) as { data: { agents: { id: string }[] } }).data.agents.map((a) => a.id)).toContain(DEFAULT_AGENT.id);
    const missing = await fetch(`${ui.url}/api/agents/00000000-0000-4000-8000-00000000dead`);
    expect(missing.status).toBe(404);
  });

  it.each([['websocket'], ['polling']] as const)('proxies Socket.IO over %s (the upgrade too)', async (transport) => {
    const socket = io(ui.url, { transports: [transport], auth: { entityId: 'cccccccc-0000-4000-8000-00000000000c' }, reconnection: false });
    try {
      await new Promise<void>((resolve, reject) => {
        socket.once('connect', resolve);
        socket.once('connect_error', reject);
      });
      expect(socket.io.engine.transport.name).toBe(transport);
    } finally {
      socket.close();
    }
  });
});

describe('scripts/webui comparison', () => {
  const record = (id: string, lines: string[], extra: Partial<StepRecord> = {}): StepRecord => ({ id, lines, httpErrors: [], pageErrors: [], problems: [], screenshot: '', ...extra });

  it('normalises ids, times and the agent’s own name (whole words only)', () => {
    const lines = normalise('Eliza  replied\n\nElizaOS at 9:43 PM in 08ff49b6-f772-4327-96c4-3069c43a8c3b', { literals: [['Eliza', '<agent>']] });
    expect(lines).toEqual(['<agent> replied', 'ElizaOS at <time> in <uuid>']);
  });

  it('reduces a log view to whether it lists entries', () => {
    expect(logsSummary(['ALL', 'Info 14', 'Timestamp', 'Message', '<date>', 'some line', 'Clear All Logs'])).toEqual(['ALL', 'Info <n>', 'Timestamp', 'Message', '<log entries listed>', 'Clear All Logs']);
  });

  it('fails on an unexplained line, an HTTP error or a page error, and explains the known ones', () => {
    const mock = [record('send-3', ['hello one', 'hello one', 'echo: hello one']), record('panel-memories', ['Memories', '1'], { httpErrors: ['500 GET /api/x'] })];
    const reference = [record('send-3', ['<response><thought>x</thought></response>', 'hello one', 'echo: hello one']), record('panel-memories', ['Memories', '2'], { pageErrors: ['boom'] })];
    const comparisons = compareWalks(mock, reference);
    expect(comparisons[0]).toMatchObject({ onlyMock: [], onlyReference: [] });
    expect(comparisons[0]!.explained).toHaveLength(1);
    expect(failures(comparisons)).toEqual([
      'webui panel-memories: mock: HTTP 500 GET /api/x',
      'webui panel-memories: 1.7.2: page error: boom',
      'webui panel-memories: the page differs (only the mock: ["1"]; only 1.7.2: ["2"])',
    ]);
  });
});
