import { describe, expect, it } from 'vitest';
import { DeliveryTracker, parseMessageText } from '../../suites/load/index.js';

// 6 clients over 2 rooms (client c in room c % 2); messages alternate between senders 0 and 1.
const tracker = () => new DeliveryTracker({ runId: 'run1', roomOf: [0, 1, 0, 1, 0, 1], senderOf: (seq) => seq % 2 });

describe('DeliveryTracker', () => {
  it('parses the message text it sends', () => {
    expect(parseMessageText('run1:42@1234.567')).toEqual({ runId: 'run1', seq: 42 });
    expect(parseMessageText('echo: hi')).toBeUndefined();
    expect(parseMessageText(undefined)).toBeUndefined();
  });

  it('counts member deliveries, ignores the sender copy, and records completion once the last member has it', () => {
    const t = tracker();
    t.onSend(0, 100);
    t.onBroadcast(0, 'run1:0@100', 101);
    t.onBroadcast(2, 'run1:0@100', 103);
    expect({ pending: t.pending, lost: t.lost }).toEqual({ pending: 1, lost: 1 });
    t.onBroadcast(4, 'run1:0@100', 105);
    expect({ expected: t.expected, delivered: t.delivered, pending: t.pending, lost: t.lost }).toEqual({ expected: 2, delivered: 2, pending: 0, lost: 0 });
    expect(t.completion.summary().max).toBeCloseTo(5, 1);
    expect(t.skew.summary().max).toBeCloseTo(2, 1);
  });

  it('counts a message of another generator of the same run (--workers) as cross-room, of any other run as foreign', () => {
    const t = new DeliveryTracker({ runId: 'fam.0', roomOf: [0, 0], senderOf: () => 0 });
    t.onBroadcast(1, 'fam.1:3@100', 101);
    t.onBroadcast(1, 'other.1:3@100', 101);
    t.onBroadcast(1, 'run1:3@100', 101);
    expect({ crossRoom: t.crossRoom, foreign: t.foreign }).toEqual({ crossRoom: 1, foreign: 2 });
  });

  it('counts a second copy as duplicated (before and after completion), another room as cross-room, other text as foreign', () => {
    const t = tracker();
    t.onSend(0, 100);
    t.onBroadcast(2, 'run1:0@100', 101);
    t.onBroadcast(2, 'run1:0@100', 102);
    t.onBroadcast(4, 'run1:0@100', 103);
    t.onBroadcast(4, 'run1:0@100', 104);
    t.onBroadcast(1, 'run1:0@100', 105);
    t.onBroadcast(3, 'other:0@100', 106);
    t.onBroadcast(3, 'run1:9@100', 107);
    expect({ delivered: t.delivered, duplicated: t.duplicated, crossRoom: t.crossRoom, foreign: t.foreign }).toEqual({ delivered: 2, duplicated: 2, crossRoom: 1, foreign: 2 });
  });
});
