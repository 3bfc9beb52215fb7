import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { PROFILES, flows, type Profile } from '../../spec/index.js';
import { runFlow } from '../../suites/flows/runner.js';
import { prepareFlow } from '../../suites/flows/setup.js';
import { startMock, type Started } from './harness.js';
import { levelIn } from '../../spec/profiles.js';

describe.each(PROFILES)('every spec flow against the mock (%s)', (profile: Profile) => {
  let s: Started;
  beforeAll(async () => {
    s = await startMock(profile);
  });
  afterAll(async () => {
    await s.mock.close();
  });

  const ofProfile = flows.filter((f) => levelIn(f.profiles, profile));
  it.each(ofProfile.map((f) => [f.id, f] as const))('%s', async (_id, flow) => {
    const fixture = await prepareFlow({ url: s.url }, flow);
    const run = await runFlow(flow, profile, { url: s.url }, fixture.ctx, fixture.entities);
    await fixture.cleanup();
    expect(run.findings, JSON.stringify(run.steps.map((st) => st.timelines), null, 1).slice(0, 3000)).toEqual([]);
    expect(s.violations).toEqual([]);
  });
});

describe('the flow runner catches a broken server', () => {
  const flow = (id: string) => {
    const f = flows.find((x) => x.id === id);
    if (!f) throw new Error(id);
    return f;
  };

  async function runAgainst(profile: Profile, id: string, breakIt: (s: Started) => void) {
    const s = await startMock(profile);
    try {
      breakIt(s);
      const fixture = await prepareFlow({ url: s.url }, flow(id));
      const run = await runFlow(flow(id), profile, { url: s.url }, fixture.ctx, fixture.entities);
      return run.findings.map((f) => `${f.actor}: ${f.message}`);
    } finally {
      await s.mock.close();
    }
  }

  it('a dropped messageAck', async () => {
    const findings = await runAgainst('elizaos-1.7', 'flow.send', (s) => s.mock.use({ kind: 'socket-out', event: 'messageAck', transform: () => null }));
    expect(findings).toEqual([expect.stringMatching(/^sender: expected server\.messageAck once; arrived: messageBroadcast@/)]);
  });

  it('a broadcast delivered twice', async () => {
    const findings = await runAgainst('documented', 'flow.send', (s) => s.mock.context.faults.set({ events: { messageBroadcast: { duplicate: 1 } } }));
    expect(findings).toEqual(expect.arrayContaining([expect.stringMatching(/^member: expected server\.messageBroadcast exactly once, it arrived 2 times/)]));
  });

  it('an agent reply carrying channelId (1.7.2 V2 has none)', async () => {
    const findings = await runAgainst('elizaos-1.7', 'flow.agent-reply', (s) =>
      s.mock.use({ kind: 'socket-out', event: 'messageBroadcast', transform: (p) => ((p as { serverId?: string }).serverId ? { ...(p as object), channelId: (p as { roomId: string }).roomId } : p) }),
    );
    expect(findings).toEqual(expect.arrayContaining([expect.stringMatching(/^user: expected server\.messageBroadcast\.v2 once/)]));
  }, 30_000);

  it('a documented agent reply without messageComplete', async () => {
    const findings = await runAgainst('documented', 'flow.agent-reply', (s) => s.mock.use({ kind: 'socket-out', event: 'messageComplete', transform: () => null }));
    expect(findings).toEqual(expect.arrayContaining([expect.stringMatching(/^user: expected server\.messageComplete once/), expect.stringMatching(/^member: expected server\.messageComplete once/)]));
  }, 30_000);

  it('an event leaking to a socket outside the room', async () => {
    const findings = await runAgainst('elizaos-1.7', 'flow.rest.channel-clear', (s) =>
      s.mock.use({ kind: 'socket-out', event: 'channelCleared', transform: (p) => {
        const io = s.mock.io;
        for (const socket of io.sockets.sockets.values()) socket.emit('channelCleared', p as { channelId: string });
        return null;
      } }),
    );
    expect(findings).toEqual([expect.stringMatching(/^outsider: expected no event; arrived: channelCleared@/)]);
  });
});
