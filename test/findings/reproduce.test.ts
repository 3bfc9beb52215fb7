import { execFileSync } from 'node:child_process';
import { mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, describe, expect, it } from 'vitest';
import { createMockServer, socketOut } from '../../mock-server/index.js';
import { PROFILES, flowIn, flows, type Profile } from '../../spec/index.js';
import type { CheckContext } from '../../suites/check.js';
import { fill } from '../../suites/flows/template.js';
import { runConformance } from '../../suites/index.js';
import { handshakeScript, socketScript, type StepSent } from '../../suites/socket/reproduce.js';

const dir = mkdtempSync(join(tmpdir(), 'eliza-wire-reproduce-'));
afterAll(() => rmSync(dir, { recursive: true, force: true }));
let files = 0;

/** `node --check` on a snippet: throws with the syntax error when it does not parse. */
function parses(script: string): true {
  const file = join(dir, `snippet-${(files += 1)}.js`);
  writeFileSync(file, script);
  execFileSync(process.execPath, ['--check', file], { stdio: 'pipe' });
  return true;
}

const CHANNEL = '0c0c0c0c-0000-4000-8000-0000000000aa';
const PLACEHOLDER = /"\$(ctx|entity|text|uuid|action|response)\b/;

function context(profile: Profile): CheckContext {
  return { profile, target: { url: 'http://127.0.0.1:3000', apiKey: 'k', socketApiKey: 's' } } as unknown as CheckContext;
}

describe('reproduce snippets', () => {
  const cases = flows.flatMap((flow) => PROFILES.filter((p) => flowIn(flow, p)).map((profile) => [flow.id, profile, flow] as const));

  it.each(cases)('%s (%s): the replay script parses and carries the values sent, no placeholders', (_id, profile, flow) => {
    const view = flowIn(flow, profile)!;
    const entities = Object.fromEntries(Object.keys(view.actors).map((name, i) => [name, `0c0c0c0c-0000-4000-8000-00000000000${i}`]));
    const scope = { ctx: { channelId: CHANNEL, messageServerId: '00000000-0000-0000-0000-000000000000', agentId: CHANNEL, messageId: CHANNEL }, entities, text: 'hello' };
    const steps: StepSent[] = view.steps.map((step, index) => {
      const a = step.action;
      if (a.kind === 'emit') return { index, action: fill(a.payload, scope) };
      if (a.kind === 'rest') return { index, action: { params: fill(a.params ?? {}, scope), body: fill(a.body, scope) } };
      return { index, action: undefined };
    });
    const script = socketScript(context(profile), flow, { channelId: CHANNEL }, steps, entities);
    expect(parses(script)).toBe(true);
    expect(script).not.toMatch(PLACEHOLDER);
    expect(script).toContain(CHANNEL);
    expect(script).not.toContain("'k'");
    expect(script).not.toContain('"s"');
  });

  it('the handshake script parses and takes the socket key from the environment', () => {
    const script = handshakeScript('http://127.0.0.1:3000', { entityId: "it's not a uuid", apiKey: 'secret' });
    expect(parses(script)).toBe(true);
    expect(script).not.toContain('secret');
    expect(script).toContain('process.env.ELIZA_SOCKET_KEY');
  });
});

describe('findings that explain themselves', () => {
  it('a broadcast of the wrong shape names the failing field paths, and its reproduce script replays the real values', async () => {
    const mock = createMockServer({ profile: 'elizaos-1.7', logLevel: 'silent', thinkMs: 0 });
    const url = await mock.listen();
    mock.use(socketOut('messageBroadcast', (p) => {
      const { senderId: _dropped, ...rest } = p as Record<string, unknown>;
      return { ...rest, createdAt: 'yesterday' };
    }));
    try {
      const report = await runConformance({ url, profile: 'elizaos-1.7', level: 'MAY', only: ['socket.send.broadcast-exactly-once'], timeoutMs: 3000 });
      const findings = report.checks[0]?.findings ?? [];
      const member = findings.find((f) => f.message.startsWith('member:'));
      expect(member?.message, findings.map((f) => f.message).join('\n')).toMatch(/messageBroadcast@\d+ms did not count: its payload does not fit the elizaos-1\.7 schema.*senderId: Invalid input/);
      expect(member?.message).toMatch(/createdAt/);
      expect(parses(member!.reproduce)).toBe(true);
      expect(member!.reproduce).not.toMatch(PLACEHOLDER);
      expect(member!.reproduce).toMatch(/"channelId":"[0-9a-f-]{36}"/);
    } finally {
      await mock.close();
    }
  });

  it('a REST-triggered flow gives a script that parses, with the REST call and the real ids', async () => {
    const mock = createMockServer({ profile: 'elizaos-1.7', logLevel: 'silent', thinkMs: 0 });
    const url = await mock.listen();
    mock.use(socketOut('channelUpdated', () => null));
    try {
      const report = await runConformance({ url, profile: 'elizaos-1.7', level: 'MAY', only: ['rest-socket.channel-update'], timeoutMs: 3000 });
      const finding = report.checks[0]?.findings[0];
      expect(finding).toBeDefined();
      expect(parses(finding!.reproduce)).toBe(true);
      expect(finding!.reproduce).toMatch(/await fetch\(url \+ "\/api\/messaging\/[^"]*[0-9a-f-]{36}/);
      expect(finding!.reproduce).not.toMatch(PLACEHOLDER);
    } finally {
      await mock.close();
    }
  });
});
