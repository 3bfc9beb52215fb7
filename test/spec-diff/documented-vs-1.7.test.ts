import { describe, expect, it } from 'vitest';
import { DIFF_RULES, diffSpecs, failsOn, type SpecChange } from '../../spec/diff/index.js';
import { PROFILES } from '../../spec/profiles.js';

const diff = diffSpecs({ profile: 'documented' }, { profile: 'elizaos-1.7' });
const find = (specId: string, rule: string) => diff.changes.filter((c) => c.specId === specId && c.rule === rule);

describe('spec diff documented → elizaos-1.7', () => {
  it('reports the socket events 1.7.2 never sends as removed and breaking', () => {
    for (const id of ['server.messageComplete', 'server.userJoined', 'server.userLeft', 'server.userTyping', 'server.controlMessage', 'client.typing']) {
      expect(find(id, 'socket-event-removed'), id).toEqual([expect.objectContaining({ level: 'error', breaking: true, area: 'socket' })]);
    }
  });

  it('reports that a client now gets authenticated on connect, and that the event is now a MUST', () => {
    expect(find('flow.connect', 'flow-event-now-comes')).toEqual([expect.objectContaining({ breaking: false, message: 'after client connects, client now also gets authenticated' })]);
    expect(find('server.authenticated', 'level-strengthened')).toEqual([expect.objectContaining({ params: { from: 'MAY', to: 'MUST' } })]);
  });

  it('reports the presence events a flow no longer delivers', () => {
    expect(find('flow.join', 'flow-event-no-longer-comes').map((c) => c.params.event)).toContain('userJoined');
    expect(find('flow.disconnect', 'flow-event-no-longer-comes').map((c) => c.params.event)).toContain('userLeft');
  });

  it('reports the handshake entityId that 1.7.2 requires as breaking', () => {
    expect(find('handshake', 'request-field-became-required')).toEqual([expect.objectContaining({ breaking: true, message: 'handshake auth: entityId is now required' })]);
  });

  it('reports the deprecated routes 1.7.2 still mounts as added, not breaking', () => {
    const added = diff.changes.filter((c) => c.rule === 'rest-operation-added');
    expect(added.map((c) => c.specId)).toContain('messaging.central-channels.messages.create');
    expect(added.every((c) => !c.breaking)).toBe(true);
  });

  it('reports the documented success envelope turned into 1.7.2 styles as breaking', () => {
    expect(find('agents.create', 'response-envelope-changed').find((c) => c.params.status === '201')).toMatchObject({ breaking: true, params: { from: 'documented', to: 'E1' } });
  });

  it('gives every change a known rule whose level it carries, and fails on breaking', () => {
    for (const c of diff.changes) expect(c.level, c.rule).toBe(DIFF_RULES[c.rule].level);
    expect(diff.breaking).toBe(true);
    expect(failsOn(diff, 'breaking')).toBe(true);
  });

  it('is deterministic: sorted, without duplicates, the same on a second run', () => {
    const again = diffSpecs({ profile: 'documented' }, { profile: 'elizaos-1.7' });
    expect(again).toEqual(diff);
    const key = (c: SpecChange) => `${['rest', 'socket', 'handshake', 'flow'].indexOf(c.area)} ${c.specId}`;
    const keys = diff.changes.map(key);
    expect(keys).toEqual([...keys].sort((a, b) => (Number(a[0]) - Number(b[0])) || (a < b ? -1 : a > b ? 1 : 0)));
    expect(new Set(diff.changes.map((c) => JSON.stringify(c))).size).toBe(diff.changes.length);
  });

  it('finds no change from any profile to itself', () => {
    for (const profile of PROFILES) {
      const self = diffSpecs({ profile }, { profile });
      expect(self.changes, profile).toEqual([]);
      expect(failsOn(self, 'warning')).toBe(false);
    }
  });
});
